"""Accounts (people with argon2id passwords, API clients), tokens (only hashes), sessions, audit."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, String
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utc_now


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    OFFICER = "officer"


USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,39}$"


class AccountBase(SQLModel):
    username: str = Field(max_length=100, unique=True)
    display_name: str | None = Field(default=None, max_length=100)
    role: Role = Field(sa_type=String(20))
    provinsi_kode: str | None = Field(default=None, foreign_key="province.kode", max_length=2)
    kabupaten_kode: str | None = Field(default=None, foreign_key="kabupaten.kode", max_length=5)


class Account(AccountBase, table=True):
    """A person (with a password) or an API client (tokens only, no password)."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    password_hash: str | None = Field(default=None, max_length=200)
    must_change_password: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    password_changed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    disabled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class AccountCreate(AccountBase):
    """A new account; without a password a one-time password is generated and must be changed."""

    username: str = Field(max_length=40, schema_extra={"pattern": USERNAME_PATTERN})
    password: str | None = Field(default=None, min_length=1, max_length=200)


class AccountPublic(AccountBase):
    id: int
    has_password: bool
    must_change_password: bool
    disabled: bool
    created_at: datetime


class AccountCreated(AccountPublic):
    one_time_password: str | None = None


class PasswordChange(SQLModel):
    current_password: str = Field(max_length=200)
    new_password: str = Field(max_length=200)


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    token_prefix: str = Field(max_length=12)
    name: str | None = Field(default=None, max_length=100)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    account_id: int | None = Field(default=None, foreign_key="account.id")
    actor: str = Field(max_length=100)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=64, index=True)
    action: str = Field(max_length=40)
    from_value: str | None = Field(default=None, max_length=200)
    to_value: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class DashboardSession(SQLModel, table=True):
    """A dashboard login kept on the server: the cookie holds only a random id, hashed here."""

    __tablename__ = "dashboard_session"

    id: int | None = Field(default=None, primary_key=True)
    session_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    last_seen_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    ended_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
