"""The composed server: the embedded scheduler runs only where it belongs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import server
from core.config import Settings
from server import create_server


@pytest.mark.parametrize(
    ("backend", "embedded", "expected"), [("sqlite", True, 1), ("sqlite", False, 0), ("postgresql", True, 0)]
)
def test_embedded_scheduler_starts_and_stops_with_the_server(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, embedded: bool, expected: int
) -> None:
    started, stopped = [], []
    monkeypatch.setattr(server, "start_embedded", lambda s: started.append(s) or "scheduler")
    monkeypatch.setattr(server, "stop_embedded", lambda sched: stopped.append(sched))
    app = create_server(settings.model_copy(update={"embedded_scheduler": embedded}))
    with TestClient(app) as client:
        assert client.get("/api/v1/health").status_code == 200
        assert len(started) == expected
    assert stopped == ["scheduler"] * expected
