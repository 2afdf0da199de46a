"""Bring a database to a usable state: schema migrated, regions and calendar seeded (idempotent)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import select

from core.config import Settings
from core.db import write_session
from core.regions.kecamatan import count_kecamatan, seed_kecamatan_and_desa
from core.regions.service import count_kabupaten, seed_regions
from core.reports.backfill import KecamatanBackfill
from core.schema import upgrade_database
from models.election import Election
from seeds.elections import seed_elections


@dataclass(frozen=True)
class BootstrapResult:
    seeded_regions: bool
    seeded_elections: bool
    kabupaten: int
    kecamatan_backfill: KecamatanBackfill | None = None


logger = logging.getLogger("waspada.bootstrap")


def prepare_database(engine: Engine, settings: Settings) -> BootstrapResult:
    """Apply pending migrations, then seed the registry and the calendar where they are empty."""
    upgraded = upgrade_database(engine, geo_dir=settings.geo_dir)
    if upgraded.kecamatan_backfill is not None:
        logger.warning(upgraded.kecamatan_backfill.summary())
    with write_session(engine) as session:
        kabupaten = count_kabupaten(session=session)
        seeded_regions = kabupaten == 0
        if seeded_regions:
            kabupaten = seed_regions(session=session, geo_dir=settings.geo_dir).kabupaten
        if count_kecamatan(session=session) == 0:  # also on installations from before kecamatan
            seed_kecamatan_and_desa(session=session, geo_dir=settings.geo_dir)
        seeded_elections = session.exec(select(Election.id)).first() is None
        if seeded_elections:
            seed_elections(session=session)
    return BootstrapResult(seeded_regions, seeded_elections, kabupaten, upgraded.kecamatan_backfill)
