"""Dashboard sessions kept on the server, so nothing a browser holds can be forged or outlive logout.

The cookie carries only a random id (256 bits); the table keeps its SHA-256 and the account.
A session ends at logout, after IDLE_LIMIT without a request, when the account is disabled or
its password changes (`end_account_sessions`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from core.accounts.service import Principal, hash_token, principal_of
from models.account import Account, DashboardSession
from models.types import as_utc

IDLE_LIMIT = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often per session
MAX_SESSION_ID_CHARS = 100


def open_session(*, session: Session, principal: Principal, now: datetime) -> str:
    """Record a new login; the returned id goes into the cookie and is never stored in clear."""
    raw = secrets.token_urlsafe(32)
    session.add(
        DashboardSession(
            session_hash=hash_token(raw),
            account_id=principal.account_id,
            created_at=now,
            last_seen_at=now,
        )
    )
    return raw


def _live_row(session: Session, raw: str | None) -> DashboardSession | None:
    """The open session row behind a cookie value, if any."""
    if not raw or len(raw) > MAX_SESSION_ID_CHARS:
        return None
    return session.exec(
        select(DashboardSession).where(
            DashboardSession.session_hash == hash_token(raw), DashboardSession.ended_at.is_(None)
        )
    ).first()


@dataclass(frozen=True)
class SessionCheck:
    """What one request's cookie proved, and what the row needs written (rarely anything)."""

    principal: Principal | None
    row_id: int | None = None
    end: bool = False
    touch: bool = False


def check_session(*, session: Session, raw: str | None, now: datetime) -> SessionCheck:
    """Who a cookie belongs to: nobody when it is unknown, ended, idle too long or its account disabled.

    Read-only, so a page view never takes the write lock; `record_session_check` writes the
    outcome when the row must end or its last-seen time is a minute old.
    """
    row = _live_row(session, raw)
    if row is None:
        return SessionCheck(principal=None)
    idle = now - as_utc(row.last_seen_at)
    if idle > IDLE_LIMIT:
        return SessionCheck(principal=None, row_id=row.id, end=True)
    account = session.get(Account, row.account_id)
    if account is None or account.disabled_at is not None or account.password_hash is None:
        return SessionCheck(principal=None, row_id=row.id, end=True)
    return SessionCheck(principal=principal_of(account), row_id=row.id, touch=idle > TOUCH_EVERY)


def record_session_check(*, session: Session, check: SessionCheck, now: datetime) -> None:
    """End an expired session or move its last-seen time; nothing when nothing changed."""
    row = session.get(DashboardSession, check.row_id) if check.end or check.touch else None
    if row is None or row.ended_at is not None:
        return
    if check.end:
        row.ended_at = now
    else:
        row.last_seen_at = now


def end_session(*, session: Session, raw: str | None, now: datetime) -> bool:
    """Log out on the server: the cookie stops working everywhere it was copied to."""
    row = _live_row(session, raw)
    if row is None:
        return False
    row.ended_at = now
    return True


def end_account_sessions(*, session: Session, account_id: int, now: datetime) -> None:
    """End every open session of an account (disabled, or its password changed)."""
    session.exec(
        update(DashboardSession)
        .where(col(DashboardSession.account_id) == account_id, col(DashboardSession.ended_at).is_(None))
        .values(ended_at=now)
    )
