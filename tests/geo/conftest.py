"""Session-wide geo fixtures: the pack is loaded once so the geo tests stay fast."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.boundaries import load_kabupaten_boundaries
from geo.datapack import KABUPATEN_CODES_CSV, require_file
from geo.display import DisplayGeometry, get_display_geojson
from geo.locate import KabupatenLocator

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def geo_dir() -> Path:
    """The data pack: WASPADA_GEO_DIR, else the shared pack beside the repository."""
    return Path(os.environ.get("WASPADA_GEO_DIR") or REPO_ROOT.parent / "shared" / "geo")


@pytest.fixture(scope="session")
def boundaries(geo_dir: Path) -> gpd.GeoDataFrame:
    """Full-resolution boundaries, loaded once per session."""
    return load_kabupaten_boundaries(geo_dir)


@pytest.fixture(scope="session")
def kabupaten_codes(geo_dir: Path) -> pd.DataFrame:
    """The pack's code list with label points, read independently of geo.boundaries."""
    return pd.read_csv(require_file(geo_dir, KABUPATEN_CODES_CSV), dtype={"kode": str, "kode_prov": str})


@pytest.fixture(scope="session")
def locator(boundaries: gpd.GeoDataFrame) -> KabupatenLocator:
    """One locator over the session's boundaries."""
    return KabupatenLocator(boundaries)


@pytest.fixture(scope="session")
def display(geo_dir: Path) -> DisplayGeometry:
    """The default display layer, built once per process through the cached accessor."""
    return get_display_geojson(geo_dir)
