"""GET /api/v1/reports/{id}/duplicates: candidates by scope, kabupaten, window and status, ranked."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from core.db import write_session
from models.region import Kabupaten
from models.report import Report
from tests.conftest import auth
from tests.factories import report_payload

JAKBAR, TANGERANG, BANDUNG = "31.73", "36.03", "32.73"  # Jakarta Barat borders Tangerang, not Bandung
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=60)
QUERY = "Massa pendukung paslon nomor urut 2 berkumpul di depan kantor KPU Jakarta Barat"
RETOLD = "Di depan kantor KPU Jakarta Barat, simpatisan paslon nomor urut 2 berkumpul"


def _label(engine: Engine, kode: str) -> tuple[float, float]:
    with write_session(engine) as session:
        kab = session.exec(select(Kabupaten).where(Kabupaten.kode == kode)).one()
        return kab.label_lat, kab.label_lng


def _post(client: TestClient, token: str, kode: str, hours: float, title: str, **extra: Any) -> str:
    payload = report_payload(
        kabupaten_kode=kode,
        kecamatan=None,
        occurred_at=(T0 + timedelta(hours=hours)).isoformat(),
        title=title,
        description="",
        **extra,
    )
    response = client.post("/api/v1/reports", json=payload, headers=auth(token))
    assert response.status_code == 201, response.text
    return str(payload["id"])


@pytest.fixture
def season(client: TestClient, make_token, engine: Engine) -> dict[str, str]:
    """A report in Jakarta Barat and the reports around it, each named by why it is (not) a candidate."""
    admin = make_token("admin")
    lat, lng = _label(engine, JAKBAR)
    ids = {
        "query": _post(client, admin, JAKBAR, 0, QUERY, latitude=lat, longitude=lng),
        "retold": _post(client, admin, JAKBAR, 2, RETOLD, latitude=lat + 0.002, longitude=lng),
        "across_border": _post(client, admin, TANGERANG, -5, RETOLD),
        "unrelated": _post(client, admin, JAKBAR, 1, "Banjir menggenangi jalan menuju gudang logistik"),
        "too_late": _post(client, admin, JAKBAR, 49, QUERY),
        "not_bordering": _post(client, admin, BANDUNG, 1, QUERY),
        "rejected": _post(client, admin, JAKBAR, 3, QUERY),
        "duplicate": _post(client, admin, JAKBAR, 3, QUERY),
    }
    with write_session(engine) as session:  # triaged as the workflow would leave them
        for name, status in (("rejected", "ditolak"), ("duplicate", "duplikat")):
            report = session.get(Report, uuid.UUID(ids[name]))
            assert report is not None
            report.status = status
            session.add(report)
        session.commit()
    return ids


def _suggest(client: TestClient, token: str, report_id: str, **params: Any) -> Any:
    return client.get(f"/api/v1/reports/{report_id}/duplicates", params=params, headers=auth(token))


def test_candidates_are_ranked_and_the_rest_left_out(client: TestClient, make_token, season) -> None:
    response = _suggest(client, make_token("admin"), season["query"], limit=10)
    assert response.status_code == 200, response.text
    names = {v: k for k, v in season.items()}
    body = response.json()
    assert [names[c["report"]["id"]] for c in body] == ["retold", "across_border", "unrelated"]
    retold, across, unrelated = body
    assert retold["distance_km"] == pytest.approx(0.22, abs=0.01)
    assert (retold["hours_apart"], across["hours_apart"], across["distance_km"]) == (2.0, -5.0, None)
    assert retold["likely"] and across["likely"] and not unrelated["likely"]
    assert 1 >= retold["score"] > across["score"] > unrelated["score"] >= 0
    assert retold["text_similarity"] > 0.5 > unrelated["text_similarity"]
    assert retold["report"]["title"] == RETOLD


def test_the_default_limit_is_three_and_a_limit_is_kept(client: TestClient, make_token, season) -> None:
    admin = make_token("admin")
    assert len(_suggest(client, admin, season["query"]).json()) == 3
    assert [c["report"]["id"] for c in _suggest(client, admin, season["query"], limit=1).json()] == [
        season["retold"]
    ]
    for bad in (0, 21, "x"):
        assert _suggest(client, admin, season["query"], limit=bad).status_code == 422


SCOPES = [
    ("analyst", {"provinsi": "31"}, 200, {"retold", "unrelated"}),  # Tangerang is Banten's
    ("analyst", {"provinsi": "36"}, 404, None),
    ("officer", {"kabupaten": JAKBAR}, 200, {"retold", "unrelated"}),
    ("officer", {"kabupaten": TANGERANG}, 404, None),
]


@pytest.mark.parametrize(("role", "scope", "status", "expected"), SCOPES)
def test_the_scope_of_get_report_and_of_its_candidates(
    client: TestClient,
    make_token,
    season,
    role: str,
    scope: dict[str, str],
    status: int,
    expected: set[str] | None,
) -> None:
    token = make_token(role, **scope)
    response = _suggest(client, token, season["query"], limit=10)
    assert response.status_code == status, response.text
    assert client.get(f"/api/v1/reports/{season['query']}", headers=auth(token)).status_code == status
    if expected is not None:
        names = {v: k for k, v in season.items()}
        assert {names[c["report"]["id"]] for c in response.json()} == expected


def test_unknown_report_and_no_token(client: TestClient, make_token) -> None:
    unknown = str(uuid.uuid4())
    assert _suggest(client, make_token("admin"), unknown).status_code == 404
    assert client.get(f"/api/v1/reports/{unknown}/duplicates").status_code == 401
