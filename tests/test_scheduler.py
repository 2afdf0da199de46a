"""The scheduler: Monday 06:00 WIB, one instance at a time, catch-up at start, failures contained."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

import scheduler as scheduler_module
from core import jobs
from core.config import Settings
from core.db import read_session
from core.snapshots import freeze as snapshots
from models.snapshot import SnapshotRun
from scheduler import (
    JOB_ID,
    RETRY_JOB_ID,
    SnapshotTicks,
    build_scheduler,
    crontab_weekdays,
    start_embedded,
    stop_embedded,
)

WIB = ZoneInfo("Asia/Jakarta")


def plain_settings(**overrides: object) -> Settings:
    return Settings(database_url="sqlite:////nonexistent/never-opened.db", **overrides)


def test_the_weekly_job_runs_monday_0600_jakarta_once_at_a_time() -> None:
    scheduler = build_scheduler(plain_settings(), blocking=False)
    assert isinstance(scheduler, BackgroundScheduler)
    job = scheduler.get_job(JOB_ID)
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 6 * 3600)
    assert str(job.trigger.timezone) == "Asia/Jakarta"
    wednesday = datetime(2024, 11, 20, 12, 0, tzinfo=WIB)
    assert job.trigger.get_next_fire_time(None, wednesday) == datetime(2024, 11, 25, 6, 0, tzinfo=WIB)
    sunday_night_wit = datetime(2024, 11, 25, 0, 30, tzinfo=ZoneInfo("Asia/Jayapura"))  # Sun 22:30 WIB
    assert job.trigger.get_next_fire_time(None, sunday_night_wit) == datetime(2024, 11, 25, 6, 0, tzinfo=WIB)
    assert {j.id for j in scheduler.get_jobs()} == {JOB_ID, "snapshot-catch-up", "webhook-delivery-sweep"}
    assert isinstance(build_scheduler(plain_settings(), blocking=True), BlockingScheduler)


def test_a_numeric_crontab_weekday_means_what_cron_means() -> None:
    scheduler = build_scheduler(plain_settings(snapshot_cron="30 5 * * 1"), blocking=False)
    wednesday = datetime(2024, 11, 20, 12, 0, tzinfo=WIB)
    assert scheduler.get_job(JOB_ID).trigger.get_next_fire_time(None, wednesday) == datetime(
        2024, 11, 25, 5, 30, tzinfo=WIB
    )
    with pytest.raises(ValueError):
        build_scheduler(plain_settings(snapshot_cron="0 6 * mon"), blocking=False)


@pytest.mark.parametrize(
    ("field", "expected"),
    [("mon", "mon"), ("1", "mon"), ("0", "sun"), ("7", "sun"), ("1-5", "mon,tue,wed,thu,fri"), ("*", "*")],
)
def test_crontab_weekdays(field: str, expected: str) -> None:
    assert crontab_weekdays(field) == expected


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def run_statuses(engine: Engine) -> list[tuple[str, int]]:
    with read_session(engine) as session:
        return [(r.status, r.attempts) for r in session.exec(select(SnapshotRun)).all()]


def test_a_failing_job_is_recorded_the_api_stays_up_and_the_next_tick_succeeds(
    settings: Settings, engine: Engine, client: TestClient, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    real = snapshots.risk_for_kodes
    calls = {"n": 0}

    def fails_once(**kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database hiccup")
        return real(**kwargs)

    monkeypatch.setattr(snapshots, "risk_for_kodes", fails_once)
    embedded = start_embedded(settings.model_copy(update={"snapshot_catch_up_weeks": 1}))
    try:
        wait_for(lambda: run_statuses(engine) == [("failed", 1)])  # the catch-up at start failed
        assert embedded.running
        assert embedded.get_job(RETRY_JOB_ID) is not None  # and asked for a retry soon
        assert client.get("/api/v1/health").json()["status"] == "ok"
        embedded.get_job(JOB_ID).modify(next_run_time=datetime.now(WIB))  # the next tick
        wait_for(lambda: run_statuses(engine) == [("succeeded", 2)])
        assert client.get("/api/v1/health").status_code == 200
    finally:
        stop_embedded(embedded)
    assert not embedded.running


def test_a_job_that_raises_is_contained(settings: Settings, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    def explode(*_: object, **__: object) -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(jobs, "run_weekly_snapshot", explode)
    monkeypatch.setattr(jobs, "catch_up", explode)
    scheduler = build_scheduler(settings, blocking=False)
    ticks = SnapshotTicks(settings, scheduler)
    ticks.weekly()  # must not raise
    ticks.catch_up()
    assert "database unreachable" in caplog.text
    assert scheduler.get_job(RETRY_JOB_ID) is not None


def test_main_module_is_importable_by_name() -> None:
    assert callable(scheduler_module.main)
    assert jobs.run_weekly_snapshot.__module__ == "core.jobs"
