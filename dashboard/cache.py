"""A small thread-safe cache with expiry for the dashboard's reads, keyed by scope and day."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from core.accounts.service import Principal


class TTLCache:
    """A small thread-safe LRU with expiry: callbacks run on many threads at once."""

    def __init__(self, seconds: float, max_entries: int = 256, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.max_entries = max_entries
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any], seconds: float | None = None) -> Any:
        """The cached value while fresh, else compute it (outside the lock) and keep it."""
        now = self.clock()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] > now:
                self._items.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._items[key] = (now + (self.seconds if seconds is None else seconds), value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (tests, and after a write the reader must see at once)."""
        with self._lock:
            self._items.clear()


def scope_key(principal: Principal) -> tuple[str, str | None, str | None]:
    """Accounts with the same role and scope see the same numbers, so they share cache entries."""
    return (principal.role.value, principal.provinsi_kode, principal.kabupaten_kode)
