"""The inbox's API: arrival order with its own cursor, the new filters, counts per status,
notes and follow-up by officers, the trail, and bulk steps that keep their good items."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.conftest import auth
from tests.factories import report_payload


def _post(client: TestClient, token: str, **over) -> dict:
    payload = report_payload(**over)
    response = client.post("/api/v1/reports", json=payload, headers=auth(token))
    assert response.status_code == 201, response.text
    return payload


def _ids(client: TestClient, token: str, **params) -> list[str]:
    response = client.get("/api/v1/reports", params=params, headers=auth(token))
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_received_order_lists_late_arrivals_first_and_pages_without_loss(
    client: TestClient, make_token
) -> None:
    officer, admin = make_token("officer"), make_token("admin")
    now = datetime.now(UTC)
    # Sent oldest-arrival first, each happening later than the one before except the last, which
    # arrives last from an offline queue though it happened first.
    made = [_post(client, officer, occurred_at=(now - timedelta(hours=5 - i)).isoformat()) for i in range(4)]
    time.sleep(0.01)
    made.append(_post(client, officer, occurred_at=(now - timedelta(days=3)).isoformat()))
    assert _ids(client, admin)[-1] == made[-1]["id"]  # by occurrence it is the oldest
    seen, cursor = [], None
    while True:
        params = {"order": "received", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/reports", params=params, headers=auth(admin)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [p["id"] for p in reversed(made)]
    occurred_cursor = client.get("/api/v1/reports", params={"limit": 1}, headers=auth(admin)).json()
    mixed = client.get(
        "/api/v1/reports",
        params={"order": "received", "cursor": occurred_cursor["next_cursor"]},
        headers=auth(admin),
    )
    assert mixed.status_code == 422 and mixed.json()["detail"][0]["field"] == "cursor"


def test_text_severity_and_source_filters(client: TestClient, make_token) -> None:
    officer, admin = make_token("officer"), make_token("admin")
    hoax = _post(client, officer, title="Hoaks 100% surat suara tercoblos", severity=2, source_type="media")
    crowd = _post(client, officer, title="Massa di depan kantor camat", severity=4)
    assert _ids(client, admin, q="SURAT tercoblos") == [hoax["id"]]
    assert _ids(client, admin, q="100%") == [hoax["id"]]
    assert _ids(client, admin, q="%") == [hoax["id"]]  # a wildcard is a literal character
    assert _ids(client, admin, q="200 orang") == [crowd["id"], hoax["id"]]  # the description counts
    assert _ids(client, admin, severity=4) == [crowd["id"]]
    assert _ids(client, admin, source_type="media") == [hoax["id"]]
    bad = client.get("/api/v1/reports", params={"severity": 9}, headers=auth(admin))
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "severity"


def test_counts_per_status_ignore_the_status_filter_and_respect_scope(client: TestClient, make_token) -> None:
    officer, analyst = make_token("officer"), make_token("analyst", provinsi="81")
    first, _ = _post(client, officer), _post(client, officer)
    _post(client, make_token("officer", kabupaten="64.01"), kabupaten_kode="64.01", kecamatan=None)
    client.patch(f"/api/v1/reports/{first['id']}", json={"status": "terverifikasi"}, headers=auth(analyst))
    response = client.get("/api/v1/reports/counts", params={"status": "baru"}, headers=auth(analyst))
    assert response.status_code == 200, response.text
    counts = response.json()["counts"]
    assert counts["baru"] == 1 and counts["terverifikasi"] == 1 and sum(counts.values()) == 2


def test_officers_note_and_follow_up_but_do_not_triage(client: TestClient, make_token) -> None:
    officer, analyst = make_token("officer"), make_token("analyst", provinsi="81", name="analis-maluku")
    payload = _post(client, officer)
    url = f"/api/v1/reports/{payload['id']}"
    refused = client.patch(url, json={"status": "terverifikasi"}, headers=auth(officer))
    assert refused.status_code == 403
    noted = client.patch(url, json={"note": "Saksi di lokasi: pak RT"}, headers=auth(officer))
    assert noted.status_code == 200 and noted.json()["status"] == "baru"
    no_reason = client.patch(url, json={"status": "ditolak"}, headers=auth(analyst))
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "note"
    verified = client.patch(
        url, json={"status": "terverifikasi", "note": "Cek Polres"}, headers=auth(analyst)
    )
    assert verified.status_code == 200
    handled = client.patch(url, json={"status": "ditangani", "note": "Camat turun"}, headers=auth(officer))
    assert handled.status_code == 200 and handled.json()["status"] == "ditangani"
    trail = client.get(f"{url}/trail", headers=auth(officer))
    assert trail.status_code == 200
    assert [(e["action"], e["to_value"], e["note"]) for e in trail.json()] == [
        ("note", None, "Saksi di lokasi: pak RT"),
        ("status_change", "terverifikasi", "Cek Polres"),
        ("status_change", "ditangani", "Camat turun"),
    ]
    assert trail.json()[1]["actor"] == "analis-maluku"
    outsider = make_token("officer", kabupaten="81.72")
    assert client.get(f"{url}/trail", headers=auth(outsider)).status_code == 404
    assert client.patch(url, json={"note": "x"}, headers=auth(outsider)).status_code == 404


def test_bulk_step_answers_per_report(client: TestClient, make_token) -> None:
    officer, analyst = make_token("officer"), make_token("analyst", provinsi="81")
    first, second = _post(client, officer), _post(client, officer)
    elsewhere = _post(client, make_token("admin"), kabupaten_kode="64.01", kecamatan=None)
    missing = str(uuid.uuid4())
    body = {"ids": [first["id"], second["id"], elsewhere["id"], missing], "status": "ditolak"}
    no_note = client.post("/api/v1/reports/status", json=body, headers=auth(analyst))
    assert no_note.status_code == 200
    assert {item["status_code"] for item in no_note.json()["results"][:2]} == {422}
    response = client.post(
        "/api/v1/reports/status", json={**body, "note": "Bukan terkait pilkada"}, headers=auth(analyst)
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["changed"], result["refused"]) == (2, 2)
    assert [item["status_code"] for item in result["results"]] == [200, 200, 404, 404]
    assert result["results"][0]["report"]["status"] == "ditolak"
    assert _ids(client, analyst, status="ditolak") and len(_ids(client, analyst, status="ditolak")) == 2
    empty = client.post(
        "/api/v1/reports/status", json={"ids": [], "status": "ditolak"}, headers=auth(analyst)
    )
    assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "ids"
