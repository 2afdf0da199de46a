"""Risk per kecamatan: the kabupaten engine over reports and events placed in a kecamatan, live and frozen."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from shapely.geometry import shape

from core import jobs
from core.config import Settings
from geo.boundaries import load_kecamatan_boundaries
from geo.datapack import KECAMATAN_CODES_CSV, require_file
from tests.conftest import TokenFactory, auth
from tests.factories import report_payload

MUKOMUKO, TERAMANG_JAYA = "17.06", "17.06.08"
DAY = date(2024, 11, 20)
WEEK = date(2024, 11, 18)


def _kecamatan_of(geo_dir: Path, kabupaten: str) -> dict[str, str]:
    """The pack's kecamatan of a kabupaten (read here, not through the code under test)."""
    frame = pd.read_csv(require_file(geo_dir, KECAMATAN_CODES_CSV), dtype=str)
    return dict(frame[frame["kode_kab"] == kabupaten][["kode", "nama"]].itertuples(index=False))


def _report(client: TestClient, token: str, **values: object) -> dict:
    defaults = {"kecamatan": None, "category": "bentrokan", "severity": 5}
    payload = report_payload(
        kabupaten_kode=MUKOMUKO, occurred_at="2024-11-20T10:00:00", **{**defaults, **values}
    )
    response = client.post("/api/v1/reports", json=payload, headers=auth(token))
    assert response.status_code == 201, response.text
    return response.json()


def _kecamatan_risk(client: TestClient, token: str, **query: str) -> dict[str, dict]:
    response = client.get(
        f"/api/v1/risk/{MUKOMUKO}/kecamatan", params={"as_of": DAY.isoformat(), **query}, headers=auth(token)
    )
    assert response.status_code == 200, response.text
    return {item["kecamatan_kode"]: item for item in response.json()["items"]}


def test_every_kecamatan_is_scored_and_the_reported_one_leads(
    client: TestClient, make_token: TokenFactory, geo_dir: Path
) -> None:
    officer = make_token("officer", kabupaten=MUKOMUKO)
    for title in ("Bentrok di pasar", "Bentrok di balai desa", "Bentrok di jalan"):
        _report(client, officer, kecamatan_kode=TERAMANG_JAYA, title=title)
    _report(client, officer, kecamatan="Kota Mukomuko", title="Bentrok kecil", severity=2)
    items = _kecamatan_risk(client, officer)
    assert {kode: item["nama"] for kode, item in items.items()} == _kecamatan_of(geo_dir, MUKOMUKO)
    others = [item["score"] for kode, item in items.items() if kode != TERAMANG_JAYA]
    assert items[TERAMANG_JAYA]["score"] > max(others) > 0
    assert items[TERAMANG_JAYA]["reports_7d"] == 3
    assert sorted(others)[-2] == 0  # only the two kecamatan with reports score


def test_a_kecamatan_holding_all_of_a_kabupatens_reports_scores_as_the_kabupaten(
    client: TestClient, make_token: TokenFactory
) -> None:
    officer = make_token("officer", kabupaten=MUKOMUKO)
    for severity in (3, 4, 5):
        _report(client, officer, kecamatan_kode=TERAMANG_JAYA, severity=severity, title=f"Bentrok {severity}")
    kabupaten = client.get(
        f"/api/v1/risk/{MUKOMUKO}", params={"as_of": DAY.isoformat()}, headers=auth(officer)
    )
    kecamatan = _kecamatan_risk(client, officer)[TERAMANG_JAYA]
    assert kecamatan["score"] == kabupaten.json()["score"] > 0  # same engine, same inputs, no baseline
    assert kecamatan["factor_scores"] == kabupaten.json()["factor_scores"]


def test_an_event_placed_in_a_kecamatan_weighs_there_only(
    client: TestClient, make_token: TokenFactory
) -> None:
    analyst = make_token("analyst", provinsi="17")
    event = {
        "kabupaten_kode": MUKOMUKO,
        "kecamatan_kode": "170608",
        "event_type": "rapat_umum",
        "title": "Kampanye akbar di lapangan kecamatan",
        "starts_at": "2024-11-22T09:00:00",
        "expected_crowd": 5000,
    }
    created = client.post("/api/v1/events", json=event, headers=auth(analyst))
    assert created.status_code == 201, created.text
    assert created.json()["kecamatan_kode"] == TERAMANG_JAYA
    items = _kecamatan_risk(client, analyst)
    assert items[TERAMANG_JAYA]["event_points"] > 0
    assert all(item["event_points"] == 0 for kode, item in items.items() if kode != TERAMANG_JAYA)


