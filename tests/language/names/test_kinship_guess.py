"""A kinship address nobody has ("张大爷") fitting one of several 张s only by a familiar form is asked, not guessed."""

from __future__ import annotations

import pytest

from assistant.language.names import CustomerRecord, resolve_customer

from .conftest import index_of

THREE_ZHANGS = (CustomerRecord(1, "张丽", ("张姐",), "1栋"), CustomerRecord(2, "张红建", ("小张",), "2栋"),
                CustomerRecord(3, "张辉", (), "8栋"))


@pytest.mark.parametrize("typed", [True, False])
def test_an_unknown_kinship_address_offers_the_namesakes_of_that_sex(typed):
    found = resolve_customer(index_of(*THREE_ZHANGS), "张大爷", typed=typed)
    assert found.status == "ambiguous"
    assert sorted(c.name for c in found.candidates) == ["张红建", "张辉"]  # 张姐 is not 张大爷


def test_known_forms_of_address_still_resolve():
    index = index_of(*THREE_ZHANGS)
    for said, meant in [("小张", "张红建"), ("张姐", "张丽"), ("张辉", "张辉"), ("张大姐", "张丽")]:
        found = resolve_customer(index, said, typed=True)
        assert found.best is not None and found.best.name == meant, said


def test_a_familiar_form_still_fits_the_only_namesake():
    # One 张 only: 小张 is who 张大爷 can mean; the guess is not among several, so it stands.
    found = resolve_customer(index_of(CustomerRecord(2, "张红建", ("小张",))), "张大爷", typed=True)
    assert found.best is not None and found.best.name == "张红建"


def test_a_familiar_address_fits_a_kinship_one_as_before():
    found = resolve_customer(index_of(CustomerRecord(1, "王秀英", ("王阿姨",)), CustomerRecord(5, "王建林", ())),
                             "老王", typed=True)
    assert found.best is not None and found.best.name == "王秀英"  # 老王 says nothing of sex: not widened


def test_the_only_namesake_by_a_familiar_form_is_a_guess_to_own_up_to():
    from assistant.language.names.guesses import is_kinship_guess

    found = resolve_customer(index_of(CustomerRecord(4, "赵敏", ("小赵",))), "赵大爷", typed=True)
    best = found.best
    assert best is not None and is_kinship_guess("赵大爷", best.how, best.score)
    exact = resolve_customer(index_of(CustomerRecord(4, "赵敏", ("小赵",))), "小赵", typed=True).best
    assert not is_kinship_guess("小赵", exact.how, exact.score)
    li = resolve_customer(index_of(CustomerRecord(6, "李建国", ("李叔",))), "李大爷", typed=True).best
    assert li is not None and not is_kinship_guess("李大爷", li.how, li.score)  # same class: 叔 ≈ 大爷
