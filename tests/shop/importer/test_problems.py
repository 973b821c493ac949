"""Every bad row of a file is reported with its line, in Chinese and English, as plain data a page can
lay out (both databases)."""

from __future__ import annotations

import pytest

from assistant.shop.importer import ImportRejected, import_csv

HEADER = "姓名,别名,电话,生日,家庭,标签,备注,同意营销\n"


def test_every_bad_row_is_reported_with_its_line_in_both_languages(engine, session, shop_id, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(
        HEADER + "王秀英,,13800001111,03-15,,,,是\n"  # good
        "李建国,,打电话,,,,,是\n"
        ",无名,,,,,,\n"
        "张丽,,,02-30,,,,\n"
        "陈美玲,,,,,,,也许\n"
        "王秀英,,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, customers=path)
    rejected = error.value
    assert rejected.total == 5
    assert [(line, column) for line, column, _, _ in rejected.rows] == [
        (3, "phone"),
        (4, "name"),
        (5, "birthday"),
        (6, "marketing_consent"),
        (7, "name"),
    ]
    assert rejected.rows[0][2:] == ("电话“打电话”不是电话号码", "phone '打电话' is not a phone number")
    assert rejected.rows[1][2] == "姓名是空的" and rejected.rows[4][2] == "王秀英 已经在第2行"
    assert "只能填 是/否" in rejected.rows[3][2]
    zh, en, both = (rejected.message(language) for language in ("zh", "en", "auto"))
    assert zh.splitlines()[0] == "customers.csv 没有导入任何数据:请改正下面这些行后重新导入"
    assert "customers.csv 第3行:电话“打电话”不是电话号码" in zh and "phone" not in zh.splitlines()[1]
    assert en == str(rejected) and "customers.csv line 3: phone '打电话' is not a phone number" in en
    assert "第3行:电话“打电话”不是电话号码 · line 3: phone '打电话' is not a phone number" in both


def test_thousands_of_bad_rows_are_counted_and_the_message_stays_short(engine, shop_id, tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text(
        "date,customer,product,quantity,unit,amount\n" + "yesterday,,rice,1,袋,1\n" * 3000, encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, shop_id=shop_id, sales=path)
    assert error.value.total == 3000 and len(error.value.rows) == 1000
    assert str(error.value).endswith("… and 2990 more") and error.value.message("zh").endswith("还有 2990 处")
