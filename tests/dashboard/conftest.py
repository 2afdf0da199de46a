"""Dashboard fixtures: the API app with the dashboard mounted, seeded reports, a real server."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from selenium import webdriver
from sqlalchemy import Engine

from api.main import create_app
from core.accounts.service import Principal, authenticate
from core.config import Settings
from core.db import read_session
from server import create_server
from tests.chromium import chromium_missing, start_chromium
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


# Installed before any page script: count alerts instead of showing them, record what the
# Content-Security-Policy blocked, and keep the bodies of Dash callback responses so a test can
# see what travelled.
PAGE_HOOKS = """
window.__alerts = 0;
window.alert = function () { window.__alerts += 1; };
window.__dashResponses = [];
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
(function () {
  var original = window.fetch;
  window.fetch = function () {
    var args = arguments;
    return original.apply(this, args).then(function (response) {
      var url = String((args[0] && args[0].url) || args[0]);
      if (url.indexOf('_dash-update-component') >= 0) {
        response.clone().text().then(function (body) { window.__dashResponses.push(body); });
      }
      return response;
    });
  };
})();
"""


@pytest.fixture(scope="session")
def chrome() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the session (cookies are cleared between tests)."""
    missing = chromium_missing()
    if missing:
        pytest.fail(f"{missing}; browser tests never download a browser.")
    driver = start_chromium(profile_dir=tempfile.mkdtemp(prefix="waspada-chrome-"), width=1400, height=1000)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PAGE_HOOKS})
    yield driver
    driver.quit()


@pytest.fixture
def browser(chrome: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The shared browser with no cookies (ports share cookies on 127.0.0.1)."""
    chrome.execute_cdp_cmd("Network.clearBrowserCookies", {})
    yield chrome
    chrome.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chrome.get("about:blank")
