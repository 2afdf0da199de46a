"""Health and the public region registry."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.db import write_session
from core.regions.service import seed_regions


def test_health_reports_database_and_registry(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "regions": 514}


def test_provinces_include_the_four_2022_papua_provinces(client: TestClient) -> None:
    provinces = client.get("/api/v1/regions/provinces").json()
    assert len(provinces) == 38
    by_code = {p["kode"]: p for p in provinces}
    for kode in ("93", "94", "95", "96"):
        assert by_code[kode]["zona"] == "WIT"
        assert by_code[kode]["kabupaten_count"] > 0
    assert sum(p["kabupaten_count"] for p in provinces) == 514


@pytest.mark.parametrize(
    ("kode", "nama", "jenis", "zona"),
    [
        ("81.02", "Kabupaten Maluku Tenggara", "Kabupaten", "WIT"),
        ("8102", "Kabupaten Maluku Tenggara", "Kabupaten", "WIT"),
        ("81.72", "Kota Tual", "Kota", "WIT"),
        ("64.01", "Kabupaten Paser", "Kabupaten", "WITA"),
        ("65.01", "Kabupaten Bulungan", "Kabupaten", "WITA"),
        ("17.06", "Kabupaten Mukomuko", "Kabupaten", "WIB"),
    ],
)
def test_spot_codes(client: TestClient, kode: str, nama: str, jenis: str, zona: str) -> None:
    response = client.get(f"/api/v1/regions/kabupaten/{kode}")
    assert response.status_code == 200
    body = response.json()
    assert (body["kode"], body["nama"], body["jenis"], body["zona"]) == (
        kode if "." in kode else f"{kode[:2]}.{kode[2:]}",
        nama,
        jenis,
        zona,
    )


@pytest.mark.parametrize("kode", ["99.99", "abc", "8"])
def test_unknown_or_malformed_kabupaten_in_the_path_is_404(client: TestClient, kode: str) -> None:
    response = client.get(f"/api/v1/regions/kabupaten/{kode}")
    assert response.status_code == 404
    assert kode in response.json()["detail"]


def test_kabupaten_filtered_by_province(client: TestClient) -> None:
    rows = client.get("/api/v1/regions/kabupaten", params={"provinsi": "81"}).json()
    assert {r["kode_prov"] for r in rows} == {"81"}
    assert "81.72" in {r["kode"] for r in rows}
    assert len(client.get("/api/v1/regions/kabupaten").json()) == 514


def test_seeding_twice_leaves_the_same_rows(engine, settings, client: TestClient) -> None:
    before = client.get("/api/v1/regions/kabupaten").json()
    with write_session(engine) as session:
        seed_regions(session=session, geo_dir=settings.geo_dir)
        seed_regions(session=session, geo_dir=settings.geo_dir)
    assert client.get("/api/v1/regions/kabupaten").json() == before
