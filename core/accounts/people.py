"""Accounts of people: create, list, disable, reset and change passwords, log in with a password.

Who may manage whom is `Principal.can_manage_account`; every change is in the audit trail, and
disabling an account or changing its password ends its dashboard sessions at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from core.accounts.passwords import (
    check_password_policy,
    generate_one_time_password,
    hash_password,
    needs_rehash,
    spend_one_check,
    verify_password,
)
from core.accounts.service import Principal, account_by_username, check_scope, issue_token, principal_of
from core.accounts.sessions import end_account_sessions
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from models.account import Account, AccountCreate, AccountPublic, ApiToken, AuditEvent, Role
from models.types import utc_now

FIRST_ADMIN_USERNAME = "admin"


def public_account(account: Account) -> AccountPublic:
    """What any reader with the right may see: never the hash."""
    return AccountPublic(
        id=account.id or 0,
        username=account.username,
        display_name=account.display_name,
        role=Role(account.role),
        provinsi_kode=account.provinsi_kode,
        kabupaten_kode=account.kabupaten_kode,
        has_password=account.password_hash is not None,
        must_change_password=account.must_change_password,
        disabled=account.disabled_at is not None,
        created_at=account.created_at,
    )


def _audit(session: Session, actor: Principal, account: Account, action: str) -> None:
    session.add(
        AuditEvent(
            account_id=actor.account_id or None,
            actor=actor.name,
            entity="account",
            entity_id=account.username,
            action=action,
        )
    )


def _require_manage(actor: Principal, account: Account | AccountCreate) -> None:
    """Refuse a change outside the actor's right (admins anyone, analysts their officers)."""
    allowed = actor.can_manage_account(
        role=Role(account.role), provinsi=account.provinsi_kode, kabupaten=account.kabupaten_kode
    )
    if not allowed:
        raise Forbidden("you may not manage this account")


def _managed(session: Session, actor: Principal, username: str) -> Account:
    """The account by username, if the actor may see it (else 404) and manage it (else 403)."""
    if actor.role is Role.OFFICER:
        raise Forbidden("only admins and analysts may manage accounts")
    account = account_by_username(session=session, username=username)
    if account is None or not actor.can_list_account(
        provinsi=account.provinsi_kode, kabupaten=account.kabupaten_kode
    ):
        raise NotFound(f"no account '{username}'")
    _require_manage(actor, account)
    return account


def _set_password(account: Account, password: str, *, must_change: bool, now: datetime) -> None:
    account.password_hash = hash_password(password)
    account.must_change_password = must_change
    account.password_changed_at = now


def create_account(
    *,
    session: Session,
    actor: Principal,
    account_in: AccountCreate,
    scope_fields: tuple[str, str] = ("provinsi_kode", "kabupaten_kode"),
) -> tuple[Account, str | None]:
    """A person's account; without a password a one-time one is generated (returned only here)."""
    provinsi, kabupaten = check_scope(
        session=session,
        role=account_in.role,
        provinsi=account_in.provinsi_kode,
        kabupaten=account_in.kabupaten_kode,
        fields=scope_fields,
    )
    scoped = account_in.model_copy(update={"provinsi_kode": provinsi, "kabupaten_kode": kabupaten})
    _require_manage(actor, scoped)
    if account_by_username(session=session, username=account_in.username) is not None:
        raise Conflict(f"username '{account_in.username}' is taken")
    one_time = None if account_in.password else generate_one_time_password()
    if account_in.password:
        check_password_policy(account_in.password, username=account_in.username)
    account = Account(
        username=account_in.username,
        display_name=account_in.display_name,
        role=account_in.role,
        provinsi_kode=provinsi,
        kabupaten_kode=kabupaten,
    )
    _set_password(
        account, account_in.password or one_time or "", must_change=one_time is not None, now=utc_now()
    )
    session.add(account)
    session.flush()
    _audit(session, actor, account, "create")
    session.commit()
    session.refresh(account)
    return account, one_time


def own_account(*, session: Session, actor: Principal) -> Account:
    """The caller's own account row."""
    account = session.get(Account, actor.account_id)
    if account is None:
        raise NotFound("no such account")
    return account


def list_accounts(*, session: Session, actor: Principal) -> Sequence[Account]:
    """The accounts the actor may see, by username; officers see none (403)."""
    if actor.role is Role.OFFICER:
        raise Forbidden("only admins and analysts may list accounts")
    query = select(Account).order_by(col(Account.username))
    if actor.role is Role.ANALYST:
        query = query.where(
            (col(Account.provinsi_kode) == actor.provinsi_kode)
            | col(Account.kabupaten_kode).startswith(f"{actor.provinsi_kode}.")
        )
    return session.exec(query).all()


def disable_account(*, session: Session, actor: Principal, username: str) -> Account:
    """Nobody can log in or use the account's tokens any more; its sessions end now."""
    account = _managed(session, actor, username)
    if account.id == actor.account_id:
        raise InvalidInput.single("username", "you cannot disable your own account")
    now = utc_now()
    if account.disabled_at is None:
        account.disabled_at = now
        end_account_sessions(session=session, account_id=account.id or 0, now=now)
        _audit(session, actor, account, "disable")
    session.commit()
    session.refresh(account)
    return account


