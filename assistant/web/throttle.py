"""Back-off for failed log-ins, per account and per client address (OWASP ASVS 2.2.1).

A library like slowapi counts every request in a time window; a log-in needs something else: only
failures count, a success forgives them, and the wait grows with each failure past a few honest typos.
That is a few dozen lines, kept here, on ``app.state`` (one per server process).
"""

from __future__ import annotations

import math
import threading
import time
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
