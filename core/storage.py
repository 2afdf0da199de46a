"""Storage faults (disk full, read-only database, database unreachable) told apart from bugs.

A fault is answered 503 with Retry-After by the API, reported by /health, and logged once per
burst: a full disk must not be filled further by a traceback per request. Nothing is
acknowledged unless its commit succeeded, so a fault never loses an acknowledged report, and
writes resume by themselves when the fault clears (each request opens a fresh transaction);
/health reports a write fault for BURST_SECONDS after the last one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError

logger = logging.getLogger("waspada.storage")
UNWRITABLE, UNREACHABLE = "unwritable", "unreachable"
RETRY_AFTER_SECONDS = 30
BURST_SECONDS = 60.0  # the same fault again within this time is counted, not logged

# Lower-cased fragments of the drivers' messages (sqlite3, psycopg) for each kind of fault.
_UNWRITABLE = (
    "database or disk is full",
    "attempt to write a readonly database",
    "disk i/o error",
    "no space left on device",
    "could not extend file",
    "read-only transaction",
    "readonly database",
)
_UNREACHABLE = (
    "unable to open database file",
    "connection refused",
    "could not connect",
    "connection is closed",
    "server closed the connection",
    "terminating connection",
    "connection timeout",
    "timeout expired",
    "the database system is shutting down",
    "the database system is starting up",
)


def storage_fault(exc: BaseException) -> str | None:
    """UNWRITABLE, UNREACHABLE, or None when the error is not the storage's (then it is a bug)."""
    if isinstance(exc, DisconnectionError):
        return UNREACHABLE
    if not isinstance(exc, OperationalError | DBAPIError):
        return None
    message = str(exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc).lower()
    if any(fragment in message for fragment in _UNWRITABLE):
        return UNWRITABLE
    if getattr(exc, "connection_invalidated", False) or any(f in message for f in _UNREACHABLE):
        return UNREACHABLE
    return None


class FaultLog:
    """Remembers the last fault of each kind: one log line per burst, and what /health reports."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}
        self._lock = threading.Lock()

    def record(self, kind: str, exc: BaseException) -> None:
        """Log the first fault of a burst in one line (no traceback); count the rest."""
        with self._lock:
            now = self.clock()
            last = self._last.get(kind)
            self._last[kind] = now
            if last is not None and now - last < BURST_SECONDS:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
                return
            repeated = self._suppressed.pop(kind, 0)
        first_line = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        logger.error("storage %s: %s (%d more in the last burst)", kind, first_line, repeated)

    def recent(self) -> str | None:
        """The kind of fault seen within the last burst, if any (unwritable wins: it is the worse)."""
        with self._lock:
            now = self.clock()
            live = [kind for kind, at in self._last.items() if now - at < BURST_SECONDS]
        return UNWRITABLE if UNWRITABLE in live else (live[0] if live else None)
