"""Reading files as shops really save them, on both databases: encodings (UTF-8 with or without a BOM,
GBK/GB18030 from Chinese Excel and WPS, Big5), Chinese headers, and every kind of unreadable input
refused with a reason in both languages and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.shop.customers import find_customer
from assistant.shop.importer import ImportRejected, import_csv
from assistant.shop.products import find_product

CUSTOMERS_HEADER = "name,aliases,phone,birthday,household,tags,notes,marketing_consent"
CHINESE_CUSTOMERS = "姓名,别名,手机,生日,住址,标签,备注,接收消息,团长\n"
CHINESE_PRODUCTS = "名称,别名,分类,单位,单价,库存,适合\n"
CHINESE_SALES = "日期,客户,商品,数量,单位,金额,活动\n"


def _refused(engine, **files) -> ImportRejected:  # noqa: ANN001
    with pytest.raises(ImportRejected) as error:
        import_csv(engine, **files)
    return error.value


def test_utf8_bom_from_excel_is_accepted(engine, session, shop_id, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_bytes(
        "\ufeff".encode() + f"{CUSTOMERS_HEADER}\n刘淑珍,刘女士|Mrs Liu,,03-17,,,,yes\n".encode()
    )
    assert import_csv(engine, shop_id=shop_id, customers=path).customers_added == 1
    assert find_customer(session, shop_id=shop_id, name="mrs liu").birthday_day == 17


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_files_saved_by_chinese_excel_or_wps_are_read(engine, session, shop_id, tmp_path, encoding):
    path = tmp_path / "customers.csv"
    text = f"{CUSTOMERS_HEADER}\nWang,,,,,,,yes\n王秀英,王阿姨,,03-15,3栋2单元,高血压|低钠,要低钠酱油,yes\n"
    path.write_bytes(text.encode(encoding))
    assert import_csv(engine, shop_id=shop_id, customers=path).customers_added == 2
    aunt = find_customer(session, shop_id=shop_id, name="王阿姨")
    assert aunt.name == "王秀英" and aunt.household == "3栋2单元" and aunt.notes == "要低钠酱油"
    assert {t.name for t in aunt.tags} == {"高血压", "低钠"}


def test_a_gb18030_only_character_and_a_big5_file_are_read(engine, session, shop_id, tmp_path):
    rare = tmp_path / "customers.csv"
    rare.write_bytes(f"{CUSTOMERS_HEADER}\n𠮷祥,,,,,,,\n".encode("gb18030"))  # outside GBK
    assert import_csv(engine, shop_id=shop_id, customers=rare).customers_added == 1
    assert find_customer(session, shop_id=shop_id, name="𠮷祥") is not None
    big5 = tmp_path / "big5.csv"
    big5.write_bytes(
        (CUSTOMERS_HEADER + "\n陳美玲,陳團長,,,,,,\n黃麗華,黃姐,,,,,,\n劉淑貞,劉阿姨,,,,,,\n").encode("big5")
    )
    assert import_csv(engine, shop_id=shop_id, customers=big5).customers_added == 3
    assert find_customer(session, shop_id=shop_id, name="黃姐").name == "黃麗華"


def test_chinese_headers_import_all_three_files(engine, session, shop_id, tmp_path):
    customers, products, sales = tmp_path / "顾客.csv", tmp_path / "商品.csv", tmp_path / "销售.csv"
    customers.write_text(
        CHINESE_CUSTOMERS + "陈美玲,陈团长,13900009999,,,团购,,是,\n"
        "王秀英,王阿姨,13800001111,03-15,3栋2单元,高血压,,同意,陈美玲\n"
        "李建国,李叔,,,,,,不同意,\n张丽,,,,,,,否,\n",
        encoding="utf-8",
    )
    products.write_text(CHINESE_PRODUCTS + "低钠酱油,酱油,调料,瓶,¥15.8,20,高血压\n", encoding="utf-8")
    sales.write_text(CHINESE_SALES + "2026-03-02 10:00,王阿姨,酱油,2,瓶,31.6,满减券\n", encoding="utf-8")
    report = import_csv(engine, shop_id=shop_id, customers=customers, products=products, sales=sales)
    assert (report.customers_added, report.products_added, report.sales_added) == (4, 1, 1)
    aunt = find_customer(session, shop_id=shop_id, name="王阿姨")
    assert aunt.marketing_consent and aunt.referred_by.name == "陈美玲" and aunt.phone == "13800001111"
    assert not find_customer(session, shop_id=shop_id, name="李叔").marketing_consent
    soy = find_product(session, shop_id=shop_id, name="酱油")
    assert soy.category == "调料" and soy.stock == 20 and {t.name for t in soy.suits} == {"高血压"}


def test_a_header_naming_one_column_twice_is_refused(engine, session, shop_id, tmp_path, snapshot):
    path = tmp_path / "customers.csv"
    path.write_text(
        "姓名,名字,别名,电话,生日,家庭,标签,备注,同意营销\n王秀英,王秀英,,,,,,,是\n", encoding="utf-8"
    )
    refused = _refused(engine, customers=path)
    assert refused.rows == [
        (1, "name", "表头“姓名”和“名字”是同一列(name),请只保留一个", refused.problems[0].reason)
    ]
    assert "'姓名' and '名字' both mean name" in str(refused)


def test_missing_column_is_refused_in_both_languages(engine, session, shop_id, tmp_path, snapshot):
    before = snapshot(session)
    path = tmp_path / "customers.csv"
    path.write_text("name,aliases,birthday,household,tags,notes,marketing_consent\n王秀英,,,,,,yes\n")
    refused = _refused(engine, customers=path)
    assert refused.problems[0].line == 1 and "missing column phone" in str(refused)
    assert refused.rows[0][:3] == (1, "phone", refused.rows[0][2]) and "缺少列:电话" in refused.rows[0][2]
    assert snapshot(session) == before


UNREADABLE = [
    ("empty", b"", 1, "the file is empty", "文件是空的"),
    ("only a BOM and blank lines", b"\xef\xbb\xbf\r\n\r\n", 1, "the file is empty", "文件是空的"),
    (
        "unknown header",
        "商品,数量\n大米,2\n".encode(),
        1,
        "names none of the columns of a customers file",
        "没有顾客文件的任何一列",
    ),
    (
        "an Excel workbook",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(200),
        1,
        "not a CSV text file",
        "不是 CSV 文本文件",
    ),
    ("binary", bytes(range(256)) * 40, 1, "not a CSV text file", "不是 CSV 文本文件"),
    (
        "a NUL byte",
        f"{CUSTOMERS_HEADER}\n王秀英,,,,,,,yes\n李\0建国,,,,,,,yes\n".encode(),
        3,
        "holds a NUL character",
        "NUL 空字符",
    ),
    (
        "neither UTF-8 nor GB18030",
        f"{CUSTOMERS_HEADER}\nJosé,,,,,,,yes\nAndré,,,,,,,\n".encode("latin-1"),
        2,
        "neither UTF-8 nor GBK/GB18030",
        "既不是 UTF-8 也不是 GBK/GB18030",
    ),
]


@pytest.mark.parametrize(("what", "data", "line", "en", "zh"), UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_unreadable_input_is_refused_with_a_reason_and_nothing_written(
    engine, session, shop_id, tmp_path, snapshot, what, data, line, en, zh
):
    before = snapshot(session)
    path = tmp_path / "customers.csv"
    path.write_bytes(data)
    refused = _refused(engine, shop_id=shop_id, customers=path)
    assert [(r[0], en in r[3], zh in r[2]) for r in refused.rows] == [(line, True, True)]
    assert f"customers.csv line {line}: " in str(refused) and zh in refused.message("zh")
    assert snapshot(session) == before


def test_a_19_mb_cell_is_refused_with_its_line_and_the_rows_before_kept_out(
    engine, session, shop_id, tmp_path, csv_files, snapshot
):
    import_csv(engine, shop_id=shop_id, customers=csv_files["customers"], products=csv_files["products"])
    before = snapshot(session)
    sales = Path(tmp_path / "sales.csv")
    with sales.open("w", encoding="utf-8") as handle:
        handle.write("date,customer,product,quantity,unit,amount\n2026-03-01,王阿姨,rice,1,袋,59\n")
        handle.write('2026-03-02,,rice,1,袋,"59\n' + "x" * (19 << 20) + "\n")
    refused = _refused(engine, shop_id=shop_id, sales=sales)
    assert [(line, column) for line, column, _, _ in refused.rows] == [(3, None)]
    assert 'a quote (") is probably not closed' in refused.rows[0][3] and "引号" in refused.rows[0][2]
    assert snapshot(session) == before
