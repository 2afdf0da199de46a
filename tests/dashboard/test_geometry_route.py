"""GET /api/v1/geo/kabupaten.geojson: strong ETag, 304, a day of public caching, gzip on request.

The geometry does not touch the database, so these run on SQLite only. The same contract is
checked for the API route and for the standalone dashboard process's copy of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from core.config import Settings
from dashboard.app import create_standalone_app
from dashboard.geometry import GEOJSON_PATH, accepts_gzip, etag_matches

GZIP_BUDGET = 250 * 1024


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=["api", "standalone"])
def geo_client(request: pytest.FixtureRequest, settings: Settings) -> Iterator[TestClient]:
    """The route as the API serves it, and as `python -m dashboard.app` serves it."""
    if request.param == "api":
        client = request.getfixturevalue("dash_client")
        yield client
        return
    with TestClient(create_standalone_app(settings), follow_redirects=False) as client:
        yield client


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


def test_header_parsing() -> None:
    assert accepts_gzip("gzip, deflate, br")
    assert accepts_gzip("*")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip(None)
    assert not accepts_gzip("br;q=1, *;q=0")
    assert etag_matches('W/"a"', {'"a"'})
    assert not etag_matches('"b"', {'"a"'})
    assert not etag_matches(None, {'"a"'})
