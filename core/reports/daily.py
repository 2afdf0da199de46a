"""The daily report counts the risk engine reads: keep them in step, recount, compare, rebuild.

Two tables hold the same columns: `report_daily` per kabupaten (every counted report) and
`report_daily_kecamatan` per kecamatan (the counted reports that carry a kecamatan code). A key
names its unit by code, so a 5-character code ('81.02') is a kabupaten row and an 8-character
one ('81.02.01') a kecamatan row; both use the kabupaten's local day.
"""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from core.regions.service import local_day
from core.reports.rows import StoredOrPrepared
from core.risk.params import POINT_UNITS
from models.report import (
    AGGREGATE_CLASSES,
    AGGREGATE_COLUMNS,
    COUNTED_STATUSES,
    POINTS_COLUMNS,
    VERIFIED_STATUSES,
    Report,
    ReportDaily,
    ReportDailyKecamatan,
    ReportStatus,
    aggregate_column,
    factor_of,
)

ZERO_COUNTS = dict.fromkeys((*AGGREGATE_COLUMNS, *POINTS_COLUMNS.values()), 0)

AggregateKey = tuple[str, date, str, int, bool]  # unit kode, local day, factor, severity, verified
Executor = Session | Connection
KABUPATEN_KODE_LENGTH = 5
DAILY_TABLES: tuple[tuple[Table, str], ...] = (
    (ReportDaily.__table__, "kabupaten_kode"),
    (ReportDailyKecamatan.__table__, "kecamatan_kode"),
)


def aggregate_keys(report: StoredOrPrepared, status: str) -> list[AggregateKey]:
    """Where a report counts: its kabupaten's row and, when it has one, its kecamatan's row."""
    counted_as = ReportStatus(status)
    if counted_as not in COUNTED_STATUSES:
        return []
    day = local_day(report.kabupaten_kode, report.occurred_at)
    kind = (factor_of(report.category).value, report.severity, counted_as in VERIFIED_STATUSES)
    keys = [(report.kabupaten_kode, day, *kind)]
    if report.kecamatan_kode:
        keys.append((report.kecamatan_kode, day, *kind))
    return keys


def _table_of(kode: str) -> tuple[Table, str]:
    """The daily table and key column a unit's code belongs to."""
    return DAILY_TABLES[0] if len(kode) == KABUPATEN_KODE_LENGTH else DAILY_TABLES[1]


@functools.lru_cache(maxsize=8)
def _aggregate_upsert(dialect: str, table_name: str) -> Any:
    """Built once per backend and table: constructing this 58-column statement costs more than running it."""
    table, key = next((t, k) for t, k in DAILY_TABLES if t.name == table_name)
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return stmt.on_conflict_do_update(
        index_elements=["day", key],
        set_={name: table.c[name] + stmt.excluded[name] for name in ("count", *ZERO_COUNTS)},
    )


def _dialect_name(executor: Executor) -> str:
    """Which backend a session or connection talks to (the upsert's syntax depends on it)."""
    bind = executor if isinstance(executor, Connection) else executor.get_bind()
    return bind.dialect.name


def apply_aggregate_deltas(session: Executor, deltas: Counter[AggregateKey]) -> None:
    """Add the deltas to the daily rows: one cached upsert per table over every touched day."""
    rows: dict[tuple[str, date], dict[str, Any]] = {}
    for (kode, day, factor, severity, verified), n in deltas.items():
        if n:
            row = rows.get((kode, day))
            if row is None:
                row = rows[(kode, day)] = {"day": day, _table_of(kode)[1]: kode, "count": 0, **ZERO_COUNTS}
            row[aggregate_column(factor, severity, verified)] += n
            row[POINTS_COLUMNS[factor]] += n * POINT_UNITS[(severity, verified)]
            row["count"] += n
    dialect = _dialect_name(session) if rows else ""
    for table, key in DAILY_TABLES:
        chunk = [row for row in rows.values() if key in row]
        if chunk:
            session.execute(_aggregate_upsert(dialect, table.name), chunk)


def recount_daily(session: Executor) -> Counter[AggregateKey]:
    """What the aggregates should hold, recomputed from every stored report."""
    table = Report.__table__
    columns = [table.c[name] for name in ("kabupaten_kode", "kecamatan_kode", "occurred_at", "category")]
    query = select(*columns, table.c.severity, table.c.status).execution_options(yield_per=5000)
    counts: Counter[AggregateKey] = Counter()
    for row in session.execute(query):
        for key in aggregate_keys(row, row.status):
            counts[key] += 1
    return counts


def stored_daily(session: Executor) -> Counter[AggregateKey]:
    """What the aggregates hold now, one key per class (zero counts are dropped).

    Raises ValueError when a row's total or its per-factor points disagree with its counts.
    """
    counts: Counter[AggregateKey] = Counter()
    for table, key in DAILY_TABLES:
        for row in session.execute(select(table)).mappings():
            points = dict.fromkeys(POINTS_COLUMNS, 0)
            for factor, severity, verified in AGGREGATE_CLASSES:
                n = row[aggregate_column(factor, severity, verified)]
                if n:
                    counts[(row[key], row["day"], factor, severity, verified)] = n
                    points[factor] += n * POINT_UNITS[(severity, verified)]
            where = f"{row[key]} {row['day']}"
            if row["count"] != sum(row[name] for name in AGGREGATE_COLUMNS):
                raise ValueError(f"{table.name} total out of step for {where}")
            if any(row[POINTS_COLUMNS[factor]] != units for factor, units in points.items()):
                raise ValueError(f"{table.name} points out of step with the counts for {where}")
    return counts


def replace_daily(session: Executor) -> int:
    """Replace both aggregates with a fresh recount, in the caller's transaction; returns rows."""
    counts = recount_daily(session)
    for table, _ in DAILY_TABLES:
        session.execute(delete(table))
    apply_aggregate_deltas(session, counts)
    return len(counts)


def replace_kecamatan_daily(session: Executor) -> int:
    """Recount only the per-kecamatan table (after stored reports got their kecamatan codes)."""
    counts = Counter(
        {key: n for key, n in recount_daily(session).items() if _table_of(key[0]) is DAILY_TABLES[1]}
    )
    session.execute(delete(ReportDailyKecamatan.__table__))
    apply_aggregate_deltas(session, counts)
    return len(counts)


def rebuild_daily(session: Session) -> int:
    """Replace the aggregates with a fresh recount (after bulk loads or a repair) and commit."""
    rows = replace_daily(session)
    session.commit()
    return rows
