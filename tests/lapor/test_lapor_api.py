"""GET /api/v1/me tells the form the intake rule it checks on the phone before sending."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from core.config import Settings
from tests.conftest import TokenFactory, auth


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("minutes", [0, 10, 45])
def test_me_carries_the_configured_future_tolerance(
    settings: Settings, make_token: TokenFactory, minutes: int
) -> None:
    configured = settings.model_copy(update={"future_tolerance_minutes": minutes})
    with TestClient(create_app(configured)) as client:
        body = client.get("/api/v1/me", headers=auth(make_token("officer", kabupaten="81.02"))).json()
    assert body["future_tolerance_minutes"] == minutes
