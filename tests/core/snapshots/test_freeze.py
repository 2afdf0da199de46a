"""Freezing a week: every kabupaten once, level changes kept true, forced recomputes audited, races."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core import jobs
from core.accounts.service import Principal, create_account_token
from core.config import REPO_ROOT, Settings
from core.db import get_engine, read_session, write_session
from core.snapshots import freeze as snapshots
from models.account import AuditEvent, Role
from tests.core.snapshots.support import (
    KABUPATEN,
    WEEK_1,
    WEEK_2,
    at,
    freeze,
    row_counts,
    runs,
    snapshot_of,
    store_violence,
)


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


@pytest.mark.parametrize(
    ("previous", "level", "change"),
    [(None, "tinggi", None), ("rendah", "sedang", 1), ("rendah", "tinggi", 2), ("tinggi", "rendah", -2)],
)
def test_level_change_counts_the_steps_between_levels(
    previous: str | None, level: str, change: int | None
) -> None:
    assert snapshots.level_change(previous, level) == change


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
    _assert_each_week_won_once(get_engine(settings), outcomes, [date(2024, 11, 4), WEEK_1])


CHILD = """
import json, pathlib, sys, time
from datetime import datetime
from core import jobs
from core.config import Settings
url, now, workdir, index = sys.argv[1:5]
settings = Settings(database_url=url, embedded_scheduler=False, snapshot_catch_up_weeks=2)
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
    _assert_each_week_won_once(get_engine(settings), outcomes, [date(2024, 11, 4), WEEK_1])
