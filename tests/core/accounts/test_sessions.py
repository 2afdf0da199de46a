"""Server-side dashboard sessions: idle expiry, last-seen writes, disabling, password change, logout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core.accounts.people import change_own_password, disable_account, reset_password
from core.accounts.service import Principal, principal_of
from core.accounts.sessions import (
    IDLE_LIMIT,
    TOUCH_EVERY,
    check_session,
    end_session,
    open_session,
    record_session_check,
)
from core.db import read_session, write_session
from models.account import Account, DashboardSession, Role
from tests.conftest import PERSON_PASSWORD, create_person

T0 = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def login_at(engine: Engine, now: datetime, username: str = "admin-sesi") -> tuple[str, int]:
    """A session of `username` (created on first use) opened at `now`; the cookie and account id."""
    with write_session(engine) as session:
        account = session.exec(select(Account).where(Account.username == username)).first()
    if account is None:
        create_person(engine, "admin", username=username)
    with write_session(engine) as session:
        account = session.exec(select(Account).where(Account.username == username)).one()
        raw = open_session(session=session, principal=principal_of(account), now=now)
        session.commit()
    return raw, account.id or 0


def check_at(engine: Engine, raw: str | None, now: datetime) -> str | None:
    """Run one request's check and its write; the account name or None."""
    with read_session(engine) as session:
        check = check_session(session=session, raw=raw, now=now)
    with write_session(engine) as session:
        record_session_check(session=session, check=check, now=now)
        session.commit()
    return check.principal.name if check.principal else None


def last_seen(engine: Engine) -> tuple[datetime, datetime | None]:
    with read_session(engine) as session:
        row = session.exec(select(DashboardSession)).one()
    return row.last_seen_at, row.ended_at


@pytest.mark.parametrize(
    ("idle", "name"),
    [
        (timedelta(0), "admin-sesi"),
        (TOUCH_EVERY / 2, "admin-sesi"),
        (IDLE_LIMIT - timedelta(seconds=1), "admin-sesi"),
        (IDLE_LIMIT + timedelta(seconds=1), None),
        (timedelta(days=30), None),
    ],
)
def test_a_session_ends_after_twelve_idle_hours(engine: Engine, idle: timedelta, name: str | None) -> None:
    raw, _ = login_at(engine, T0)
    assert check_at(engine, raw, T0 + idle) == name
    ended = last_seen(engine)[1]
    assert (ended is None) == (name is not None)


def test_activity_keeps_a_session_alive_and_is_written_at_most_once_a_minute(engine: Engine) -> None:
    raw, _ = login_at(engine, T0)
    assert check_at(engine, raw, T0 + TOUCH_EVERY / 2) == "admin-sesi"
    assert last_seen(engine)[0] == T0  # not written: too soon
    step = IDLE_LIMIT - timedelta(hours=1)
    assert check_at(engine, raw, T0 + step) == "admin-sesi"
    assert last_seen(engine)[0] == T0 + step
    assert check_at(engine, raw, T0 + 2 * step) == "admin-sesi"  # 22 h after login, 11 h idle


def test_unknown_cookie_and_logout_end_the_session(engine: Engine) -> None:
    raw, _ = login_at(engine, T0)
    assert check_at(engine, "not-a-session", T0) is None
    assert check_at(engine, None, T0) is None
    assert check_at(engine, "x" * 5000, T0) is None
    with write_session(engine) as session:
        assert end_session(session=session, raw=raw, now=T0) is True
        session.commit()
    assert check_at(engine, raw, T0) is None
    with write_session(engine) as session:
        assert end_session(session=session, raw=raw, now=T0) is False  # already ended


OPERATOR = Principal(account_id=0, name="cli", role=Role.ADMIN)


def test_disabling_the_account_ends_every_session_of_it_and_only_of_it(engine: Engine) -> None:
    first, _ = login_at(engine, T0)
    second, _ = login_at(engine, T0)
    other, _ = login_at(engine, T0, username="admin-lain")
    with write_session(engine) as session:
        disable_account(session=session, actor=OPERATOR, username="admin-sesi")
    assert check_at(engine, first, T0) is None
    assert check_at(engine, second, T0) is None
    assert check_at(engine, other, T0) == "admin-lain"


def test_changing_or_resetting_the_password_ends_the_sessions(engine: Engine) -> None:
    raw, account_id = login_at(engine, T0)
    other, _ = login_at(engine, T0, username="admin-lain")
    with write_session(engine) as session:
        change_own_password(
            session=session, account_id=account_id, current=PERSON_PASSWORD, new="sandi-baru-yang-panjang"
        )
    assert check_at(engine, raw, T0) is None
    assert check_at(engine, other, T0) == "admin-lain"
    with write_session(engine) as session:
        reset_password(session=session, actor=OPERATOR, username="admin-lain")
    assert check_at(engine, other, T0) is None
