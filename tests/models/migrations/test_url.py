"""Where the migrations look for their database, without core: config, environment, default."""

from __future__ import annotations

from core.config import Settings
from models.migrations.url import DEFAULT_URL, migration_url


def test_the_default_file_is_the_one_waspada_uses() -> None:
    assert Settings.model_fields["database_url"].default == DEFAULT_URL
    assert migration_url(None, {}) == DEFAULT_URL


def test_the_alembic_config_wins_then_the_environment() -> None:
    environ = {"WASPADA_DATABASE_URL": "sqlite:////srv/env.db"}
    assert migration_url("postgresql+psycopg://db/waspada", environ) == "postgresql+psycopg://db/waspada"
    assert migration_url(None, environ) == "sqlite:////srv/env.db"
    assert migration_url("", environ) == "sqlite:////srv/env.db"
