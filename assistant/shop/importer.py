"""CSV import (CONTRACT §3): customers, products and sales as a shop exports them from a spreadsheet.

Rules every file follows:

* UTF-8 with a header row (a UTF-8 BOM, as Excel writes it, is accepted); columns may come in any order;
  unknown extra columns are ignored.
* All-or-nothing per file: a bad row is reported with the file, its line number and the reason, and
  nothing of that file is kept. Customers and products are checked whole before anything is written;
  sales are written while they are read (one pass over millions of rows) and a bad row stops the writing,
  the rest of the file is still checked, and the file's transaction is rolled back. Files are imported
  customers → products → sales, each in its own transaction, so a bad sales file leaves the customers
  just imported in place.
* Idempotent: importing the same file again changes no row. Customers and products are matched by name
  or alias and only updated when a value differs; an empty cell leaves the stored value alone, and tags,
  aliases and ``suits`` are added, never removed (an import must not silently drop a health fact).
  A sales row group gets ``Sale.import_key``: a hash of its content plus its occurrence number among
  identical groups in the file, so two identical rows stay two sales and a re-import adds none.
* Sales: consecutive rows with the same date, customer and promotion are one sale (one receipt) with an
  item per row. Imported sales are history and do **not** move stock; the products file's ``stock``
  column is the level on the shelf, set with a ``count`` movement when it differs from the stored one.
  (Moving stock for a year of imported sales would drive every product deeply negative.)

Sales are written with Core bulk inserts in batches, ids reserved up front, so 2 million items import in
minutes without an ORM object per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import Date, DateTime, bindparam, func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from tqdm import tqdm

from assistant import clock
from assistant.db import data_version, session_scope
from assistant.db.bulk import BULK_FROM, BulkLoad
from assistant.db.models import (
    Consent,
    Customer,
    CustomerName,
    Product,
    Promotion,
    Sale,
    SaleItem,
    customer_tags,
)
from assistant.errors import Invalid
from assistant.shop import audit, purchase_stats
from assistant.shop.customers import Birthday, name_key, validate_phone
from assistant.shop.products import add_product
from assistant.shop.shops import default_shop_id
from assistant.shop.stock import move_stock
from assistant.shop.tags import get_or_create_tags

CUSTOMER_COLUMNS = ("name", "aliases", "phone", "birthday", "household", "tags", "notes", "marketing_consent")
CUSTOMER_OPTIONAL = ("referred_by",)
PRODUCT_COLUMNS = ("name", "aliases", "category", "unit", "price", "stock", "suits")
SALE_COLUMNS = ("date", "customer", "product", "quantity", "unit", "amount")
SALE_OPTIONAL = ("promotion",)

# A sales row is about this many bytes of CSV: sizes a file's row count without reading it.
SALE_ROW_BYTES = 45
# Rows per bulk INSERT: large enough to amortise round trips, small enough to keep memory flat.
BATCH = 5000
# Files with more rows than this get a progress bar (when progress is on).
PROGRESS_FROM = 20_000
# SQLite page cache while importing sales (KiB).
SQLITE_CACHE_KIB = 128 * 1024
# A file with hundreds of bad rows is one mistake repeated: report the first ones, count the rest.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class RowProblem:
    """One bad row: the file, its line number (the header is line 1), the column and the reason."""

    file: str
    line: int
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.reason}"


class ImportRejected(Invalid):
    """A file had bad rows; nothing of it was written. ``problems`` lists them (the first 50)."""

    def __init__(self, file: str, problems: list[RowProblem], total: int) -> None:
        shown = "\n".join(f"  {p}" for p in problems[:10])
        more = f"\n  … and {total - 10} more" if total > 10 else ""
        super().__init__(
            f"nothing was imported from {file}: fix these rows and import the file again\n{shown}{more}",
            field=problems[0].column,
        )
        self.file = file
        self.problems = problems
        self.total = total


@dataclass
class ImportReport:
    """What an import changed (all zero for a re-import of the same files)."""

    customers_added: int = 0
    customers_updated: int = 0
    consents_recorded: int = 0
    products_added: int = 0
    products_updated: int = 0
    stock_counts: int = 0
    sales_added: int = 0
    sale_items_added: int = 0
    sales_already_there: int = 0
    rows_read: int = 0
    seconds: float = 0.0
    stats_seconds: float = 0.0  # of ``seconds``: rebuilding the reports' figures after new sales

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything."""
        return any(
            (
                self.customers_added,
                self.customers_updated,
                self.consents_recorded,
                self.products_added,
                self.products_updated,
                self.stock_counts,
                self.sales_added,
            )
        )

    def summary(self) -> str:
        """One line for the owner."""
        return (
            f"customers: {self.customers_added} added, {self.customers_updated} updated, "
            f"{self.consents_recorded} consent decisions; products: {self.products_added} added, "
            f"{self.products_updated} updated, {self.stock_counts} stock counts; "
            f"sales: {self.sales_added} added "
            f"({self.sale_items_added} items), {self.sales_already_there} already imported; "
            f"{self.rows_read} rows in {self.seconds:.1f} s"
        )


