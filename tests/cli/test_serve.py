"""`waspada serve` and `waspada scheduler` prepare an empty database before they start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

import scheduler
from cli import app
from core.config import Settings, get_settings
from core.db import dispose_engines


@pytest.fixture
def empty_database(tmp_path: Path, geo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database file that does not exist yet, as on a first start."""
    url = f"sqlite:///{tmp_path / 'first-start.db'}"
    monkeypatch.setenv("WASPADA_DATABASE_URL", url)
    monkeypatch.setenv("WASPADA_GEO_DIR", str(geo_dir))
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
    dispose_engines()


def prepared(url: str) -> tuple[int, int]:
    """Kabupaten and elections stored (the tables exist only once migrated)."""
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("kabupaten"):
            return 0, 0
        with engine.connect() as connection:
            kabupaten = connection.execute(text("SELECT count(*) FROM kabupaten")).scalar_one()
            elections = connection.execute(text("SELECT count(*) FROM election")).scalar_one()
        return kabupaten, elections
    finally:
        engine.dispose()


def test_the_scheduler_starts_on_a_migrated_and_seeded_database(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int]] = []

    def run(settings: Settings) -> None:
        assert settings.database_url == empty_database
        seen.append(prepared(empty_database))

    monkeypatch.setattr(scheduler, "main", run)
    assert prepared(empty_database) == (0, 0)
    result = CliRunner().invoke(app, ["scheduler"])
    assert result.exit_code == 0, result.output
    assert seen == [(514, 2)]


def test_serve_starts_on_a_migrated_and_seeded_database(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, tuple[int, int]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **_: seen.append((target, prepared(empty_database))))
    result = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("database ready: 514 kabupaten/kota in the registry\n")
    assert seen == [("server:create_server", (514, 2))]
