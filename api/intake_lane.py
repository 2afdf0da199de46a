"""A lane for the busiest request, a single report POSTed from a phone, built from the route's parts.

FastAPI's router matching and dependency resolution cost more CPU than storing a report.
This ASGI middleware answers `POST /api/v1/reports` without them, by calling the same
pieces the route's signature names, in the order FastAPI runs them: the `bearer_scheme`
and `get_current_account` dependencies, the `ReportCreate` model, the route's own
`accept_report`, and the app's exception handlers (the one translator) for every error.
Whatever the lane does not recognise (a query string, another media type, a body that is
not a JSON object, a root path) goes to the FastAPI route untouched, with the body it read.
`tests/api/test_intake_lane.py` sends the same requests both ways and compares status,
headers and body byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import async_intake, bearer_scheme, get_current_account
from api.errors import handle_exception
from api.routes.reports import accept_report
from models.report import ReportCreate

INTAKE_PATH = "/api/v1/reports"


class IntakeLane:
    """Answer a single-report POST with the route's parts; pass every other request on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_candidate(scope):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        payload = _json_object(body)
        if payload is None:
            await self.app(scope, _replay(body, receive), send)
            return
        request = Request(scope, _replay(body, receive))
        try:
            response = await _answer(request, payload)
        except Exception as exc:  # translated exactly as the route's errors are
            response = await handle_exception(request, exc)
        await response(scope, receive, send)


async def _answer(request: Request, payload: dict[str, Any]) -> Response:
    """What the route does: authenticate first (FastAPI solves dependencies before the body)."""
    state = request.app.state
    account = await get_current_account(request, state.engine, await bearer_scheme(request))
    try:
        report_in = ReportCreate.model_validate(payload)
    except ValidationError as exc:
        raise RequestValidationError(_body_errors(exc)) from None
    return await accept_report(
        report_in=report_in, account=account, intake=async_intake(state), path=request.url.path
    )


def _body_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors located in the body, as FastAPI reports a body model's errors."""
    return [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]


def _is_candidate(scope: Scope) -> bool:
    if not (
        scope["type"] == "http"
        and scope["method"] == "POST"
        and scope["path"] == INTAKE_PATH
        and not scope.get("root_path")
        and not scope.get("query_string")
    ):
        return False
    media_type = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip().lower()
    return media_type == b"application/json"


def _json_object(body: bytes) -> dict[str, Any] | None:
    """The decoded body when it is a JSON object; anything else is the route's to answer."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return payload if isinstance(payload, dict) else None


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then whatever follows."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
