"""The Alembic migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from core.db import write_session
from core.reports.daily import stored_daily
from core.schema import alembic_config
from models.report import POINT_UNITS


def test_migrated_schema_matches_the_models(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_points_migration_fills_the_points_from_stored_counts(engine) -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
        connection.execute(
            text(
                "INSERT INTO report_daily (day, kabupaten_kode, count, kekerasan_5_v, kekerasan_1_u, isu_4_u)"
                " VALUES ('2024-11-20', '81.02', 6, 2, 3, 1)"
            )
        )
        command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT points_kekerasan, points_isu, points_kampanye FROM report_daily")
        ).one()
    expected_kekerasan = 2 * POINT_UNITS[(5, True)] + 3 * POINT_UNITS[(1, False)]
    assert tuple(row) == (expected_kekerasan, POINT_UNITS[(4, False)], 0)
    with write_session(engine) as session:
        stored_daily(session)  # raises if the filled points disagree with the counts
