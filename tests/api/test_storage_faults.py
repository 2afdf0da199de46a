"""Storage faults are a 503 with Retry-After, /health says which, one log line per burst, nothing lost.

A full disk is SQLite's `PRAGMA max_page_count` (no root needed); a read-only database is
PostgreSQL's `default_transaction_read_only`; an unreachable one is a port nobody listens on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, event, text

from api.main import create_app
from core.config import Settings
from tests.conftest import TokenFactory, auth
from tests.core.sheets.files import count_reports
from tests.factories import report_payload


class DiskLimit:
    """Caps every new SQLite connection of an engine at the file's current size while on."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.on = engine, False
        event.listen(engine, "connect", self._cap)

    def _cap(self, connection: Any, _: Any) -> None:
        if self.on:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages}")

    def set(self, on: bool) -> None:
        self.on = on
        self.engine.dispose()  # pooled connections reopen with (or without) the cap


def post(client: TestClient, token: str, n: int) -> Any:
    return client.post(
        "/api/v1/reports",
        json=report_payload(title=f"Laporan {n}", description="x" * 4000),
        headers=auth(token),
    )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_full_disk_is_503_with_retry_after_logged_once_and_writes_resume(
    client: TestClient, engine: Engine, make_token: TokenFactory, caplog: pytest.LogCaptureFixture
) -> None:
    token = make_token("officer")
    limit = DiskLimit(engine)
    acknowledged = sum(post(client, token, n).status_code == 201 for n in range(3))
    limit.set(True)
    with caplog.at_level(logging.ERROR):
        answers = [post(client, token, 100 + n) for n in range(40)]
    refused = [a for a in answers if a.status_code == 503]
    acknowledged += sum(a.status_code == 201 for a in answers)
    assert refused, "the capped file should fill up"
    assert {a.status_code for a in answers} <= {201, 503}
    body = refused[-1].json()
    assert body["type"] == "storage_unavailable" and "send it again later" in body["detail"]
    assert refused[-1].headers["retry-after"] == "30"
    storage_lines = [r for r in caplog.records if r.name == "waspada.storage"]
    assert len(storage_lines) == 1 and storage_lines[0].exc_info is None
    assert not [r for r in caplog.records if r.exc_info]  # no traceback per request
    health = client.get("/api/v1/health")
    assert health.status_code == 503 and health.json()["database"] == "unwritable"

    limit.set(False)
    assert post(client, token, 999).status_code == 201  # no restart needed
    assert count_reports(engine) == acknowledged + 1  # every acknowledged report is there


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_read_only_postgresql_is_503_and_health_says_unwritable(
    client: TestClient, engine: Engine, make_token: TokenFactory
) -> None:
    token = make_token("officer")
    with engine.connect() as connection:
        name = connection.execute(text("select current_database()")).scalar_one()
        connection.execute(text(f'alter database "{name}" set default_transaction_read_only = on'))
        connection.commit()
    engine.dispose()
    try:
        response = post(client, token, 1)
        assert response.status_code == 503, response.text
        assert response.json()["type"] == "storage_unavailable"
        assert client.get("/api/v1/health").json()["database"] == "unwritable"
    finally:
        with engine.connect() as connection:
            connection.execute(text("set transaction read write"))
            connection.execute(text(f'alter database "{name}" set default_transaction_read_only = off'))
            connection.commit()
        engine.dispose()
    assert post(client, token, 2).status_code == 201


@pytest.fixture
def unreachable(settings: Settings) -> Iterator[TestClient]:
    """A running app whose database then goes away (nobody listens on port 1)."""
    app = create_app(settings)
    with TestClient(app) as client:
        app.state.engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2")
        yield client
        app.state.engine.dispose()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_an_unreachable_database_is_503_and_health_says_unreachable(unreachable: TestClient) -> None:
    health = unreachable.get("/api/v1/health")
    assert health.status_code == 503 and health.json()["database"] == "unreachable"
    response = unreachable.post("/api/v1/reports", json=report_payload(), headers=auth("wsp_" + "a" * 43))
    assert response.status_code == 503 and response.json()["type"] == "storage_unavailable"
    assert response.headers["retry-after"] == "30"
