"""A retried request never creates a duplicate; a different report under a used id changes nothing."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from models.report import Report, ReportDaily
from tests.conftest import auth
from tests.factories import report_payload


def _rows(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Report)).one()


def test_create_returns_201_with_location(client: TestClient, make_token) -> None:
    token = make_token("officer")
    payload = report_payload()
    response = client.post("/api/v1/reports", json=payload, headers=auth(token))
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/v1/reports/{payload['id']}"
    body = response.json()
    assert body["id"] == payload["id"]
    assert body["status"] == "baru"
    assert body["factor"] == "kerumunan"
    assert body["reporter"].startswith("officer-")
    assert client.get(response.headers["Location"], headers=auth(token)).json() == body


def test_same_id_same_content_is_replayed(client: TestClient, make_token, engine) -> None:
    token = make_token("officer")
    payload = report_payload()
    first = client.post("/api/v1/reports", json=payload, headers=auth(token))
    again = client.post("/api/v1/reports", json=payload, headers=auth(token))
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert "Idempotent-Replayed" not in first.headers
    assert _rows(engine) == 1


def test_same_id_other_content_is_409_and_changes_nothing(client: TestClient, make_token, engine) -> None:
    token = make_token("officer")
    payload = report_payload()
    stored = client.post("/api/v1/reports", json=payload, headers=auth(token)).json()
    response = client.post("/api/v1/reports", json={**payload, "severity": 5}, headers=auth(token))
    assert response.status_code == 409
    assert payload["id"] in response.json()["detail"]
    assert client.get(f"/api/v1/reports/{payload['id']}", headers=auth(token)).json() == stored
    assert _rows(engine) == 1


def test_report_without_id_is_idempotent_by_content(client: TestClient, make_token, engine) -> None:
    token = make_token("officer")
    payload = report_payload(id=...)
    first = client.post("/api/v1/reports", json=payload, headers=auth(token))
    again = client.post("/api/v1/reports", json=payload, headers=auth(token))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert _rows(engine) == 1


def test_fifty_concurrent_submissions_leave_one_row(live_server: str, make_token, engine) -> None:
    token = make_token("officer")
    payload = report_payload()

    def submit(_: int) -> int:
        with httpx.Client(base_url=live_server, timeout=60) as http:
            return http.post("/api/v1/reports", json=payload, headers=auth(token)).status_code

    with ThreadPoolExecutor(max_workers=50) as pool:
        codes = list(pool.map(submit, range(50)))
    assert sorted(set(codes)) == [200, 201]
    assert codes.count(201) == 1
    assert _rows(engine) == 1
    with Session(engine) as session:
        assert session.exec(select(func.sum(ReportDaily.count))).one() == 1


def test_batch_with_mixed_items(client: TestClient, make_token, engine) -> None:
    token = make_token("officer", kabupaten="81.02")
    stored = report_payload()
    client.post("/api/v1/reports", json=stored, headers=auth(token))
    fresh = report_payload()
    items = [
        fresh,
        stored,  # replayed
        {**stored, "title": "Judul lain"},  # conflict
        report_payload(severity="5"),  # invalid type
        report_payload(kabupaten_kode="99.99"),  # unknown code
        report_payload(kabupaten_kode="81.72"),  # outside the officer's kabupaten
        fresh,  # the same item twice in one batch
    ]
    response = client.post("/api/v1/reports/batch", json={"reports": items}, headers=auth(token))
    assert response.status_code == 200, response.text
    body = response.json()
    statuses = [r["status"] for r in body["results"]]
    assert statuses == ["created", "replayed", "conflict", "invalid", "invalid", "invalid", "replayed"]
    assert body["results"][3]["errors"][0]["field"] == "severity"
    assert "99.99" in body["results"][4]["errors"][0]["reason"]
    assert body["results"][5]["errors"][0]["field"] == "kabupaten_kode"
    assert (body["created"], body["replayed"], body["conflict"], body["invalid"]) == (1, 2, 1, 3)
    assert _rows(engine) == 2
    assert client.get(f"/api/v1/reports/{fresh['id']}", headers=auth(token)).status_code == 200


def test_batch_over_500_items_is_422(client: TestClient, make_token) -> None:
    token = make_token("officer")
    items = [report_payload() for _ in range(501)]
    response = client.post("/api/v1/reports/batch", json={"reports": items}, headers=auth(token))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "reports"


def test_batch_of_500_is_stored(client: TestClient, make_token, engine) -> None:
    token = make_token("officer")
    items = [report_payload(title=f"Laporan {i}") for i in range(500)]
    body = client.post("/api/v1/reports/batch", json={"reports": items}, headers=auth(token)).json()
    assert body["created"] == 500
    assert _rows(engine) == 500


def test_unknown_report_id_is_404(client: TestClient, make_token) -> None:
    token = make_token("admin")
    assert client.get(f"/api/v1/reports/{uuid.uuid4()}", headers=auth(token)).status_code == 404
