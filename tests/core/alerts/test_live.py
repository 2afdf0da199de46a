"""The live check after reports: once per kabupaten and week, failures logged, bursts coalesced."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from core import jobs
from core.alerts import live
from core.alerts.live import LiveAlertChecker, check_report_alert
from core.config import Settings
from tests.core.alerts.support import WEEK, stored_alerts
from tests.core.snapshots.support import store_violence

NOW = datetime(2024, 11, 22, 3, 0, tzinfo=UTC)  # Friday of WEEK, morning in Maluku


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "core.alerts.live" and r.levelno >= logging.ERROR]


def test_a_live_report_check_alerts_once_per_week_and_the_snapshot_does_not_repeat_it(
    settings: Settings, engine: Engine
) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    raised = check_report_alert(settings=settings, kabupaten_kode="81.02", now=NOW)
    assert len(raised) == 2
    assert check_report_alert(settings=settings, kabupaten_kode="81.02", now=NOW) == []
    snapshot = jobs.run_week(settings, WEEK, trigger="cli")
    assert snapshot.alert_ids == ()
    assert {(a.kind, a.source) for a in stored_alerts(engine)} == {("tinggi", "report"), ("surge", "report")}


def test_no_alert_is_an_empty_answer_without_an_error(
    settings: Settings, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    with caplog.at_level(logging.DEBUG, logger="core.alerts.live"):
        assert check_report_alert(settings=settings, kabupaten_kode="11.01", now=NOW) == []  # quiet there
        assert len(check_report_alert(settings=settings, kabupaten_kode="81.02", now=NOW)) == 2
        assert check_report_alert(settings=settings, kabupaten_kode="81.02", now=NOW) == []  # raised already
    assert errors_logged(caplog) == []
    assert {a.kabupaten_kode for a in stored_alerts(engine)} == {"81.02"}


def test_a_failing_check_is_logged_with_its_exception_and_never_raises(
    settings: Settings, engine: Engine, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)  # would alert, were scoring to work

    def broken(**_: object) -> None:
        raise RuntimeError("scoring exploded")

    monkeypatch.setattr(live, "risk_for_kodes", broken)
    with caplog.at_level(logging.ERROR, logger="core.alerts.live"):
        assert check_report_alert(settings=settings, kabupaten_kode="81.02", now=NOW) == []
    (record,) = errors_logged(caplog)
    assert record.getMessage() == "live alert check for 81.02 failed"
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert str(record.exc_info[1]) == "scoring exploded"
    assert stored_alerts(engine) == []


def test_an_unknown_kabupaten_is_logged_not_raised(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="core.alerts.live"):
        assert check_report_alert(settings=settings, kabupaten_kode="99.99") == []
    (record,) = errors_logged(caplog)
    assert record.getMessage() == "live alert check for 99.99 failed" and record.exc_info is not None


def test_live_checker_coalesces_a_burst_into_one_check_per_kabupaten(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    done = threading.Event()

    def fake_check(*, settings, kabupaten_kode):  # type: ignore[no-untyped-def]
        checked.append(kabupaten_kode)
        if len(checked) == 2:
            done.set()
        return []

    monkeypatch.setattr(live, "check_report_alert", fake_check)
    checker = LiveAlertChecker(settings, interval=0.2)
    for _ in range(100):
        checker.mark(["81.02"])
    checker.mark(["81.72", "81.02"])
    assert done.wait(5)
    assert sorted(checked) == ["81.02", "81.72"]


def test_a_stopped_checker_ignores_marks(settings: Settings) -> None:
    checker = LiveAlertChecker(settings, interval=0.2)
    checker.stop()
    checker.mark(["81.02"])
    assert checker.pending == set() and checker.thread is None


def test_one_checker_per_database(settings: Settings) -> None:
    first = live.live_alert_checker(settings)
    assert live.live_alert_checker(settings) is first
    live.stop_live_alert_checkers()
    assert first.stopped.is_set()
    assert live.live_alert_checker(settings) is not first
