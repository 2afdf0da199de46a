"""Engines and sessions: durable SQLite (WAL, synchronous=FULL, BEGIN IMMEDIATE) or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from core.config import Settings

IMMEDIATE = "waspada_immediate"
# Checkpoint the WAL every ~32 MB instead of SQLite's 4 MB: one 500-report batch dirties
# ~1,200 pages (random keys in three indexes), so the default made every batch commit pay a
# checkpoint too, and pages changed by consecutive commits were copied back every time.
# Durability is unchanged: each commit still fsyncs the WAL (synchronous=FULL).
WAL_AUTOCHECKPOINT_PAGES = 8000


def _sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, so its directory can be created before first use."""
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _install_sqlite_pragmas(engine: Engine, busy_timeout_ms: int) -> None:
    """Make every SQLite connection durable and let write transactions take the lock up front."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def build_engine(settings: Settings) -> Engine:
    """One engine per database URL; SQLite gets its pragmas, PostgreSQL a sized pool."""
    if settings.is_sqlite:
        path = _sqlite_path(settings.database_url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            settings.database_url,
            connect_args={
                "check_same_thread": False,
                "timeout": settings.sqlite_busy_timeout_ms / 1000,
            },
            pool_size=settings.db_pool_size,
            max_overflow=20,
        )
        _install_sqlite_pragmas(engine, settings.sqlite_busy_timeout_ms)
        return engine
    return create_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=20,
        pool_pre_ping=True,
    )


_ENGINES: dict[tuple[str, int, int], Engine] = {}


def get_engine(settings: Settings) -> Engine:
    """The process-wide engine for these settings (pools are expensive; share them)."""
    key = (settings.database_url, settings.sqlite_busy_timeout_ms, settings.db_pool_size)
    if key not in _ENGINES:
        _ENGINES[key] = build_engine(settings)
    return _ENGINES[key]


def dispose_engines() -> None:
    """Close every pooled connection (tests and shutdown)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


def write_engine(engine: Engine) -> Engine:
    """The same engine, but its transactions start with BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(**{IMMEDIATE: True})


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; on SQLite it never blocks writers (deferred BEGIN under WAL)."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session for writing: takes the SQLite write lock at BEGIN, so no upgrade deadlocks."""
    with Session(write_engine(engine), expire_on_commit=False) as session:
        yield session
