"""The dashboard's answers carry its CSP: Dash's inline renderer by hash, nothing else inline."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.testclient import TestClient


def test_the_login_page_carries_the_dashboard_policy(dash_client: TestClient) -> None:
    response = dash_client.get("/masuk")
    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = dict(part.split(" ", 1) for part in response.headers["content-security-policy"].split("; "))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'"
    script_src = policy["script-src"].split()
    assert "'unsafe-inline'" not in script_src
    renderer = "var renderer = new DashRenderer();"  # the inline script Dash's page runs
    digest = base64.b64encode(hashlib.sha256(renderer.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in script_src
    assert not re.search(r"https?://", response.headers["content-security-policy"])
