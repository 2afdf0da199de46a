"""The stored points follow the engine's default weights: recomputed on upgrade when they change."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, insert, select, text, update

from core.db import write_session
from core.reports.daily import stored_daily
from core.risk import params as risk_params
from core.risk.params import POINT_UNITS, RiskParams, point_units, point_units_hash
from core.risk.stored_points import stored_basis, sync_stored_points
from core.schema import upgrade_database
from models.report import AGGREGATE_CLASSES, POINTS_COLUMNS, ReportDaily, aggregate_column

OTHER_DEFAULTS = RiskParams(severity_weights={1: 1, 2: 3, 3: 5, 4: 8, 5: 13}, unverified_multiplier=0.5)
TABLE = ReportDaily.__table__


def _store_counts(engine: Engine, seed: int) -> None:
    """Random daily count rows written straight to the table, their points left at 0."""
    rng = random.Random(seed)
    rows = {}
    for _ in range(40):
        day = date(2024, 11, 20) - timedelta(days=rng.randint(0, 60))
        kode = rng.choice(["81.02", "64.01", "17.06"])
        row = rows.setdefault((day, kode), {"day": day, "kabupaten_kode": kode, "count": 0})
        name = aggregate_column(*rng.choice(AGGREGATE_CLASSES))
        n = rng.randint(1, 5)
        row[name] = row.get(name, 0) + n
        row["count"] += n
    with engine.begin() as connection:
        for row in rows.values():
            connection.execute(insert(TABLE).values(row))


def _points_by_hand(engine: Engine, params: RiskParams) -> dict[tuple[date, str], dict[str, float]]:
    """Every row's points from its counts: count x severity weight x status multiplier / 0.5."""
    severity = dict(params.severity_weights)
    status = {True: params.verified_multiplier, False: params.unverified_multiplier}
    expected = {}
    with engine.connect() as connection:
        for row in connection.execute(select(TABLE)).mappings():
            points = dict.fromkeys(POINTS_COLUMNS, 0.0)
            for factor, sev, verified in AGGREGATE_CLASSES:
                n = row[aggregate_column(factor, sev, verified)]
                points[factor] += n * severity[sev] * status[verified] / 0.5
            expected[(row["day"], row["kabupaten_kode"])] = points
    return expected


def _stored_points(engine: Engine) -> dict[tuple[date, str], dict[str, float]]:
    """What the points columns hold, per row."""
    with engine.connect() as connection:
        return {
            (row["day"], row["kabupaten_kode"]): {f: row[c] for f, c in POINTS_COLUMNS.items()}
            for row in connection.execute(select(TABLE)).mappings()
        }


def _basis(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return stored_basis(connection)


def test_a_fresh_database_records_the_default_weights(engine) -> None:
    assert _basis(engine) == point_units_hash(point_units(RiskParams()))


def test_upgrade_recomputes_the_points_when_the_basis_is_missing(engine, geo_dir) -> None:
    _store_counts(engine, seed=1)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM report_daily_points_basis"))
    assert any(any(p.values()) for p in _points_by_hand(engine, RiskParams()).values())
    upgrade_database(engine, geo_dir=geo_dir)
    assert _stored_points(engine) == _points_by_hand(engine, RiskParams())
    assert _basis(engine) == point_units_hash(POINT_UNITS)
    with write_session(engine) as session:
        stored_daily(session)  # the intake's own check of points against counts


def test_upgrade_leaves_points_alone_when_the_basis_matches(engine, geo_dir) -> None:
    _store_counts(engine, seed=2)  # points 0 although the counts are not: only a rebuild would fix them
    upgrade_database(engine, geo_dir=geo_dir)
    assert all(not any(points.values()) for points in _stored_points(engine).values())
    with engine.begin() as connection:
        assert sync_stored_points(connection) is False


def test_changed_default_weights_rebuild_the_points_and_back(engine, geo_dir, monkeypatch) -> None:
    _store_counts(engine, seed=3)
    with engine.begin() as connection:
        sync_stored_points(connection, units={key: 0 for key in POINT_UNITS})  # some other basis
    upgrade_database(engine, geo_dir=geo_dir)
    default_points = _stored_points(engine)
    assert default_points == _points_by_hand(engine, RiskParams())

    monkeypatch.setattr(risk_params, "DEFAULT_PARAMS", OTHER_DEFAULTS)
    upgrade_database(engine, geo_dir=geo_dir)
    assert _stored_points(engine) == _points_by_hand(engine, OTHER_DEFAULTS) != default_points
    assert _basis(engine) == point_units_hash(point_units(OTHER_DEFAULTS))

    monkeypatch.undo()
    upgrade_database(engine, geo_dir=geo_dir)
    assert _stored_points(engine) == default_points
    assert _basis(engine) == point_units_hash(POINT_UNITS)


def test_the_rebuild_overwrites_damaged_points(engine) -> None:
    _store_counts(engine, seed=4)
    with engine.begin() as connection:
        connection.execute(update(TABLE).values(points_isu=TABLE.c.points_isu + 99))
        assert sync_stored_points(connection, units={key: 0 for key in POINT_UNITS}) is True
        assert sync_stored_points(connection) is True
    assert _stored_points(engine) == _points_by_hand(engine, RiskParams())


@pytest.mark.parametrize("units", [{key: 0 for key in POINT_UNITS}, POINT_UNITS])
def test_the_basis_is_one_row(engine, units) -> None:
    with engine.begin() as connection:
        sync_stored_points(connection, units={key: 3 for key in POINT_UNITS})
        sync_stored_points(connection, units=units)
        rows = connection.execute(text("SELECT id, class_weights_hash FROM report_daily_points_basis")).all()
    assert [tuple(row) for row in rows] == [(1, point_units_hash(units))]
