"""Alerts: raised once per kabupaten, kind and week; delivered to a real local webhook with retries."""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core import jobs
from core.accounts.service import Principal
from core.alerts import live as alerts
from core.alerts.live import DeliveryPolicy, alert_kinds, check_report_alert, list_alerts
from core.config import Settings
from core.db import read_session, write_session
from core.reports.daily import apply_aggregate_deltas
from models.account import Role
from models.snapshot import Alert, AlertDelivery, AlertKind

WEEK = date(2024, 11, 18)  # Sunday 2024-11-24
FAST = DeliveryPolicy(max_attempts=5, backoff_base=0.01, timeout=5.0)


def store_violence(engine: Engine, kode: str, day: date, reports: int) -> None:
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter({(kode, day, "kekerasan", 5, True): reports}))
        session.commit()


def stored_alerts(engine: Engine) -> list[Alert]:
    with read_session(engine) as session:
        return list(session.exec(select(Alert).order_by(Alert.kabupaten_kode, Alert.kind)).all())


def deliveries(engine: Engine) -> list[AlertDelivery]:
    with read_session(engine) as session:
        return list(session.exec(select(AlertDelivery).order_by(AlertDelivery.id)).all())


@contextmanager
def webhook_receiver(statuses: list[int]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A real HTTP server on an ephemeral local port answering with `statuses` in turn, then 200."""
    received: list[dict[str, Any]] = []
    answers = list(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"headers": dict(self.headers), "json": json.loads(body)})
            self.send_response(answers.pop(0) if answers else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hooks/waspada", received
    finally:
        server.shutdown()
        server.server_close()


def with_webhooks(settings: Settings, *urls: str) -> Settings:
    return settings.model_copy(update={"webhook_urls": list(urls)})


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("level", "previous", "surge", "expected"),
    [
        ("tinggi", "sedang", False, [AlertKind.TINGGI]),
        ("tinggi", None, False, [AlertKind.TINGGI]),
        ("tinggi", "tinggi", False, []),
        ("sedang", "rendah", True, [AlertKind.SURGE]),
        ("tinggi", "rendah", True, [AlertKind.TINGGI, AlertKind.SURGE]),
        ("sedang", "tinggi", False, []),
    ],
)
def test_rising_to_tinggi_and_surging_deserve_an_alert(
    level: str, previous: str | None, surge: bool, expected: list[AlertKind]
) -> None:
    assert alert_kinds(level=level, previous_level=previous, surge=surge) == expected


# --------------------------------------------------------------------------- raising


def test_a_snapshot_raises_each_alert_once(settings: Settings, engine: Engine) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    first = jobs.run_week(settings, WEEK, trigger="cli")
    forced = jobs.run_week(settings, WEEK, trigger="cli", force=True)
    assert len(first.alert_ids) == 2 and forced.alert_ids == ()
    assert [(a.kabupaten_kode, a.kind, a.week_start, a.source) for a in stored_alerts(engine)] == [
        ("81.02", "surge", WEEK, "snapshot"),
        ("81.02", "tinggi", WEEK, "snapshot"),
    ]
    assert "TINGGI" in stored_alerts(engine)[1].message


def test_a_live_report_check_alerts_once_per_week_and_the_snapshot_does_not_repeat_it(
    settings: Settings, engine: Engine
) -> None:
    now = datetime(2024, 11, 22, 3, 0, tzinfo=UTC)  # Friday of WEEK, morning in Maluku
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    raised = check_report_alert(settings=settings, kabupaten_kode="81.02", now=now)
    assert len(raised) == 2
    assert check_report_alert(settings=settings, kabupaten_kode="81.02", now=now) == []
    assert check_report_alert(settings=settings, kabupaten_kode="11.01", now=now) == []  # quiet there
    snapshot = jobs.run_week(settings, WEEK, trigger="cli")
    assert snapshot.alert_ids == ()
    assert {(a.kind, a.source) for a in stored_alerts(engine)} == {("tinggi", "report"), ("surge", "report")}


def test_a_live_check_never_raises(settings: Settings) -> None:
    assert check_report_alert(settings=settings, kabupaten_kode="99.99") == []


def test_alerts_are_listed_within_scope(settings: Settings, engine: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(alerts, "DEFAULT_POLICY", DeliveryPolicy(max_attempts=1, timeout=2.0))
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    store_violence(engine, "11.01", date(2024, 11, 23), 5)
    jobs.run_week(with_webhooks(settings, "http://127.0.0.1:9/unused"), WEEK, trigger="cli")
    alerts.wait_for_deliveries(timeout=30)
    admin = Principal(account_id=1, name="a", role=Role.ADMIN)
    analyst = Principal(account_id=2, name="b", role=Role.ANALYST, provinsi_kode="81")
    officer = Principal(account_id=3, name="c", role=Role.OFFICER, kabupaten_kode="11.01")
    with read_session(engine) as session:
        everything = list_alerts(session=session, account=admin)
        maluku = list_alerts(session=session, account=analyst)
        aceh = list_alerts(session=session, account=officer)
        none_since = list_alerts(session=session, account=admin, since=datetime(2999, 1, 1))
    assert {a.kabupaten_kode for a in everything} == {"81.02", "11.01"}
    assert {a.kabupaten_kode for a in maluku} == {"81.02"}
    assert {a.kabupaten_kode for a in aceh} == {"11.01"}
    assert none_since == []
    assert all(a.deliveries and a.deliveries[0].url.endswith("/unused") for a in everything)
    assert all(a.deliveries is None for a in maluku + aceh)  # URLs may carry secrets


# --------------------------------------------------------------------------- delivery


def test_a_webhook_failing_twice_is_delivered_on_the_third_attempt(
    settings: Settings, engine: Engine, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(alerts, "DEFAULT_POLICY", FAST)
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    with webhook_receiver([500, 500]) as (url, received):
        result = jobs.run_week(with_webhooks(settings, url), WEEK, trigger="cli")
        assert alerts.wait_for_deliveries(timeout=30)
    assert len(result.alert_ids) == 2
    done = deliveries(engine)
    assert [(d.status, d.url) for d in done] == [("delivered", url), ("delivered", url)]
    assert sorted(d.attempts for d in done) == [1, 3]  # the first alert met both failures
    assert all(d.delivered_at is not None for d in done)
    assert len(received) == 4
    first_alert = [r for r in received if r["json"]["id"] == received[0]["json"]["id"]]
    assert len(first_alert) == 3
    assert {r["headers"]["Idempotency-Key"] for r in first_alert} == {
        f"waspada-alert-{received[0]['json']['id']}"
    }
    assert {r["json"]["kind"] for r in received} == {"tinggi", "surge"}
    assert received[0]["json"]["kabupaten_kode"] == "81.02"
    assert received[0]["json"]["nama"] == "Kabupaten Maluku Tenggara"


def test_a_webhook_that_never_accepts_ends_failed_after_the_last_attempt(
    settings: Settings, engine: Engine, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        alerts, "DEFAULT_POLICY", DeliveryPolicy(max_attempts=3, backoff_base=0.01, timeout=2.0)
    )
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with webhook_receiver([500] * 10) as (url, received):
        urls = (url, f"http://127.0.0.1:{closed_port}/nobody-home")
        result = jobs.run_week(with_webhooks(settings, *urls), WEEK, trigger="cli")
        assert alerts.wait_for_deliveries(timeout=30)
    done = deliveries(engine)
    assert len(done) == 2 * len(result.alert_ids) == 4
    assert {(d.status, d.attempts, d.delivered_at) for d in done} == {("failed", 3, None)}
    assert {d.last_error for d in done if d.url == url} == {"HTTP 500"}
    assert all("ConnectError" in (d.last_error or "") for d in done if d.url != url)
    assert len(received) == 6


def test_live_checker_coalesces_a_burst_into_one_check_per_kabupaten(settings, monkeypatch) -> None:
    import core.alerts.live as alerts_module

    checked: list[str] = []
    done = threading.Event()

    def fake_check(*, settings, kabupaten_kode):  # type: ignore[no-untyped-def]
        checked.append(kabupaten_kode)
        if len(checked) == 2:
            done.set()
        return []

    monkeypatch.setattr(alerts_module, "check_report_alert", fake_check)
    checker = alerts_module.LiveAlertChecker(settings, interval=0.2)
    for _ in range(100):
        checker.mark(["81.02"])
    checker.mark(["81.72", "81.02"])
    assert done.wait(5)
    assert sorted(checked) == ["81.02", "81.72"]
