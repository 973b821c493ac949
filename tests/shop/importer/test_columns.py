"""The templates the import page offers: Chinese headers and an example row that imports as it is."""

from __future__ import annotations

import csv
import io

from assistant.shop.customers import find_customer
from assistant.shop.importer import KINDS, import_csv, template, template_bytes


def test_templates_have_chinese_headers_and_open_as_utf8_in_excel():
    rows = {kind: list(csv.reader(io.StringIO(template(kind)))) for kind in KINDS}
    assert rows["customers"][0] == [
        "姓名",
        "别名",
        "电话",
        "生日",
        "家庭",
        "标签",
        "备注",
        "同意营销",
        "推荐人",
    ]
    assert rows["products"][0] == ["商品", "别名", "类别", "单位", "价格", "库存", "适合"]
    assert rows["sales"][0] == ["日期", "顾客", "商品", "数量", "单位", "金额", "活动"]
    assert all(len(r) == 2 and len(r[0]) == len(r[1]) for r in rows.values())
    assert template_bytes("sales").startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8


def test_the_filled_in_templates_import(engine, session, shop_id, tmp_path):
    paths = {}
    for kind in KINDS:
        paths[kind] = tmp_path / f"{kind}.csv"
        paths[kind].write_bytes(template_bytes(kind))
    report = import_csv(engine, shop_id=shop_id, **paths)
    assert (report.customers_added, report.products_added, report.sales_added) == (1, 1, 1)
    aunt = find_customer(session, shop_id=shop_id, name="王阿姨")
    assert aunt.marketing_consent and aunt.phone == "13800001111"
