"""Accounts, bearer tokens (only hashes are stored) and the scope rules as plain predicates."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Dialect, Engine, bindparam
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from core.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from core.regions.service import normalize_kabupaten_kode, normalize_province_kode, province_of
from models.account import Account, ApiToken, Role
from models.region import Kabupaten, Province
from models.types import utc_now
from models.vocab import OFFICER_TRANSITIONS

TOKEN_PREFIX = "wsp_"


@dataclass(frozen=True)
class Principal:
    """Who is calling and where they may act; what every service receives."""

    account_id: int
    name: str  # the account's username: what reports and the audit trail record
    role: Role
    provinsi_kode: str | None = None
    kabupaten_kode: str | None = None
    must_change_password: bool = False

    def can_read_kabupaten(self, kabupaten_kode: str) -> bool:
        """Admins read everything, analysts their province, officers their kabupaten."""
        if self.role is Role.ADMIN:
            return True
        if self.role is Role.ANALYST:
            return province_of(kabupaten_kode) == self.provinsi_kode
        return kabupaten_kode == self.kabupaten_kode

    def can_create_report(self, kabupaten_kode: str) -> bool:
        """Officers report for their own kabupaten; admins for any."""
        if self.role is Role.ADMIN:
            return True
        return self.role is Role.OFFICER and kabupaten_kode == self.kabupaten_kode

    def can_change_status(self, kabupaten_kode: str, current: str, new: str) -> bool:
        """Analysts triage their province's reports, admins any; officers follow up their own."""
        if self.role is Role.ADMIN:
            return True
        if self.role is Role.ANALYST:
            return province_of(kabupaten_kode) == self.provinsi_kode
        return kabupaten_kode == self.kabupaten_kode and (current, new) in OFFICER_TRANSITIONS

    def can_manage_account(self, *, role: Role, provinsi: str | None, kabupaten: str | None) -> bool:
        """Admins manage every account; analysts the officers of their own province; officers none."""
        if self.role is Role.ADMIN:
            return True
        if self.role is Role.ANALYST and role is Role.OFFICER and kabupaten:
            return province_of(kabupaten) == self.provinsi_kode
        return False

    def can_list_account(self, *, provinsi: str | None, kabupaten: str | None) -> bool:
        """Admins see every account; analysts the accounts of their province."""
        if self.role is Role.ADMIN:
            return True
        if self.role is not Role.ANALYST:
            return False
        return (
            bool(kabupaten and province_of(kabupaten) == self.provinsi_kode) or provinsi == self.provinsi_kode
        )

    def require_admin(self) -> None:
        if self.role is not Role.ADMIN:
            raise Forbidden("only an admin may do this")

    @property
    def province_scope(self) -> str | None:
        """The one province this caller is limited to, if any."""
        if self.role is Role.ANALYST:
            return self.provinsi_kode
        if self.role is Role.OFFICER and self.kabupaten_kode:
            return province_of(self.kabupaten_kode)
        return None


def principal_of(account: Account) -> Principal:
    return Principal(
        account_id=account.id or 0,
        name=account.username,
        role=Role(account.role),
        provinsi_kode=account.provinsi_kode,
        kabupaten_kode=account.kabupaten_kode,
        must_change_password=account.must_change_password,
    )


