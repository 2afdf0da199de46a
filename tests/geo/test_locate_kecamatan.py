"""Point in kecamatan: one sample per province, the 2026 overlaps, and land no kecamatan covers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.boundaries import load_kabupaten_boundaries, validate_kecamatan
from geo.datapack import KECAMATAN_CODES_CSV, KECAMATAN_GEOJSON, require_file
from geo.locate import KecamatanLocator, get_kecamatan_locator


@pytest.fixture(scope="module")
def kecamatan_locator(geo_dir: Path) -> KecamatanLocator:
    return get_kecamatan_locator(geo_dir)


@pytest.fixture(scope="module")
def kecamatan_codes(geo_dir: Path) -> pd.DataFrame:
    """The pack's code list with its label points, read without geo.boundaries."""
    return pd.read_csv(require_file(geo_dir, KECAMATAN_CODES_CSV), dtype=str)


@pytest.fixture(scope="module")
def raw_kecamatan(geo_dir: Path) -> gpd.GeoDataFrame:
    return gpd.read_file(require_file(geo_dir, KECAMATAN_GEOJSON), engine="pyogrio")


def _labels_in_one_feature(codes: pd.DataFrame, raw: gpd.GeoDataFrame) -> pd.DataFrame:
    """Kecamatan whose label point lies in its own feature only (computed here, not by the locator)."""
    points = gpd.GeoDataFrame(
        codes,
        geometry=gpd.points_from_xy(codes["label_lng"].astype(float), codes["label_lat"].astype(float)),
        crs=raw.crs,
    )
    hits = gpd.sjoin(points, raw[["kode", "geometry"]], predicate="within").groupby(level=0).size()
    return codes.loc[hits[hits == 1].index]


def test_a_label_point_of_every_province_lands_in_its_own_kecamatan(
    kecamatan_locator: KecamatanLocator, kecamatan_codes: pd.DataFrame, raw_kecamatan: gpd.GeoDataFrame
) -> None:
    samples = _labels_in_one_feature(kecamatan_codes, raw_kecamatan).groupby("kode_prov").head(2)
    assert samples["kode_prov"].nunique() == 38
    for row in samples.itertuples():
        lat, lon = float(row.label_lat), float(row.label_lng)
        assert kecamatan_locator.locate_in(row.kode_kab, lat, lon) == row.kode, row.nama
        assert kecamatan_locator.locate(lat, lon) == row.kode


@pytest.mark.parametrize(
    ("newer", "parent"),
    [("72.01.24", "72.01.09"), ("92.02.32", "92.02.03"), ("92.02.31", "92.02.04"), ("92.02.35", "92.02.14")],
)
def test_a_point_where_a_newer_kecamatan_lies_on_its_parent_goes_to_the_newer(
    kecamatan_locator: KecamatanLocator, raw_kecamatan: gpd.GeoDataFrame, newer: str, parent: str
) -> None:
    shapes = raw_kecamatan.set_index("kode").geometry
    shared = shapely.intersection(shapes[newer], shapes[parent])
    point = shapely.point_on_surface(shared)
    assert kecamatan_locator.locate_in(newer[:5], point.y, point.x) == newer
    assert kecamatan_locator.contains(parent, point.y, point.x)  # the parent still counts as holding it


@pytest.mark.parametrize("kabupaten", ["75.02", "91.15"])  # Boalemo, Waropen
def test_land_of_a_kabupaten_that_no_kecamatan_covers_is_located_nowhere(
    geo_dir: Path, kecamatan_locator: KecamatanLocator, raw_kecamatan: gpd.GeoDataFrame, kabupaten: str
) -> None:
    kab = load_kabupaten_boundaries(geo_dir).set_index("kode").geometry[kabupaten]
    covered = shapely.union_all(raw_kecamatan[raw_kecamatan["kode_kab"] == kabupaten].geometry.to_numpy())
    gap = shapely.point_on_surface(shapely.difference(kab, shapely.buffer(covered, 0.01)))
    assert shapely.contains(kab, gap)
    assert kecamatan_locator.locate_in(kabupaten, gap.y, gap.x) is None


def test_the_layer_refuses_a_kecamatan_filed_under_another_kabupaten(raw_kecamatan: gpd.GeoDataFrame) -> None:
    broken = raw_kecamatan.head(3).copy()
    broken.loc[broken.index[1], "kode_kab"] = "99.99"
    with pytest.raises(ValueError, match="not under their kode_kab"):
        validate_kecamatan(broken)
