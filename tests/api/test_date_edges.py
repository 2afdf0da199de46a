"""Dates and times outside 2000-2100 are a 422 naming the field, in bodies, queries, batches, imports."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import TokenFactory, auth
from tests.core.sheets.files import count_reports, csv_bytes, sheet_row
from tests.factories import report_payload

FAR_TIMES = [
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "1999-12-31T23:59:59+00:00",
    "2101-01-01T00:00:00",
]
FAR_DAYS = ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"]
RALLY = {
    "kabupaten_kode": "81.02",
    "event_type": "rapat_umum",
    "title": "Rapat umum paslon 1 di Langgur",
    "starts_at": "2024-11-20T09:00:00",
}


def field_of(response: Any) -> str:
    assert response.status_code == 422, response.text
    return response.json()["detail"][0]["field"]


@pytest.mark.parametrize("moment", FAR_TIMES)
def test_a_far_occurred_at_is_422_naming_the_field(
    client: TestClient, make_token: TokenFactory, moment: str
) -> None:
    response = client.post(
        "/api/v1/reports", json=report_payload(occurred_at=moment), headers=auth(make_token("officer"))
    )
    assert field_of(response) == "occurred_at"


@pytest.mark.parametrize("moment", FAR_TIMES)
@pytest.mark.parametrize(
    ("path", "parameter", "field"),
    [
        ("/api/v1/reports", "since", "since"),
        ("/api/v1/reports", "until", "until"),
        ("/api/v1/reports.csv", "since", "since"),
        ("/api/v1/reports.xlsx", "until", "until"),
        ("/api/v1/events", "from", "from"),
        ("/api/v1/events", "until", "until"),
        ("/api/v1/alerts", "since", "since"),
    ],
)
def test_far_instants_in_queries_are_422_naming_the_parameter(
    client: TestClient, make_token: TokenFactory, path: str, parameter: str, field: str, moment: str
) -> None:
    response = client.get(path, params={parameter: moment}, headers=auth(make_token("admin")))
    assert field_of(response) == field


@pytest.mark.parametrize("day", FAR_DAYS)
@pytest.mark.parametrize("path", ["/api/v1/risk", "/api/v1/risk/81.02"])
def test_far_days_in_risk_queries_are_422(
    client: TestClient, make_token: TokenFactory, path: str, day: str
) -> None:
    assert field_of(client.get(path, params={"as_of": day}, headers=auth(make_token("admin")))) == "as_of"


@pytest.mark.parametrize("moment", FAR_TIMES[:2])
def test_a_far_event_time_is_422(client: TestClient, make_token: TokenFactory, moment: str) -> None:
    response = client.post(
        "/api/v1/events", json={**RALLY, "starts_at": moment}, headers=auth(make_token("officer"))
    )
    assert field_of(response) == "starts_at"


def test_a_batch_keeps_its_good_items_beside_far_times(
    client: TestClient, make_token: TokenFactory, engine: Engine
) -> None:
    good = [report_payload(title=f"Baik {n}") for n in range(2)]
    items = [good[0], *(report_payload(occurred_at=moment) for moment in FAR_TIMES), good[1]]
    response = client.post(
        "/api/v1/reports/batch", json={"reports": items}, headers=auth(make_token("officer"))
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["created", *["invalid"] * len(FAR_TIMES), "created"]
    assert {r["errors"][0]["field"] for r in body["results"][1:-1]} == {"occurred_at"}
    assert count_reports(engine) == 2


def test_an_import_keeps_its_good_rows_beside_far_times(
    client: TestClient, make_token: TokenFactory, engine: Engine
) -> None:
    rows = [
        sheet_row(judul="Baik"),
        sheet_row(waktu_kejadian="9999-12-31 23:59"),
        sheet_row(waktu_kejadian="0001-01-01 00:00"),
    ]
    response = client.post(
        "/api/v1/reports/import",
        files={"file": ("laporan.csv", csv_bytes(rows))},
        headers=auth(make_token("officer")),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["invalid"]) == (1, 2)
    assert count_reports(engine) == 1
