"""Weekly snapshots: week edges, exactly-once freezing, catch-up with a controlled clock, races."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from core import jobs
from core.accounts.service import Principal, create_account_token
from core.config import REPO_ROOT, Settings
from core.db import read_session, write_session
from core.errors import InvalidInput
from core.reports.daily import apply_aggregate_deltas
from core.risk.engine import DEFAULT_PARAMS
from core.snapshots import freeze as snapshots
from core.snapshots.freeze import compute_week, last_complete_week, missing_weeks, week_of, week_start
from models.account import AuditEvent, Role
from models.snapshot import RiskSnapshot, SnapshotRun

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
WEEK_1 = date(2024, 11, 11)  # Monday; its Sunday is 2024-11-17
WEEK_2 = date(2024, 11, 18)  # Monday; its Sunday is 2024-11-24 (Pilkada masa tenang)
KABUPATEN = 514


def store_violence(engine: Engine, kode: str, day: date, reports: int) -> None:
    """Verified severity-5 violence on one local day: enough of it makes a kabupaten tinggi and surge."""
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter({(kode, day, "kekerasan", 5, True): reports}))
        session.commit()


def freeze(engine: Engine, week: date, *, force: bool = False, actor: Principal | None = None):  # type: ignore[no-untyped-def]
    with write_session(engine) as session:
        return compute_week(
            session=session, week_start=week, params=DEFAULT_PARAMS, trigger="cli", force=force, actor=actor
        )


def runs(engine: Engine) -> list[SnapshotRun]:
    with read_session(engine) as session:
        return list(session.exec(select(SnapshotRun).order_by(SnapshotRun.week_start)).all())


def row_counts(engine: Engine) -> dict[date, int]:
    with read_session(engine) as session:
        query = select(RiskSnapshot.week_start, func.count()).group_by(RiskSnapshot.week_start)
        return dict(session.exec(query).all())


def snapshot_of(engine: Engine, week: date, kode: str) -> RiskSnapshot:
    with read_session(engine) as session:
        return session.exec(
            select(RiskSnapshot).where(RiskSnapshot.week_start == week, RiskSnapshot.kabupaten_kode == kode)
        ).one()


# --------------------------------------------------------------------------- week arithmetic (pure)


@pytest.mark.parametrize("offset", range(7))
def test_every_day_of_a_week_belongs_to_its_monday(offset: int) -> None:
    assert week_start(WEEK_1 + timedelta(days=offset)) == WEEK_1


def test_sunday_2359_and_monday_0000_wib_are_different_weeks() -> None:
    sunday_night = datetime(2024, 11, 17, 23, 59, 59, tzinfo=WIB)
    monday_midnight = datetime(2024, 11, 18, 0, 0, tzinfo=WIB)
    assert week_of(sunday_night, "Asia/Jakarta") == WEEK_1
    assert week_of(monday_midnight, "Asia/Jakarta") == WEEK_2
    assert last_complete_week(sunday_night, WIB) == WEEK_1 - timedelta(days=7)  # its Sunday has not ended
    assert last_complete_week(monday_midnight, WIB) == WEEK_1


def test_a_late_sunday_instant_in_wit_is_judged_in_jakarta() -> None:
    instant = datetime(2024, 11, 17, 16, 30, tzinfo=UTC)  # Monday 01:30 WIT, still Sunday 23:30 WIB
    assert instant.astimezone(WIT).date() == date(2024, 11, 18)
    assert week_of(instant.astimezone(WIT), "Asia/Jakarta") == WEEK_1
    assert last_complete_week(instant.astimezone(WIT), WIB) == WEEK_1 - timedelta(days=7)


def test_a_naive_instant_has_no_week() -> None:
    with pytest.raises(ValueError):
        week_of(datetime(2024, 11, 17, 12, 0), WIB)


@pytest.mark.parametrize("day", [date(2024, 11, 12), date(1990, 1, 1), date(9999, 12, 27)])
def test_a_week_is_named_by_a_monday_in_range(day: date) -> None:
    with pytest.raises(InvalidInput):
        snapshots.check_week_start(day)


# --------------------------------------------------------------------------- freezing a week


def test_a_week_is_frozen_once_with_every_kabupaten(engine: Engine) -> None:
    first = freeze(engine, WEEK_1)
    again = freeze(engine, WEEK_1)
    assert (first.status, first.rows) == ("succeeded", KABUPATEN)
    assert again.status == "skipped"
    assert row_counts(engine) == {WEEK_1: KABUPATEN}
    (run,) = runs(engine)
    assert (run.status, run.attempts, run.rows, run.error) == ("succeeded", 1, KABUPATEN, None)
    row = snapshot_of(engine, WEEK_1, "81.02")
    assert row.as_of == date(2024, 11, 17)
    assert (row.previous_level, row.level_change) == (None, None)


def test_level_change_is_against_the_week_before_even_when_frozen_out_of_order(engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    freeze(engine, WEEK_2)
    later = snapshot_of(engine, WEEK_2, "81.02")
    assert (later.level, later.surge, later.reports_7d, later.reports_28d) == ("tinggi", True, 4, 4)
    assert later.level_change is None  # nothing to compare with yet
    freeze(engine, WEEK_1)
    relinked = snapshot_of(engine, WEEK_2, "81.02")
    assert (relinked.previous_level, relinked.level_change) == ("rendah", 2)
    unchanged = snapshot_of(engine, WEEK_2, "11.01")
    assert (unchanged.previous_level, unchanged.level_change) == ("rendah", 0)


def test_a_forced_recompute_replaces_the_rows_and_is_audited(engine: Engine) -> None:
    freeze(engine, WEEK_2)
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    assert snapshot_of(engine, WEEK_2, "81.02").level == "rendah"  # frozen: later reports do not change it
    with write_session(engine) as session:
        token, _ = create_account_token(session=session, name="admin-ops", role=Role.ADMIN)
    admin = Principal(account_id=token.account_id, name="admin-ops", role=Role.ADMIN)
    result = freeze(engine, WEEK_2, force=True, actor=admin)
    assert (result.status, result.forced) == ("succeeded", True)
    assert snapshot_of(engine, WEEK_2, "81.02").level == "tinggi"
    assert row_counts(engine) == {WEEK_2: KABUPATEN}
    assert runs(engine)[0].attempts == 2
    with read_session(engine) as session:
        (audit,) = session.exec(select(AuditEvent).where(AuditEvent.entity == "snapshot")).all()
    assert (audit.entity_id, audit.action, audit.actor) == ("2024-11-18", "recompute", "admin-ops")


def test_a_failed_run_is_recorded_and_the_next_attempt_succeeds(engine: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = snapshots.risk_for_kodes
    calls = {"n": 0}

    def fails_once(**kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("disk on fire")
        return real(**kwargs)

    monkeypatch.setattr(snapshots, "risk_for_kodes", fails_once)
    failed = freeze(engine, WEEK_1)
    assert failed.status == "failed" and "disk on fire" in (failed.error or "")
    (run,) = runs(engine)
    assert (run.status, run.attempts) == ("failed", 1)
    assert "disk on fire" in (run.error or "")
    assert row_counts(engine) == {}
    retried = freeze(engine, WEEK_1)
    assert retried.status == "succeeded"
    (run,) = runs(engine)
    assert (run.status, run.attempts, run.error) == ("succeeded", 2, None)
    assert row_counts(engine) == {WEEK_1: KABUPATEN}


def test_a_trend_lists_the_frozen_weeks_oldest_first(engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    for week in (WEEK_2, WEEK_1, date(2024, 11, 4)):
        freeze(engine, week)
    with read_session(engine) as session:
        rows = snapshots.trend(session=session, kabupaten_kode="81.02", weeks=2)
    assert [(r.week_start, r.level, r.nama) for r in rows] == [
        (WEEK_1, "rendah", "Kabupaten Maluku Tenggara"),
        (WEEK_2, "tinggi", "Kabupaten Maluku Tenggara"),
    ]


# --------------------------------------------------------------------------- catching up


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


def test_catch_up_after_two_missed_mondays_produces_exactly_those_weeks_once(settings: Settings) -> None:
    settings = settings.model_copy(update={"snapshot_catch_up_weeks": 3})
    first = jobs.catch_up(settings, at(date(2024, 11, 4), 7))  # nothing yet: the last 3 weeks
    assert [r.week_start for r in first] == [date(2024, 10, 14), date(2024, 10, 21), date(2024, 10, 28)]
    # Down from then until Monday 18 November: the Mondays of 11 and 18 November passed unseen.
    after_outage = jobs.catch_up(settings, at(date(2024, 11, 18), 8))
    assert [(r.week_start, r.status) for r in after_outage] == [
        (date(2024, 11, 4), "succeeded"),
        (WEEK_1, "succeeded"),
    ]
    assert jobs.catch_up(settings, at(date(2024, 11, 18), 9)) == []
    engine = snapshots_engine(settings)
    assert [(r.week_start, r.status, r.attempts) for r in runs(engine)] == [
        (w, "succeeded", 1)
        for w in (date(2024, 10, 14), date(2024, 10, 21), date(2024, 10, 28), date(2024, 11, 4), WEEK_1)
    ]
    assert set(row_counts(engine).values()) == {KABUPATEN}


def snapshots_engine(settings: Settings) -> Engine:
    from core.db import get_engine

    return get_engine(settings)


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


def test_the_weekly_tick_freezes_the_week_that_just_ended(settings: Settings) -> None:
    settings = settings.model_copy(update={"snapshot_catch_up_weeks": 0})
    results = jobs.run_weekly_snapshot(settings, at(date(2024, 11, 18), 6))
    assert [(r.week_start, r.status) for r in results] == [(WEEK_1, "succeeded")]
    assert jobs.run_weekly_snapshot(settings, at(date(2024, 11, 18), 7)) == []


# --------------------------------------------------------------------------- races


def _assert_each_week_won_once(engine: Engine, outcomes: list[tuple[str, str]], weeks: list[date]) -> None:
    by_week = Counter(outcomes)
    for week in weeks:
        assert by_week[(week.isoformat(), "succeeded")] == 1, outcomes
        assert by_week[(week.isoformat(), "failed")] == 0, outcomes
    assert [(r.week_start, r.status, r.attempts) for r in runs(engine)] == [
        (w, "succeeded", 1) for w in weeks
    ]
    assert row_counts(engine) == dict.fromkeys(weeks, KABUPATEN)


def test_three_schedulers_in_threads_freeze_each_week_exactly_once(settings: Settings) -> None:
    settings = settings.model_copy(update={"snapshot_catch_up_weeks": 2})
    now = at(date(2024, 11, 18), 6)
    barrier = threading.Barrier(3)
    outcomes: list[tuple[str, str]] = []
    errors: list[BaseException] = []

    def scheduler(job) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait(timeout=10)
            outcomes.extend((r.week_start.isoformat(), r.status) for r in job(settings, now))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [
        threading.Thread(target=scheduler, args=(job,))
        for job in (jobs.catch_up, jobs.catch_up, jobs.run_weekly_snapshot)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    _assert_each_week_won_once(snapshots_engine(settings), outcomes, [date(2024, 11, 4), WEEK_1])


CHILD = """
import json, pathlib, sys, time
from datetime import datetime
from core import jobs
from core.config import Settings
url, now, workdir, index = sys.argv[1:5]
settings = Settings(database_url=url, environment="test", embedded_scheduler=False, snapshot_catch_up_weeks=2)
folder = pathlib.Path(workdir)
(folder / f"ready-{index}").touch()
while not (folder / "go").exists():
    time.sleep(0.002)
results = jobs.catch_up(settings, datetime.fromisoformat(now))
print(json.dumps([[r.week_start.isoformat(), r.status] for r in results]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # PostgreSQL races are the threads' test
def test_three_scheduler_processes_freeze_each_week_exactly_once(settings: Settings, tmp_path: Path) -> None:
    now = at(date(2024, 11, 18), 6).isoformat()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, settings.database_url, now, str(tmp_path), str(i)],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < 3:
        assert time.monotonic() < deadline, "children did not start"
        assert all(child.poll() is None for child in children), [c.communicate() for c in children]
        time.sleep(0.01)
    (tmp_path / "go").touch()
    outcomes: list[tuple[str, str]] = []
    for child in children:
        stdout, stderr = child.communicate(timeout=60)
        assert child.returncode == 0, stderr
        outcomes.extend((week, status) for week, status in json.loads(stdout.strip().splitlines()[-1]))
    _assert_each_week_won_once(snapshots_engine(settings), outcomes, [date(2024, 11, 4), WEEK_1])
