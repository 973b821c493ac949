"""The columns of the three contract CSV files (CONTRACT §3), the Chinese headers accepted for them, and
a template per file kind for the owner to fill in."""

from __future__ import annotations

import csv
import io

CUSTOMER_COLUMNS = ("name", "aliases", "phone", "birthday", "household", "tags", "notes", "marketing_consent")
CUSTOMER_OPTIONAL = ("referred_by",)
PRODUCT_COLUMNS = ("name", "aliases", "category", "unit", "price", "stock", "suits")
SALE_COLUMNS = ("date", "customer", "product", "quantity", "unit", "amount")
SALE_OPTIONAL = ("promotion",)

KINDS = ("customers", "products", "sales")

# Headers a shop's own spreadsheet is likely to have, per file kind (the first is the template's). The
# English contract names are always accepted too. Two headers meaning one column is refused, not guessed.
CHINESE_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "customers": {
        "name": ("姓名", "名字"),
        "aliases": ("别名",),
        "phone": ("电话", "手机"),
        "birthday": ("生日",),
        "household": ("家庭", "住址"),
        "tags": ("标签",),
        "notes": ("备注",),
        "marketing_consent": ("同意营销", "接收消息"),
        "referred_by": ("推荐人", "团长"),
    },
    "products": {
        "name": ("商品", "名称"),
        "aliases": ("别名",),
        "category": ("类别", "分类"),
        "unit": ("单位",),
        "price": ("价格", "单价"),
        "stock": ("库存",),
        "suits": ("适合",),
    },
    "sales": {
        "date": ("日期",),
        "customer": ("顾客", "客户"),
        "product": ("商品",),
        "quantity": ("数量",),
        "unit": ("单位",),
        "amount": ("金额",),
        "promotion": ("活动",),
    },
}

# One example row per kind, in the template's column order (required, then optional columns).
_EXAMPLES = {
    "customers": (
        "王秀英",
        "王阿姨|秀英",
        "13800001111",
        "03-15",
        "3栋2单元",
        "高血压|低钠",
        "喜欢早上来",
        "是",
        "",
    ),
    "products": ("低钠酱油", "酱油", "调料", "瓶", "15.8", "20", "高血压"),
    "sales": ("2026-03-02 10:00", "王秀英", "低钠酱油", "1", "瓶", "15.8", ""),
}


def columns_of(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The required and optional columns of a file kind."""
    return {
        "customers": (CUSTOMER_COLUMNS, CUSTOMER_OPTIONAL),
        "products": (PRODUCT_COLUMNS, ()),
        "sales": (SALE_COLUMNS, SALE_OPTIONAL),
    }[kind]


def header_names(kind: str) -> dict[str, str]:
    """Every header text accepted for a file kind (as ``header_key`` makes it) → its contract column."""
    required, optional = columns_of(kind)
    names = {column: column for column in (*required, *optional)}
    for column, chinese in CHINESE_HEADERS[kind].items():
        names.update(dict.fromkeys(chinese, column))
    return names


def header_key(cell: str) -> str:
    """A header cell as looked up: no spaces (ideographic ones included), lower case."""
    return "".join(cell.split()).lower()


def template(kind: str) -> str:
    """The CSV text of an empty ``kind`` file to fill in: Chinese headers and one example row.

    Serve it as UTF-8 with a BOM (``template_bytes``): Excel opens a UTF-8 file without one as GBK.
    """
    required, optional = columns_of(kind)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([CHINESE_HEADERS[kind][c][0] for c in (*required, *optional)])
    writer.writerow(_EXAMPLES[kind])
    return out.getvalue()


def template_bytes(kind: str) -> bytes:
    """``template`` as the bytes of a download (UTF-8 with a BOM)."""
    return template(kind).encode("utf-8-sig")
