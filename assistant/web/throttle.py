"""Back-off for failed log-ins, per account and per client address (OWASP ASVS 2.2.1), and a plain request
rate for the public pages.

A library like slowapi counts every request in a time window; a log-in needs something else: only
failures count, a success forgives them, and the wait grows with each failure past a few honest typos.
The public pages (links customers open, ``web.routes.public``) need just the window: ``RequestRate``.
Both are a few dozen lines, kept here, on ``app.state`` (one per server process).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Failures:
    count: int
    last: float
    blocked_until: float


class LoginThrottle:
    """Failed log-ins by key (``user:NAME``, ``addr:IP``): past ``free_failures`` failures, each one more
    doubles the wait (``first_wait``, 2×, 4× … up to ``max_wait`` seconds) during which that key's
    attempts are refused without checking them. A success clears the keys; failures are forgotten
    ``forget_after`` seconds after the last one."""

    def __init__(self, *, free_failures: int = 5, first_wait: float = 1.0, max_wait: float = 900.0,
                 forget_after: float = 3600.0, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.free_failures = free_failures
        self.first_wait = first_wait
        self.max_wait = max_wait
        self.forget_after = forget_after
        self.max_keys = max_keys
        self._clock = clock
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()  # log-in routes run in the thread pool

    def wait(self, *keys: str) -> int:
        """Whole seconds until every key may try again; 0 when it may try now."""
        now = self._clock()
        with self._lock:
            waits = [record.blocked_until - now for key in keys if (record := self._current(key, now))]
        return max(0, math.ceil(max(waits, default=0.0)))

    def failed(self, *keys: str) -> None:
        """Count a failed attempt against each key."""
        now = self._clock()
        with self._lock:
            for key in keys:
                record = self._current(key, now) or _Failures(count=0, last=now, blocked_until=now)
                record.count += 1
                record.last = now
                if record.count >= self.free_failures:
                    wait = self.first_wait * 2 ** min(record.count - self.free_failures, 30)
                    record.blocked_until = now + min(wait, self.max_wait)
                self._failures[key] = record
            self._keep_bounded()

    def succeeded(self, *keys: str) -> None:
        """Forget the keys' failures (the owner got in)."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _current(self, key: str, now: float) -> _Failures | None:
        record = self._failures.get(key)
        if record is not None and now - record.last > self.forget_after and now >= record.blocked_until:
            del self._failures[key]
            return None
        return record

    def _keep_bounded(self) -> None:
        # Someone trying from many addresses must not grow the table without end: drop the oldest tenth.
        if len(self._failures) <= self.max_keys:
            return
        oldest = sorted(self._failures, key=lambda key: self._failures[key].last)
        for key in oldest[: max(1, len(oldest) // 10)]:
            del self._failures[key]


def wait_message(seconds: int) -> tuple[str, str]:
    """"Try again later" in Chinese and English, the wait in seconds or whole minutes."""
    if seconds < 60:
        return f"登录失败次数太多,请{seconds}秒后再试", f"Too many failed log-ins: try again in {seconds} s"
    minutes = math.ceil(seconds / 60)
    return (f"登录失败次数太多,请{minutes}分钟后再试",
            f"Too many failed log-ins: try again in {minutes} minute{'s' if minutes > 1 else ''}")


class RequestRate:
    """At most ``limit`` requests per key (a client address) in any ``window`` seconds; past that, requests
    wait until the oldest one in the window has aged out (a sliding window log, bounded to ``max_keys``)."""

    def __init__(self, *, limit: int, window: float, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # public routes run in the thread pool

    def take(self, key: str) -> int:
        """Count one request for ``key``: 0 when it may go ahead, else whole seconds to wait (not counted)."""
        now = self._clock()
        with self._lock:
            times = self._seen.setdefault(key, deque())
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.limit:
                return max(1, math.ceil(self.window - (now - times[0])))
            times.append(now)
            if len(self._seen) > self.max_keys:
                self._forget_idle(now)
            return 0

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, times in self._seen.items() if not times or now - times[-1] >= self.window]:
            del self._seen[key]
        if len(self._seen) > self.max_keys:  # still full: drop the least recently seen tenth
            oldest = sorted(self._seen, key=lambda k: self._seen[k][-1])
            for key in oldest[: max(1, len(oldest) // 10)]:
                del self._seen[key]
