"""Reading frozen weeks: the row shape, scope, run records, which weeks are missing, trends."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from sqlalchemy import Engine, delete

from core.accounts.service import Principal
from core.db import read_session, write_session
from core.errors import NotFound
from core.snapshots import freeze as snapshots
from core.snapshots.queries import (
    SNAPSHOT_FIELDS,
    SnapshotRow,
    earliest_data_day,
    latest_level_before,
    list_weeks,
    missing_weeks,
    run_status,
    snapshot_for_scope,
    snapshot_run,
    trend,
)
from models.account import Role
from models.election import Election, ElectionKabupaten, ElectionProvince, ElectionStage
from tests.core.snapshots.support import (
    ADMIN,
    KABUPATEN,
    MALUKU_ANALYST,
    WEEK_1,
    WEEK_2,
    WIB,
    at,
    freeze,
    store_violence,
)


def test_a_row_is_the_table_s_columns_with_names_in_the_api_s_order() -> None:
    assert SNAPSHOT_FIELDS == (
        "week_start",
        "as_of",
        "kabupaten_kode",
        "nama",
        "kode_prov",
        "nama_prov",
        "score",
        "level",
        "score_kerumunan",
        "score_kampanye",
        "score_isu",
        "score_kekerasan",
        "score_lainnya",
        "reports_7d",
        "reports_28d",
        "surge",
        "previous_level",
        "level_change",
        "model_version",
        "params_hash",
        "created_at",
    )
    types = {f.name: f.type for f in dataclasses.fields(SnapshotRow)}
    assert (types["as_of"], types["nama"], types["surge"], types["level_change"]) == (
        date,
        str,
        bool,
        int | None,
    )
    assert SnapshotRow.__name__ == "SnapshotRow" and SnapshotRow.__module__ == "core.snapshots.queries"


def test_a_frozen_row_carries_its_names_and_factor_scores(engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    freeze(engine, WEEK_2)
    with read_session(engine) as session:
        (row,) = snapshot_for_scope(
            session=session,
            account=Principal(account_id=3, name="o", role=Role.OFFICER, kabupaten_kode="81.02"),
            week_start=WEEK_2,
        )
    assert (row.kabupaten_kode, row.nama, row.kode_prov, row.nama_prov) == (
        "81.02",
        "Kabupaten Maluku Tenggara",
        "81",
        "Maluku",
    )
    assert (row.level, row.surge, row.reports_7d, row.as_of) == ("tinggi", True, 4, date(2024, 11, 24))
    assert set(row.factor_scores) == {"kerumunan", "kampanye", "isu", "kekerasan", "lainnya"}
    assert row.factor_scores["kekerasan"] == row.score_kekerasan > 0
    assert row.factor_scores["kampanye"] == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.level = "rendah"  # type: ignore[misc]


def test_a_week_is_read_within_scope_and_only_once_frozen(engine: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with read_session(engine) as session, pytest.raises(NotFound):
        snapshot_for_scope(session=session, account=ADMIN, week_start=WEEK_1)
    monkeypatch.setattr(snapshots, "snapshot_values", lambda **_: (_ for _ in ()).throw(RuntimeError("x")))
    freeze(engine, WEEK_1)  # a failed run is not a snapshot either
    monkeypatch.undo()
    with read_session(engine) as session:
        assert run_status(session=session, week_start=WEEK_1) == "failed"
        with pytest.raises(NotFound):
            snapshot_for_scope(session=session, account=ADMIN, week_start=WEEK_1)
    freeze(engine, WEEK_1)
    with read_session(engine) as session:
        everything = snapshot_for_scope(session=session, account=ADMIN, week_start=WEEK_1)
        maluku = snapshot_for_scope(session=session, account=MALUKU_ANALYST, week_start=WEEK_1)
        aceh = snapshot_for_scope(session=session, account=ADMIN, week_start=WEEK_1, provinsi="11")
    assert len(everything) == KABUPATEN
    assert [r.kabupaten_kode for r in everything] == sorted(r.kabupaten_kode for r in everything)
    assert len(maluku) == 11 and {r.kode_prov for r in maluku} == {"81"}
    assert aceh and {r.kode_prov for r in aceh} == {"11"}


def test_run_records_are_listed_newest_first(engine: Engine) -> None:
    freeze(engine, WEEK_1)
    freeze(engine, WEEK_2)
    with read_session(engine) as session:
        weeks = list_weeks(session=session)
        one = snapshot_run(session=session, week_start=WEEK_1)
        none = snapshot_run(session=session, week_start=date(2024, 11, 4))
        never = run_status(session=session, week_start=date(2024, 11, 4))
    assert [(w.week_start, w.as_of, w.status, w.rows) for w in weeks] == [
        (WEEK_2, date(2024, 11, 24), "succeeded", KABUPATEN),
        (WEEK_1, date(2024, 11, 17), "succeeded", KABUPATEN),
    ]
    assert one is not None and (one.trigger, one.attempts, one.error) == ("cli", 1, None)
    assert isinstance(one.finished_at, datetime) and one.finished_at.tzinfo is not None
    assert (none, never) == (None, None)


def test_a_trend_lists_the_frozen_weeks_oldest_first(engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    for week in (WEEK_2, WEEK_1, date(2024, 11, 4)):
        freeze(engine, week)
    with read_session(engine) as session:
        rows = trend(session=session, kabupaten_kode="81.02", weeks=2)
    assert [(r.week_start, r.level, r.nama) for r in rows] == [
        (WEEK_1, "rendah", "Kabupaten Maluku Tenggara"),
        (WEEK_2, "tinggi", "Kabupaten Maluku Tenggara"),
    ]


def test_the_latest_level_before_a_week_is_the_newest_frozen_one(engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    freeze(engine, WEEK_2)
    with read_session(engine) as session:
        assert latest_level_before(session=session, kabupaten_kode="81.02", week=WEEK_2) is None
        assert (
            latest_level_before(session=session, kabupaten_kode="81.02", week=date(2024, 12, 9)) == "tinggi"
        )


# --------------------------------------------------------------------------- which weeks are missing


def test_an_outage_longer_than_the_window_produces_only_the_newest_weeks(engine: Engine) -> None:
    freeze(engine, date(2024, 10, 7))
    with read_session(engine) as session:
        weeks = missing_weeks(session=session, now=at(date(2024, 11, 18), 8), tz=WIB, limit=2)
    assert weeks == [date(2024, 11, 4), WEEK_1]


def test_a_failed_week_inside_the_window_is_retried(engine: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(snapshots, "snapshot_values", lambda **_: (_ for _ in ()).throw(RuntimeError("boom")))
    freeze(engine, date(2024, 11, 4))
    monkeypatch.undo()
    freeze(engine, WEEK_1)
    with read_session(engine) as session:
        weeks = missing_weeks(session=session, now=at(date(2024, 11, 18), 8), tz=WIB, limit=4)
    assert weeks == [date(2024, 11, 4)]  # older than the newest success, but its run failed


def test_nothing_is_missing_without_a_window(engine: Engine) -> None:
    with read_session(engine) as session:
        assert missing_weeks(session=session, now=at(date(2024, 11, 18), 8), tz=WIB, limit=0) == []
        assert missing_weeks(session=session, now=at(date(2000, 1, 2), 8), tz=WIB, limit=3) == []


def _clear_calendar(engine: Engine) -> None:
    """An installation without elections: only reports can say where data begins."""
    with write_session(engine) as session:
        for table in (ElectionStage, ElectionProvince, ElectionKabupaten, Election):
            session.exec(delete(table))
        session.commit()


def test_the_first_data_day_is_the_oldest_report_or_election(engine: Engine) -> None:
    with read_session(engine) as session:
        assert earliest_data_day(session=session) == date(2023, 10, 19)  # Pemilu 2024's registration
    _clear_calendar(engine)
    with read_session(engine) as session:
        assert earliest_data_day(session=session) is None
    store_violence(engine, "81.02", date(2024, 11, 6), 0)  # a day whose reports were all rejected
    store_violence(engine, "94.02", date(2024, 11, 13), 2)
    with read_session(engine) as session:
        assert earliest_data_day(session=session) == date(2024, 11, 13)


def test_no_week_before_the_first_report_or_election_is_missing(engine: Engine) -> None:
    _clear_calendar(engine)
    now = at(date(2024, 12, 2), 8)
    with read_session(engine) as session:
        assert missing_weeks(session=session, now=now, tz=WIB, limit=12) == []  # nothing to score
    store_violence(engine, "94.02", date(2024, 11, 13), 2)  # a Wednesday in WEEK_1
    with read_session(engine) as session:
        weeks = missing_weeks(session=session, now=now, tz=WIB, limit=12)
    assert weeks == [WEEK_1, WEEK_2, date(2024, 11, 25)]
