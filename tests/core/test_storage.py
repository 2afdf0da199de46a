"""Which database errors are the storage's fault, and one log line per burst (injected clock)."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from core.storage import BURST_SECONDS, UNREACHABLE, UNWRITABLE, FaultLog, storage_fault


def wrapped(kind: type, message: str) -> Exception:
    return kind("INSERT ...", None, sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (wrapped(OperationalError, "database or disk is full"), UNWRITABLE),
        (wrapped(OperationalError, "attempt to write a readonly database"), UNWRITABLE),
        (wrapped(OperationalError, "cannot execute INSERT in a read-only transaction"), UNWRITABLE),
        (wrapped(OperationalError, "unable to open database file"), UNREACHABLE),
        (
            wrapped(
                OperationalError, 'connection to server at "127.0.0.1", port 1 failed: Connection refused'
            ),
            UNREACHABLE,
        ),
        (wrapped(OperationalError, "no such column: nope"), None),  # a bug, not the storage
        (wrapped(IntegrityError, "UNIQUE constraint failed: report.id"), None),
        (wrapped(ProgrammingError, "syntax error"), None),
        (ValueError("database or disk is full"), None),  # not a database error at all
    ],
)
def test_storage_faults_are_told_from_bugs(error: Exception, expected: str | None) -> None:
    assert storage_fault(error) == expected


def test_a_burst_is_logged_once_and_health_forgets_it_after_a_minute(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    faults = FaultLog(clock=lambda: now[0])
    error = wrapped(OperationalError, "database or disk is full")
    with caplog.at_level(logging.ERROR, logger="waspada.storage"):
        for _ in range(100):
            faults.record(UNWRITABLE, error)
            now[0] += 0.1
        assert faults.recent() == UNWRITABLE
        now[0] += BURST_SECONDS
        assert faults.recent() is None
        faults.record(UNWRITABLE, error)  # a new burst: one more line, counting the last one's rest
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and "99 more" in lines[1]
