"""Report answers kept in the process while the shop's data says they still hold.

A big shop's lists are thousands of customers long, and building them takes far longer than the 50 ms an
answer may take; the data behind them changes one sale at a time. So each answer is kept, keyed by the
database, the report, its options and today's date, together with the data version token
(``db.data_version``) it was computed at. On the next call one indexed read of the token decides:

* same token: the answer still holds;
* a token this process wrote itself: the committed changes in between are known. Changes a report does
  not depend on keep its answer; changes to a few customers are patched in (``Patch``: just those
  customers' items are computed again and put in their places);
* anything else (another process wrote, a product or tag changed, a new day): computed again.

A session with writes it has not committed yet always computes (it may read its own changes), and so does
a database without the version table. Answers are handed out as copies: a caller cannot change what is kept.

The kept answers belong to a shop context (``assistant.context.ShopContext.reports``), whose sessions carry
it in ``Session.info``: a session made without one (a test's, a migration's) simply computes every time.
"""

from __future__ import annotations

import bisect
import dataclasses
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from assistant import clock
from assistant.db import data_version
from assistant.shop.reports._common import Report

R = TypeVar("R", bound=Report)
T = TypeVar("T")

# Bounds on what is kept: entries, and items across all entries (a 100,000-customer shop's whole set of
# reports is about 130,000 items).
MAX_ENTRIES = 128
MAX_ITEMS = 400_000
# Patching more customers than this costs about as much as computing the whole answer again.
MAX_PATCHED_CUSTOMERS = 2000


@dataclass(frozen=True)
class Depends:
    """What an answer depends on: its customers (patchable one by one) and kinds of shop-wide change."""

    customers: bool
    kinds: frozenset[str] = frozenset()
    # The patch also brings the answer up to date after those kinds of change (not just customers').
    patch_kinds: bool = False


@dataclass
class Answer(Generic[R]):
    """A report and whatever its ``Patch`` needs besides the items (who was left out, a product scope),
    and for ``patch_items`` each customer's items (``index_items``)."""

    report: R
    state: Any = None
    index: dict[int, list] | None = None


class ReadOnlyList(list):
    """The items of a kept answer: every caller reads the same list, so none may change it."""

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("a report's items are shared by every caller: copy them (list(items)) to change them")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce_ex__(self, _protocol: object) -> tuple:
        return (ReadOnlyList, (list(self),))  # copies and pickles build it whole, not item by item


Compute = Callable[[], Answer]
# Given the kept answer, the customers whose data changed and the kinds of shop-wide change it depends on
# (only with ``Depends.patch_kinds``): the answer brought up to date, or None to compute it all again.
Patch = Callable[[Answer, frozenset[int], frozenset[str]], Answer | None]


@dataclass
class _Entry:
    token: int
    answer: Answer
    size: int


REPORT_CACHE = "zhanggui.report_cache"
"""The ``Session.info`` key of the ``ReportCache`` a shop context's sessions use."""


class ReportCache:
    """The kept answers of one shop context, least recently used first, and how each answer was given
    (``stats``: kept, patched, computed)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self.items = 0
        self.stats: Counter[str] = Counter()

    def get(self, key: Hashable) -> _Entry | None:
        """The entry for ``key``, now the most recently used."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: Hashable, token: int, answer: Answer) -> None:
        """Keep ``answer`` computed at ``token``, dropping the least recently used past the bounds."""
        size = len(answer.report.items) + 1
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.items -= old.size
            self.entries[key] = _Entry(token, answer, size)
            self.items += size
            while self.entries and (len(self.entries) > MAX_ENTRIES or self.items > MAX_ITEMS):
                _, dropped = self.entries.popitem(last=False)
                self.items -= dropped.size

    def clear(self) -> None:
        """Forget every kept answer."""
        with self.lock:
            self.entries.clear()
            self.items = 0


_afresh: ContextVar[bool] = ContextVar("reports_afresh", default=False)


@contextmanager
def afresh() -> Iterator[None]:
    """Within the block, every report is computed from the database, nothing kept or read from what is
    (what the answers are checked against)."""
    token = _afresh.set(True)
    try:
        yield
    finally:
        _afresh.reset(token)


