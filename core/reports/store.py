"""Idempotent storage of prepared reports: insert once, tell replays from conflicts, count daily.

Two insert paths give the same result. Under SQLite's write lock (BEGIN IMMEDIATE) nobody
else can write, so a probe for the stored ids and one plain executemany INSERT suffice; on
PostgreSQL (or without the lock) the portable INSERT ... ON CONFLICT DO NOTHING RETURNING
lets the primary key decide races.
"""

from __future__ import annotations

import functools
import operator
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Float, Uuid
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from core.db import IMMEDIATE
from core.errors import FieldError
from core.reports.daily import AggregateKey, aggregate_keys, apply_aggregate_deltas
from core.reports.rows import (
    REPORT_COLUMNS,
    REPORT_TABLE,
    ItemResult,
    Outcome,
    PreparedReport,
    column_values,
    is_same_report,
)
from models.report import Report
from models.types import UTCDateTime

SQLITE_MAX_PARAMETERS = 999  # the lowest limit any SQLite build has had


def store_reports(connection: Connection, prepared: Sequence[PreparedReport]) -> list[ItemResult]:
    """Insert new reports once; tell replays (same content) from conflicts (same id, other content).

    Runs inside the caller's transaction; the database's primary key decides races, so
    concurrent retries of one report leave exactly one row.
    """
    results: list[ItemResult] = []
    first_by_id: dict[uuid.UUID, PreparedReport] = {}
    fresh: list[PreparedReport] = []
    for report in prepared:
        earlier = first_by_id.get(report.id)
        if earlier is None:
            first_by_id[report.id] = report
            fresh.append(report)
    inserted, stored = _insert_fresh(connection, fresh)
    deltas: Counter[AggregateKey] = Counter()
    seen: set[uuid.UUID] = set()
    for report in prepared:
        if report.id in inserted and report.id not in seen:
            seen.add(report.id)
            for key in aggregate_keys(report, report.status):
                deltas[key] += 1
            results.append(ItemResult(report.id, Outcome.CREATED, report=report))
            continue
        existing = stored.get(report.id) or first_by_id[report.id]
        if is_same_report(existing, report):
            results.append(ItemResult(report.id, Outcome.REPLAYED, report=existing))
        else:
            results.append(
                ItemResult(
                    report.id,
                    Outcome.CONFLICT,
                    [FieldError("id", "a different report with this id is already stored", "conflict")],
                )
            )
    apply_aggregate_deltas(connection, deltas)
    return results


@functools.lru_cache(maxsize=4)
def _report_insert(dialect: str) -> Any:
    """Insert a report unless its id is taken, returning the ids that were inserted."""
    table = Report.__table__
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return stmt.on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)


def _insert_fresh(
    connection: Connection, fresh: Sequence[PreparedReport]
) -> tuple[set[uuid.UUID], dict[uuid.UUID, PreparedReport]]:
    """Insert the reports whose id is free; return the ids inserted and the rows already stored."""
    if not fresh:
        return set(), {}
    if _holds_sqlite_write_lock(connection):
        stored = _reports_by_id(connection, _stored_ids_sqlite(connection, fresh))
        new = [r for r in fresh if r.id not in stored]
        if new:  # nobody else can write until we commit: what is not stored now, we insert
            connection.exec_driver_sql(_sqlite_insert_sql(), [sqlite_row(r) for r in new])
        return {r.id for r in new}, stored
    stmt = _report_insert(connection.dialect.name)
    inserted = {row[0] for row in connection.execute(stmt, [column_values(r) for r in fresh]).all()}
    return inserted, _reports_by_id(connection, (r.id for r in fresh if r.id not in inserted))


def _holds_sqlite_write_lock(connection: Connection) -> bool:
    """A SQLite transaction begun IMMEDIATE: the one writer until it ends."""
    return connection.dialect.name == "sqlite" and bool(connection.get_execution_options().get(IMMEDIATE))


def _stored_ids_sqlite(connection: Connection, reports: Sequence[PreparedReport]) -> list[uuid.UUID]:
    """Which of these ids are stored already: one indexed probe each, no statement compilation."""
    stored: list[uuid.UUID] = []
    for start in range(0, len(reports), SQLITE_MAX_PARAMETERS):
        chunk = [r.id.hex for r in reports[start : start + SQLITE_MAX_PARAMETERS]]
        sql = f"SELECT id FROM {REPORT_TABLE} WHERE id IN ({', '.join('?' * len(chunk))})"
        stored += [uuid.UUID(hex=row[0]) for row in connection.exec_driver_sql(sql, tuple(chunk))]
    return stored


@functools.lru_cache(maxsize=1)
def _sqlite_insert_sql() -> str:
    """A plain positional INSERT run with executemany (no per-row statement machinery)."""
    placeholders = ", ".join("?" for _ in REPORT_COLUMNS)
    return f"INSERT INTO {REPORT_TABLE} ({', '.join(REPORT_COLUMNS)}) VALUES ({placeholders})"


def _sqlite_uuid(value: uuid.UUID | None) -> str | None:
    """A UUID as SQLAlchemy's Uuid type stores it on SQLite: 32 hex digits."""
    return None if value is None else value.hex


def _sqlite_float(value: float | None) -> float | None:
    """A whole-number coordinate (an int) stored as the REAL SQLAlchemy would bind."""
    return None if value is None else float(value)


@functools.lru_cache(maxsize=16)  # a batch stamps received/created/updated with one instant
def _sqlite_instant(value: datetime) -> str:
    """SQLAlchemy's SQLite text for a UTCDateTime: naive UTC, always with microseconds."""
    if value.tzinfo is None:
        raise ValueError("refusing to store a naive datetime; attach a time zone first")
    return value.astimezone(UTC).isoformat(" ", "microseconds")[:26]  # without "+00:00"


# What SQLAlchemy's bind processors make of each column type on SQLite, without their
# per-value dispatch (~20 us a row); tests/core/reports/test_store.py keeps the two equal.
_SQLITE_CONVERSIONS: dict[type, Callable[[Any], Any]] = {
    Uuid: _sqlite_uuid,
    UTCDateTime: _sqlite_instant,
    Boolean: int,
    Float: _sqlite_float,
}
_REPORT_VALUES = operator.attrgetter(*REPORT_COLUMNS)
_SQLITE_CONVERTED = tuple(
    (index, _SQLITE_CONVERSIONS[type(Report.__table__.c[name].type)])
    for index, name in enumerate(REPORT_COLUMNS)
    if type(Report.__table__.c[name].type) in _SQLITE_CONVERSIONS
)


def sqlite_row(report: PreparedReport) -> tuple[Any, ...]:
    """The report's values as SQLite stores them, in REPORT_COLUMNS order."""
    values = list(_REPORT_VALUES(report))
    for index, convert in _SQLITE_CONVERTED:
        values[index] = convert(values[index])
    return tuple(values)


def _reports_by_id(connection: Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, PreparedReport]:
    """The stored rows of these ids (the ones a replay or conflict is judged against)."""
    ids = list(ids)
    if not ids:
        return {}
    table = Report.__table__
    rows = connection.execute(select(table).where(table.c.id.in_(ids))).mappings()
    return {row["id"]: PreparedReport(**row) for row in rows}
