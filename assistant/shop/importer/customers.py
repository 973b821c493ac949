"""The customers file: rows checked whole (names, phones, birthdays, consent, referrers) before any is
written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from assistant.errors import Invalid
from assistant.shop.customers import Birthday, name_key, validate_phone
from assistant.shop.importer.cells import consent, split_list
from assistant.shop.importer.customer_writes import write_customers
from assistant.shop.importer.names import NameIndex, customer_index
from assistant.shop.importer.problems import RowError
from assistant.shop.importer.reading import CsvFile, progress_bar
from assistant.shop.importer.report import ImportReport


@dataclass
class CustomerRow:
    """One checked row of the customers file (``id`` is known once it is written)."""

    line: int
    name: str
    aliases: list[str]
    phone: str | None
    birthday: Birthday | None
    household: str | None
    tags: list[str]
    notes: str | None
    consent: bool | None
    referred_by: str | None
    existing_id: int | None = None
    id: int | None = None
    referrer: object = None


def _parse_customer(line: int, cells: list[str], file: CsvFile) -> CustomerRow:
    def cell(column: str) -> str:
        """The row's cell of ``column`` ("" when the optional column is absent)."""
        position = file.column(column)
        return cells[position] if position is not None else ""

    name = cell("name")
    if not name:
        raise RowError("the name is empty", "name", "姓名是空的")
    if len(name) > 100:
        raise RowError("the name is longer than 100 characters", "name", "姓名超过 100 个字")
    try:
        phone = validate_phone(cell("phone")) if cell("phone") else None
    except Invalid:
        raise RowError(
            f"phone {cell('phone')!r} is not a phone number", "phone", f"电话“{cell('phone')}”不是电话号码"
        ) from None
    try:
        birthday = Birthday.parse(cell("birthday")) if cell("birthday") else None
    except Invalid as error:
        raise RowError(
            f"{error} (use YYYY-MM-DD or MM-DD)",
            "birthday",
            f"生日“{cell('birthday')}”不是有效日期(格式为 YYYY-MM-DD 或 MM-DD)",
        ) from None
    decision = consent(cell("marketing_consent"))
    return CustomerRow(
        line=line,
        name=name,
        aliases=[a for a in split_list(cell("aliases")) if a != name],
        phone=phone,
        birthday=birthday,
        household=cell("household") or None,
        tags=split_list(cell("tags")),
        notes=cell("notes") or None,
        consent=decision,
        referred_by=cell("referred_by") or None,
    )


def import_customers(
    session: Session,
    *,
    shop_id: int,
    path: Path,
    report: ImportReport,
    progress: bool,
    channel: str,
    rebuild_stats: bool,
    now: dt.datetime,
) -> None:
    """Check the whole customers file, then write it; raises ``ImportRejected`` with every bad row."""
    file = CsvFile(path, "customers")
    file.check_header()
    problems = file.problems
    index = customer_index(session, shop_id)
    rows: list[CustomerRow] = []
    claimed: dict[object, int] = {}
    with progress_bar(file, progress, "checking") as bar:
        for line, cells in file.rows():
            bar.update()
            report.rows_read += 1
            try:
                row = _parse_customer(line, cells, file)
                row.existing_id = index.find(row.name)  # type: ignore[assignment]
            except RowError as error:
                problems.add(line, error)
                continue
            target = row.existing_id if row.existing_id is not None else name_key(row.name)
            if target in claimed:
                problems.add(
                    line,
                    RowError(
                        f"{row.name} is already on line {claimed[target]}",
                        "name",
                        f"{row.name} 已经在第{claimed[target]}行",
                    ),
                )
                continue
            claimed[target] = line
            rows.append(row)
    # A second pass, once every row is known, so a group leader may come after the people they brought.
    file_index = NameIndex()
    for row in rows:
        file_target = row.existing_id if row.existing_id is not None else row
        file_index.add(name_key(row.name), file_target, is_name=True)
        for alias in row.aliases:
            file_index.add(name_key(alias), file_target, is_name=False)
    for row in rows:
        if row.referred_by is None:
            continue
        try:
            row.referrer = file_index.find(row.referred_by) or index.find(row.referred_by)
        except RowError as error:
            problems.add(
                row.line, RowError(f"referred_by: {error}", "referred_by", f"推荐人:{error.reason_zh}")
            )
            continue
        if row.referrer is None:
            problems.add(
                row.line,
                RowError(
                    f"referred_by {row.referred_by!r} is no customer; add them to the file first",
                    "referred_by",
                    f"推荐人“{row.referred_by}”不是顾客;请先把他/她加进这个文件",
                ),
            )
    problems.raise_if_any()
    write_customers(session, shop_id=shop_id, rows=rows, report=report, channel=channel, now=now)
