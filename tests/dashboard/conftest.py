"""Dashboard fixtures: the API app with the dashboard mounted, seeded reports, a real server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.main import create_app
from core.accounts.service import Principal, authenticate
from core.config import Settings
from core.db import read_session
from server import create_server
from tests.conftest import serving
from tests.factories import report_payload


def dashboard_app(settings: Settings) -> FastAPI:
    """What `waspada serve` serves (API and dashboard), without the embedded scheduler."""
    return create_server(settings.model_copy(update={"embedded_scheduler": False}))


@pytest.fixture
def dash_client(settings: Settings) -> Iterator[TestClient]:
    """A test client of the API with the dashboard at '/' (no redirects followed)."""
    with TestClient(dashboard_app(settings), follow_redirects=False) as client:
        yield client


def principal_for(engine: Engine, token: str) -> Principal:
    with read_session(engine) as session:
        return authenticate(session=session, token=token)


ReportSeeder = Callable[..., list[str]]


@pytest.fixture
def seed_reports(settings: Settings, make_token: Callable[..., str]) -> ReportSeeder:
    """Post reports through the public API as an admin; each item overrides report_payload()."""

    def seed(*items: dict[str, Any]) -> list[str]:
        token = make_token("admin")
        payloads = [report_payload(**item) for item in items]
        with TestClient(create_app(settings)) as client:
            response = client.post(
                "/api/v1/reports/batch",
                json={"reports": payloads},
                headers={"Authorization": f"Bearer {token}"},
            )
        assert response.status_code == 200, response.text
        assert response.json()["created"] == len(payloads), response.text
        return [p["id"] for p in payloads]

    return seed


def hours_ago(hours: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=hours)).isoformat()


@pytest.fixture
def dashboard_server(settings: Settings) -> Iterator[str]:
    """The API with the dashboard on a real uvicorn in this process (what a browser talks to)."""
    with serving(dashboard_app(settings)) as url:
        yield url


def components(tree: object) -> Iterator[object]:
    """Every component of a Dash layout tree, depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
        elif node is not None and not isinstance(node, (str, int, float)):
            yield node
            stack.append(getattr(node, "children", None))


def find_component(tree: object, wanted: str) -> object | None:
    """The component with this id in a Dash layout tree."""
    return next((node for node in components(tree) if getattr(node, "id", None) == wanted), None)


def find_ids(tree: object) -> set[str]:
    """Every component id in a Dash layout tree."""
    return {node.id for node in components(tree) if isinstance(getattr(node, "id", None), str)}  # type: ignore[attr-defined]