def cached(
    session: Session,
    key: tuple,
    *,
    depends: Depends,
    compute: Compute,
    patch: Patch | None = None,
) -> Report:
    """The report for ``key`` (its name, shop and options): kept, patched or computed, as described above."""
    store: ReportCache | None = session.info.get(REPORT_CACHE)
    if store is None:
        return compute().report
    if _afresh.get() or data_version.has_pending(session):
        store.stats["computed"] += 1
        return compute().report
    token = data_version.read_token(session)
    if token is None:
        store.stats["computed"] += 1
        return compute().report
    full_key = (clock.today_for(session), *key)
    entry = store.get(full_key)
    answer = None
    if entry is not None and entry.token == token:
        store.stats["kept"] += 1
        return _copy(entry.answer.report)
    if entry is not None:
        answer = _catch_up(session, entry, token, depends, patch)
    if answer is None:
        answer = compute()
        store.stats["computed"] += 1
    else:
        store.stats["patched"] += 1
    answer = _frozen(answer)
    # Kept only if nothing was committed while it was read: then it is exactly the data at ``token``.
    if data_version.read_token(session) == token:
        store.put(full_key, token, answer)
    return _copy(answer.report)


def _catch_up(session: Session, entry: _Entry, token: int, depends: Depends, patch: Patch | None) -> Answer | None:
    """The kept answer brought from its token to ``token`` through this process's own changes, or None."""
    log: data_version.ChangeLog | None = session.info.get(data_version.CHANGE_LOG)
    changes = log.between(entry.token, token) if log is not None else None
    if changes is None or any(c.everything for c in changes):
        return None
    kinds = frozenset().union(*(c.kinds for c in changes)) & depends.kinds
    customers = frozenset().union(*(c.customers for c in changes)) if depends.customers else frozenset()
    if not customers and not kinds:
        return entry.answer
    if patch is None or len(customers) > MAX_PATCHED_CUSTOMERS or (kinds and not depends.patch_kinds):
        return None
    return patch(entry.answer, customers, kinds)


def _copy(report: R) -> R:
    """A new report object around the same (read-only) items: handing out costs nothing per item."""
    return dataclasses.replace(report)


def _frozen(answer: Answer) -> Answer:
    if not isinstance(answer.report.items, ReadOnlyList):
        answer.report.items = ReadOnlyList(answer.report.items)  # type: ignore[attr-defined]
    return answer


def patch_items(
    answer: Answer, fresh: Iterable[T], customers: Collection[int], key: Callable[[T], Any], **changes: Any
) -> Answer:
    """``answer`` with the items of ``customers`` replaced by ``fresh``, all kept sorted by ``key``, and
    the report's other fields in ``changes`` (``state=`` replaces the answer's state).

    Only the customers' own items are looked at (found through the index, then by bisection), so a patch
    costs the same for a list of 40,000 customers as for 40.
    """
    index = answer.index if answer.index is not None else index_items(answer.report.items)
    fresh = list(fresh)
    state = changes.pop("state", answer.state)
    if not fresh and not any(customer_id in index for customer_id in customers):
        # Most changes are about customers who are not on this list and still are not: the same items
        # (the same list, which tells daily-tasks nothing changed here).
        report = dataclasses.replace(answer.report, **changes) if changes else answer.report
        return Answer(report, state, index)
    items = list(answer.report.items)
    index = dict(index)
    for customer_id in customers:
        for old in index.pop(customer_id, ()):
            at = bisect.bisect_left(items, key(old), key=key)
            while items[at] is not old:
                at += 1
            del items[at]
    for item in fresh:
        bisect.insort(items, item, key=key)
        index.setdefault(item.customer_id, []).append(item)  # type: ignore[attr-defined]
    report = dataclasses.replace(answer.report, items=ReadOnlyList(items), **changes)
    return Answer(report, state, index)


def index_items(items: Iterable) -> dict[int, list]:
    """Each customer's items (an ``Answer.index``: built with the answer, the first patch is as quick
    as the next)."""
    index: dict[int, list] = {}
    for item in items:
        index.setdefault(item.customer_id, []).append(item)
    return index


def replaced(mapping: dict, customers: Collection[int], fresh: dict) -> dict:
    """A copy of ``mapping`` without ``customers``' entries, then ``fresh``'s: the same, in the same order,
    as ``{k: v for k, v in mapping.items() if k not in customers} | fresh`` when ``fresh``'s keys are among
    ``customers``, but copied whole and changed for the few (60,000 entries rebuilt one by one: 20 ms)."""
    copy = dict(mapping)
    for customer_id in customers:
        copy.pop(customer_id, None)
    copy.update(fresh)
    return copy