def hash_token(token: str) -> str:
    """Tokens carry 256 bits of randomness, so a plain SHA-256 is a safe, fast lookup key."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def generate_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def check_scope(
    *,
    session: Session,
    role: Role,
    provinsi: str | None,
    kabupaten: str | None,
    fields: tuple[str, str] = ("provinsi", "kabupaten"),
) -> tuple[str | None, str | None]:
    """Each role names exactly the scope it acts in, and the scope must exist."""
    provinsi_field, kabupaten_field = fields
    if role is Role.ADMIN:
        if provinsi or kabupaten:
            raise InvalidInput.single("role", "an admin has no province or kabupaten scope")
        return None, None
    if role is Role.ANALYST:
        if not provinsi or kabupaten:
            raise InvalidInput.single(
                provinsi_field, f"an analyst needs {provinsi_field} (and no {kabupaten_field})"
            )
        kode = normalize_province_kode(provinsi)
        if session.get(Province, kode) is None:
            raise InvalidInput.single(provinsi_field, f"provinsi '{kode}' is not a known province code")
        return kode, None
    if not kabupaten or provinsi:
        raise InvalidInput.single(
            kabupaten_field, f"an officer needs {kabupaten_field} (and no {provinsi_field})"
        )
    kode = normalize_kabupaten_kode(kabupaten, kabupaten_field)
    if session.get(Kabupaten, kode) is None:
        raise InvalidInput.single(kabupaten_field, f"kabupaten '{kode}' is not a known kabupaten/kota code")
    return None, kode


def create_account_token(
    *,
    session: Session,
    name: str,
    role: Role,
    provinsi: str | None = None,
    kabupaten: str | None = None,
    fields: tuple[str, str] = ("provinsi", "kabupaten"),
) -> tuple[ApiToken, str]:
    """Issue a token for an API-only account (created on first use); the plaintext is returned only here."""
    provinsi_kode, kabupaten_kode = check_scope(
        session=session, role=role, provinsi=provinsi, kabupaten=kabupaten, fields=fields
    )
    account = account_by_username(session=session, username=name)
    if account is None:
        account = Account(
            username=name, role=role, provinsi_kode=provinsi_kode, kabupaten_kode=kabupaten_kode
        )
        session.add(account)
        session.flush()
    elif (account.role, account.provinsi_kode, account.kabupaten_kode) != (
        role.value,
        provinsi_kode,
        kabupaten_kode,
    ):
        raise InvalidInput.single(
            "name", f"account '{name}' exists with another role or scope; choose another name"
        )
    return issue_token(session=session, account=account)


def account_by_username(*, session: Session, username: str) -> Account | None:
    return session.exec(select(Account).where(Account.username == username)).first()


def issue_token(*, session: Session, account: Account, token_name: str | None = None) -> tuple[ApiToken, str]:
    """A new bearer token of an existing account (refused for a disabled one); plaintext only here."""
    if account.disabled_at is not None:
        raise InvalidInput.single("username", f"account '{account.username}' is disabled")
    plaintext = generate_token()
    token = ApiToken(
        account_id=account.id or 0,
        token_hash=hash_token(plaintext),
        token_prefix=plaintext[: len(TOKEN_PREFIX) + 6],
        name=token_name,
    )
    session.add(token)
    session.commit()
    session.refresh(token)
    return token, plaintext


_ACCOUNT = Account.__table__
_TOKEN = ApiToken.__table__
# Core, not ORM: this runs on every request, and building ORM objects cost ~1 ms of it.
_TOKEN_LOOKUP = (
    select(
        _ACCOUNT.c.id,
        _ACCOUNT.c.username,
        _ACCOUNT.c.role,
        _ACCOUNT.c.provinsi_kode,
        _ACCOUNT.c.kabupaten_kode,
        _TOKEN.c.revoked_at,
        _ACCOUNT.c.disabled_at,
    )
    .join(_TOKEN, _TOKEN.c.account_id == _ACCOUNT.c.id)
    .where(_TOKEN.c.token_hash == bindparam("token_hash"))
)


def authenticate(*, session: Session, token: str | None) -> Principal:
    """The caller behind a bearer token; Unauthenticated for a missing, unknown, revoked or disabled one."""
    row = session.connection().execute(_TOKEN_LOOKUP, {"token_hash": _required_token_hash(token)}).first()
    return _principal_from_row(row)


def authenticate_bearer(*, engine: Engine, token: str | None) -> Principal:
    """The same check for every API request: one indexed lookup on a pooled DBAPI connection.

    Exact (a revocation acts at once) and about 40 us, where a SQLAlchemy connection's
    begin/rollback bookkeeping costs several times the query.
    """
    sql, positional = _token_lookup_sql(engine.dialect)
    token_hash = _required_token_hash(token)
    try:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, (token_hash,) if positional else {"token_hash": token_hash})
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()
    except engine.dialect.loaded_dbapi.Error as exc:  # the driver's own error, as SQLAlchemy wraps it
        raise DBAPIError.instance(sql, None, exc, engine.dialect.loaded_dbapi.Error) from exc
    return _principal_from_row(row)


@functools.lru_cache(maxsize=8)
def _token_lookup_sql(dialect: Dialect) -> tuple[str, bool]:
    """The lookup compiled once per backend: its SQL and whether it takes positional parameters."""
    compiled = _TOKEN_LOOKUP.compile(dialect=dialect)
    return compiled.string, bool(compiled.positional)


def _required_token_hash(token: str | None) -> str:
    """The lookup key of a presented token; Unauthenticated when none was presented."""
    if not token:
        raise Unauthenticated("a bearer token is required")
    return hash_token(token)


def _principal_from_row(row: Any) -> Principal:
    """The caller from a lookup row; Unauthenticated for none, a revoked token or a disabled account."""
    if row is None:
        raise Unauthenticated("the token is not valid")
    account_id, name, role, provinsi_kode, kabupaten_kode, revoked_at, disabled_at = row
    if revoked_at is not None:
        raise Unauthenticated("the token has been revoked")
    if disabled_at is not None:
        raise Unauthenticated("the token's account is disabled")
    return Principal(
        account_id=account_id,
        name=name,
        role=Role(role),
        provinsi_kode=provinsi_kode,
        kabupaten_kode=kabupaten_kode,
    )


@dataclass(frozen=True)
class TokenListing:
    id: int
    prefix: str
    account: str
    name: str
    role: str
    scope: str
    created_at: str
    revoked: bool


def list_tokens(*, session: Session) -> list[TokenListing]:
    rows = session.exec(
        select(ApiToken, Account).join(Account, ApiToken.account_id == Account.id).order_by(ApiToken.id)
    ).all()
    return [
        TokenListing(
            id=token.id or 0,
            prefix=token.token_prefix,
            name=token.name or "",
            account=account.username,
            role=account.role,
            scope=account.kabupaten_kode or account.provinsi_kode or "*",
            created_at=token.created_at.isoformat(timespec="seconds"),
            revoked=token.revoked_at is not None,
        )
        for token, account in rows
    ]


def revoke_token(*, session: Session, token_id: int) -> ApiToken:
    """Revoke at once; a revoked token can never be used again."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token with id {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utc_now()
        session.add(token)
        session.commit()
    return token
