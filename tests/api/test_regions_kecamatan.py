"""/api/v1/regions/kecamatan, /desa and /search: public, in code order, 404 and 422 that name the field."""

from __future__ import annotations

import csv
from pathlib import Path

from fastapi.testclient import TestClient


def _pack_rows(geo_dir: Path, name: str, column: str, value: str) -> list[dict[str, str]]:
    with (geo_dir / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row[column] == value]


def test_a_kabupatens_kecamatan_are_those_of_the_pack_in_code_order(
    client: TestClient, geo_dir: Path
) -> None:
    response = client.get("/api/v1/regions/kecamatan?kabupaten=8102")
    assert response.status_code == 200
    expected = _pack_rows(geo_dir, "kode_kecamatan_kemendagri2025.csv", "kode_kab", "81.02")
    assert [(k["kode"], k["nama"]) for k in response.json()] == sorted(
        (r["kode"], r["nama"]) for r in expected
    )
    assert all(k["kode_kab"] == "81.02" and -90 < k["label_lat"] < 90 for k in response.json())


def test_a_kecamatans_desa_are_those_of_the_pack(client: TestClient, geo_dir: Path) -> None:
    response = client.get("/api/v1/regions/desa?kecamatan=17.06.08")
    assert response.status_code == 200
    expected = _pack_rows(geo_dir, "kode_desa_kemendagri2025.csv", "kode_kec", "17.06.08")
    assert [(d["kode"], d["nama"], d["jenis"]) for d in response.json()] == sorted(
        (r["kode"], r["nama"], r["jenis"]) for r in expected
    )


def test_unknown_and_malformed_codes(client: TestClient) -> None:
    assert client.get("/api/v1/regions/kecamatan?kabupaten=99.99").status_code == 404
    assert client.get("/api/v1/regions/desa?kecamatan=81.02.99").status_code == 404
    bad = client.get("/api/v1/regions/kecamatan?kabupaten=81")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "kabupaten"
    missing = client.get("/api/v1/regions/desa")
    assert missing.status_code == 422 and missing.json()["detail"][0]["field"] == "kecamatan"


def test_search_for_pickers(client: TestClient) -> None:
    found = client.get("/api/v1/regions/search?q=Tanah%20Grogot")
    assert found.status_code == 200
    first = found.json()[0]
    assert (first["level"], first["kode"], first["kabupaten_kode"]) == ("kecamatan", "64.01.04", "64.01")
    assert first["kabupaten_nama"] == "Kabupaten Paser"
    desa = client.get("/api/v1/regions/search?q=nenggalo&level=desa&kabupaten=17.06").json()
    assert [(d["kode"], d["kecamatan_nama"]) for d in desa] == [("17.06.08.2002", "Teramang Jaya")]
    short = client.get("/api/v1/regions/search?q=-")
    assert short.status_code == 422 and short.json()["detail"][0]["field"] == "q"
    wrong_level = client.get("/api/v1/regions/search?q=jaya&level=provinsi")
    assert wrong_level.status_code == 422 and wrong_level.json()["detail"][0]["field"] == "level"


PLACES = "/api/v1/regions/kabupaten/{}/places"


def _pack_places(geo_dir: Path, kabupaten: str) -> list[dict[str, object]]:
    """What the places of a kabupaten must be, read from the data pack's own CSV files."""
    kecamatan = _pack_rows(geo_dir, "kode_kecamatan_kemendagri2025.csv", "kode_kab", kabupaten)
    desa = _pack_rows(geo_dir, "kode_desa_kemendagri2025.csv", "kode_kab", kabupaten)
    return [
        {
            "kode": kec["kode"],
            "nama": kec["nama"],
            "desa": [
                {"kode": d["kode"], "nama": d["nama"], "jenis": d["jenis"]}
                for d in sorted(desa, key=lambda d: d["kode"])
                if d["kode_kec"] == kec["kode"]
            ],
        }
        for kec in sorted(kecamatan, key=lambda k: k["kode"])
    ]


def test_a_kabupatens_places_are_its_kecamatan_with_their_desa_in_code_order(
    client: TestClient, geo_dir: Path
) -> None:
    response = client.get(PLACES.format("17.06"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert (body["kode"], body["nama"]) == ("17.06", "Kabupaten Mukomuko")
    assert body["kecamatan"] == _pack_places(geo_dir, "17.06")
    teramang = next(k for k in body["kecamatan"] if k["kode"] == "17.06.08")
    assert teramang["nama"] == "Teramang Jaya"
    assert {"kode": "17.06.08.2002", "nama": "Nenggalo", "jenis": "desa"} in teramang["desa"]
    assert client.get(PLACES.format("1706")).content == response.content  # the undotted code


def test_places_of_an_unknown_kabupaten_are_404(client: TestClient) -> None:
    for kode in ("99.99", "9999", "81"):
        response = client.get(PLACES.format(kode))
        assert response.status_code == 404, kode


def test_places_have_a_strong_etag_a_day_of_caching_and_304_without_a_body(client: TestClient) -> None:
    first = client.get(PLACES.format("81.02"))
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=86400"
    again = client.get(PLACES.format("8102"), headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    other = client.get(PLACES.format("17.06"), headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
