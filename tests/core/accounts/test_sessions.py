"""Server-side dashboard sessions: idle expiry, last-seen writes, revocation, logout (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from core.accounts.service import authenticate_token, create_account_token, revoke_token
from core.accounts.sessions import (
    IDLE_LIMIT,
    TOUCH_EVERY,
    check_session,
    end_session,
    open_session,
    record_session_check,
)
from core.db import read_session, write_session
from models.account import DashboardSession, Role

T0 = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def login_at(engine: Engine, now: datetime) -> tuple[str, int]:
    """A fresh admin token and a session opened with it at `now`; returns the cookie and token id."""
    with write_session(engine) as session:
        _, plaintext = create_account_token(session=session, name="admin-sesi", role=Role.ADMIN)
        principal, token_id = authenticate_token(session=session, token=plaintext)
        raw = open_session(session=session, principal=principal, token_id=token_id, now=now)
        session.commit()
    return raw, token_id


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
        row = session.query(DashboardSession).one()
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


def test_revoked_token_unknown_cookie_and_logout_end_the_session(engine: Engine) -> None:
    raw, token_id = login_at(engine, T0)
    assert check_at(engine, "not-a-session", T0) is None
    assert check_at(engine, None, T0) is None
    with write_session(engine) as session:
        assert end_session(session=session, raw=raw, now=T0) is True
        session.commit()
    assert check_at(engine, raw, T0) is None

    raw, token_id = login_at(engine, T0)
    with write_session(engine) as session:
        revoke_token(session=session, token_id=token_id)
    assert check_at(engine, raw, T0) is None
