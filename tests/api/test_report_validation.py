"""Bad input gets a 422 that names the field and the reason, and stores nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import TokenFactory, auth
from tests.factories import MALUKU_TENGGARA_POINT, TUAL_POINT, report_payload

IN_FUTURE = (datetime.now(UTC) + timedelta(minutes=30)).isoformat()

BAD_INPUT: list[tuple[str, dict[str, Any], str, str]] = [
    ("unknown code", {"kabupaten_kode": "99.99"}, "kabupaten_kode", "is not a known kabupaten/kota code"),
    ("malformed code", {"kabupaten_kode": "Tual"}, "kabupaten_kode", "pattern"),
    ("future", {"occurred_at": IN_FUTURE}, "occurred_at", "future"),
    ("before 2000", {"occurred_at": "1999-12-31T23:00:00+07:00"}, "occurred_at", "2000"),
    ("severity as string", {"severity": "3"}, "severity", "integer"),
    ("severity 6", {"severity": 6}, "severity", "less than or equal to 5"),
    ("severity 0", {"severity": 0}, "severity", "greater than or equal to 1"),
    ("latitude bool", {"latitude": False, "longitude": 132.7}, "latitude", "number"),
    ("only latitude", {"latitude": -5.6}, "longitude", "together"),
    ("only longitude", {"longitude": 132.7}, "latitude", "together"),
    ("outside Indonesia", {"latitude": 35.0, "longitude": 139.0}, "latitude", "outside Indonesia"),
    ("empty title", {"title": "   "}, "title", "at least 1 character"),
    ("long title", {"title": "x" * 201}, "title", "at most 200"),
    ("long description", {"description": "x" * 10_001}, "description", "at most 10000"),
    ("negative crowd", {"crowd_size": -1}, "crowd_size", "greater than or equal to 0"),
    ("unknown category", {"category": "gempa"}, "category", "Input should be"),
    ("unknown field", {"priority": "high"}, "priority", "Extra inputs are not permitted"),
    ("bad uuid", {"id": "not-a-uuid"}, "id", "UUID"),
    ("demo source", {"source_type": "demo"}, "source_type", "Input should be"),
    ("kecamatan of Paser", {"kecamatan_kode": "64.01.04"}, "kecamatan_kode", "is not in kabupaten 81.02"),
    ("unknown kecamatan", {"kecamatan_kode": "81.02.99"}, "kecamatan_kode", "not in the region registry"),
    ("kecamatan like a kabupaten", {"kecamatan_kode": "81.02"}, "kecamatan_kode", "pattern"),
    (
        "desa of Kei Besar Utara Timur in Kei Kecil",
        {"kecamatan_kode": "81.02.01", "desa_kode": "81.02.05.2001"},
        "desa_kode",
        "is not in kecamatan 81.02.01",
    ),
    ("desa of Mukomuko", {"desa_kode": "17.06.08.2006"}, "desa_kode", "is not in kabupaten 81.02"),
    ("unknown desa", {"desa_kode": "81.02.01.2999"}, "desa_kode", "not in the region registry"),
    ("desa with three digits", {"desa_kode": "81.02.01.201"}, "desa_kode", "pattern"),
]


@pytest.mark.parametrize(("case", "change", "field", "reason"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_names_field_and_reason(
    client: TestClient, make_token, case: str, change: dict[str, Any], field: str, reason: str
) -> None:
    token = make_token("officer", kabupaten="81.02")
    response = client.post("/api/v1/reports", json=report_payload(**change), headers=auth(token))
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    matching = [e for e in errors if e["field"] == field]
    assert matching, errors
    assert reason in matching[0]["msg"]
    assert client.get("/api/v1/reports", headers=auth(token)).json()["items"] == []


def test_unknown_code_message_is_the_documented_one(client: TestClient, make_token) -> None:
    token = make_token("admin")
    response = client.post(
        "/api/v1/reports", json=report_payload(kabupaten_kode="99.99"), headers=auth(token)
    )
    assert response.json()["detail"][0]["msg"] == (
        "kabupaten_kode '99.99' is not a known kabupaten/kota code"
    )


def test_malformed_json_is_422(client: TestClient, make_token) -> None:
    token = make_token("officer")
    response = client.post(
        "/api/v1/reports",
        content=b'{"kabupaten_kode": "81.02",',
        headers={**auth(token), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"][0]["msg"]


def test_body_over_256_kb_is_413(client: TestClient, make_token) -> None:
    token = make_token("officer")
    body = json.dumps(report_payload(description="x" * (300 * 1024))).encode()
    response = client.post(
        "/api/v1/reports", content=body, headers={**auth(token), "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ({"kecamatan_kode": "81.02.01"}, ("81.02.01", None)),
        ({"kecamatan_kode": "810201"}, ("81.02.01", None)),
        ({"kecamatan_kode": "81.02.05", "desa_kode": "8102052001"}, ("81.02.05", "81.02.05.2001")),
        ({"desa_kode": "81.02.05.2001"}, ("81.02.05", "81.02.05.2001")),  # the desa names its kecamatan
        ({"kabupaten_kode": "8102", "kecamatan_kode": "81.02.01"}, ("81.02.01", None)),
        ({"kecamatan": "Kec. Kei Besar", "kecamatan_kode": None}, ("81.02.03", None)),  # by its typed name
        ({"kecamatan": "Kei", "kecamatan_kode": None}, (None, None)),  # only part of several names: no code
    ],
)
def test_kecamatan_and_desa_codes_are_stored_dotted(
    client: TestClient, make_token, given: dict[str, Any], stored: tuple[str | None, str | None]
) -> None:
    token = make_token("officer", kabupaten="81.02")
    response = client.post("/api/v1/reports", json=report_payload(**given), headers=auth(token))
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["kecamatan_kode"], body["desa_kode"]) == stored


def test_code_without_dot_is_stored_dotted(client: TestClient, make_token) -> None:
    token = make_token("officer", kabupaten="81.02")
    response = client.post("/api/v1/reports", json=report_payload(kabupaten_kode="8102"), headers=auth(token))
    assert response.status_code == 201
    assert response.json()["kabupaten_kode"] == "81.02"


def test_naive_time_is_read_in_the_kabupaten_zone(client: TestClient, make_token) -> None:
    token = make_token("officer", kabupaten="81.02")  # Maluku: WIT, UTC+9
    local = (datetime.now(UTC) + timedelta(hours=9) - timedelta(hours=3)).replace(tzinfo=None, microsecond=0)
    response = client.post(
        "/api/v1/reports",
        json=report_payload(occurred_at=local.isoformat(timespec="seconds")),
        headers=auth(token),
    )
    assert response.status_code == 201, response.text
    stored = datetime.fromisoformat(response.json()["occurred_at"])
    assert stored == local.replace(tzinfo=UTC) - timedelta(hours=9)


def test_point_in_the_named_kabupaten_is_not_a_mismatch(client: TestClient, make_token) -> None:
    token = make_token("officer", kabupaten="81.02")
    lat, lon = MALUKU_TENGGARA_POINT
    body = client.post(
        "/api/v1/reports", json=report_payload(latitude=lat, longitude=lon), headers=auth(token)
    ).json()
    assert body["location_mismatch"] is False
    assert body["located_kabupaten_kode"] == "81.02"


def test_point_in_a_neighbour_is_stored_with_mismatch(client: TestClient, make_token) -> None:
    token = make_token("officer", kabupaten="81.02")
    lat, lon = TUAL_POINT
    response = client.post(
        "/api/v1/reports", json=report_payload(latitude=lat, longitude=lon), headers=auth(token)
    )
    assert response.status_code == 201
    assert response.json()["location_mismatch"] is True
    assert response.json()["located_kabupaten_kode"] == "81.72"


def test_a_kecamatan_that_does_not_hold_the_point_is_stored_and_flagged(
    client: TestClient, make_token
) -> None:
    token = make_token("officer", kabupaten="81.02")
    kei_kecil = (-5.69675, 132.73257)  # the pack's label point of 81.02.01 Kei Kecil
    body = client.post(
        "/api/v1/reports",
        json=report_payload(kecamatan="Kei Besar Utara Timur", latitude=kei_kecil[0], longitude=kei_kecil[1]),
        headers=auth(token),
    ).json()
    assert (body["kecamatan_kode"], body["kecamatan_mismatch"]) == ("81.02.05", True)
    assert body["located_kecamatan_kode"] == "81.02.01"
    from_point = client.post(
        "/api/v1/reports",
        json=report_payload(
            kecamatan=None, latitude=MALUKU_TENGGARA_POINT[0], longitude=MALUKU_TENGGARA_POINT[1]
        ),
        headers=auth(token),
    ).json()
    assert from_point["kecamatan_kode"] == from_point["located_kecamatan_kode"]
    assert from_point["kecamatan_kode"].startswith("81.02.")
    assert from_point["kecamatan_mismatch"] is False


def test_unknown_query_parameter_is_422(client: TestClient, make_token) -> None:
    response = client.get("/api/v1/reports", params={"provinse": "81"}, headers=auth(make_token("admin")))
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["query", "provinse"],
        "msg": "unknown query parameter 'provinse'",
        "type": "extra_forbidden",
        "field": "provinse",
    }


def test_numbers_are_not_dates(client: TestClient, make_token) -> None:
    token = make_token("officer")
    response = client.post(
        "/api/v1/reports", json=report_payload(occurred_at=1732000000), headers=auth(token)
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "occurred_at"


@pytest.mark.parametrize("field", ["title", "description", "kecamatan"])
def test_nul_characters_are_refused_not_a_500(client: TestClient, make_token, field: str) -> None:
    response = client.post(
        "/api/v1/reports",
        json=report_payload(**{field: "Massa\x00berkumpul"}),
        headers=auth(make_token("officer")),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field


@pytest.mark.parametrize(
    ("lat", "lon"), [(1.35, 103.82), (3.139, 101.687), (-8.556, 125.560), (-9.443, 147.180)]
)
def test_points_in_neighbouring_countries_are_refused(
    client: TestClient, make_token: TokenFactory, lat: float, lon: float
) -> None:
    response = client.post(
        "/api/v1/reports",
        json=report_payload(latitude=lat, longitude=lon),
        headers=auth(make_token("officer")),
    )
    assert response.status_code == 422, response.text
    fields = {item["field"] for item in response.json()["detail"]}
    assert fields and fields <= {"latitude", "longitude"}  # Port Moresby: already past the box's east edge


def test_a_point_at_sea_off_ambon_is_stored_with_kota_ambon(
    client: TestClient, make_token: TokenFactory
) -> None:
    response = client.post(
        "/api/v1/reports",
        json=report_payload(latitude=-3.808, longitude=128.18),
        headers=auth(make_token("officer")),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["located_kabupaten_kode"], body["location_mismatch"]) == ("81.71", True)
