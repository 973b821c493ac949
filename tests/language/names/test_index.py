"""The name index built from plain records: what it knows each name as."""

from __future__ import annotations

from assistant.language.names import CustomerRecord, NameIndex, ProductRecord

from .conftest import index_of


def test_names_are_kept_cleaned_once_each_with_households_as_labels():
    index = index_of(CustomerRecord(1, "王秀英", ("王阿姨", "王秀英", "Auntie  Wang!"), "3栋"),
                     CustomerRecord(2, "李建国"))
    # An alias written like the name is not a second form; Latin forms are cleaned (case, punctuation).
    assert index.customers.forms == ["王秀英", "王阿姨", "auntie wang", "李建国"]
    assert [e.label for e in index.customers.entries] == ["王秀英 (3栋)", "李建国"]
    assert index.longest_form == len("low sodium soy sauce")


def test_categories_group_their_products():
    index = NameIndex.from_records([], [ProductRecord(1, "东北大米", (), "米"), ProductRecord(2, "泰国香米", (), " 米 "),
                                        ProductRecord(3, "食盐")])
    assert {c: [index.products.entries[i].name for i in members] for c, members in index.categories.items()} == {
        "米": ["东北大米", "泰国香米"]}


def test_forms_of_address_bring_their_variants_in_both_languages():
    index = index_of(CustomerRecord(1, "李建国", ("李叔叔",)), CustomerRecord(2, "刘美玲", ("Linda Liu",)))
    phrases = index.chinese_phrases()
    assert {"李建国", "李叔叔", "李叔", "东北大米", "米"} <= set(phrases)
    assert "linda liu" not in phrases
    assert {"uncle li", "linda liu", "peanut oil"} <= set(index.english_forms.forms)


def test_an_empty_shop_has_an_empty_index():
    index = NameIndex.from_records([])
    assert (index.longest_form, index.chinese_phrases(), index.english_forms.forms) == (0, [], {})
