"""/api/v1/accounts: the role x scope matrix over HTTP, one-time passwords, one's own password."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from core.accounts.service import issue_token
from core.db import write_session
from models.account import Account
from tests.conftest import PERSON_PASSWORD, PersonFactory, auth

TokenFactory = Callable[..., str]

ACTORS = {
    "admin": {"role": "admin"},
    "analyst-81": {"role": "analyst", "provinsi": "81"},
    "analyst-94": {"role": "analyst", "provinsi": "94"},
    "officer-81.02": {"role": "officer", "kabupaten": "81.02"},
}
TARGETS = {
    "admin": {"role": "admin"},
    "analyst-81": {"role": "analyst", "provinsi_kode": "81"},
    "officer-81.02": {"role": "officer", "kabupaten_kode": "81.02"},
    "officer-94.02": {"role": "officer", "kabupaten_kode": "94.02"},
}
MAY_CREATE = {("admin", target) for target in TARGETS} | {
    ("analyst-81", "officer-81.02"),
    ("analyst-94", "officer-94.02"),
}


def token_of(make_token: TokenFactory, actor: str) -> str:
    spec = dict(ACTORS[actor])
    return make_token(spec.pop("role"), **spec)


@pytest.mark.parametrize("actor", list(ACTORS))
def test_create_matrix(client: TestClient, make_token: TokenFactory, actor: str) -> None:
    token = token_of(make_token, actor)
    for target, fields in TARGETS.items():
        username = f"baru-{target.replace('.', '')}"
        response = client.post("/api/v1/accounts", json={"username": username, **fields}, headers=auth(token))
        if (actor, target) in MAY_CREATE:
            assert response.status_code == 201, (actor, target, response.text)
            body = response.json()
            assert body["username"] == username and body["must_change_password"] is True
            assert len(body["one_time_password"]) == 19 and "password_hash" not in body
            assert response.headers["cache-control"] == "no-store"
            assert response.headers["location"] == f"/api/v1/accounts/{username}"
        else:
            assert response.status_code == 403, (actor, target, response.text)


@pytest.mark.parametrize(
    ("actor", "target", "status"),
    [
        ("admin", "analis-maluku", 200),
        ("admin", "petugas-papua", 200),
        ("analyst-81", "petugas-malra", 200),
        ("analyst-81", "analis-maluku", 403),
        ("analyst-94", "petugas-malra", 404),
        ("analyst-94", "petugas-papua", 200),
        ("officer-81.02", "petugas-malra", 403),
        ("admin", "tidak-ada", 404),
    ],
)
def test_disable_and_reset_matrix(
    client: TestClient,
    make_token: TokenFactory,
    make_person: PersonFactory,
    engine: Engine,
    actor: str,
    target: str,
    status: int,
) -> None:
    make_person("analyst", provinsi="81", username="analis-maluku")
    make_person("officer", kabupaten="81.02", username="petugas-malra")
    make_person("officer", kabupaten="94.02", username="petugas-papua")
    token = token_of(make_token, actor)
    reset = client.post(f"/api/v1/accounts/{target}/reset-password", headers=auth(token))
    disabled = client.post(f"/api/v1/accounts/{target}/disable", headers=auth(token))
    assert (reset.status_code, disabled.status_code) == (status, status), (reset.text, disabled.text)
    with write_session(engine) as session:
        stored = session.exec(select(Account).where(Account.username == target)).first()
    if status == 200:
        assert reset.json()["one_time_password"] and disabled.json()["disabled"] is True
        assert stored is not None and stored.disabled_at is not None
    elif stored is not None:
        assert stored.disabled_at is None and not stored.must_change_password


def test_listing_is_scoped_and_never_shows_hashes(
    client: TestClient, make_token: TokenFactory, make_person: PersonFactory
) -> None:
    make_person("officer", kabupaten="81.02", username="petugas-malra")
    make_person("officer", kabupaten="94.02", username="petugas-papua")
    admin = client.get("/api/v1/accounts", headers=auth(token_of(make_token, "admin")))
    analyst = client.get("/api/v1/accounts", headers=auth(token_of(make_token, "analyst-81")))
    officer = client.get("/api/v1/accounts", headers=auth(token_of(make_token, "officer-81.02")))
    assert {"petugas-malra", "petugas-papua"} <= {a["username"] for a in admin.json()}
    seen = {a["username"] for a in analyst.json()}
    assert "petugas-malra" in seen and "petugas-papua" not in seen
    assert officer.status_code == 403
    assert "argon2" not in admin.text and "password_hash" not in admin.text
    assert client.get("/api/v1/accounts").status_code == 401


def test_bad_bodies_name_the_field(
    client: TestClient, make_token: TokenFactory, make_person: PersonFactory
) -> None:
    make_person("admin", username="siti")
    headers = auth(token_of(make_token, "admin"))
    cases = [
        ({"username": "Siti Rahma", "role": "admin"}, 422, "username"),
        ({"username": "budi", "role": "admin", "password": "pendek"}, 422, "password"),
        ({"username": "budi", "role": "analyst"}, 422, "provinsi_kode"),
        ({"username": "budi", "role": "officer", "kabupaten_kode": "99.99"}, 422, "kabupaten_kode"),
        ({"username": "budi", "role": "raja"}, 422, "role"),
        ({"username": "siti", "role": "admin"}, 409, None),
    ]
    for body, status, field in cases:
        response = client.post("/api/v1/accounts", json=body, headers=headers)
        assert response.status_code == status, (body, response.text)
        if field:
            assert field in {item["field"] for item in response.json()["detail"]}, response.text
    created = client.post(
        "/api/v1/accounts",
        json={"username": "budi", "role": "admin", "password": "kata-rahasia-2024"},
        headers=headers,
    )
    assert created.status_code == 201 and created.json()["one_time_password"] is None


def test_a_disabled_accounts_tokens_stop_and_one_changes_ones_own_password(
    client: TestClient, make_token: TokenFactory, make_person: PersonFactory, engine: Engine
) -> None:
    person = make_person("officer", username="petugas-malra")
    with write_session(engine) as session:
        account = session.exec(select(Account).where(Account.username == person.username)).one()
        _, token = issue_token(session=session, account=account, token_name="ponsel")
    me = client.get("/api/v1/accounts/me", headers=auth(token))
    assert me.status_code == 200 and me.json()["username"] == "petugas-malra"
    wrong = client.post(
        "/api/v1/accounts/me/password",
        json={"current_password": "bukan-sandinya", "new_password": "sandi-baru-2024"},
        headers=auth(token),
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "current_password"
    changed = client.post(
        "/api/v1/accounts/me/password",
        json={"current_password": PERSON_PASSWORD, "new_password": "sandi-baru-2024"},
        headers=auth(token),
    )
    assert changed.status_code == 204
    admin = auth(token_of(make_token, "admin"))
    assert client.post("/api/v1/accounts/petugas-malra/disable", headers=admin).status_code == 200
    assert client.get("/api/v1/accounts/me", headers=auth(token)).status_code == 401
    assert client.post("/api/v1/accounts/petugas-malra/enable", headers=admin).status_code == 200
    assert client.get("/api/v1/accounts/me", headers=auth(token)).status_code == 200
