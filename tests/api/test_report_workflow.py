"""Status workflow, audit trail, aggregates in step, listing filters and cursor pagination."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from core.reports.daily import stored_daily
from models.account import AuditEvent
from tests.conftest import auth
from tests.factories import report_payload

TRANSITIONS = [
    ("baru", "terverifikasi", 200),
    ("baru", "ditolak", 200),
    ("baru", "ditangani", 409),
    ("baru", "selesai", 409),
    ("baru", "baru", 409),
    ("terverifikasi", "ditangani", 200),
    ("terverifikasi", "ditolak", 409),
    ("ditangani", "selesai", 200),
    ("ditangani", "baru", 409),
    ("ditolak", "terverifikasi", 409),
    ("selesai", "ditangani", 409),
]
PATH_TO = {
    "baru": [],
    "terverifikasi": ["terverifikasi"],
    "ditangani": ["terverifikasi", "ditangani"],
    "selesai": ["terverifikasi", "ditangani", "selesai"],
    "ditolak": ["ditolak"],
}


def _step(status: str) -> dict[str, str]:
    """A status change with the note that `ditolak` and `duplikat` need."""
    return {"status": status, "note": "Dicek dengan Polres"}


@pytest.mark.parametrize(("start", "target", "expected"), TRANSITIONS)
def test_transitions(client: TestClient, make_token, start: str, target: str, expected: int) -> None:
    officer, analyst = make_token("officer"), make_token("analyst", provinsi="81")
    payload = report_payload()
    client.post("/api/v1/reports", json=payload, headers=auth(officer))
    url = f"/api/v1/reports/{payload['id']}"
    for step in PATH_TO[start]:
        assert client.patch(url, json=_step(step), headers=auth(analyst)).status_code == 200
    response = client.patch(url, json=_step(target), headers=auth(analyst))
    assert response.status_code == expected, response.text
    final = client.get(url, headers=auth(analyst)).json()["status"]
    assert final == (target if expected == 200 else start)


def test_status_change_is_audited(client: TestClient, make_token, engine) -> None:
    officer = make_token("officer")
    analyst = make_token("analyst", provinsi="81", name="analis-maluku")
    payload = report_payload()
    client.post("/api/v1/reports", json=payload, headers=auth(officer))
    client.patch(f"/api/v1/reports/{payload['id']}", json={"status": "terverifikasi"}, headers=auth(analyst))
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_id == payload["id"])).all()
    assert [(e.actor, e.action, e.from_value, e.to_value) for e in events] == [
        ("analis-maluku", "status_change", "baru", "terverifikasi")
    ]
    assert events[0].at.tzinfo is not None


def test_duplicate_needs_an_original(client: TestClient, make_token) -> None:
    officer, analyst = make_token("officer"), make_token("analyst", provinsi="81")
    original, copy = report_payload(), report_payload(title="Laporan yang sama")
    for payload in (original, copy):
        client.post("/api/v1/reports", json=payload, headers=auth(officer))
    url = f"/api/v1/reports/{copy['id']}"
    missing = client.patch(url, json=_step("duplikat"), headers=auth(analyst))
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["field"] == "duplicate_of"
    ok = client.patch(url, json={**_step("duplikat"), "duplicate_of": original["id"]}, headers=auth(analyst))
    assert ok.status_code == 200
    assert ok.json()["duplicate_of"] == original["id"]


def _daily(engine) -> dict[tuple[str, bool], int]:
    """Counts per factor and verification, the same in the kabupaten and the kecamatan table."""
    with Session(engine) as session:
        counts = stored_daily(session)
    totals: dict[int, dict[tuple[str, bool], int]] = {5: {}, 8: {}}
    for (kode, _, factor, _, verified), n in counts.items():
        level = totals[len(kode)]
        level[(factor, verified)] = level.get((factor, verified), 0) + n
    assert totals[5] == totals[8]  # every report here names Kei Kecil
    return totals[5]


def test_aggregates_follow_inserts_replays_and_status(client: TestClient, make_token, engine) -> None:
    officer, analyst = make_token("officer"), make_token("analyst", provinsi="81")
    first, second = report_payload(category="hoaks"), report_payload(category="bentrokan")
    for payload in (first, second, first):
        client.post("/api/v1/reports", json=payload, headers=auth(officer))
    assert _daily(engine) == {("isu", False): 1, ("kekerasan", False): 1}
    client.patch(f"/api/v1/reports/{first['id']}", json={"status": "terverifikasi"}, headers=auth(analyst))
    assert _daily(engine) == {("isu", True): 1, ("kekerasan", False): 1}
    client.patch(f"/api/v1/reports/{second['id']}", json=_step("ditolak"), headers=auth(analyst))
    assert _daily(engine) == {("isu", True): 1}


def test_list_filters_and_cursor(client: TestClient, make_token) -> None:
    admin = make_token("admin")
    now = datetime.now(UTC)
    made = []
    for i in range(7):
        payload = report_payload(
            occurred_at=(now - timedelta(hours=i)).isoformat(),
            category="hoaks" if i % 2 else "kampanye",
            kabupaten_kode="81.02" if i < 5 else "64.01",
        )
        client.post("/api/v1/reports", json=payload, headers=auth(admin))
        made.append(payload)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/reports", params=params, headers=auth(admin)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [p["id"] for p in made]  # newest occurrence first, none repeated or lost

    def ids(**params) -> set[str]:
        response = client.get("/api/v1/reports", params=params, headers=auth(admin))
        assert response.status_code == 200, response.text
        return {i["id"] for i in response.json()["items"]}

    assert ids(provinsi="64") == {p["id"] for p in made[5:]}
    assert ids(kabupaten="8102") == {p["id"] for p in made[:5]}
    assert ids(factor="isu") == {p["id"] for i, p in enumerate(made) if i % 2}
    assert ids(category="kampanye") == {p["id"] for i, p in enumerate(made) if not i % 2}
    assert ids(since=(now - timedelta(hours=2, minutes=30)).isoformat()) == {p["id"] for p in made[:3]}
    assert ids(until=(now - timedelta(hours=5, minutes=30)).isoformat()) == {made[6]["id"]}
    assert ids(status="terverifikasi") == set()


def test_tampered_cursor_is_422(client: TestClient, make_token) -> None:
    response = client.get("/api/v1/reports", params={"cursor": "bm9wZQ"}, headers=auth(make_token("admin")))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "cursor"
