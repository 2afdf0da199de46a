"""The weekly report's data: one province's frozen week, who is flagged and why, the week ahead."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from core import jobs
from core.accounts.service import Principal
from core.config import Settings
from core.db import read_session, write_session
from core.errors import Forbidden, InvalidInput, NotFound
from core.events.service import create_event
from core.risk.params import DEFAULT_PARAMS, MODEL_VERSION
from core.snapshots.weekly_report import (
    EVENTS_LISTED,
    TOP_REPORTS,
    EventAhead,
    WeeklyReport,
    province_features,
    report_province,
    weekly_report,
)
from models import vocab
from models.account import Role
from models.event import PlannedEventCreate
from tests.conftest import auth
from tests.core.snapshots.support import ADMIN, MALUKU_ANALYST, WEEK_1, WEEK_2, ahead_with_events
from tests.factories import report_payload

MALUKU_OFFICER = Principal(account_id=3, name="officer", role=Role.OFFICER, kabupaten_kode="81.02")
UNPLACED_OFFICER = Principal(account_id=4, name="nowhere", role=Role.OFFICER)
TITLES = [f"Bentrokan antarkampung hari {day}" for day in (20, 21, 22)]


def plan(engine: Engine, kode: str, starts_at: str, title: str) -> None:
    event = PlannedEventCreate(
        kabupaten_kode=kode, event_type="rapat_umum", title=title, starts_at=starts_at, expected_crowd=500
    )
    with write_session(engine) as session:
        create_event(session=session, account=ADMIN, event_in=event)


@pytest.fixture
def frozen(settings: Settings, engine: Engine, client: TestClient, make_token) -> date:  # type: ignore[no-untyped-def]
    """WEEK_2 frozen after three severe clashes in 81.02, with rallies planned in and around the next week."""
    reports = [
        report_payload(occurred_at=f"2024-11-{day}T10:00:00", category="bentrokan", severity=5, title=title)
        for day, title in zip((20, 21, 22), TITLES, strict=True)
    ]
    officer = auth(make_token("officer", kabupaten="81.02"))
    assert client.post("/api/v1/reports/batch", json={"reports": reports}, headers=officer).status_code == 200
    plan(engine, "81.02", "2024-11-26T09:00:00", "Rapat umum di Langgur")  # coming Tuesday, WIT
    plan(engine, "81.02", "2024-12-03T09:00:00", "Rapat umum minggu depannya")  # a week too late
    plan(engine, "11.01", "2024-11-26T09:00:00", "Rapat umum di Aceh")  # another province
    assert jobs.run_week(settings, WEEK_2, trigger="cli").succeeded
    return WEEK_2


def report_of(engine: Engine, account: Principal, provinsi: str | None = "81") -> WeeklyReport:
    with read_session(engine) as session:
        return weekly_report(
            session=session, account=account, week_start=WEEK_2, provinsi=provinsi, params=DEFAULT_PARAMS
        )


def test_the_report_covers_the_province_s_frozen_week(engine: Engine, frozen: date) -> None:
    report = report_of(engine, MALUKU_ANALYST, provinsi=None)  # an analyst's own province by default
    assert (report.week_start, report.as_of) == (date(2024, 11, 18), date(2024, 11, 24))
    assert (report.next_week_start, report.next_week_end) == (date(2024, 11, 25), date(2024, 12, 1))
    assert (report.provinsi_kode, report.provinsi_nama, report.timezone, report.zona) == (
        "81",
        "Maluku",
        "Asia/Jayapura",
        "WIT",
    )
    assert len(report.rows) == 11 and {r.kode_prov for r in report.rows} == {"81"}
    assert report.model_version == MODEL_VERSION and report.params_hash == DEFAULT_PARAMS.params_hash()
    assert report.generated_at is not None and report.generated_at.utcoffset() == timedelta(hours=9)


def test_the_hot_kabupaten_is_flagged_with_the_reports_behind_its_score(engine: Engine, frozen: date) -> None:
    report = report_of(engine, ADMIN)
    hot = next(r for r in report.rows if r.kabupaten_kode == "81.02")
    assert hot.level == "tinggi" and hot.surge
    assert hot in report.tinggi and hot in report.surges
    assert report.rose == ()  # no week before to rise from
    assert all(r.level != "tinggi" and not r.surge for r in report.rows if r is not hot)
    (flagged,) = report.flagged
    assert flagged.row == hot and flagged.reasons == ("tinggi", "lonjakan")
    assert 0 < len(flagged.top_reports) <= TOP_REPORTS
    assert {c.title for c in flagged.top_reports} <= set(TITLES)
    assert all(c.kind == "report" for c in flagged.top_reports)
    points = [c.points for c in flagged.top_reports]
    assert points == sorted(points, reverse=True)


def test_the_week_ahead_holds_the_election_stages_and_the_province_s_events(
    engine: Engine, frozen: date
) -> None:
    report = report_of(engine, ADMIN)
    (pilkada,) = report.elections  # Pemilu 2024 is over and has no stage in the coming week
    assert (pilkada.name, pilkada.voting_day, pilkada.days_to_voting, pilkada.kabupaten_count) == (
        "Pilkada Serentak 2024",
        date(2024, 11, 27),
        2,
        11,
    )
    assert pilkada.stages == (
        ("masa_tenang", date(2024, 11, 24), date(2024, 11, 26)),
        ("pemungutan", date(2024, 11, 27), date(2024, 11, 27)),
        ("rekapitulasi", date(2024, 11, 27), date(2024, 12, 16)),
    )
    (event,) = report.events
    assert (event.kabupaten_kode, event.nama, event.title, event.expected_crowd) == (
        "81.02",
        "Kabupaten Maluku Tenggara",
        "Rapat umum di Langgur",
        500,
    )
    assert event.starts_at == datetime.fromisoformat("2024-11-26T09:00:00+09:00")
    assert event.starts_at.utcoffset() == timedelta(hours=9)  # shown in the province's own time


def test_the_national_report_ranks_every_kabupaten_and_sums_up_each_province(
    engine: Engine, frozen: date
) -> None:
    report = report_of(engine, ADMIN, provinsi=None)
    assert report.national and report.provinsi_kode is None and report.provinsi_nama is None
    assert (report.timezone, report.zona) == ("Asia/Jakarta", "WIB")
    assert len(report.rows) == 514
    scores = [r.score for r in report.rows]
    assert scores == sorted(scores, reverse=True) and report.rows[0].kabupaten_kode == "81.02"
    assert len(report.provinces) == 38 and sum(p.kabupaten for p in report.provinces) == 514
    maluku = report.provinces[0]  # the one province with a kabupaten at tinggi comes first
    assert (maluku.kode, maluku.nama, maluku.kabupaten, maluku.levels["tinggi"], maluku.surges) == (
        "81",
        "Maluku",
        11,
        1,
        1,
    )
    assert maluku.top is not None and maluku.top.kabupaten_kode == "81.02"
    assert all(sum(p.levels.values()) == p.kabupaten for p in report.provinces)
    assert {e.title for e in report.events} == {"Rapat umum di Langgur", "Rapat umum di Aceh"}
    assert all(e.starts_at.utcoffset() == timedelta(hours=7) for e in report.events)  # WIB
    assert report.previous_rows == ()  # the week before was never frozen
    with pytest.raises(InvalidInput):
        report_of(engine, UNPLACED_OFFICER, provinsi=None)


def test_last_week_s_rows_come_along_when_that_week_was_frozen(
    settings: Settings, engine: Engine, frozen: date
) -> None:
    assert jobs.run_week(settings, WEEK_1, trigger="cli").succeeded
    report = report_of(engine, MALUKU_ANALYST)
    assert len(report.previous_rows) == 11
    assert {r.week_start for r in report.previous_rows} == {WEEK_1}
    assert [r.kabupaten_kode for r in report.previous_rows] == [r.kabupaten_kode for r in report.rows]


def test_every_code_the_report_shows_has_a_label_in_the_vocabulary(engine: Engine, frozen: date) -> None:
    report = report_of(engine, ADMIN)
    assert {r.level for r in report.rows} <= set(vocab.values(vocab.LEVELS))
    stages = {stage for election in report.elections for stage, _, _ in election.stages}
    assert stages and stages <= set(vocab.values(vocab.STAGES))
    assert {e.event_type for e in report.events} <= set(vocab.values(vocab.EVENT_TYPES))
    factors = {factor for r in report.rows for factor in r.factor_scores}
    assert factors == set(vocab.values(vocab.FACTORS))


def test_a_report_is_for_one_province_in_the_caller_s_scope_or_the_nation_for_an_admin() -> None:
    assert report_province(account=ADMIN, provinsi="81") == "81"
    assert report_province(account=MALUKU_ANALYST, provinsi=None) == "81"
    assert report_province(account=MALUKU_OFFICER, provinsi=None) == "81"
    assert report_province(account=ADMIN, provinsi=None) is None  # the national report
    with pytest.raises(InvalidInput) as refused:
        report_province(account=UNPLACED_OFFICER, provinsi=None)
    assert (refused.value.errors[0].field, refused.value.errors[0].location) == ("provinsi", "query")
    with pytest.raises(Forbidden):
        report_province(account=MALUKU_OFFICER, provinsi="11")
    with pytest.raises(Forbidden):
        report_province(account=MALUKU_ANALYST, provinsi="11")
    with pytest.raises(InvalidInput):
        report_province(account=ADMIN, provinsi="8")


def test_an_unknown_province_or_an_unfrozen_week_is_not_found(engine: Engine) -> None:
    with read_session(engine) as session:
        with pytest.raises(NotFound):
            weekly_report(
                session=session, account=ADMIN, week_start=WEEK_2, provinsi="00", params=DEFAULT_PARAMS
            )
        with pytest.raises(NotFound):
            weekly_report(
                session=session, account=ADMIN, week_start=WEEK_2, provinsi="81", params=DEFAULT_PARAMS
            )


@pytest.mark.slow  # builds the simplified display layer once per process
def test_the_map_holds_the_province_s_kabupaten_polygons(geo_dir) -> None:  # type: ignore[no-untyped-def]
    features = province_features(geo_dir=geo_dir, provinsi="81")
    assert len(features) == 11
    assert {f["properties"]["kode_prov"] for f in features} == {"81"}
    assert {f["geometry"]["type"] for f in features} <= {"Polygon", "MultiPolygon"}
    assert province_features(geo_dir=geo_dir, provinsi="99") == ()


def test_a_crowded_week_lists_its_largest_gatherings_in_time_order_and_counts_the_rest() -> None:
    start = datetime(2024, 11, 25, 8, tzinfo=timezone(timedelta(hours=7)))
    crowds = [(index * 37) % 101 * 10 for index in range(EVENTS_LISTED + 20)] + [None, None]
    events = tuple(
        EventAhead(
            starts_at=start + timedelta(hours=index),
            ends_at=start + timedelta(hours=index + 2),
            kabupaten_kode="31.71",
            nama="Kota Jakarta Pusat",
            event_type="kampanye",
            title=f"Kegiatan {index}",
            expected_crowd=crowd,
        )
        for index, crowd in enumerate(crowds)
    )
    report = ahead_with_events(events)
    listed = report.events_listed
    assert len(listed) == EVENTS_LISTED
    assert report.events_not_listed == len(crowds) - EVENTS_LISTED
    assert (
        sorted((e.expected_crowd or 0 for e in listed), reverse=True)
        == sorted((c for c in crowds if c is not None), reverse=True)[:EVENTS_LISTED]
    )
    assert [e.starts_at for e in listed] == sorted(e.starts_at for e in listed)


def test_a_quiet_week_lists_every_event() -> None:
    start = datetime(2024, 11, 25, 8, tzinfo=timezone(timedelta(hours=9)))
    events = tuple(
        EventAhead(
            start - timedelta(days=i), start, "81.02", "Kabupaten Maluku Tenggara", "kampanye", "Rapat", None
        )
        for i in range(3)
    )
    report = ahead_with_events(events)
    assert report.events_listed == tuple(reversed(events))
    assert report.events_not_listed == 0