def import_csv(
    target: Engine | Session,
    *,
    shop_id: int | None = None,
    customers: Path | None = None,
    products: Path | None = None,
    sales: Path | None = None,
    progress: bool = False,
    channel: str = "import",
    rebuild_stats: bool = True,
) -> ImportReport:
    """Import any subset of the three contract CSV files; raises ``ImportRejected`` on a bad file.

    With an ``Engine`` each file is committed on its own; with a ``Session`` everything is written into
    the caller's transaction and the caller commits, or rolls back on ``ImportRejected`` (part of a bad
    sales file may already be in the transaction). ``rebuild_stats=False`` leaves the reports' figures
    to the caller (who adds more sales and rebuilds once).
    """
    started = time.perf_counter()
    report = ImportReport()
    steps = [
        (path, step)
        for path, step in (
            (customers, _import_customers),
            (products, _import_products),
            (sales, _import_sales),
        )
        if path is not None
    ]
    for path, step in steps:
        with _step_session(target) as session:
            step(
                session,
                shop_id=shop_id if shop_id is not None else default_shop_id(session),
                path=Path(path),
                report=report,
                progress=progress,
                channel=channel,
                rebuild_stats=rebuild_stats,
            )
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _step_session(target: Session | Engine) -> Iterator[Session]:
    """The caller's session (flushed after the step, committed by the caller), or one transaction per
    file on an engine."""
    if isinstance(target, Session):
        yield target
        target.flush()
        return
    with session_scope(target) as session:
        yield session


# --------------------------------------------------------------------------------------------- reading


