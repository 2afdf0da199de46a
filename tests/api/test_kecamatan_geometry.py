"""One kabupaten's kecamatan layer: the registry's units, drawn once each, cached by URL."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest
import shapely
from fastapi.testclient import TestClient

from geo.datapack import KECAMATAN_CODES_CSV, require_file

LARGEST_GZIP_BUDGET = 250 * 1024


@pytest.fixture(params=["sqlite"])  # geometry never touches the database
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def _layer(client: TestClient, kabupaten: str) -> dict:
    response = client.get(f"/api/v1/geo/kecamatan/{kabupaten}.geojson")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/geo+json")
    return response.json()


def test_the_layer_holds_exactly_the_kabupatens_kecamatan(client: TestClient, geo_dir: Path) -> None:
    codes = pd.read_csv(require_file(geo_dir, KECAMATAN_CODES_CSV), dtype=str)
    expected = dict(codes[codes["kode_kab"] == "17.06"][["kode", "nama"]].itertuples(index=False))
    features = _layer(client, "1706")["features"]  # the undotted code names the same kabupaten
    assert {f["id"]: f["properties"]["nama"] for f in features} == expected
    assert expected["17.06.08"] == "Teramang Jaya"
    assert all(shapely.geometry.shape(f["geometry"]).is_valid for f in features)


def test_kecamatan_drawn_on_their_parents_are_drawn_once(client: TestClient) -> None:
    """Manokwari's five 2026 kecamatan lay on their parents: the layer holds that land once."""
    shapes = [shapely.geometry.shape(f["geometry"]) for f in _layer(client, "92.02")["features"]]
    summed = sum(shape.area for shape in shapes)
    assert summed == pytest.approx(shapely.union_all(shapes).area, rel=1e-3)


def test_the_layer_is_cached_by_etag_and_gzipped_within_budget(client: TestClient) -> None:
    url = "/api/v1/geo/kecamatan/96.03.geojson"  # the largest layer of the pack
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    assert "max-age" in first.headers["cache-control"]
    assert len(gzip.compress(first.content)) < LARGEST_GZIP_BUDGET
    again = client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert json.loads(first.content)["type"] == "FeatureCollection"


@pytest.mark.parametrize("kabupaten", ["99.99", "Tual", "81.02.01"])
def test_a_code_that_is_no_kabupaten_is_404(client: TestClient, kabupaten: str) -> None:
    assert client.get(f"/api/v1/geo/kecamatan/{kabupaten}.geojson").status_code == 404
