"""Webhook delivery: a real local receiver, retries with backoff, a final failure kept in the database."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import Engine

from core import jobs
from core.alerts import delivery
from core.alerts.delivery import DeliveryPolicy, wait_for_deliveries
from core.config import Settings
from tests.core.alerts.support import WEEK, deliveries, with_webhooks
from tests.core.snapshots.support import store_violence

FAST = DeliveryPolicy(max_attempts=5, backoff_base=0.01, timeout=5.0)


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


def test_backoff_doubles_up_to_its_cap() -> None:
    policy = DeliveryPolicy(backoff_base=0.5, backoff_cap=3.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_a_webhook_failing_twice_is_delivered_on_the_third_attempt(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "DEFAULT_POLICY", FAST)
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    with webhook_receiver([500, 500]) as (url, received):
        result = jobs.run_week(with_webhooks(settings, url), WEEK, trigger="cli")
        assert wait_for_deliveries(timeout=30)
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
    assert (received[0]["json"]["kode_prov"], received[0]["json"]["week_start"]) == ("81", "2024-11-18")


def test_a_webhook_that_never_accepts_ends_failed_after_the_last_attempt(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        delivery, "DEFAULT_POLICY", DeliveryPolicy(max_attempts=3, backoff_base=0.01, timeout=2.0)
    )
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with webhook_receiver([500] * 10) as (url, received):
        urls = (url, f"http://127.0.0.1:{closed_port}/nobody-home")
        result = jobs.run_week(with_webhooks(settings, *urls), WEEK, trigger="cli")
        assert wait_for_deliveries(timeout=30)
    done = deliveries(engine)
    assert len(done) == 2 * len(result.alert_ids) == 4
    assert {(d.status, d.attempts, d.delivered_at) for d in done} == {("failed", 3, None)}
    assert {d.last_error for d in done if d.url == url} == {"HTTP 500"}
    assert all("ConnectError" in (d.last_error or "") for d in done if d.url != url)
    assert len(received) == 6


def test_a_sweep_finishes_what_a_stopped_process_left_pending(
    settings: Settings, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "DEFAULT_POLICY", FAST)
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    with webhook_receiver([]) as (url, received):
        with monkeypatch.context() as stopped:  # the process stops before it starts delivering
            stopped.setattr(jobs, "deliver_in_background", lambda **_: [])
            jobs.run_week(with_webhooks(settings, url), WEEK, trigger="cli")
        assert {d.status for d in deliveries(engine)} == {"pending"}
        threads = delivery.deliver_pending(settings=settings)
        assert len(threads) == 1  # one thread per URL
        assert wait_for_deliveries(timeout=30)
    assert {(d.status, d.attempts) for d in deliveries(engine)} == {("delivered", 1)}
    assert len(received) == 2
