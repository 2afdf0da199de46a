"""Failed-attempt throttling for logins and bearer tokens: a sliding window per key, in memory.

Each process keeps its own counts (an attacker spread over N workers gets N times the budget,
still far below brute-force speed); nothing about a key outlives WINDOW. The clock is injected
so the thresholds are tested without sleeping.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

logger = logging.getLogger("waspada.throttle")
MAX_KEYS = 100_000  # the oldest keys are forgotten first; bounds memory under a spray of addresses


@dataclass(frozen=True)
class Limit:
    """At most `failures` failed attempts per key within `window_seconds`."""

    failures: int
    window_seconds: float


BEARER_LIMIT = Limit(failures=60, window_seconds=60)
LOGIN_USERNAME_LIMIT = Limit(failures=10, window_seconds=600)  # one username from one address
LOGIN_ADDRESS_LIMIT = Limit(failures=30, window_seconds=600)  # any usernames from one address


class FailureThrottle:
    """Counts failures per key and says how long a key must wait once it reached its limit."""

    def __init__(self, *, name: str, limit: Limit, clock: Callable[[], float] = time.monotonic) -> None:
        self.name = name
        self.limit = limit
        self.clock = clock
        self._failures: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: Hashable, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and now - times[0] >= self.limit.window_seconds:
            times.popleft()
        return times

    def retry_after(self, key: Hashable) -> int | None:
        """Whole seconds until `key` may try again, or None while it is under its limit."""
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) < self.limit.failures:
                return None
            oldest_to_expire = times[len(times) - self.limit.failures]
            return max(1, math.ceil(oldest_to_expire + self.limit.window_seconds - now))

    def record_failure(self, key: Hashable, *, what: str) -> None:
        """Count one failure; log once, when this key reaches its limit (never the secret tried)."""
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)
            reached = len(times) == self.limit.failures
        if reached:
            logger.warning(
                "%s throttled: %d failed %s within %.0f s (%s)",
                self.name,
                self.limit.failures,
                what,
                self.limit.window_seconds,
                key,
            )

    def clear(self, key: Hashable) -> None:
        """Forget a key's failures (a correct login for that username from that address)."""
        with self._lock:
            self._failures.pop(key, None)


class LoginThrottle:
    """Dashboard logins: one username from one address, and one address whatever it tries.

    Keyed by address, so an attacker's failures never block a correct login from elsewhere.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.by_address = FailureThrottle(name="dashboard logins", limit=LOGIN_ADDRESS_LIMIT, clock=clock)
        self.by_username = FailureThrottle(
            name="dashboard logins for one username", limit=LOGIN_USERNAME_LIMIT, clock=clock
        )

    def retry_after(self, *, address: str, username: str | None = None) -> int | None:
        """Seconds this address (for this username) must wait, or None."""
        waits = [self.by_address.retry_after(address)]
        if username:
            waits.append(self.by_username.retry_after((username.casefold(), address)))
        return max((wait for wait in waits if wait is not None), default=None)

    def failed(self, *, address: str, username: str | None = None) -> None:
        self.by_address.record_failure(address, what="logins")
        if username:
            self.by_username.record_failure((username.casefold(), address), what="logins")

    def succeeded(self, *, address: str, username: str | None = None) -> None:
        """A correct login clears that username's count from that address (not the address's)."""
        if username:
            self.by_username.clear((username.casefold(), address))
