"""The one place where domain errors and request validation become HTTP responses."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from core.errors import (
    Conflict,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    Throttled,
    Unauthenticated,
    WaspadaError,
)
from core.storage import RETRY_AFTER_SECONDS, UNREACHABLE, UNWRITABLE, storage_fault


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str
    field: str


class ValidationErrorBody(BaseModel):
    """422: every bad field with the reason, `field` naming it the way the client wrote it."""

    detail: list[ErrorItem]


class MessageBody(BaseModel):
    detail: str
    type: str | None = None  # "throttled" (429), "storage_unavailable" (503)
    database: str | None = None  # 503 only: "unwritable" or "unreachable"


def field_items(errors: list[FieldError]) -> list[dict[str, Any]]:
    return [
        {"loc": [e.location, *e.field.split(".")], "msg": e.reason, "type": e.type, "field": e.field}
        for e in errors
    ]


def _field_name(loc: tuple[Any, ...]) -> str:
    """'body.reports.3.severity' -> 'reports.3.severity'; a query parameter keeps its name."""
    parts = [str(p) for p in loc[1:]] if loc and loc[0] in ("body", "query", "path") else list(loc)
    return ".".join(str(p) for p in parts) or str(loc[0] if loc else "body")


def _validation_items(exc: RequestValidationError) -> list[dict[str, Any]]:
    items = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ("body",)))
        msg = err.get("msg", "invalid")
        if err.get("type") == "json_invalid":
            msg = f"malformed JSON: {err.get('ctx', {}).get('error', msg)}"
        items.append(
            {
                "loc": list(loc),
                "msg": msg,
                "type": err.get("type", "value_error"),
                "field": _field_name(loc),
            }
        )
    return items


PROBED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path, asked of the router's own matching.

    Routers nest (FastAPI wraps included routers), so each method is tried against the
    top-level routes rather than by reading route internals.
    """
    methods = []
    for method in PROBED_METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            methods.append(method)
    return methods


STORAGE_SENTENCES = {
    UNWRITABLE: "The database cannot store anything right now (disk full or read-only). Nothing was "
    "saved from this request; send it again later.",
    UNREACHABLE: "The database cannot be reached right now. Nothing was saved from this request; "
    "send it again later.",
}

_STATUS: list[tuple[type[WaspadaError], int]] = [
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
]


def domain_status(exc: WaspadaError) -> int:
    """The HTTP status of a domain error (the one table every answer reads)."""
    if isinstance(exc, InvalidInput):
        return 422
    return next((code for kind, code in _STATUS if isinstance(exc, kind)), 400)


def domain_detail(exc: WaspadaError) -> Any:
    """The `detail` of a domain error's answer: field items for bad input, else the sentence."""
    return field_items(exc.errors) if isinstance(exc, InvalidInput) else exc.message


def install_error_handlers(app: FastAPI) -> None:
    """Register the translations once for the whole app."""

    @app.exception_handler(RequestValidationError)
    async def _on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _validation_items(exc)})

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # only body parsing (JSON, multipart) raises 400 here
            reason = (
                "the body is not valid JSON text"
                if "parsing the body" in str(exc.detail)
                else str(exc.detail)
            )
            item = {"loc": ["body"], "msg": reason, "type": "body_invalid", "field": "body"}
            return JSONResponse(status_code=422, content={"detail": [item]})
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request))
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail}, headers=headers)

    @app.exception_handler(InvalidInput)
    async def _on_invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": field_items(exc.errors)})

    @app.exception_handler(SQLAlchemyError)
    async def _on_storage(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        kind = storage_fault(exc)
        if kind is None:
            raise exc  # not the storage's fault: a bug, and a 500 with its traceback
        request.app.state.storage_faults.record(kind, exc)
        return JSONResponse(
            status_code=503,
            content={"type": "storage_unavailable", "detail": STORAGE_SENTENCES[kind], "database": kind},
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(Throttled)
    async def _on_throttled(_: Request, exc: Throttled) -> JSONResponse:
        return JSONResponse(
            status_code=429,
            content={"detail": exc.message, "type": "throttled"},
            headers={"Retry-After": str(exc.retry_after)},
        )

    @app.exception_handler(WaspadaError)
    async def _on_domain(_: Request, exc: WaspadaError) -> JSONResponse:
        status = domain_status(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(status_code=status, content={"detail": exc.message}, headers=headers)


async def handle_exception(request: Request, exc: Exception) -> Response:
    """The response the app's own handler gives `exc` (for code that answers outside the router).

    Looks the handler up by the exception's class hierarchy, as Starlette does; an
    exception without a handler is re-raised, so it becomes the same 500 as anywhere else.
    """
    handlers = request.app.exception_handlers
    for kind in type(exc).__mro__:
        handler = handlers.get(kind)
        if handler is not None:
            return await handler(request, exc)
    raise exc


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": MessageBody, "description": "No token, or an unknown or revoked one"},
    403: {"model": MessageBody, "description": "Outside the caller's role or scope"},
    413: {"model": MessageBody, "description": "Request body too large"},
    422: {"model": ValidationErrorBody, "description": "A field is wrong; `field` names it"},
    429: {
        "model": MessageBody,
        "description": "Too many wrong tokens from this address; wait `Retry-After` seconds",
    },
    503: {
        "model": MessageBody,
        "description": "The database is full, read-only or unreachable; nothing was stored; retry "
        "after `Retry-After` seconds",
    },
}
NOT_FOUND: dict[str, Any] = {
    "model": MessageBody,
    "description": "Not found, or outside your scope",
}
CONFLICT: dict[str, Any] = {"model": MessageBody, "description": "Contradicts what is stored"}
