"""The customers file: rows checked whole (names, phones, birthdays, consent, referrers) before any is
written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from assistant.errors import Invalid
from assistant.shop.customers import Birthday, name_key, validate_phone
from assistant.shop.importer.cells import split_list
from assistant.shop.importer.columns import CUSTOMER_COLUMNS, CUSTOMER_OPTIONAL
from assistant.shop.importer.customer_writes import write_customers
from assistant.shop.importer.names import NameIndex, customer_index
from assistant.shop.importer.problems import Problems, RowError
from assistant.shop.importer.reading import CsvFile, progress_bar
from assistant.shop.importer.report import ImportReport


@dataclass
class CustomerRow:
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


_CONSENT = {"yes": True, "no": False, "y": True, "n": False}


def _parse_customer(line: int, cells: list[str], file: CsvFile) -> CustomerRow:
    def cell(column: str) -> str:
        position = file.column(column)
        return cells[position] if position is not None else ""

    name = cell("name")
    if not name:
        raise RowError("the name is empty", "name")
    if len(name) > 100:
        raise RowError("the name is longer than 100 characters", "name")
    try:
        phone = validate_phone(cell("phone")) if cell("phone") else None
    except Invalid:
        raise RowError(f"phone {cell('phone')!r} is not a phone number", "phone") from None
    try:
        birthday = Birthday.parse(cell("birthday")) if cell("birthday") else None
    except Invalid as error:
        raise RowError(f"{error} (use YYYY-MM-DD or MM-DD)", "birthday") from None
    consent_text = cell("marketing_consent").lower()
    if consent_text and consent_text not in _CONSENT:
        raise RowError(
            f"marketing_consent {cell('marketing_consent')!r} must be yes or no (or empty)",
            "marketing_consent",
        )
    return CustomerRow(
        line=line,
        name=name,
        aliases=[a for a in split_list(cell("aliases")) if a != name],
        phone=phone,
        birthday=birthday,
        household=cell("household") or None,
        tags=split_list(cell("tags")),
        notes=cell("notes") or None,
        consent=_CONSENT.get(consent_text) if consent_text else None,
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
) -> None:
    file = CsvFile(path, required=CUSTOMER_COLUMNS, optional=CUSTOMER_OPTIONAL)
    file.check_header()
    problems = Problems(file.label)
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
                problems.add(line, RowError(f"{row.name} is already on line {claimed[target]}", "name"))
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
            problems.add(row.line, RowError(f"referred_by: {error}", "referred_by"))
            continue
        if row.referrer is None:
            problems.add(
                row.line,
                RowError(
                    f"referred_by {row.referred_by!r} is no customer; add them to the file first",
                    "referred_by",
                ),
            )
    problems.raise_if_any()
    write_customers(session, shop_id=shop_id, rows=rows, report=report, channel=channel)
