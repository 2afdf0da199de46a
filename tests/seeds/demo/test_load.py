"""The demo season in a database: plausible, seeded once, and stored the way intake stores reports."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from core.accounts.service import principal_of
from core.db import read_session, write_session
from core.regions.service import local_day
from core.reports.daily import recount_daily, stored_daily
from core.reports.intake import Outcome
from core.writer import write_in_transaction
from geo.locate import get_kecamatan_locator
from models.account import Account
from models.event import EventType, PlannedEvent
from models.region import Kabupaten
from models.report import Report
from seeds.demo import DEMO_ACCOUNT, DemoSummary, seed_demo
from seeds.demo.load import DemoOfficers, demo_account, prepare_demo_reports
from seeds.demo.places import load_places
from seeds.demo.plan import plan_season
from seeds.demo.rereports import officer_of, planted_pairs, season_reports
from seeds.demo.tables import DEFAULT_SEED, SEASON_END, SEASON_START

SMALL = 2_000
JULY = (date(2024, 7, 15), date(2024, 7, 31))
LAST_CAMPAIGN_WEEKS = (date(2024, 11, 3), date(2024, 11, 23))
QUIET_DAYS = (date(2024, 11, 24), date(2024, 11, 26))
VOTING_DAY = date(2024, 11, 27)


def fingerprints(session: Session) -> set[tuple[uuid.UUID, str]]:
    return set(session.exec(select(Report.id, Report.content_hash)).all())


def local_days(session: Session) -> Counter[date]:
    """Reports per local calendar day of their kabupaten."""
    rows = session.exec(select(Report.kabupaten_kode, Report.occurred_at)).all()
    return Counter(local_day(kode, at) for kode, at in rows)


def per_week(days: Counter[date], first: date, last: date) -> float:
    total = sum(n for day, n in days.items() if first <= day <= last)
    return total / ((last - first).days + 1) * 7


def counts(session: Session) -> tuple[int, int, int]:
    reports = session.exec(select(func.count()).select_from(Report)).one()
    events = session.exec(select(func.count()).select_from(PlannedEvent)).one()
    per_kabupaten = sum(n for (kode, *_), n in stored_daily(session).items() if len(kode) == 5)
    return reports, events, per_kabupaten


def planted(session: Session, total: int, seed: int = DEFAULT_SEED) -> dict[uuid.UUID, uuid.UUID]:
    """The re-reports the generator plants in a season of `total` reports, by id, and their originals."""
    plan = plan_season(load_places(session), seed=seed, start=SEASON_START, end=SEASON_END)
    return planted_pairs(list(season_reports(plan, seed, total)))


def check_rows(session: Session, reports: list[Report], total: int) -> None:
    """Every row is a demo row of a known kabupaten, spread over the whole country.

    The generator's account sends the season; each planted re-report comes from the demo
    officer of its own kabupaten.
    """
    kabupaten = set(session.exec(select(Kabupaten.kode)).all())
    account = session.exec(select(Account).where(Account.username == DEMO_ACCOUNT)).one()
    assert account.role == "admin"
    assert {r.source_type for r in reports} == {"demo"}
    again = planted(session, total)
    assert again
    assert {(r.reporter, r.reporter_id) for r in reports if r.id not in again} == {(DEMO_ACCOUNT, account.id)}
    officers = {a.id: a for a in session.exec(select(Account).where(Account.role == "officer")).all()}
    for r in (r for r in reports if r.id in again):
        officer = officers[r.reporter_id]
        assert (r.reporter, officer.username, officer.kabupaten_kode) == (
            officer_of(r.kabupaten_kode),
            r.reporter,
            r.kabupaten_kode,
        )
        assert r.status == "baru"
    assert {r.kabupaten_kode for r in reports} <= kabupaten
    assert len({r.kabupaten_kode for r in reports}) >= 300
    assert len({r.kabupaten_kode[:2] for r in reports}) == 38
    located = [r for r in reports if r.latitude is not None]
    assert 0.25 <= len(located) / len(reports) <= 0.42
    assert all(r.located_kabupaten_kode == r.kabupaten_kode for r in located)
    assert not any(r.location_mismatch for r in reports)


STATUS_BOUNDS = {
    "baru": (0.38, 0.54),
    "terverifikasi": (0.24, 0.36),
    "ditangani": (0.05, 0.11),
    "selesai": (0.03, 0.08),
    "ditolak": (0.05, 0.11),
    "duplikat": (0.015, 0.06),
}


def check_statuses(reports: list[Report]) -> None:
    """The status mix is roughly the documented one; duplicates point at earlier originals."""
    share = Counter(r.status for r in reports)
    for status, (low, high) in STATUS_BOUNDS.items():
        assert low <= share[status] / len(reports) <= high, (status, share)
    by_id = {r.id: r for r in reports}
    for dup in (r for r in reports if r.status == "duplikat"):
        original = by_id[dup.duplicate_of]
        assert original.kabupaten_kode == dup.kabupaten_kode
        assert original.occurred_at <= dup.occurred_at
        assert original.status not in ("duplikat", "ditolak")
    assert all(r.duplicate_of is None for r in reports if r.status != "duplikat")


def check_shape(session: Session, reports: list[Report]) -> None:
    """Reports rise through the campaign, dip in masa tenang, spike on voting day."""
    days = local_days(session)
    assert min(days) >= date(2024, 7, 15)
    assert max(days) <= date(2024, 12, 16)
    assert per_week(days, *LAST_CAMPAIGN_WEEKS) > 2 * per_week(days, *JULY)
    quiet_daily = per_week(days, *QUIET_DAYS) / 7
    assert quiet_daily < 0.75 * per_week(days, date(2024, 11, 17), date(2024, 11, 23)) / 7
    assert days[VOTING_DAY] > 1.5 * quiet_daily
    severe = Counter(r.kabupaten_kode for r in reports if r.severity >= 4)
    assert sum(severe[k] > 0 for k in ("94.02", "95.03", "82.04", "35.27")) >= 3


def check_events(session: Session, events: list[PlannedEvent]) -> None:
    """Every kind of event, registrations wherever a Pilkada is held, rallies in the campaign."""
    kabupaten = set(session.exec(select(Kabupaten.kode)).all())
    assert 300 <= len(events) <= 6_000
    assert {e.event_type for e in events} == {t.value for t in EventType} - {"lainnya"}
    assert {(e.source, e.created_by) for e in events} == {("demo", DEMO_ACCOUNT)}
    registering = {e.kabupaten_kode for e in events if e.event_type == "pendaftaran_calon"}
    assert registering >= {k for k in kabupaten if not k.startswith("31.")} | {"31.71"}
    rallies = [e for e in events if e.event_type == "rapat_umum"]
    assert all(500 <= (e.expected_crowd or 0) <= 20_000 for e in rallies)
    assert all(date(2024, 9, 25) <= local_day(e.kabupaten_kode, e.starts_at) for e in rallies)
    assert all(e.ends_at >= e.starts_at for e in events)


def test_small_season_is_plausible_consistent_and_seeded_once(engine: Engine) -> None:
    with write_session(engine) as session:
        summary = seed_demo(session=session, reports=SMALL)
        reports = list(session.exec(select(Report)).all())
        events = list(session.exec(select(PlannedEvent)).all())
        stored = SMALL + len(planted(session, SMALL))

        assert (summary.reports, summary.events, summary.skipped) == (stored, len(events), False)
        assert len(reports) == stored
        check_rows(session, reports, SMALL)
        check_statuses(reports)
        check_shape(session, reports)
        check_events(session, events)
        assert recount_daily(session) == stored_daily(session)

        before = counts(session), fingerprints(session)
        again = seed_demo(session=session, reports=SMALL * 2, seed=99)
        assert again == DemoSummary(reports=stored, events=len(events), skipped=True)
        assert (counts(session), fingerprints(session)) == before


def test_same_seed_reproduces_the_season_and_another_seed_differs(engine: Engine) -> None:
    with write_session(engine) as session:
        seed_demo(session=session, reports=SMALL)
        first = fingerprints(session)
        first_events = set(session.exec(select(PlannedEvent.id, PlannedEvent.content_hash)))
        again = seed_demo(session=session, reports=SMALL, reset=True)
        assert (again.reports, again.skipped) == (SMALL + len(planted(session, SMALL)), False)
        assert fingerprints(session) == first
        assert set(session.exec(select(PlannedEvent.id, PlannedEvent.content_hash))) == (first_events)
        seed_demo(session=session, seed=7, reports=SMALL, reset=True)
        other = fingerprints(session)
        assert len(other) == SMALL + len(planted(session, SMALL, seed=7))
        assert not other & first
        assert {h for _, h in other}.isdisjoint({h for _, h in first})
        assert recount_daily(session) == stored_daily(session)


def test_a_window_past_the_season_reaches_its_end(engine: Engine) -> None:
    start, end = date(2024, 11, 1), date(2025, 2, 28)
    with write_session(engine) as session:
        summary = seed_demo(session=session, reports=1_000, start=start, end=end)
        days = local_days(session)
        events = session.exec(select(PlannedEvent.kabupaten_kode, PlannedEvent.starts_at)).all()

    assert summary.reports >= 1_000  # and the re-reports planted in the window
    assert start <= min(days) and max(days) <= end
    assert sum(n for d, n in days.items() if d > end - timedelta(days=14)) > 0
    assert all(start <= local_day(k, at) <= end for k, at in events)


def test_the_stored_season_is_what_intake_stores_so_a_replay_changes_nothing(engine: Engine) -> None:
    with write_session(engine) as session:
        seed_demo(session=session, reports=SMALL)
        before = counts(session), fingerprints(session)
        places = load_places(session)
        account = principal_of(demo_account(session))
        plan = plan_season(places, seed=DEFAULT_SEED, start=SEASON_START, end=SEASON_END)
        drafts = season_reports(plan, DEFAULT_SEED, SMALL)  # the re-reports from their officers too
        officer = DemoOfficers(session).principal
        prepared = list(prepare_demo_reports(drafts, account, places, officer=officer))
    assert len(prepared) == len(before[1]) > SMALL
    results = write_in_transaction(engine, prepared)
    assert [r.status for r in results] == [Outcome.REPLAYED] * len(prepared)
    with read_session(engine) as session:
        assert (counts(session), fingerprints(session)) == before
        stored = list(session.exec(select(Report)).all())
    for row in stored:  # stamped with the season's own arrival times, never the clock
        assert timedelta(minutes=2) <= row.received_at - row.occurred_at <= timedelta(minutes=45)
        assert row.created_at == row.updated_at == row.received_at


def test_with_the_data_pack_demo_reports_get_the_kecamatan_their_point_lies_in(
    engine: Engine, geo_dir: Path
) -> None:
    with write_session(engine) as session:
        seed_demo(session=session, reports=SMALL, geo_dir=geo_dir)
        reports = list(session.exec(select(Report)).all())
        assert recount_daily(session) == stored_daily(session)
    placed = [r for r in reports if r.kecamatan_kode is not None]
    pointed = [r for r in reports if r.latitude is not None]
    assert pointed and len([r for r in pointed if r.kecamatan_kode]) > 0.9 * len(
        pointed
    )  # by the label point
    assert all(r.kecamatan_kode.startswith(f"{r.kabupaten_kode}.") for r in placed)
    locator = get_kecamatan_locator(geo_dir)
    with_point = [r for r in placed if r.latitude is not None and r.located_kecamatan_kode is not None]
    # the point's own kecamatan, or a typed name that named another one and is flagged for it
    # (a point in land no kecamatan covers cannot disagree with any)
    assert all(
        r.kecamatan_mismatch != locator.contains(r.kecamatan_kode, r.latitude, r.longitude)
        for r in with_point
    )