def enable_account(*, session: Session, actor: Principal, username: str) -> Account:
    """Undo a disable (tokens that were not revoked work again)."""
    account = _managed(session, actor, username)
    if account.disabled_at is not None:
        account.disabled_at = None
        _audit(session, actor, account, "enable")
    session.commit()
    session.refresh(account)
    return account


def reset_password(*, session: Session, actor: Principal, username: str) -> tuple[Account, str]:
    """A new one-time password (to change at first login); the old one and its sessions end."""
    account = _managed(session, actor, username)
    one_time = generate_one_time_password()
    now = utc_now()
    _set_password(account, one_time, must_change=True, now=now)
    end_account_sessions(session=session, account_id=account.id or 0, now=now)
    _audit(session, actor, account, "reset_password")
    session.commit()
    session.refresh(account)
    return account, one_time


def change_own_password(*, session: Session, account_id: int, current: str, new: str) -> Account:
    """The holder changes their password: the current one is checked; every session ends."""
    account = session.get(Account, account_id)
    if account is None or account.disabled_at is not None:
        raise Unauthenticated("the account is not active")
    if not verify_password(account.password_hash, current):
        raise InvalidInput.single("current_password", "the current password is not correct", "wrong_password")
    check_password_policy(new, username=account.username, field="new_password")
    if verify_password(account.password_hash, new):
        raise InvalidInput.single(
            "new_password", "the new password must differ from the current one", "unchanged"
        )
    now = utc_now()
    _set_password(account, new, must_change=False, now=now)
    end_account_sessions(session=session, account_id=account_id, now=now)
    _audit(session, principal_of(account), account, "change_password")
    session.commit()
    session.refresh(account)
    return account


def authenticate_password(*, session: Session, username: str, password: str) -> Account:
    """The active account with this username and password, else Unauthenticated (one reason for all)."""
    typed = username.strip()
    account = account_by_username(session=session, username=typed) or account_by_username(
        session=session, username=typed.casefold()
    )
    if account is None:
        spend_one_check(password)
        raise Unauthenticated("wrong username or password")
    if not verify_password(account.password_hash, password) or account.disabled_at is not None:
        raise Unauthenticated("wrong username or password")
    if account.password_hash and needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    return account


def ensure_first_admin(*, session: Session) -> tuple[Account, str] | None:
    """On a fresh installation, an administrator with a one-time password; None once anyone has one."""
    if session.exec(select(Account.id).where(col(Account.password_hash).is_not(None))).first() is not None:
        return None
    if account_by_username(session=session, username=FIRST_ADMIN_USERNAME) is not None:
        return None
    installer = Principal(account_id=0, name="installer", role=Role.ADMIN)
    account_in = AccountCreate(username=FIRST_ADMIN_USERNAME, display_name="Administrator", role=Role.ADMIN)
    account, one_time = create_account(session=session, actor=installer, account_in=account_in)
    return account, one_time or ""


@dataclass(frozen=True)
class AccountToken:
    """One API token of an account as an admin console lists it (never the secret)."""

    id: int
    prefix: str
    name: str | None
    created_at: datetime
    revoked: bool


def account_tokens(*, session: Session, actor: Principal, username: str) -> list[AccountToken]:
    """The tokens of an account the actor manages, newest first."""
    account = _managed(session, actor, username)
    rows = session.exec(
        select(ApiToken).where(ApiToken.account_id == account.id).order_by(col(ApiToken.id).desc())
    ).all()
    return [
        AccountToken(t.id or 0, t.token_prefix, t.name, t.created_at, t.revoked_at is not None) for t in rows
    ]


def issue_account_token(
    *, session: Session, actor: Principal, username: str, token_name: str | None
) -> tuple[ApiToken, str]:
    """A new token for an account the actor manages; the secret is returned only here."""
    account = _managed(session, actor, username)
    token, plaintext = issue_token(session=session, account=account, token_name=token_name or None)
    _audit(session, actor, account, "issue_token")
    session.commit()
    return token, plaintext


def revoke_account_token(*, session: Session, actor: Principal, username: str, token_id: int) -> None:
    """Revoke one token of an account the actor manages (another account's token id is not found)."""
    account = _managed(session, actor, username)
    token = session.get(ApiToken, token_id)
    if token is None or token.account_id != account.id:
        raise NotFound(f"no token {token_id} for account '{username}'")
    if token.revoked_at is None:
        token.revoked_at = utc_now()
        _audit(session, actor, account, "revoke_token")
    session.commit()


def recent_audit(
    *,
    session: Session,
    actor: Principal,
    entity: str | None = None,
    actor_name: str | None = None,
    limit: int = 200,
) -> Sequence[AuditEvent]:
    """The audit trail, newest first, for admins: who changed what and when."""
    actor.require_admin()
    query = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if entity:
        query = query.where(AuditEvent.entity == entity)
    if actor_name:
        query = query.where(col(AuditEvent.actor).contains(actor_name.strip()))
    return session.exec(query).all()
