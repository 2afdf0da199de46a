"""The registry as the generator sees it, straight from the data pack (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.regions.service import kabupaten_rows, province_rows
from seeds.demo.places import Place, places_from


@pytest.fixture(scope="session")
def places(geo_dir: Path) -> list[Place]:
    names = {p.kode: p.nama for p in province_rows(geo_dir)}
    kabupaten = sorted(kabupaten_rows(geo_dir), key=lambda k: k.kode)
    return places_from([(k, names[k.kode_prov]) for k in kabupaten])