class _CsvFile:
    """A contract CSV file: checks the header and yields ``(line, cells)`` with cells trimmed."""

    def __init__(self, path: Path, *, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self.path = path
        self.label = path.name
        self.required = required
        self.optional = optional
        self.index: dict[str, int] = {}

    def count_rows(self) -> int:
        """Data rows, roughly (newlines minus the header): only used to size the progress bar."""
        with self.path.open("rb") as handle:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1, 0)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each data row with its line number; raises ``ImportRejected`` for a bad header or encoding."""
        if not self.path.is_file():
            raise Invalid(f"{self.path}: no such file; check the path")
        try:
            yield from self._rows()
        except UnicodeDecodeError:
            line = self._first_undecodable_line()
            raise ImportRejected(
                self.label,
                [
                    RowProblem(
                        self.label,
                        line,
                        "is not UTF-8 text; save the file as 'CSV UTF-8' and import it again",
                    )
                ],
                1,
            ) from None

    def check_header(self) -> None:
        """Read the header (so ``index`` is known before the rows are); raises ``ImportRejected``."""
        rows = self.rows()
        next(rows, None)
        rows.close()

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise ImportRejected(
                    self.label,
                    [
                        RowProblem(
                            self.label,
                            1,
                            f"the file is empty; it needs a header row: {', '.join(self.required)}",
                        )
                    ],
                    1,
                )
            self.index = {cell.strip().lower(): i for i, cell in enumerate(header)}
            missing = [c for c in self.required if c not in self.index]
            if missing:
                raise ImportRejected(
                    self.label,
                    [
                        RowProblem(
                            self.label,
                            1,
                            f"missing column {', '.join(missing)} (the header must name "
                            f"{', '.join(self.required)}; optional: {', '.join(self.optional) or 'none'})",
                            column=missing[0],
                        )
                    ],
                    1,
                )
            width = len(header)
            for raw in reader:
                cells = [c.strip() for c in raw]
                if not any(cells):
                    continue  # blank lines spreadsheets leave at the end
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                yield reader.line_num, cells

    def _first_undecodable_line(self) -> int:
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return number
        return 1

    def column(self, name: str) -> int | None:
        """The cell index of a column, or None when the (optional) column is absent."""
        return self.index.get(name)


class _RowError(Exception):
    """A reason a row is bad (becomes a ``RowProblem`` with the row's line)."""

    def __init__(self, reason: str, column: str) -> None:
        super().__init__(reason)
        self.column = column


class _Problems:
    """Collects the bad rows of one file; ``raise_if_any`` stops the import of that file."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.items: list[RowProblem] = []
        self.total = 0

    def add(self, line: int, error: _RowError) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(RowProblem(self.label, line, str(error), error.column))

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportRejected(self.label, self.items, self.total)


def _split(cell: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in cell.split("|") if part.strip()))


def _decimal(cell: str, column: str, *, places: int, positive: bool = False) -> Decimal:
    cleaned = cell.replace("¥", "").replace("￥", "").removesuffix("元").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise _RowError(f"{column} {cell!r} is not a number", column) from None
    if not value.is_finite():
        raise _RowError(f"{column} {cell!r} is not a number", column)
    if value < 0 or (positive and value == 0):
        raise _RowError(f"{column} {cell} must be {'more than zero' if positive else 'zero or more'}", column)
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise _RowError(f"{column} {cell} has more than {places} decimals", column)
    return value


class _Numbers:
    """Parses the number cells of one column, remembering each distinct text: a shop's quantities and
    amounts repeat, and Decimal parsing is most of the per-row cost at millions of rows."""

    def __init__(self, column: str, *, places: int, positive: bool = False) -> None:
        self.column, self.places, self.positive = column, places, positive
        self.known: dict[str, Decimal] = {}
        self.step = Decimal(1).scaleb(-places)

    def __call__(self, cell: str) -> Decimal:
        value = self.known.get(cell)
        if value is None:
            # Quantized, so "2" and "2.00" are the same number in import keys and in the database.
            value = _decimal(cell, self.column, places=self.places, positive=self.positive).quantize(
                self.step
            )
            if len(self.known) < 100_000:
                self.known[cell] = value
        return value


def _when(cell: str) -> dt.datetime:
    # fromisoformat is fast (C) but lenient; the length check keeps it to the two contract forms.
    if len(cell) in (10, 16) and cell[4] == "-" and (len(cell) == 10 or cell[10] == " "):
        try:
            return dt.datetime.fromisoformat(cell)
        except ValueError:
            pass
    raise _RowError(f"date {cell!r} is not YYYY-MM-DD or YYYY-MM-DD HH:MM", "date")


def _progress(file: _CsvFile, enabled: bool, what: str) -> tqdm:
    total = file.count_rows() if enabled else 0
    return tqdm(
        total=total,
        desc=f"{what} {file.label}",
        unit=" rows",
        unit_scale=True,
        leave=False,
        disable=not enabled or total < PROGRESS_FROM,
        mininterval=0.5,
    )


class _NameIndex:
    """Names and aliases → customers, resolved like ``customers.find_customer``: exact name first, else
    the only customer with that alias. A target is a customer id or a not-yet-written file row."""

    def __init__(self) -> None:
        self.names: dict[str, object] = {}
        self.aliases: dict[str, list[object]] = {}

    def add(self, key: str, target: object, *, is_name: bool) -> None:
        if is_name:
            self.names[key] = target
        else:
            bucket = self.aliases.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)

    def find(self, name: str) -> object | None:
        """The customer ``name`` means; None when unknown; ``_RowError`` when several share it."""
        key = name_key(name)
        if key in self.names:
            return self.names[key]
        candidates = self.aliases.get(key, [])
        if len(candidates) > 1:
            raise _RowError(f"{name!r} is an alias of {len(candidates)} customers; use the full name", "name")
        return candidates[0] if candidates else None


def _customer_index(session: Session, shop_id: int) -> _NameIndex:
    index = _NameIndex()
    for customer_id, name in session.execute(
        select(Customer.id, Customer.name).where(Customer.shop_id == shop_id)
    ):
        index.add(name_key(name), customer_id, is_name=True)
    for customer_id, key in session.execute(
        select(CustomerName.customer_id, CustomerName.key).where(CustomerName.shop_id == shop_id)
    ):
        if index.names.get(key) != customer_id:
            index.add(key, customer_id, is_name=False)
    return index


# ------------------------------------------------------------------------------------------- customers


@dataclass
class _CustomerRow:
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


def _parse_customer(line: int, cells: list[str], file: _CsvFile) -> _CustomerRow:
    def cell(column: str) -> str:
        position = file.column(column)
        return cells[position] if position is not None else ""

    name = cell("name")
    if not name:
        raise _RowError("the name is empty", "name")
    if len(name) > 100:
        raise _RowError("the name is longer than 100 characters", "name")
    try:
        phone = validate_phone(cell("phone")) if cell("phone") else None
    except Invalid:
        raise _RowError(f"phone {cell('phone')!r} is not a phone number", "phone") from None
    try:
        birthday = Birthday.parse(cell("birthday")) if cell("birthday") else None
    except Invalid as error:
        raise _RowError(f"{error} (use YYYY-MM-DD or MM-DD)", "birthday") from None
    consent_text = cell("marketing_consent").lower()
    if consent_text and consent_text not in _CONSENT:
        raise _RowError(
            f"marketing_consent {cell('marketing_consent')!r} must be yes or no (or empty)",
            "marketing_consent",
        )
    return _CustomerRow(
        line=line,
        name=name,
        aliases=[a for a in _split(cell("aliases")) if a != name],
        phone=phone,
        birthday=birthday,
        household=cell("household") or None,
        tags=_split(cell("tags")),
        notes=cell("notes") or None,
        consent=_CONSENT.get(consent_text) if consent_text else None,
        referred_by=cell("referred_by") or None,
    )


def _import_customers(
    session: Session,
    *,
    shop_id: int,
    path: Path,
    report: ImportReport,
    progress: bool,
    channel: str,
    rebuild_stats: bool,
) -> None:
    file = _CsvFile(path, required=CUSTOMER_COLUMNS, optional=CUSTOMER_OPTIONAL)
    file.check_header()
    problems = _Problems(file.label)
    index = _customer_index(session, shop_id)
    rows: list[_CustomerRow] = []
    claimed: dict[object, int] = {}
    with _progress(file, progress, "checking") as bar:
        for line, cells in file.rows():
            bar.update()
            report.rows_read += 1
            try:
                row = _parse_customer(line, cells, file)
                row.existing_id = index.find(row.name)  # type: ignore[assignment]
            except _RowError as error:
                problems.add(line, error)
                continue
            target = row.existing_id if row.existing_id is not None else name_key(row.name)
            if target in claimed:
                problems.add(line, _RowError(f"{row.name} is already on line {claimed[target]}", "name"))
                continue
            claimed[target] = line
            rows.append(row)
    # A second pass, once every row is known, so a group leader may come after the people they brought.
    file_index = _NameIndex()
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
        except _RowError as error:
            problems.add(row.line, _RowError(f"referred_by: {error}", "referred_by"))
            continue
        if row.referrer is None:
            problems.add(
                row.line,
                _RowError(
                    f"referred_by {row.referred_by!r} is no customer; add them to the file first",
                    "referred_by",
                ),
            )
    problems.raise_if_any()
    _write_customers(session, shop_id=shop_id, rows=rows, report=report, channel=channel)


def _write_customers(
    session: Session, *, shop_id: int, rows: list[_CustomerRow], report: ImportReport, channel: str
) -> None:
    now = clock.now()
    existing_ids = [r.existing_id for r in rows if r.existing_id is not None]
    stored = {c.id: c for c in _load_customers(session, shop_id)} if existing_ids else {}
    fresh = [r for r in rows if r.existing_id is None]
    # A first import into a fresh shop: indexes built once and foreign keys checked once, at the end.
    bulk = BulkLoad(session, Customer.__table__, CustomerName.__table__, Consent.__table__, customer_tags)
    if len(fresh) >= BULK_FROM:
        bulk.begin()
    _bulk_insert(
        session,
        Customer.__table__,
        [
            {
                "shop_id": shop_id,
                "name": r.name,
                "aliases": r.aliases,
                "phone": r.phone,
                "birthday_year": r.birthday.year if r.birthday else None,
                "birthday_month": r.birthday.month if r.birthday else None,
                "birthday_day": r.birthday.day if r.birthday else None,
                "birthday_lunar": bool(r.birthday and r.birthday.lunar),
                "household": r.household,
                "notes": r.notes,
                # The decision itself is recorded by ``_write_consents``; setting it here saves an UPDATE
                # per new customer.
                "marketing_consent": bool(r.consent),
                "is_group_leader": False,
                "created_at": now,
                "updated_at": now,
            }
            for r in fresh
        ],
    )
    if fresh:
        ids = dict(
            session.execute(select(Customer.name, Customer.id).where(Customer.shop_id == shop_id)).all()
        )
        for row in fresh:
            row.id = ids[row.name]
    report.customers_added += len(fresh)

    updates: list[dict] = []
    renamed: dict[int, list[str]] = {}  # customer id -> every name it is now called by
    for row in fresh:
        renamed[row.id] = [row.name, *row.aliases]  # type: ignore[index]
    for row in rows:
        if row.existing_id is None:
            continue
        row.id = row.existing_id
        changes = _customer_changes(stored[row.id], row)
        if changes:
            updates.append({"_id": row.id, **changes, "updated_at": now})
            if "aliases" in changes:
                renamed[row.id] = [stored[row.id].name, *changes["aliases"]]
    _bulk_update(session, Customer.__table__, updates)
    report.customers_updated += len(updates)

    _write_name_keys(
        session, shop_id=shop_id, names=renamed, replace=[r.id for r in rows if r.existing_id in renamed]
    )
    _write_customer_tags(session, shop_id=shop_id, rows=rows)
    _write_referrals(session, rows=rows, stored=stored, report=report, now=now)
    _write_consents(session, shop_id=shop_id, rows=rows, channel=channel, report=report, now=now)
    bulk.finish()
    if fresh or updates:
        audit.record(
            session,
            shop_id=shop_id,
            channel=channel,
            action="import",
            entity="customer",
            detail={"added": len(fresh), "updated": len(updates)},
        )


def _load_customers(session: Session, shop_id: int) -> list:
    return session.execute(
        select(
            Customer.id,
            Customer.name,
            Customer.aliases,
            Customer.phone,
            Customer.birthday_year,
            Customer.birthday_month,
            Customer.birthday_day,
            Customer.birthday_lunar,
            Customer.household,
            Customer.notes,
            Customer.referred_by_id,
            Customer.is_group_leader,
        ).where(Customer.shop_id == shop_id)
    ).all()


def _customer_changes(stored, row: _CustomerRow) -> dict:  # noqa: ANN001 (a result row)
    changes: dict = {}
    aliases = list(stored.aliases or [])
    merged = aliases + [a for a in row.aliases if a not in aliases]
    if merged != aliases:
        changes["aliases"] = merged
    if row.phone and row.phone != stored.phone:
        changes["phone"] = row.phone
    if row.birthday:
        wanted = (row.birthday.year, row.birthday.month, row.birthday.day, row.birthday.lunar)
        if wanted != (
            stored.birthday_year,
            stored.birthday_month,
            stored.birthday_day,
            bool(stored.birthday_lunar),
        ):
            changes.update(
                birthday_year=wanted[0],
                birthday_month=wanted[1],
                birthday_day=wanted[2],
                birthday_lunar=wanted[3],
            )
    if row.household and row.household != stored.household:
        changes["household"] = row.household
    if row.notes and row.notes != stored.notes:
        changes["notes"] = row.notes
    return changes


def _write_name_keys(
    session: Session, *, shop_id: int, names: dict[int, list[str]], replace: list[int]
) -> None:
    """Write the ``CustomerName`` lookup rows of new customers and of those whose aliases changed."""
    for chunk in _chunks(replace, 500):
        session.execute(CustomerName.__table__.delete().where(CustomerName.customer_id.in_(chunk)))
    _bulk_insert(
        session,
        CustomerName.__table__,
        [
            {"shop_id": shop_id, "customer_id": customer_id, "key": key}
            for customer_id, called in names.items()
            for key in dict.fromkeys(name_key(n) for n in called if n.strip())
        ],
    )


def _write_customer_tags(session: Session, *, shop_id: int, rows: list[_CustomerRow]) -> None:
    names = list(dict.fromkeys(tag for row in rows for tag in row.tags))
    if not names:
        return
    tag_ids = {tag.name: tag.id for tag in get_or_create_tags(session, shop_id=shop_id, names=names)}
    have = set(
        session.execute(
            select(customer_tags.c.customer_id, customer_tags.c.tag_id)
            .join(Customer, Customer.id == customer_tags.c.customer_id)
            .where(Customer.shop_id == shop_id)
        ).all()
    )
    links = {(row.id, tag_ids[tag]) for row in rows for tag in row.tags} - have
    _bulk_insert(session, customer_tags, [{"customer_id": c, "tag_id": t} for c, t in sorted(links)])


def _write_referrals(
    session: Session, *, rows: list[_CustomerRow], stored: dict, report: ImportReport, now: dt.datetime
) -> None:
    links, leaders = [], set()
    for row in rows:
        if row.referrer is None:
            continue
        referrer_id = row.referrer.id if isinstance(row.referrer, _CustomerRow) else row.referrer
        leaders.add(referrer_id)
        before = stored[row.id].referred_by_id if row.id in stored else None
        if before != referrer_id:
            links.append({"_id": row.id, "referred_by_id": referrer_id, "updated_at": now})
    already = {cid for cid, c in stored.items() if c.is_group_leader}
    _bulk_update(session, Customer.__table__, links)
    _bulk_update(
        session,
        Customer.__table__,
        [{"_id": cid, "is_group_leader": True, "updated_at": now} for cid in sorted(leaders - already)],
    )


def _write_consents(
    session: Session,
    *,
    shop_id: int,
    rows: list[_CustomerRow],
    channel: str,
    report: ImportReport,
    now: dt.datetime,
) -> None:
    latest: dict[int, bool] = {}
    if any(r.existing_id is not None and r.consent is not None for r in rows):
        for customer_id, granted in session.execute(
            select(Consent.customer_id, Consent.granted)
            .where(Consent.shop_id == shop_id, Consent.purpose == "marketing")
            .order_by(Consent.recorded_at, Consent.id)
        ):
            latest[customer_id] = granted
    decisions = [r for r in rows if r.consent is not None and latest.get(r.id) is not r.consent]
    _bulk_insert(
        session,
        Consent.__table__,
        [
            {
                "shop_id": shop_id,
                "customer_id": r.id,
                "purpose": "marketing",
                "granted": r.consent,
                "recorded_at": now,
                "source": channel,
                "note": f"imported (line {r.line})",
            }
            for r in decisions
        ],
    )
    _bulk_update(
        session,
        Customer.__table__,
        [{"_id": r.id, "marketing_consent": r.consent} for r in decisions if r.existing_id is not None],
    )
    report.consents_recorded += len(decisions)


# -------------------------------------------------------------------------------------------- products


@dataclass
class _ProductRow:
    line: int
    name: str
    aliases: list[str]
    category: str
    unit: str
    price: Decimal | None
    stock: Decimal | None
    suits: list[str]
    product: Product | None = None


def _product_index(products: list[Product]) -> dict[str, list[Product]]:
    index: dict[str, list[Product]] = {}
    for product in products:
        for key in dict.fromkeys(name_key(n) for n in [product.name, *(product.aliases or [])]):
            index.setdefault(key, []).append(product)
    return index


def _import_products(
    session: Session,
    *,
    shop_id: int,
    path: Path,
    report: ImportReport,
    progress: bool,
    channel: str,
    rebuild_stats: bool,
) -> None:
    file = _CsvFile(path, required=PRODUCT_COLUMNS)
    file.check_header()
    problems = _Problems(file.label)
    products = list(session.execute(select(Product).where(Product.shop_id == shop_id)).scalars())
    by_name = {name_key(p.name): p for p in products}
    index = _product_index(products)
    rows: list[_ProductRow] = []
    seen: dict[object, int] = {}
    for line, cells in file.rows():
        report.rows_read += 1
        cell = {column: cells[file.index[column]] for column in PRODUCT_COLUMNS}
        try:
            if not cell["name"]:
                raise _RowError("the name is empty", "name")
            row = _ProductRow(
                line=line,
                name=cell["name"],
                aliases=[a for a in _split(cell["aliases"]) if a != cell["name"]],
                category=cell["category"],
                unit=cell["unit"],
                price=_decimal(cell["price"], "price", places=2) if cell["price"] else None,
                stock=_decimal(cell["stock"], "stock", places=3) if cell["stock"] else None,
                suits=_split(cell["suits"]),
            )
            key = name_key(row.name)
            matches = [by_name[key]] if key in by_name else index.get(key, [])
            if len(matches) > 1:
                raise _RowError(f"{row.name!r} is an alias of several products; use the full name", "name")
            row.product = matches[0] if matches else None
        except _RowError as error:
            problems.add(line, error)
            continue
        target = row.product.id if row.product is not None else key
        if target in seen:
            problems.add(line, _RowError(f"{row.name} is already on line {seen[target]}", "name"))
            continue
        seen[target] = line
        rows.append(row)
    problems.raise_if_any()

    for row in rows:
        product = row.product
        if product is None:
            product = add_product(
                session,
                shop_id=shop_id,
                name=row.name,
                channel=channel,
                category=row.category,
                unit=row.unit,
                price=row.price or Decimal("0"),
                aliases=row.aliases,
                suits=row.suits,
            )
            report.products_added += 1
        elif _update_product(session, product, row, channel=channel):
            report.products_updated += 1
        if row.stock is not None and Decimal(product.stock or 0) != row.stock:
            move_stock(
                session,
                product=product,
                quantity=row.stock - Decimal(product.stock or 0),
                reason="count",
                channel=channel,
                note=f"stock from {file.label}",
            )
            report.stock_counts += 1
    session.flush()


def _update_product(session: Session, product: Product, row: _ProductRow, *, channel: str) -> bool:
    changes: dict[str, object] = {}
    aliases = list(product.aliases or [])
    merged = aliases + [a for a in row.aliases if a not in aliases]
    if merged != aliases:
        product.aliases = changes["aliases"] = merged
    for column in ("category", "unit"):
        value = getattr(row, column)
        if value and value != getattr(product, column):
            setattr(product, column, value)
            changes[column] = value
    if row.price is not None and Decimal(product.price) != row.price:
        product.price = row.price
        changes["price"] = str(row.price)
    have = {t.name for t in product.suits}
    if any(s not in have for s in row.suits):
        product.suits = [
            *product.suits,
            *(
                t
                for t in get_or_create_tags(session, shop_id=product.shop_id, names=row.suits)
                if t.name not in have
            ),
        ]
        changes["suits"] = [t.name for t in product.suits]
    if changes:
        audit.record(
            session,
            shop_id=product.shop_id,
            channel=channel,
            action="update",
            entity="product",
            entity_id=product.id,
            detail=changes,
        )
    return bool(changes)


# ----------------------------------------------------------------------------------------------- sales


@dataclass
class _SaleGroup:
    """Consecutive rows with the same time, customer and promotion: one receipt."""

    line: int
    sold_at: dt.datetime
    customer_id: int | None
    promotion: str | None
    items: list[tuple[int, Decimal, str, Decimal]] = field(default_factory=list)
    import_key: str | None = None

    def key_text(self) -> str:
        """The group's content in canonical form (numbers are quantized when parsed)."""
        lines = ";".join(f"{p},{q},{u},{a}" for p, q, u, a in self.items)
        return f"{self.sold_at.isoformat()}|{self.customer_id}|{self.promotion or ''}|{lines}"


class _SalesReader:
    """Parses a sales file into receipts, resolving customers and products once per distinct name."""

    def __init__(self, session: Session, shop_id: int, file: _CsvFile) -> None:
        self.file = file
        self.customers = _customer_index(session, shop_id)
        products = list(session.execute(select(Product).where(Product.shop_id == shop_id)).scalars())
        self.by_name = {name_key(p.name): p for p in products}
        self.products = _product_index(products)
        self._customer_ids: dict[str, int | None] = {}
        self._product_ids: dict[str, tuple[int, str, Decimal]] = {}

    def customer_id(self, name: str) -> int | None:
        if name not in self._customer_ids:
            try:
                found = self.customers.find(name)
            except _RowError as error:
                raise _RowError(str(error), "customer") from None
            if found is None:
                raise _RowError(
                    f"customer {name!r} is unknown; import them in the customers file first, "
                    "or leave the cell empty for a walk-in",
                    "customer",
                )
            self._customer_ids[name] = found  # type: ignore[assignment]
        return self._customer_ids[name]

    def product(self, name: str) -> tuple[int, str, Decimal]:
        if name not in self._product_ids:
            key = name_key(name)
            matches = [self.by_name[key]] if key in self.by_name else self.products.get(key, [])
            if not matches:
                raise _RowError(f"product {name!r} is unknown; add it to the products file first", "product")
            if len(matches) > 1:
                raise _RowError(f"{name!r} names several products; use the product's full name", "product")
            found = matches[0]
            self._product_ids[name] = (found.id, found.unit, Decimal(found.price))
        return self._product_ids[name]

    def groups(self, problems: _Problems, bar: tqdm) -> Iterator[_SaleGroup]:
        """Receipts in file order; bad rows go to ``problems`` instead."""
        file = self.file
        i_date, i_customer, i_product, i_quantity, i_unit, i_amount = (file.index[c] for c in SALE_COLUMNS)
        i_promotion = file.column("promotion")
        quantities = _Numbers("quantity", places=3, positive=True)
        amounts = _Numbers("amount", places=2)
        group: _SaleGroup | None = None
        self.rows_read = 0
        for line, cells in file.rows():
            bar.update()
            self.rows_read += 1
            try:
                sold_at = _when(cells[i_date])
                customer = cells[i_customer]
                customer_id = self.customer_id(customer) if customer else None
                product_id, unit, price = self.product(cells[i_product])
                quantity = quantities(cells[i_quantity])
                amount = (
                    amounts(cells[i_amount])
                    if cells[i_amount]
                    else (price * quantity).quantize(Decimal("0.01"))
                )
            except _RowError as error:
                problems.add(line, error)
                continue
            promotion = cells[i_promotion] or None if i_promotion is not None else None
            if group is None or (group.sold_at, group.customer_id, group.promotion) != (
                sold_at,
                customer_id,
                promotion,
            ):
                if group is not None:
                    yield group
                group = _SaleGroup(line, sold_at, customer_id, promotion)
            group.items.append((product_id, quantity, cells[i_unit] or unit, amount))
        if group is not None:
            yield group


class _IdBlock:
    """Hands out primary keys for bulk inserts of one table so items can point at their sale."""

    def __init__(self, session: Session, table: str) -> None:
        self.session = session
        self.table = table
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.next_id = 0
        if not self.postgres:
            # SQLite has one writer: the transaction already holds the write lock, so max+1 is ours.
            self.next_id = session.execute(text(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")).scalar()

    def take(self, count: int) -> list[int]:
        """``count`` fresh ids."""
        if self.postgres:
            return list(
                self.session.execute(
                    text(
                        f"SELECT nextval(pg_get_serial_sequence('{self.table}', 'id')) "
                        "FROM generate_series(1, :n)"
                    ),
                    {"n": count},
                ).scalars()
            )
        ids = list(range(self.next_id, self.next_id + count))
        self.next_id += count
        return ids


def _import_sales(
    session: Session,
    *,
    shop_id: int,
    path: Path,
    report: ImportReport,
    progress: bool,
    channel: str,
    rebuild_stats: bool,
) -> None:
    file = _CsvFile(path, required=SALE_COLUMNS, optional=SALE_OPTIONAL)
    file.check_header()
    reader = _SalesReader(session, shop_id, file)
    problems = _Problems(file.label)
    promotion_ids = _ensure_promotions(session, shop_id=shop_id, names=set())
    existing = set(
        session.execute(
            select(Sale.import_key).where(Sale.shop_id == shop_id, Sale.import_key.is_not(None))
        ).scalars()
    )
    entry = None
    sale_ids: _IdBlock | None = None
    bulk: BulkLoad | None = None
    writers: list[_BulkWriter] = []
    occurrences: Counter[int] = Counter()
    recorded_at = clock.now()
    pending: list[_SaleGroup] = []
    added_sales = added_items = 0

    def flush() -> None:
        nonlocal added_items, entry, sale_ids, bulk
        if sale_ids is None:
            # The audit entry is the first write: it takes SQLite's write lock before ids are reserved,
            # and a re-import that adds nothing leaves no entry.
            entry = audit.record(
                session,
                shop_id=shop_id,
                channel=channel,
                action="import",
                entity="sale",
                detail={"file": file.label},
            )
            session.flush()
            sale_ids = _IdBlock(session, "sales")
            bulk = BulkLoad(session, SaleItem.__table__, Sale.__table__)
            if path.stat().st_size >= BULK_FROM * SALE_ROW_BYTES:
                bulk.begin()
            if not sale_ids.postgres:
                # Four indexes on sale_items: a bigger page cache keeps their inserts in memory.
                session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
            writers.extend(
                (
                    _BulkWriter(session, Sale.__table__, SALE_FIELDS),
                    _BulkWriter(session, SaleItem.__table__, ITEM_FIELDS),
                )
            )
        fresh = {g.promotion for g in pending if g.promotion and g.promotion not in promotion_ids}
        if fresh:
            promotion_ids.update(_ensure_promotions(session, shop_id=shop_id, names=fresh))
        sales, items = [], []
        for sale_id, group in zip(sale_ids.take(len(pending)), pending, strict=True):
            sales.append(
                (
                    sale_id,
                    shop_id,
                    "sale",
                    group.customer_id,
                    group.sold_at,
                    channel,
                    promotion_ids.get(group.promotion),
                    sum(a for _, _, _, a in group.items),
                    group.import_key,
                    recorded_at,
                )
            )
            items.extend(
                (shop_id, sale_id, product_id, group.customer_id, group.sold_at, quantity, unit, amount)
                for product_id, quantity, unit, amount in group.items
            )
        writers[0].write(sales)
        writers[1].write(items)
        added_items += len(items)
        pending.clear()

    # One pass: receipts are written as they are read, inside the file's transaction. After the first bad
    # row nothing more is written, the rest is only checked, and ``ImportRejected`` makes the caller roll
    # the transaction back, so a bad file still writes nothing (reading 2 M rows twice cost a third of
    # the import).
    with _progress(file, progress, "importing") as bar:
        for group in reader.groups(problems, bar):
            if problems.total:
                continue
            digest = int.from_bytes(hashlib.blake2b(group.key_text().encode(), digest_size=8).digest(), "big")
            occurrences[digest] += 1
            key = f"{digest:016x}-{occurrences[digest]}"
            if key in existing:
                report.sales_already_there += 1
                continue
            group.import_key = key
            pending.append(group)
            added_sales += 1
            if len(pending) >= BATCH:
                flush()
        if pending and not problems.total:
            flush()
    report.rows_read += reader.rows_read
    problems.raise_if_any()
    if bulk is not None:
        bulk.finish()
    if sale_ids is not None and not sale_ids.postgres:
        session.execute(text("PRAGMA cache_size = -2000"))  # SQLite's default again
    if entry is not None:
        entry.detail = {"file": file.label, "sales": added_sales, "items": added_items}
    if entry is not None and rebuild_stats:
        # The reports' precomputed rhythms and daily totals: rebuilt once, not per imported sale.
        rebuild_started = time.perf_counter()
        purchase_stats.rebuild(session, shop_id=shop_id)
        report.stats_seconds += time.perf_counter() - rebuild_started
    report.sales_added += added_sales
    report.sale_items_added += added_items


def _ensure_promotions(session: Session, *, shop_id: int, names: set[str]) -> dict[str | None, int]:
    known = dict(
        session.execute(select(Promotion.name, Promotion.id).where(Promotion.shop_id == shop_id)).all()
    )
    for name in sorted(names - set(known)):
        promotion = Promotion(shop_id=shop_id, name=name)
        session.add(promotion)
        session.flush()
        known[name] = promotion.id
    return known


# ---------------------------------------------------------------------------------------------- writing

SALE_FIELDS = (
    "id",
    "shop_id",
    "kind",
    "customer_id",
    "sold_at",
    "channel",
    "promotion_id",
    "amount",
    "import_key",
    "recorded_at",
)
ITEM_FIELDS = ("shop_id", "sale_id", "product_id", "customer_id", "sold_at", "quantity", "unit", "amount")


class _BulkWriter:
    """Appends rows to one table through the driver in the session's transaction: ``executemany`` on
    SQLite, ``COPY`` on PostgreSQL. At millions of rows SQLAlchemy's per-value work costs more than the
    database's, so values are converted here, with SQLAlchemy's own SQLite converters (dates read back
    exactly as if the ORM had written them)."""

    def __init__(self, session: Session, table, columns: tuple[str, ...]) -> None:  # noqa: ANN001 (a Table)
        data_version.record(session, everything=True)  # the driver's writes are invisible to its listeners
        connection = session.connection()
        self.postgres = connection.dialect.name == "postgresql"
        self.cursor = connection.connection.cursor()
        names = ", ".join(columns)
        if self.postgres:
            self.statement = f"COPY {table.name} ({names}) FROM STDIN"
        else:
            self.statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
            processors = [table.c[c].type._cached_bind_processor(connection.dialect) for c in columns]
            self.converting = [(i, p) for i, p in enumerate(processors) if p is not None]
            # Times are formatted in Python and a receipt's items share its time: each is formatted once.
            self.memos = {
                i: {} for i, c in enumerate(columns) if isinstance(table.c[c].type, (DateTime, Date))
            }

    def write(self, rows: list[tuple]) -> None:
        """Insert ``rows`` (tuples in the writer's column order)."""
        if not rows:
            return
        if self.postgres:
            text_rows = "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
            self.cursor.copy_expert(self.statement, io.StringIO(text_rows))
            return
        converted = []
        memos = self.memos
        for row in rows:
            values = list(row)
            for i, process in self.converting:
                value = values[i]
                if value is None:
                    continue
                memo = memos.get(i)
                if memo is None:
                    values[i] = process(value)
                    continue
                text_value = memo.get(value)
                if text_value is None:
                    if len(memo) > 100_000:
                        memo.clear()
                    text_value = memo[value] = process(value)
                values[i] = text_value
            converted.append(values)
        self.cursor.executemany(self.statement, converted)


def _copy_text(value: object) -> str:
    """A value in PostgreSQL COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)  # int, Decimal, datetime (ISO with a space)


def _chunks(values: list, size: int) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _bulk_insert(session: Session, table, rows: list[dict]) -> None:  # noqa: ANN001 (a Table)
    for chunk in _chunks(rows, BATCH):
        session.execute(insert(table), chunk)


def _bulk_update(session: Session, table, rows: list[dict]) -> None:  # noqa: ANN001 (a Table)
    """Executemany UPDATE by primary key; every row dict has ``_id`` and the same other keys."""
    by_shape: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        by_shape.setdefault(tuple(sorted(k for k in row if k != "_id")), []).append(row)
    for columns, group in by_shape.items():
        # Bind names must differ from column names, which SQLAlchemy reserves for the SET clause.
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(f"new_{c}") for c in columns})
        )
        for chunk in _chunks(group, BATCH):
            session.execute(
                statement, [{"_id": r["_id"], **{f"new_{c}": r[c] for c in columns}} for r in chunk]
            )


def count_rows(session: Session) -> dict[str, int]:
    """Rows per table (tests and the benchmark compare these before and after a re-import)."""
    from assistant.db.models import Base

    return {
        t.name: session.execute(select(func.count()).select_from(t)).scalar()
        for t in Base.metadata.sorted_tables
    }
