"""The map layer: the dashboard draws the API's GeoJSON URL, and the composed server serves it there.

The dashboard never serves geometry itself: `GET /api/v1/geo/kabupaten.geojson` is the API's
route (api/routes/geometry.py), answered in the server `waspada serve` runs (server.py), with a
strong ETag, 304, a day of public caching and gzip on request. The geometry does not touch the
database, so these run on SQLite only.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from core.config import Settings
from dashboard.app import create_standalone_app, render_page
from dashboard.data import DashboardData
from tests.conftest import TokenFactory
from tests.dashboard.conftest import find_component, principal_for

GEOJSON_PATH = "/api/v1/geo/kabupaten.geojson"
GZIP_BUDGET = 250 * 1024


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def geo_client(dash_client: TestClient) -> TestClient:
    """The composed server (API + dashboard), the one the browser tests talk to."""
    return dash_client


def test_the_map_page_draws_the_apis_url(
    settings: Settings, engine: Engine, make_token: TokenFactory
) -> None:
    admin = principal_for(engine, make_token("admin"))
    page = render_page(DashboardData(settings), admin, "id", "/", "")
    graph = find_component(page, "risk-map")
    assert graph is not None
    trace = graph.figure["data"][0]  # type: ignore[attr-defined]
    assert trace["geojson"] == GEOJSON_PATH  # a URL, never the FeatureCollection itself


def test_the_url_is_the_apis_route_and_the_dashboard_serves_none(
    dash_client: TestClient, settings: Settings
) -> None:
    paths = dash_client.get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths[GEOJSON_PATH]  # declared by the API (api/routes/geometry.py)
    with TestClient(create_standalone_app(settings), follow_redirects=False) as alone:
        assert alone.get(GEOJSON_PATH).status_code == 404  # the dashboard alone serves no API route


def test_gzip_body_is_the_geojson_within_budget(geo_client: TestClient) -> None:
    response = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["content-type"].startswith("application/geo+json")
    assert int(response.headers["content-length"]) <= GZIP_BUDGET
    collection = response.json()  # httpx decodes the gzip body
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 514
    assert {"kode", "nama", "kode_prov"} <= set(collection["features"][0]["properties"])


def test_identity_body_when_gzip_is_not_accepted(geo_client: TestClient) -> None:
    response = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert len(json.loads(response.content)["features"]) == 514
    refused = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers


def test_strong_etag_and_a_day_of_public_caching(geo_client: TestClient) -> None:
    plain = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "identity"})
    packed = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "gzip"})
    for response in (plain, packed):
        assert response.headers["cache-control"] == "public, max-age=86400"
        assert response.headers["vary"] == "Accept-Encoding"
        etag = response.headers["etag"]
        assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert plain.headers["etag"] != packed.headers["etag"]  # two byte-different representations
    again = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "gzip"})
    assert again.headers["etag"] == packed.headers["etag"] and again.content == packed.content


def test_if_none_match_gets_304_without_a_body(geo_client: TestClient) -> None:
    first = geo_client.get(GEOJSON_PATH, headers={"Accept-Encoding": "gzip"})
    etag = first.headers["etag"]
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = geo_client.get(GEOJSON_PATH, headers={"If-None-Match": sent, "Accept-Encoding": "gzip"})
        assert response.status_code == 304, sent
        assert response.content == b""
        assert response.headers["etag"] == etag
        assert response.headers["cache-control"] == "public, max-age=86400"
    stale = geo_client.get(GEOJSON_PATH, headers={"If-None-Match": '"stale"', "Accept-Encoding": "gzip"})
    assert stale.status_code == 200 and stale.json()["type"] == "FeatureCollection"


def test_geometry_needs_no_login(geo_client: TestClient) -> None:
    geo_client.cookies.clear()
    assert geo_client.get(GEOJSON_PATH).status_code == 200
