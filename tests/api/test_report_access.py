"""Who may do what where: roles x endpoints x in-scope/out-of-scope, and token life cycle."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from core.accounts.service import revoke_token
from core.db import write_session
from models.account import ApiToken
from tests.conftest import auth
from tests.factories import report_payload

IN_KAB, OTHER_KAB_SAME_PROV, OTHER_PROV_KAB = "81.02", "81.72", "64.01"
UNKNOWN_ID = "3f0c2b7e-0000-4000-8000-000000000001"
ACTORS: dict[str, dict[str, str]] = {
    "admin": {},
    "analyst_81": {"provinsi": "81"},
    "analyst_64": {"provinsi": "64"},
    "officer_8102": {"kabupaten": "81.02"},
    "officer_8172": {"kabupaten": "81.72"},
}


@pytest.fixture
def tokens(make_token) -> dict[str, str]:
    return {name: make_token(name.split("_")[0], **scope) for name, scope in ACTORS.items()}


@pytest.fixture
def stored_report(client: TestClient, tokens: dict[str, str]) -> str:
    payload = report_payload(kabupaten_kode=IN_KAB)
    response = client.post("/api/v1/reports", json=payload, headers=auth(tokens["admin"]))
    assert response.status_code == 201
    return payload["id"]


CREATE_MATRIX = [
    ("admin", IN_KAB, 201),
    ("admin", OTHER_PROV_KAB, 201),
    ("officer_8102", IN_KAB, 201),
    ("officer_8102", OTHER_KAB_SAME_PROV, 403),
    ("officer_8102", OTHER_PROV_KAB, 403),
    ("analyst_81", IN_KAB, 403),
    ("analyst_64", IN_KAB, 403),
]


@pytest.mark.parametrize(("actor", "kabupaten", "expected"), CREATE_MATRIX)
def test_create(client: TestClient, tokens, actor: str, kabupaten: str, expected: int) -> None:
    response = client.post(
        "/api/v1/reports", json=report_payload(kabupaten_kode=kabupaten), headers=auth(tokens[actor])
    )
    assert response.status_code == expected, response.text


READ_MATRIX = [
    ("admin", 200),
    ("analyst_81", 200),
    ("analyst_64", 404),
    ("officer_8102", 200),
    ("officer_8172", 404),
]


@pytest.mark.parametrize(("actor", "expected"), READ_MATRIX)
def test_read_one(client: TestClient, tokens, stored_report: str, actor: str, expected: int) -> None:
    response = client.get(f"/api/v1/reports/{stored_report}", headers=auth(tokens[actor]))
    assert response.status_code == expected


@pytest.mark.parametrize(("actor", "expected"), READ_MATRIX)
def test_list_is_limited_to_scope(
    client: TestClient, tokens, stored_report: str, actor: str, expected: int
) -> None:
    items = client.get("/api/v1/reports", headers=auth(tokens[actor])).json()["items"]
    assert [i["id"] for i in items] == ([stored_report] if expected == 200 else [])


PATCH_MATRIX = [
    ("admin", 200),
    ("analyst_81", 200),
    ("analyst_64", 404),
    ("officer_8102", 403),
    ("officer_8172", 404),
]


@pytest.mark.parametrize(("actor", "expected"), PATCH_MATRIX)
def test_change_status(client: TestClient, tokens, stored_report: str, actor: str, expected: int) -> None:
    response = client.patch(
        f"/api/v1/reports/{stored_report}",
        json={"status": "terverifikasi"},
        headers=auth(tokens[actor]),
    )
    assert response.status_code == expected, response.text


REQUESTS: list[tuple[str, str, Callable[[], dict] | None]] = [
    ("POST", "/api/v1/reports", report_payload),
    ("POST", "/api/v1/reports/batch", lambda: {"reports": [report_payload()]}),
    ("GET", "/api/v1/reports", None),
    ("GET", f"/api/v1/reports/{UNKNOWN_ID}", None),
    ("PATCH", f"/api/v1/reports/{UNKNOWN_ID}", lambda: {"status": "ditolak"}),
]


@pytest.mark.parametrize(("method", "path", "body"), REQUESTS)
@pytest.mark.parametrize("credential", ["none", "garbage", "revoked"])
def test_without_a_valid_token_is_401(
    client: TestClient, engine, make_token, method: str, path: str, body, credential: str
) -> None:
    headers = {}
    if credential == "garbage":
        headers = auth("wsp_not-a-real-token")
    elif credential == "revoked":
        token = make_token("admin")
        with write_session(engine) as session:
            token_id = session.exec(
                ApiToken.__table__.select().order_by(ApiToken.__table__.c.id.desc())
            ).first()[0]
            revoke_token(session=session, token_id=token_id)
        headers = auth(token)
    response = client.request(method, path, json=body() if body else None, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_region_list_needs_no_token(client: TestClient) -> None:
    assert client.get("/api/v1/regions/kabupaten", params={"provinsi": "81"}).status_code == 200
