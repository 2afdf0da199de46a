"""Bring a database to the current schema with Alembic (the production path, not create_all)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from core.config import REPO_ROOT
from core.risk.stored_points import sync_stored_points


def alembic_config(url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "models" / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(engine: Engine) -> None:
    """Apply every pending migration, then bring the stored points onto the engine's weights.

    One transaction: the daily points are recomputed from the stored counts when they were
    computed with other class weights than the engine's current defaults (or never).
    """
    with engine.begin() as connection:
        config = alembic_config(engine.url.render_as_string(hide_password=False))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        sync_stored_points(connection)


def is_empty(engine: Engine) -> bool:
    """No Waspada tables yet (a brand-new database)."""
    return not inspect(engine).has_table("alembic_version")
