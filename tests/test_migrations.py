"""The Alembic migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table)
from core.db import write_session
from core.reports.daily import stored_daily
from core.risk.params import DEFAULT_PARAMS
from core.schema import alembic_config, upgrade_database


def test_migrated_schema_matches_the_models(engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def _half_points(severity: int, verified: bool) -> float:
    """One report's points under the engine's default weights, in half points (by hand)."""
    status = DEFAULT_PARAMS.verified_multiplier if verified else DEFAULT_PARAMS.unverified_multiplier
    return dict(DEFAULT_PARAMS.severity_weights)[severity] * status / 0.5


COUNTS_AT_0003 = text(
    "INSERT INTO report_daily (day, kabupaten_kode, count, kekerasan_5_v, kekerasan_1_u, isu_4_u)"
    " VALUES ('2024-11-20', '81.02', 6, 2, 3, 1)"
)


def _downgrade_to_0003_with_counts(connection: Connection) -> Config:
    """Take the database back to 0003 and store a day of counts there; returns the config."""
    config = alembic_config(connection.engine.url.render_as_string(hide_password=False))
    config.attributes["connection"] = connection
    command.downgrade(config, "0003")
    connection.execute(COUNTS_AT_0003)
    return config


def test_upgrading_from_0003_fills_the_points_from_stored_counts(engine, geo_dir) -> None:
    with engine.begin() as connection:
        _downgrade_to_0003_with_counts(connection)
    upgrade_database(engine, geo_dir=geo_dir)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT points_kekerasan, points_isu, points_kampanye FROM report_daily")
        ).one()
    expected_kekerasan = 2 * _half_points(5, True) + 3 * _half_points(1, False)
    assert tuple(row) == (expected_kekerasan, _half_points(4, False), 0)
    with write_session(engine) as session:
        stored_daily(session)  # raises if the filled points disagree with the counts


def test_migrations_alone_leave_the_points_to_the_engine(engine) -> None:
    """No migration carries a weight: upgraded by Alembic alone, the new points columns stay 0."""
    with engine.begin() as connection:
        command.upgrade(_downgrade_to_0003_with_counts(connection), "head")
        points = connection.execute(text("SELECT points_kekerasan FROM report_daily")).scalar_one()
        basis = connection.execute(text("SELECT count(*) FROM report_daily_points_basis")).scalar_one()
    assert (points, basis) == (0, 0)


def test_upgrading_from_0007_keeps_accounts_and_their_tokens_working(engine, geo_dir) -> None:
    from core.accounts.service import authenticate, hash_token

    with engine.begin() as connection:
        config = alembic_config(connection.engine.url.render_as_string(hide_password=False))
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        connection.execute(
            text(
                "INSERT INTO account (id, name, role, kabupaten_kode, created_at)"
                " VALUES (901, 'fkdm-malra', 'officer', '81.02', '2026-11-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO api_token (account_id, token_hash, token_prefix, created_at)"
                " VALUES (901, :hash, 'wsp_lama', '2026-11-01 00:00:00')"
            ),
            {"hash": hash_token("wsp_token-lama")},
        )
    upgrade_database(engine, geo_dir=geo_dir)
    with write_session(engine) as session:
        principal = authenticate(session=session, token="wsp_token-lama")
    assert (principal.name, principal.kabupaten_kode, principal.must_change_password) == (
        "fkdm-malra",
        "81.02",
        False,
    )


REPORT_AT_0009 = text(
    "INSERT INTO report (id, kabupaten_kode, kecamatan, occurred_at, received_at, category, severity,"
    " title, description, latitude, longitude, location_mismatch, source_type, status, reporter_id,"
    " reporter, content_hash, created_at, updated_at) VALUES (:id, :kab, :typed, '2024-11-20 01:00:00',"
    " '2024-11-20 01:00:00', 'kerumunan_massa', 3, 'Massa berkumpul', '', :lat, :lon, false, 'fkdm',"
    " 'baru', 902, 'fkdm-lama', 'hash', '2024-11-20 01:00:00', '2024-11-20 01:00:00')"
)
STORED_AT_0009 = [  # id, kabupaten, typed kecamatan, point (label points of 17.06.08, 81.02.01), expected
    ("0b7e5c1a3d2f4e6a9b8c7d6e5f4a3b01", "17.06", None, (-2.68539, 101.41498), ("17.06.08", False)),
    ("0b7e5c1a3d2f4e6a9b8c7d6e5f4a3b02", "64.01", "Kec. Tanah Grogot", None, ("64.01.04", False)),
    (
        "0b7e5c1a3d2f4e6a9b8c7d6e5f4a3b03",
        "81.02",
        "Kei Besar Utara Timur",
        (-5.69675, 132.73257),
        ("81.02.05", True),
    ),
    ("0b7e5c1a3d2f4e6a9b8c7d6e5f4a3b04", "81.02", "Langgur Raya", None, (None, False)),
]


def test_upgrading_from_0009_fills_the_kecamatan_of_stored_reports(engine, geo_dir) -> None:
    with engine.begin() as connection:
        config = alembic_config(connection.engine.url.render_as_string(hide_password=False))
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
        connection.execute(
            text(
                "INSERT INTO account (id, username, role, must_change_password, created_at)"
                " VALUES (902, 'fkdm-lama', 'admin', false, '2026-11-01 00:00:00')"
            )
        )
        for report_id, kab, typed, point, _ in STORED_AT_0009:
            lat, lon = point or (None, None)
            connection.execute(
                REPORT_AT_0009, {"id": report_id, "kab": kab, "typed": typed, "lat": lat, "lon": lon}
            )
    result = upgrade_database(engine, geo_dir=geo_dir)
    assert result.kecamatan_backfill.summary() == (
        "kecamatan codes of stored reports: 1 filled from their points, 2 matched by name, 1 left empty"
    )
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT kecamatan_kode, kecamatan_mismatch FROM report ORDER BY id")
        ).all()
    assert [(kode, bool(flag)) for kode, flag in stored] == [expected for *_, expected in STORED_AT_0009]
    with engine.connect() as connection:
        per_kecamatan = dict(
            connection.execute(text("SELECT kecamatan_kode, count FROM report_daily_kecamatan")).all()
        )
    assert per_kecamatan == {"17.06.08": 1, "64.01.04": 1, "81.02.05": 1}
    assert upgrade_database(engine, geo_dir=geo_dir).kecamatan_backfill is None  # once only


EVENT_AT_0012 = text(
    "INSERT INTO planned_event (id, kabupaten_kode, event_type, title, starts_at, ends_at, source,"
    " cancelled, created_by, content_hash, created_at, updated_at)"
    " VALUES ('5b1c4c1e11114a4a9b9b0123456789ab', '81.02', 'rapat_umum', 'Rapat umum',"
    " '2024-11-20 00:00:00', '2024-11-20 04:00:00', '', false,"
    " 'admin', 'hash', '2024-11-01 00:00:00', '2024-11-01 00:00:00')"
)


def test_upgrading_from_0012_gives_stored_events_an_empty_venue_and_organiser(engine, geo_dir) -> None:
    with engine.begin() as connection:
        config = alembic_config(connection.engine.url.render_as_string(hide_password=False))
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
        columns = {c["name"] for c in inspect(connection).get_columns("planned_event")}
        assert {"venue", "organiser"}.isdisjoint(columns)  # the downgrade removed them
        connection.execute(EVENT_AT_0012)
    upgrade_database(engine, geo_dir=geo_dir)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT venue, organiser, content_hash FROM planned_event")).one()
    assert tuple(row) == ("", "", "hash")
