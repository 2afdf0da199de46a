"""Election calendar (seeded, admin-edited, readable by all) and planned events (scoped)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import auth


def _by_slug(client: TestClient, token: str) -> dict[str, dict]:
    response = client.get("/api/v1/elections", headers=auth(token))
    assert response.status_code == 200
    return {e["slug"]: e for e in response.json()}


def test_seeded_pilkada_2024_per_pkpu_2_2024(client: TestClient, make_token) -> None:
    pilkada = _by_slug(client, make_token("officer"))["pilkada-2024"]
    assert pilkada["voting_day"] == "2024-11-27"
    assert len(pilkada["provinces"]) == 37 and "34" not in pilkada["provinces"]
    assert len(pilkada["kabupaten"]) == 508
    assert not any(k.startswith("31.") for k in pilkada["kabupaten"])
    stages = {s["stage"]: (s["start_date"], s["end_date"]) for s in pilkada["stages"]}
    assert stages == {
        "pendaftaran": ("2024-08-27", "2024-08-29"),
        "penetapan": ("2024-09-22", "2024-09-22"),
        "kampanye": ("2024-09-25", "2024-11-23"),
        "masa_tenang": ("2024-11-24", "2024-11-26"),
        "pemungutan": ("2024-11-27", "2024-11-27"),
        "rekapitulasi": ("2024-11-27", "2024-12-16"),
    }


def test_seeded_pemilu_2024_is_nationwide(client: TestClient, make_token) -> None:
    pemilu = _by_slug(client, make_token("analyst"))["pemilu-2024"]
    assert pemilu["nationwide"] is True
    assert pemilu["voting_day"] == "2024-02-14"
    kampanye = next(s for s in pemilu["stages"] if s["stage"] == "kampanye")
    assert (kampanye["start_date"], kampanye["end_date"]) == ("2023-11-28", "2024-02-10")


PSU = {
    "slug": "psu-maluku-tenggara-2025",
    "name": "PSU Pilkada Maluku Tenggara",
    "kind": "psu",
    "voting_day": "2025-04-19",
    "kabupaten": ["8102"],
    "stages": [
        {"stage": "kampanye", "start_date": "2025-04-05", "end_date": "2025-04-15"},
        {"stage": "pemungutan", "start_date": "2025-04-19", "end_date": "2025-04-19"},
    ],
}


def test_admin_adds_and_changes_an_election(client: TestClient, make_token) -> None:
    admin = make_token("admin")
    created = client.post("/api/v1/elections", json=PSU, headers=auth(admin))
    assert created.status_code == 201, created.text
    assert created.json()["kabupaten"] == ["81.02"]
    again = client.post("/api/v1/elections", json=PSU, headers=auth(admin))
    assert again.status_code == 409
    moved = {**PSU, "voting_day": "2025-04-26"}
    url = created.headers["Location"]
    assert client.put(url, json=moved, headers=auth(admin)).json()["voting_day"] == "2025-04-26"
    assert client.get(url, headers=auth(make_token("officer"))).json()["voting_day"] == "2025-04-26"
    assert client.delete(url, headers=auth(admin)).status_code == 204
    assert client.get(url, headers=auth(admin)).status_code == 404


@pytest.mark.parametrize("role", ["analyst", "officer"])
def test_only_admins_change_the_calendar(client: TestClient, make_token, role: str) -> None:
    assert client.post("/api/v1/elections", json=PSU, headers=auth(make_token(role))).status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kabupaten": ["99.99"]}, "kabupaten"),
        ({"provinces": ["99"]}, "provinces"),
        (
            {"stages": [{"stage": "kampanye", "start_date": "2025-04-15", "end_date": "2025-04-05"}]},
            "stages.0",
        ),
        ({"kind": "referendum"}, "kind"),
    ],
)
def test_bad_election_is_422(client: TestClient, make_token, change: dict, field: str) -> None:
    response = client.post("/api/v1/elections", json={**PSU, **change}, headers=auth(make_token("admin")))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"].startswith(field)


RALLY = {
    "kabupaten_kode": "81.02",
    "event_type": "rapat_umum",
    "title": "Rapat umum paslon 1 di Langgur",
    "starts_at": "2024-11-20T09:00:00",
    "ends_at": "2024-11-20T13:00:00",
    "expected_crowd": 5000,
    "source": "Surat pemberitahuan ke Polres",
}


def test_event_time_without_offset_is_local(client: TestClient, make_token) -> None:
    response = client.post("/api/v1/events", json=RALLY, headers=auth(make_token("officer")))
    assert response.status_code == 201, response.text
    assert response.json()["starts_at"].startswith("2024-11-20T00:00:00")  # 09:00 WIT


@pytest.mark.parametrize(
    ("role", "scope", "kabupaten", "expected"),
    [
        ("officer", {"kabupaten": "81.02"}, "81.02", 201),
        ("officer", {"kabupaten": "81.02"}, "81.72", 403),
        ("analyst", {"provinsi": "81"}, "81.72", 201),
        ("analyst", {"provinsi": "64"}, "81.72", 403),
        ("admin", {}, "64.01", 201),
    ],
)
def test_event_scope(client: TestClient, make_token, role, scope, kabupaten, expected) -> None:
    token = make_token(role, **scope)
    response = client.post("/api/v1/events", json={**RALLY, "kabupaten_kode": kabupaten}, headers=auth(token))
    assert response.status_code == expected


def test_event_replay_cancel_and_listing(client: TestClient, make_token) -> None:
    officer = make_token("officer")
    body = {**RALLY, "id": "5b1c4c1e-1111-4a4a-9b9b-0123456789ab"}
    first = client.post("/api/v1/events", json=body, headers=auth(officer))
    again = client.post("/api/v1/events", json=body, headers=auth(officer))
    assert (first.status_code, again.status_code) == (201, 200)
    other_prov = make_token("analyst", provinsi="64")
    assert client.get("/api/v1/events", headers=auth(other_prov)).json() == []
    listed = client.get("/api/v1/events", params={"from": "2024-11-19"}, headers=auth(officer)).json()
    assert [e["id"] for e in listed] == [body["id"]]
    cancel = client.patch(f"/api/v1/events/{body['id']}", json={"cancelled": True}, headers=auth(officer))
    assert cancel.json()["cancelled"] is True
    assert client.get("/api/v1/events", headers=auth(officer)).json() == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "2024-11-20T08:00:00"}, "ends_at"),
        ({"expected_crowd": "banyak"}, "expected_crowd"),
        ({"kabupaten_kode": "99.99"}, "kabupaten_kode"),
        ({"event_type": "konser"}, "event_type"),
    ],
)
def test_bad_event_is_422(client: TestClient, make_token, change: dict, field: str) -> None:
    response = client.post("/api/v1/events", json={**RALLY, **change}, headers=auth(make_token("admin")))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field


def test_event_carries_venue_and_organiser(client: TestClient, make_token) -> None:
    officer = make_token("officer")
    body = {**RALLY, "venue": "  Lapangan Watdek  ", "organiser": "Tim pemenangan paslon 1"}
    created = client.post("/api/v1/events", json=body, headers=auth(officer))
    assert created.status_code == 201, created.text
    stored = created.json()
    assert (stored["venue"], stored["organiser"]) == ("Lapangan Watdek", "Tim pemenangan paslon 1")
    event_id = created.json()["id"]
    moved = client.patch(
        f"/api/v1/events/{event_id}", json={"venue": "Gedung Ohoi", "organiser": ""}, headers=auth(officer)
    )
    assert (moved.json()["venue"], moved.json()["organiser"]) == ("Gedung Ohoi", "")
    listed = client.get("/api/v1/events", headers=auth(officer)).json()
    assert [(e["venue"], e["organiser"]) for e in listed] == [("Gedung Ohoi", "")]
    plain = client.post("/api/v1/events", json=RALLY, headers=auth(officer)).json()
    assert (plain["venue"], plain["organiser"]) == ("", "")


@pytest.mark.parametrize("field", ["venue", "organiser"])
def test_overlong_or_null_venue_and_organiser_are_422(client: TestClient, make_token, field: str) -> None:
    admin = make_token("admin")
    too_long = client.post("/api/v1/events", json={**RALLY, field: "x" * 201}, headers=auth(admin))
    assert (too_long.status_code, too_long.json()["detail"][0]["field"]) == (422, field)
    event_id = client.post("/api/v1/events", json=RALLY, headers=auth(admin)).json()["id"]
    null = client.patch(f"/api/v1/events/{event_id}", json={field: None}, headers=auth(admin))
    assert (null.status_code, null.json()["detail"][0]["field"]) == (422, field)
