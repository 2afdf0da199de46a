"""Keep the daily tables' stored points on the engine's default weights, rebuilding them when those change.

The ``points_*`` columns are a projection of the 50 count columns under the default class
weights (``core.risk.params.point_units``). A one-row table records a hash of the weights
they were computed with; after the migrations ``sync_stored_points`` compares it with the
engine's current defaults and, when it is missing or differs, recomputes every row's points
in the database from its counts (plain SQL arithmetic, SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import functools
import operator
from typing import Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite

from core.risk import params
from core.risk.params import PointUnits, point_units, point_units_hash
from models.report import (
    AGGREGATE_CLASSES,
    POINTS_BASIS_ROW_ID,
    POINTS_COLUMNS,
    ReportDaily,
    ReportDailyKecamatan,
    aggregate_column,
    points_basis_table,
)


def current_point_units() -> PointUnits:
    """The units of the engine's default params as they are now (read at call time, not import)."""
    return point_units(params.DEFAULT_PARAMS)


def stored_basis(connection: Connection) -> str | None:
    """The hash of the weights the stored points were computed with; None before the first sync."""
    query = select(points_basis_table.c.class_weights_hash)
    return connection.execute(query).scalar_one_or_none()


DAILY_TABLES: tuple[Table, ...] = (ReportDaily.__table__, ReportDailyKecamatan.__table__)


def points_expression(factor: str, units: PointUnits, table: Table = ReportDaily.__table__) -> Any:
    """SQL for one factor's points of a row: the sum of its counts times their units."""
    terms = [
        units[(severity, verified)] * table.c[aggregate_column(name, severity, verified)]
        for name, severity, verified in AGGREGATE_CLASSES
        if name == factor
    ]
    return functools.reduce(operator.add, terms)


def recompute_points(connection: Connection, units: PointUnits) -> None:
    """Rewrite every row's points from its counts: one UPDATE, one pass over each table."""
    for table in DAILY_TABLES:
        values = {
            column: points_expression(factor, units, table) for factor, column in POINTS_COLUMNS.items()
        }
        connection.execute(update(table).values(values))


def _record_basis(connection: Connection, basis: str) -> None:
    """Store the basis in the one marker row (an upsert, so concurrent upgrades cannot collide)."""
    dialect = connection.dialect.name
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(points_basis_table)
    row = {"id": POINTS_BASIS_ROW_ID, "class_weights_hash": basis}
    connection.execute(
        stmt.values(row).on_conflict_do_update(
            index_elements=["id"], set_={"class_weights_hash": stmt.excluded.class_weights_hash}
        )
    )


def sync_stored_points(connection: Connection, units: PointUnits | None = None) -> bool:
    """Recompute the stored points unless they already use these units (default: the engine's).

    Runs inside the caller's transaction; returns whether the points were recomputed.
    """
    units = current_point_units() if units is None else units
    basis = point_units_hash(units)
    if stored_basis(connection) == basis:
        return False
    recompute_points(connection, units)
    _record_basis(connection, basis)
    return True
