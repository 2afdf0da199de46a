"""SQLite connections are durable, and write transactions take the write lock at BEGIN."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Engine

from core.db import WAL_AUTOCHECKPOINT_PAGES, write_engine

SQLITE_FULL = 2


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(
    ("pragma", "expected"),
    [
        ("journal_mode", "wal"),
        ("synchronous", SQLITE_FULL),
        ("foreign_keys", 1),
        ("wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES),
    ],
)
def test_every_sqlite_connection_gets_the_durability_pragmas(engine: Engine, pragma: str, expected) -> None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        assert connection.exec_driver_sql(f"PRAGMA {pragma}").scalar() == expected


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_write_transaction_holds_the_lock_from_begin(engine: Engine) -> None:
    with write_engine(engine).begin():
        raw = engine.raw_connection()
        try:
            raw.execute("PRAGMA busy_timeout=0")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                raw.execute("BEGIN IMMEDIATE")
        finally:
            raw.close()
