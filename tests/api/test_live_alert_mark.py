"""Every API path that changes what a kabupaten's risk counts marks it for the live alert check."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from core.alerts.live import LiveAlertChecker
from tests.conftest import auth
from tests.core.sheets.files import csv_bytes, sheet_row
from tests.factories import report_payload


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What the process's live checker was asked to check, call by call (the check itself is not run)."""
    calls: list[list[str]] = []
    monkeypatch.setattr(LiveAlertChecker, "mark", lambda self, kodes: calls.append(list(kodes)))
    return calls


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_new_report_marks_its_kabupaten_and_a_retry_does_not(
    client: TestClient, make_token, marked: list[list[str]]
) -> None:
    officer = auth(make_token("officer"))
    payload = report_payload()
    assert client.post("/api/v1/reports", json=payload, headers=officer).status_code == 201
    assert client.post("/api/v1/reports", json=payload, headers=officer).status_code == 200
    assert (
        client.post("/api/v1/reports", json={**payload, "title": "Lain"}, headers=officer).status_code == 409
    )
    assert marked == [["81.02"]]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_batch_marks_each_kabupaten_once(client: TestClient, make_token, marked: list[list[str]]) -> None:
    admin = auth(make_token("admin"))
    items = [
        report_payload(kabupaten_kode=k, title=f"Laporan {i}")
        for i, k in enumerate(["81.72", "81.02", "81.72"])
    ]
    response = client.post("/api/v1/reports/batch", json={"reports": [*items, {"title": "x"}]}, headers=admin)
    assert response.json()["created"] == 3
    assert marked == [["81.02", "81.72"]]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_status_change_marks_and_a_refused_one_does_not(
    client: TestClient, make_token, marked: list[list[str]]
) -> None:
    payload = report_payload()
    client.post("/api/v1/reports", json=payload, headers=auth(make_token("officer")))
    analyst = auth(make_token("analyst", provinsi="81"))
    url = f"/api/v1/reports/{payload['id']}"
    assert client.patch(url, json={"status": "selesai"}, headers=analyst).status_code == 409
    assert client.patch(url, json={"status": "terverifikasi"}, headers=analyst).status_code == 200
    assert marked == [["81.02"], ["81.02"]]  # the report, then its verification


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_spreadsheet_import_marks_the_kabupaten_it_filled(
    client: TestClient, make_token, marked: list[list[str]]
) -> None:
    admin = auth(make_token("admin"))
    data = csv_bytes([sheet_row(kode_kabupaten="81.72"), sheet_row()])
    response = client.post(
        "/api/v1/reports/import", files={"file": ("laporan.csv", data, "text/csv")}, headers=admin
    )
    assert response.json()["created"] == 2, response.text
    assert marked == [["81.02", "81.72"]]
