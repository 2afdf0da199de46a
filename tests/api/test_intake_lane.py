"""The intake lane answers exactly as the FastAPI route does, request for request, byte for byte."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete

import core.reports.intake
from api.intake_lane import IntakeLane
from api.main import create_app
from core.config import Settings
from core.db import write_session
from models.report import Report, report_daily_table
from tests.factories import report_payload

FROZEN_NOW = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)
REPORT_ID = str(uuid.UUID("0b6f7f7e-3c1a-4a55-9d7e-2f1a4b7c9e01"))


def _payload(**overrides: Any) -> dict[str, Any]:
    fixed = {"id": REPORT_ID, "occurred_at": (FROZEN_NOW - timedelta(hours=2)).isoformat()}
    return report_payload(**(fixed | overrides))


# (case, body, headers: "officer" / "other" / "none" / "unknown" token, content type, query)
Request = tuple[str, bytes, str, str, str]
SEQUENCE: list[Request] = [
    ("created", json.dumps(_payload()).encode(), "officer", "application/json", ""),
    ("replayed", json.dumps(_payload()).encode(), "officer", "application/json; charset=utf-8", ""),
    ("conflicting", json.dumps(_payload(title="Lain")).encode(), "officer", "application/json", ""),
    ("strict types", json.dumps(_payload(id=None, severity="3")).encode(), "officer", "application/json", ""),
    ("unknown field", json.dumps(_payload(colour="red")).encode(), "officer", "application/json", ""),
    (
        "several bad fields",
        json.dumps(_payload(severity=9, category="x")).encode(),
        "officer",
        "application/json",
        "",
    ),
    (
        "unknown kabupaten",
        json.dumps(_payload(id=None, kabupaten_kode="99.99")).encode(),
        "officer",
        "application/json",
        "",
    ),
    (
        "in the future",
        json.dumps(_payload(id=None, occurred_at="2030-01-01T00:00:00+00:00")).encode(),
        "officer",
        "application/json",
        "",
    ),
    (
        "out of scope",
        json.dumps(_payload(id=None, kabupaten_kode="81.72")).encode(),
        "officer",
        "application/json",
        "",
    ),
    ("no token", json.dumps(_payload()).encode(), "none", "application/json", ""),
    ("unknown token", json.dumps(_payload()).encode(), "unknown", "application/json", ""),
    ("no token and a bad body", json.dumps(_payload(severity="x")).encode(), "none", "application/json", ""),
    ("malformed JSON", b'{"title": ', "officer", "application/json", ""),
    ("not an object", b"[1, 2]", "officer", "application/json", ""),
    ("query string", json.dumps(_payload()).encode(), "officer", "application/json", "dry=1"),
    ("other media type", json.dumps(_payload()).encode(), "officer", "text/plain", ""),
    (
        "second report",
        json.dumps(_payload(id=str(uuid.uuid4()), severity=5)).encode(),
        "officer",
        "application/json",
        "",
    ),
]


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways stamp received_at from the same instant, so their bodies can match exactly."""
    monkeypatch.setattr(core.reports.intake, "utc_now", lambda: FROZEN_NOW)


def _answers(settings: Settings, tokens: dict[str, str], *, intake_lane: bool) -> Iterator[tuple]:
    with TestClient(create_app(settings, intake_lane=intake_lane)) as client:
        for case, body, who, content_type, query in SEQUENCE:
            headers = {"Content-Type": content_type}
            if who != "none":
                headers["Authorization"] = f"Bearer {tokens[who]}"
            response = client.post(
                f"/api/v1/reports{'?' + query if query else ''}", content=body, headers=headers
            )
            yield case, response.status_code, sorted(response.headers.items()), response.content


def _forget_reports(engine: Engine) -> None:
    with write_session(engine) as session:
        session.exec(delete(report_daily_table))
        session.exec(delete(Report))
        session.commit()


def test_lane_and_route_answer_the_same_sequence_byte_for_byte(
    settings: Settings, engine: Engine, make_token, frozen_clock: None
) -> None:
    tokens = {"officer": make_token(), "unknown": "wsp_not-a-token"}
    by_lane = list(_answers(settings, tokens, intake_lane=True))
    _forget_reports(engine)
    by_route = list(_answers(settings, tokens, intake_lane=False))
    for lane, route in zip(by_lane, by_route, strict=True):
        assert lane == route, lane[0]
    statuses = {case: status for case, status, _, _ in by_lane}
    assert statuses == {
        "created": 201,
        "replayed": 200,
        "conflicting": 409,
        "strict types": 422,
        "unknown field": 422,
        "several bad fields": 422,
        "unknown kabupaten": 422,
        "in the future": 422,
        "out of scope": 403,
        "no token": 401,
        "unknown token": 401,
        "no token and a bad body": 401,
        "malformed JSON": 422,
        "not an object": 422,
        "query string": 422,
        "other media type": 422,
        "second report": 201,
    }


class RecordingApp:
    """Stands in for the FastAPI app behind the lane: remembers what it was handed, answers 599."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 599, "headers": []})
        await send({"type": "http.response.body", "body": b""})


def _through_lane(settings: Settings, body: bytes, headers: dict[str, str], query: str = "") -> tuple:
    """Call the lane directly, the body split in two messages; (status, what the app was handed)."""
    app = create_app(settings)
    inner = RecordingApp()
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/reports",
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "app": app,
    }
    chunks = [
        {"type": "http.request", "body": body[:10], "more_body": True},
        {"type": "http.request", "body": body[10:]},
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(IntakeLane(inner)(scope, receive, send))
    return sent[0]["status"], inner.bodies


@pytest.mark.parametrize(
    ("case", "change", "answered_by_lane"),
    [
        ("clean report", {}, True),
        ("strict types", {"payload": {"severity": "3"}}, True),
        ("unknown kabupaten", {"payload": {"kabupaten_kode": "99.99"}}, True),
        ("no token", {"token": ""}, True),
        ("query string", {"query": "dry=1"}, False),
        ("other media type", {"content_type": "text/plain"}, False),
        ("malformed JSON", {"body": b'{"title": '}, False),
        ("not an object", {"body": b"[1, 2]"}, False),
    ],
)
def test_which_requests_the_lane_answers(
    settings: Settings, make_token, case, change, answered_by_lane
) -> None:
    """The lane answers JSON objects itself (errors included); the rest reaches the app intact."""
    token = change.get("token", make_token())
    body = change.get("body", json.dumps(report_payload(**change.get("payload", {}))).encode())
    headers = {"Content-Type": change.get("content_type", "application/json")}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    status, handed = _through_lane(settings, body, headers, change.get("query", ""))
    if answered_by_lane:
        assert (status != 599, handed) == (True, []), case
    else:
        assert (status, handed) == (599, [body]), case
