"""Managing people's accounts: who may manage whom, password login, first administrator (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core.accounts.people import (
    account_tokens,
    authenticate_password,
    create_account,
    disable_account,
    enable_account,
    ensure_first_admin,
    issue_account_token,
    list_accounts,
    recent_audit,
    reset_password,
    revoke_account_token,
)
from core.accounts.service import Principal, authenticate, create_account_token, issue_token
from core.db import write_session
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from models.account import Account, AccountCreate, AuditEvent, Role
from tests.conftest import PERSON_PASSWORD, create_person

ADMIN = Principal(account_id=0, name="cli", role=Role.ADMIN)
ANALYST_81 = Principal(account_id=0, name="analis-81", role=Role.ANALYST, provinsi_kode="81")
ANALYST_94 = Principal(account_id=0, name="analis-94", role=Role.ANALYST, provinsi_kode="94")
OFFICER = Principal(account_id=0, name="petugas", role=Role.OFFICER, kabupaten_kode="81.02")

NEW_ADMIN = {"role": Role.ADMIN}
NEW_ANALYST_81 = {"role": Role.ANALYST, "provinsi_kode": "81"}
NEW_OFFICER_81 = {"role": Role.OFFICER, "kabupaten_kode": "81.02"}
NEW_OFFICER_94 = {"role": Role.OFFICER, "kabupaten_kode": "94.02"}


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        (ADMIN, NEW_ADMIN, True),
        (ADMIN, NEW_ANALYST_81, True),
        (ADMIN, NEW_OFFICER_94, True),
        (ANALYST_81, NEW_OFFICER_81, True),
        (ANALYST_81, NEW_OFFICER_94, False),
        (ANALYST_81, NEW_ANALYST_81, False),
        (ANALYST_81, NEW_ADMIN, False),
        (ANALYST_94, NEW_OFFICER_94, True),
        (ANALYST_94, NEW_OFFICER_81, False),
        (OFFICER, NEW_OFFICER_81, False),
        (OFFICER, NEW_ADMIN, False),
    ],
)
def test_who_may_create_whom(engine: Engine, actor: Principal, target: dict, allowed: bool) -> None:
    account_in = AccountCreate(username="baru", password=PERSON_PASSWORD, **target)
    with write_session(engine) as session:
        if not allowed:
            with pytest.raises(Forbidden):
                create_account(session=session, actor=actor, account_in=account_in)
            assert session.exec(select(Account).where(Account.username == "baru")).first() is None
            return
        account, one_time = create_account(session=session, actor=actor, account_in=account_in)
        assert (
            authenticate_password(session=session, username="baru", password=PERSON_PASSWORD).id == account.id
        )
    assert one_time is None and account.must_change_password is False


@pytest.mark.parametrize(
    ("actor", "target_username", "outcome"),
    [
        (ADMIN, "analis-maluku", "ok"),
        (ADMIN, "petugas-malra", "ok"),
        (ANALYST_81, "petugas-malra", "ok"),
        (ANALYST_81, "analis-maluku", "forbidden"),  # a colleague: only an admin
        (ANALYST_94, "petugas-malra", "not found"),  # another province: not even visible
        (ANALYST_94, "petugas-papua", "ok"),
        (OFFICER, "petugas-malra", "forbidden"),
        (ADMIN, "tidak-ada", "not found"),
    ],
)
def test_who_may_disable_and_reset_whom(
    engine: Engine, actor: Principal, target_username: str, outcome: str
) -> None:
    create_person(engine, "analyst", provinsi="81", username="analis-maluku")
    create_person(engine, "officer", kabupaten="81.02", username="petugas-malra")
    create_person(engine, "officer", kabupaten="94.02", username="petugas-papua")
    errors = {"forbidden": Forbidden, "not found": NotFound}
    with write_session(engine) as session:
        for change in (disable_account, reset_password):
            if outcome == "ok":
                change(session=session, actor=actor, username=target_username)
            else:
                with pytest.raises(errors[outcome]):
                    change(session=session, actor=actor, username=target_username)
        stored = session.exec(select(Account).where(Account.username == target_username)).first()
    if outcome == "ok":
        assert stored is not None and stored.disabled_at is not None and stored.must_change_password
    elif stored is not None:
        assert stored.disabled_at is None and not stored.must_change_password


def test_listing_is_scoped(engine: Engine) -> None:
    create_person(engine, "analyst", provinsi="81", username="analis-maluku")
    create_person(engine, "officer", kabupaten="81.02", username="petugas-malra")
    create_person(engine, "officer", kabupaten="94.02", username="petugas-papua")
    create_person(engine, "admin", username="admin-pusat")
    with write_session(engine) as session:
        everyone = [a.username for a in list_accounts(session=session, actor=ADMIN)]
        maluku = [a.username for a in list_accounts(session=session, actor=ANALYST_81)]
        with pytest.raises(Forbidden):
            list_accounts(session=session, actor=OFFICER)
    assert everyone == sorted(everyone) and set(everyone) >= {"admin-pusat", "petugas-papua", "analis-maluku"}
    assert maluku == ["analis-maluku", "petugas-malra"]


def test_password_login_refuses_wrong_unknown_disabled_and_api_only_accounts(engine: Engine) -> None:
    create_person(engine, "analyst", username="analis-maluku")
    with write_session(engine) as session:
        create_account_token(session=session, name="mesin-impor", role=Role.ADMIN)
    attempts = [
        ("analis-maluku", "salah-sandi-nya"),
        ("tidak-ada", PERSON_PASSWORD),
        ("mesin-impor", ""),  # API-only: no password at all
        ("mesin-impor", PERSON_PASSWORD),
    ]
    with write_session(engine) as session:
        for username, password in attempts:
            with pytest.raises(Unauthenticated):
                authenticate_password(session=session, username=username, password=password)
        assert authenticate_password(session=session, username="Analis-Maluku ", password=PERSON_PASSWORD)
        disable_account(session=session, actor=ADMIN, username="analis-maluku")
        with pytest.raises(Unauthenticated):
            authenticate_password(session=session, username="analis-maluku", password=PERSON_PASSWORD)
        enable_account(session=session, actor=ADMIN, username="analis-maluku")
        assert authenticate_password(session=session, username="analis-maluku", password=PERSON_PASSWORD)


def test_disabling_stops_the_accounts_tokens_and_enabling_restores_them(engine: Engine) -> None:
    create_person(engine, "officer", username="petugas-malra")
    with write_session(engine) as session:
        account = session.exec(select(Account).where(Account.username == "petugas-malra")).one()
        _, token = issue_token(session=session, account=account, token_name="ponsel")
        assert authenticate(session=session, token=token).name == "petugas-malra"
        disable_account(session=session, actor=ADMIN, username="petugas-malra")
        with pytest.raises(Unauthenticated):
            authenticate(session=session, token=token)
        with pytest.raises(InvalidInput):
            issue_token(session=session, account=account)
        enable_account(session=session, actor=ADMIN, username="petugas-malra")
        assert authenticate(session=session, token=token).name == "petugas-malra"
        actions = session.exec(select(AuditEvent.action).where(AuditEvent.entity_id == "petugas-malra")).all()
    assert list(actions) == ["create", "disable", "enable"]


def test_create_refuses_taken_usernames_weak_passwords_and_wrong_scopes(engine: Engine) -> None:
    create_person(engine, "admin", username="siti")
    cases = [
        ({"username": "siti", "role": Role.ADMIN}, Conflict, None),
        ({"username": "budi", "role": Role.ADMIN, "password": "pendek"}, InvalidInput, "password"),
        ({"username": "budi", "role": Role.ADMIN, "provinsi_kode": "81"}, InvalidInput, "role"),
        ({"username": "budi", "role": Role.ANALYST, "provinsi_kode": "99"}, InvalidInput, "provinsi_kode"),
        ({"username": "budi", "role": Role.OFFICER}, InvalidInput, "kabupaten_kode"),
    ]
    with write_session(engine) as session:
        for fields, error, field in cases:
            with pytest.raises(error) as raised:
                create_account(session=session, actor=ADMIN, account_in=AccountCreate(**fields))
            if field:
                assert raised.value.errors[0].field == field
        assert session.exec(select(Account).where(Account.username == "budi")).first() is None


def test_the_first_administrator_is_made_once_with_a_one_time_password(engine: Engine) -> None:
    with write_session(engine) as session:
        made = ensure_first_admin(session=session)
        assert made is not None
        account, one_time = made
        assert account.username == "admin" and account.must_change_password
        assert authenticate_password(session=session, username="admin", password=one_time).id == account.id
        assert ensure_first_admin(session=session) is None


def test_tokens_of_an_account_are_issued_listed_and_revoked_only_within_the_right(engine: Engine) -> None:
    create_person(engine, "officer", kabupaten="81.02", username="petugas-malra")
    create_person(engine, "officer", kabupaten="94.02", username="petugas-papua")
    with write_session(engine) as session:
        token, plaintext = issue_account_token(
            session=session, actor=ANALYST_81, username="petugas-malra", token_name="ponsel"
        )
        listed = account_tokens(session=session, actor=ANALYST_81, username="petugas-malra")
        assert [(t.id, t.name, t.revoked) for t in listed] == [(token.id, "ponsel", False)]
        assert plaintext not in str(listed)
        with pytest.raises(NotFound):  # another province's account
            account_tokens(session=session, actor=ANALYST_81, username="petugas-papua")
        with pytest.raises(NotFound):  # a token id of another account
            revoke_account_token(
                session=session, actor=ADMIN, username="petugas-papua", token_id=token.id or 0
            )
        revoke_account_token(
            session=session, actor=ANALYST_81, username="petugas-malra", token_id=token.id or 0
        )
        with pytest.raises(Unauthenticated):
            authenticate(session=session, token=plaintext)
        with pytest.raises(Forbidden):
            recent_audit(session=session, actor=ANALYST_81)
        trail = [(e.actor, e.action) for e in recent_audit(session=session, actor=ADMIN, entity="account")]
    assert trail[:2] == [("analis-81", "revoke_token"), ("analis-81", "issue_token")]