@pytest.mark.parametrize(
    ("kecamatan", "reason"), [("64.01.04", "not_in_kabupaten"), ("17.06.99", "unknown_kecamatan")]
)
def test_an_event_in_a_kecamatan_of_another_kabupaten_is_refused(
    client: TestClient, make_token: TokenFactory, kecamatan: str, reason: str
) -> None:
    event = {
        "kabupaten_kode": MUKOMUKO,
        "kecamatan_kode": kecamatan,
        "event_type": "rapat_umum",
        "title": "Kampanye",
        "starts_at": "2024-11-22T09:00:00",
    }
    response = client.post("/api/v1/events", json=event, headers=auth(make_token("admin")))
    assert response.status_code == 422
    assert [(e["field"], e["type"]) for e in response.json()["detail"]] == [("kecamatan_kode", reason)]


def test_kecamatan_risk_keeps_to_the_callers_scope(client: TestClient, make_token: TokenFactory) -> None:
    elsewhere = make_token("officer", kabupaten="81.02")
    response = client.get(f"/api/v1/risk/{MUKOMUKO}/kecamatan", headers=auth(elsewhere))
    assert response.status_code == 404
    assert client.get(f"/api/v1/risk/{MUKOMUKO}/kecamatan").status_code == 401


def test_reports_can_be_listed_by_kecamatan(client: TestClient, make_token: TokenFactory) -> None:
    officer = make_token("officer", kabupaten=MUKOMUKO)
    inside = _report(client, officer, kecamatan_kode=TERAMANG_JAYA, title="Di Teramang Jaya")
    _report(client, officer, kecamatan="Kota Mukomuko", title="Di Kota Mukomuko")
    listed = client.get("/api/v1/reports", params={"kecamatan": "170608"}, headers=auth(officer)).json()
    assert [item["id"] for item in listed["items"]] == [inside["id"]]


def test_a_frozen_week_keeps_every_kecamatans_score(
    client: TestClient, make_token: TokenFactory, settings: Settings, geo_dir: Path
) -> None:
    officer = make_token("officer", kabupaten=MUKOMUKO)
    for title in ("Bentrok di pasar", "Bentrok di balai desa"):
        _report(client, officer, kecamatan_kode=TERAMANG_JAYA, title=title)
    assert jobs.run_week(settings, WEEK, trigger="cli").succeeded
    live = _kecamatan_risk(client, officer, as_of="2024-11-24")  # the week's Sunday
    frozen = client.get(
        f"/api/v1/snapshots/{WEEK.isoformat()}/kecamatan",
        params={"kabupaten": MUKOMUKO},
        headers=auth(officer),
    ).json()["items"]
    assert [row["kecamatan_kode"] for row in frozen] == sorted(_kecamatan_of(geo_dir, MUKOMUKO))
    assert {row["kecamatan_kode"]: row["score"] for row in frozen} == {k: v["score"] for k, v in live.items()}
    exported = client.get(
        f"/api/v1/snapshots/{WEEK.isoformat()}/kecamatan.csv",
        params={"kabupaten": MUKOMUKO},
        headers=auth(officer),
    )
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == len(frozen)
    teramang = next(row for row in rows if row["kecamatan_kode"] == TERAMANG_JAYA)
    assert (teramang["nama"], float(teramang["score"])) == ("Teramang Jaya", live[TERAMANG_JAYA]["score"])
    mapped = client.get(
        f"/api/v1/snapshots/{WEEK.isoformat()}/kecamatan.geojson",
        params={"kabupaten": MUKOMUKO},
        headers=auth(officer),
    )
    assert mapped.status_code == 200 and mapped.headers["content-type"].startswith("application/geo+json")
    features = {f["id"]: f for f in mapped.json()["features"]}
    assert set(features) == {row["kecamatan_kode"] for row in frozen}
    assert features[TERAMANG_JAYA]["properties"]["score"] == live[TERAMANG_JAYA]["score"]
    # Each polygon lies over its own kecamatan in the pack's boundaries (an independent reading).
    pack = load_kecamatan_boundaries(geo_dir).set_index("kode")
    for kode, feature in features.items():
        drawn = shape(feature["geometry"])
        assert drawn.is_valid and drawn.representative_point().within(
            pack.loc[kode, "geometry"].buffer(0.001)
        )
    other = client.get(
        f"/api/v1/snapshots/{WEEK.isoformat()}/kecamatan",
        params={"kabupaten": "81.02"},
        headers=auth(officer),
    )
    assert other.json()["items"] == []  # another kabupaten's rows are not the officer's to see
