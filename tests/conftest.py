"""Shared fixtures: a fresh, migrated and seeded database per test, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session
from starlette.types import ASGIApp

from api.main import create_app
from core.accounts.people import create_account
from core.accounts.service import Principal, create_account_token
from core.alerts.live import stop_live_alert_checkers
from core.config import DEFAULT_GEO_DIR, Settings, get_settings
from core.db import dispose_engines, get_engine, write_session
from core.risk.stored_points import sync_stored_points
from models.account import AccountCreate, Role
from seeds.bootstrap import prepare_database
from seeds.elections import seed_elections

PG_ADMIN_URL = os.environ.get("WASPADA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _worker() -> str:
    """Unique per test run and worker, so concurrent runs on one server never share a database."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:8]
    return f"{run}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


@pytest.fixture(scope="session")
def geo_dir() -> Path:
    return Path(os.environ.get("WASPADA_GEO_DIR") or DEFAULT_GEO_DIR)


def _settings(url: str, geo_dir: Path) -> Settings:
    return Settings(database_url=url, geo_dir=geo_dir, embedded_scheduler=False)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """The PostgreSQL server is mandatory: an unreachable server fails the suite, never skips it."""
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_size=2)
    with engine.connect() as conn:
        conn.execute(text("select 1"))
    yield engine
    engine.dispose()


def _pg_url(name: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg(admin: Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_database(pg_admin: Engine, geo_dir: Path) -> Iterator[str]:
    """This worker's PostgreSQL database, migrated and seeded once per session."""
    name = f"waspada_test_{_worker()}"
    _drop_pg(pg_admin, name)
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    settings = _settings(_pg_url(name), geo_dir)
    prepare_database(get_engine(settings), settings)
    dispose_engines()
    yield name
    _drop_pg(pg_admin, name)


KEPT_TABLES = {"alembic_version", "province", "kabupaten", "kecamatan", "desa"}


def _reset_pg(url: str) -> None:
    """Empty every table but the schema and the registry, re-seed the calendar: a fresh database."""
    engine = create_engine(url, pool_size=1)
    with engine.begin() as conn:
        tables = conn.execute(text("select tablename from pg_tables where schemaname = 'public'")).scalars()
        mutable = sorted(set(tables) - KEPT_TABLES)
        if mutable:
            names = ", ".join(f'"{t}"' for t in mutable)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        sync_stored_points(conn)  # as a freshly upgraded database: points basis recorded
    with Session(engine) as session:
        seed_elections(session=session)
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory, geo_dir: Path) -> Path:
    """A migrated, seeded SQLite file that every test copies."""
    path = tmp_path_factory.mktemp("template") / "waspada.db"
    settings = _settings(f"sqlite:///{path}", geo_dir)
    prepare_database(get_engine(settings), settings)
    dispose_engines()
    return path


def _fresh_sqlite(template: Path, directory: Path) -> str:
    target = directory / "waspada.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def settings(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, geo_dir: Path
) -> Iterator[Settings]:
    """Settings pointing at a brand-new database for this test only."""
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        yield _settings(_fresh_sqlite(template, tmp_path), geo_dir)
        stop_live_alert_checkers()
        dispose_engines()
        return
    url = _pg_url(request.getfixturevalue("pg_database"))
    _reset_pg(url)
    yield _settings(url, geo_dir)
    stop_live_alert_checkers()
    dispose_engines()


@pytest.fixture
def engine(settings: Settings) -> Engine:
    return get_engine(settings)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


TokenFactory = Callable[..., str]


def default_scope(
    role: str, provinsi: str | None, kabupaten: str | None
) -> tuple[Role, str | None, str | None]:
    """Officers default to 81.02 (Maluku Tenggara), analysts to 81 (Maluku)."""
    role_enum = Role(role)
    if role_enum is Role.OFFICER and kabupaten is None:
        kabupaten = "81.02"
    if role_enum is Role.ANALYST and provinsi is None:
        provinsi = "81"
    return role_enum, provinsi, kabupaten


@pytest.fixture
def make_token(engine: Engine) -> TokenFactory:
    """Issue a token for a new account of the given role and scope."""

    def factory(
        role: str = "officer",
        *,
        kabupaten: str | None = None,
        provinsi: str | None = None,
        name: str | None = None,
    ) -> str:
        role_enum, provinsi, kabupaten = default_scope(role, provinsi, kabupaten)
        with write_session(engine) as session:
            _, plaintext = create_account_token(
                session=session,
                name=name or f"{role}-{uuid.uuid4().hex[:8]}",
                role=role_enum,
                provinsi=provinsi,
                kabupaten=kabupaten,
            )
        return plaintext

    return factory


PERSON_PASSWORD = "sandi-uji-kewaspadaan"  # passes the policy; every test person has it


@dataclass(frozen=True)
class Person:
    username: str
    password: str


PersonFactory = Callable[..., Person]


def create_person(
    engine: Engine,
    role: str = "admin",
    *,
    kabupaten: str | None = None,
    provinsi: str | None = None,
    username: str | None = None,
    one_time: bool = False,
) -> Person:
    """A person's account with a known password, or (one_time) the generated one to be changed."""
    role_enum, provinsi, kabupaten = default_scope(role, provinsi, kabupaten)
    account_in = AccountCreate(
        username=username or f"{role}-{uuid.uuid4().hex[:8]}",
        role=role_enum,
        provinsi_kode=provinsi,
        kabupaten_kode=kabupaten,
        password=None if one_time else PERSON_PASSWORD,
    )
    installer = Principal(account_id=0, name="tests", role=Role.ADMIN)
    with write_session(engine) as session:
        account, generated = create_account(session=session, actor=installer, account_in=account_in)
    return Person(account.username, generated or PERSON_PASSWORD)


@pytest.fixture
def make_person(engine: Engine) -> PersonFactory:
    """Create a person who can log in to the dashboard (see create_person)."""
    return lambda role="admin", **kwargs: create_person(engine, role, **kwargs)


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The CLI reads its settings from the environment: point it at this test's database."""
    monkeypatch.setenv("WASPADA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("WASPADA_GEO_DIR", str(settings.geo_dir))
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def serving(app: ASGIApp, start_timeout: float = 60) -> Iterator[str]:
    """Run an ASGI app on a real uvicorn in this process; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[str]:
    """The API on a real uvicorn, for concurrency over real sockets."""
    with serving(create_app(settings)) as url:
        yield url
