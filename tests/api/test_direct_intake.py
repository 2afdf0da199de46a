"""The direct lane answers clean single-report POSTs itself and hands everything else on intact."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlmodel import func, select

from api.direct_intake import DirectIntake
from api.main import create_app
from core.config import Settings
from core.db import read_session
from models.report import Report
from tests.factories import report_payload


class RecordingApp:
    """Stands in for the FastAPI app: remembers what it was handed and answers 599."""

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


def _call(
    settings: Settings, body: bytes, headers: dict[str, str], query: str = ""
) -> tuple[int, dict, bytes, RecordingApp]:
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

    asyncio.run(DirectIntake(inner)(scope, receive, send))
    start = sent[0]
    response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], response_headers, b"".join(m.get("body", b"") for m in sent[1:]), inner


def _headers(token: str, content_type: str = "application/json") -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": content_type}


def test_a_clean_report_is_stored_and_answered_without_the_app(settings, engine, make_token) -> None:
    token = make_token()
    body = json.dumps(report_payload()).encode()
    status, headers, content, inner = _call(settings, body, _headers(token))
    assert (status, inner.bodies) == (201, [])
    report_id = json.loads(content)["id"]
    assert headers["location"] == f"/api/v1/reports/{report_id}"
    status, headers, _, inner = _call(settings, body, _headers(token))
    assert (status, headers["idempotent-replayed"], inner.bodies) == (200, "true", [])
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 1


@pytest.mark.parametrize(
    ("case", "change"),
    [
        ("query string", {"query": "dry=1"}),
        ("other media type", {"content_type": "text/plain"}),
        ("no token", {"token": ""}),
        ("unknown token", {"token": "wsp_not-a-token"}),
        ("malformed JSON", {"body": b'{"title": '}),
        ("not an object", {"body": b"[1, 2]"}),
        ("strict types", {"payload": {"severity": "3"}}),
        ("unknown field", {"payload": {"colour": "red"}}),
        ("unknown kabupaten", {"payload": {"kabupaten_kode": "99.99"}}),
        ("outside the officer's scope", {"payload": {"kabupaten_kode": "81.72"}}),
    ],
)
def test_anything_else_goes_to_the_app_with_the_body_it_sent(
    settings, engine, make_token, case, change
) -> None:
    token = change.get("token", make_token())
    body = change.get("body", json.dumps(report_payload(**change.get("payload", {}))).encode())
    headers = _headers(token, change.get("content_type", "application/json"))
    if not token:
        headers.pop("Authorization")
    status, _, _, inner = _call(settings, body, headers, change.get("query", ""))
    assert (status, inner.bodies) == (599, [body]), case
    with read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(Report)).one() == 0
