"""Bring a database to the current schema with Alembic (the production path, not create_all)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from core.config import REPO_ROOT
from core.regions.directory import get_directory
from core.reports.backfill import KecamatanBackfill, fill_report_kecamatan
from core.reports.daily import replace_kecamatan_daily
from core.risk.stored_points import sync_stored_points
from geo.locate import get_kecamatan_locator

# The first revision whose reports carry kecamatan codes: a database upgraded across it has
# its stored reports' codes filled from the data pack in the same transaction.
KECAMATAN_CODES_REVISION = "0010"


@dataclass(frozen=True)
class UpgradeResult:
    kecamatan_backfill: KecamatanBackfill | None = None  # None when no reports predated the codes


def alembic_config(url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "models" / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(engine: Engine, *, geo_dir: Path) -> UpgradeResult:
    """Apply every pending migration and the data steps they need, in one transaction.

    The daily points are recomputed from the stored counts when they were computed with other
    class weights than the engine's current defaults (or never); reports stored before
    revision 0010 get their kecamatan codes from the data pack in `geo_dir`, and the
    per-kecamatan daily table is counted from them.
    """
    with engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        config = alembic_config(engine.url.render_as_string(hide_password=False))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        backfill = None
        if before is not None and before < KECAMATAN_CODES_REVISION:
            backfill = fill_report_kecamatan(
                connection, directory=get_directory(geo_dir), areas=get_kecamatan_locator(geo_dir)
            )
            replace_kecamatan_daily(connection)  # count the reports that now carry a kecamatan
        sync_stored_points(connection)
        return UpgradeResult(kecamatan_backfill=backfill)


def is_empty(engine: Engine) -> bool:
    """No Waspada tables yet (a brand-new database)."""
    return not inspect(engine).has_table("alembic_version")
