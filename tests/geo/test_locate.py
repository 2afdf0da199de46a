"""Point-in-kabupaten lookup: label points, spot checks, sea, overlaps and the bulk path."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.locate import KabupatenLocator, get_locator

OVERLAP_UNITS = {"96.01", "96.04", "96.05"}  # README: Sorong overlaps Tambrauw and Maybrat
INDONESIA_BOX = (94.9, -11.1, 141.1, 6.1)  # minlon, minlat, maxlon, maxlat


def _label_point(kabupaten_codes: pd.DataFrame, kode: str) -> tuple[float, float]:
    """The pack's guaranteed-inside label point of one unit, as (lat, lon)."""
    row = kabupaten_codes.loc[kabupaten_codes["kode"] == kode].iloc[0]
    return float(row["label_lat"]), float(row["label_lng"])


def test_every_label_point_locates_to_its_own_kode(
    locator: KabupatenLocator, kabupaten_codes: pd.DataFrame
) -> None:
    located = locator.locate_many(kabupaten_codes["label_lat"], kabupaten_codes["label_lng"])
    wrong = [
        (kode, got)
        for kode, got, lat, lon in zip(
            kabupaten_codes["kode"],
            located,
            kabupaten_codes["label_lat"],
            kabupaten_codes["label_lng"],
            strict=True,
        )
        if got != kode and not (kode in OVERLAP_UNITS and locator.contains(kode, lat, lon))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("kode", "nama"),
    [
        ("81.72", "Kota Tual"),
        ("81.02", "Kabupaten Maluku Tenggara"),
        ("64.01", "Kabupaten Paser"),
        ("65.01", "Kabupaten Bulungan"),
        ("17.06", "Kabupaten Mukomuko"),
        ("12.73", "Kota Sibolga"),
    ],
)
def test_spot_check_label_points(
    locator: KabupatenLocator, kabupaten_codes: pd.DataFrame, kode: str, nama: str
) -> None:
    assert kabupaten_codes.loc[kabupaten_codes["kode"] == kode, "nama"].item() == nama
    latitude, longitude = _label_point(kabupaten_codes, kode)
    assert locator.locate(latitude, longitude) == kode
    assert locator.contains(kode, latitude, longitude)


@pytest.mark.parametrize(
    ("latitude", "longitude", "where"),
    [
        (-6.0, 128.0, "Banda Sea"),
        (-9.5, 110.0, "Indian Ocean south of Java"),
        (0.0, 0.0, "Gulf of Guinea"),
        (1.29, 103.85, "Singapore"),
        (3.14, 101.69, "Kuala Lumpur"),
        (-12.46, 130.84, "Darwin"),
        (float("nan"), 110.0, "not a number"),
    ],
)
def test_sea_and_abroad_locate_to_none(
    locator: KabupatenLocator, latitude: float, longitude: float, where: str
) -> None:
    assert locator.locate(latitude, longitude) is None, where


def _overlap_point(boundaries: gpd.GeoDataFrame, first: str, second: str) -> shapely.Point:
    """A point inside the known overlap of two units, derived from the data, not hard-coded."""
    shapes = boundaries.set_index("kode").geometry
    overlap = shapely.intersection(shapes[first], shapes[second])
    assert overlap.area > 0, f"{first} and {second} no longer overlap"
    return shapely.point_on_surface(overlap)


@pytest.mark.parametrize("neighbour", ["96.04", "96.05"])
def test_sorong_overlap_prefers_the_smaller_unit_and_accepts_both(
    boundaries: gpd.GeoDataFrame, locator: KabupatenLocator, neighbour: str
) -> None:
    point = _overlap_point(boundaries, "96.01", neighbour)
    areas = boundaries.set_index("kode").geometry.to_crs("EPSG:6933").area
    smaller = min(["96.01", neighbour], key=lambda kode: areas[kode])
    assert locator.locate(point.y, point.x) == smaller == neighbour
    assert locator.contains("96.01", point.y, point.x)
    assert locator.contains(neighbour, point.y, point.x)
    assert locator.containing(point.y, point.x)[0] == smaller


def test_contains_is_false_elsewhere_and_for_unknown_codes(
    locator: KabupatenLocator, kabupaten_codes: pd.DataFrame
) -> None:
    latitude, longitude = _label_point(kabupaten_codes, "81.72")
    assert not locator.contains("11.01", latitude, longitude)
    assert not locator.contains("99.99", latitude, longitude)
    assert not locator.contains("81.72", -6.0, 128.0)


def test_locate_many_agrees_with_locate(locator: KabupatenLocator) -> None:
    rng = np.random.default_rng(20240214)
    min_lon, min_lat, max_lon, max_lat = INDONESIA_BOX
    latitudes = rng.uniform(min_lat, max_lat, 2000)
    longitudes = rng.uniform(min_lon, max_lon, 2000)
    bulk = locator.locate_many(latitudes, longitudes)
    single = [locator.locate(lat, lon) for lat, lon in zip(latitudes, longitudes, strict=True)]
    assert bulk == single
    assert any(kode is None for kode in bulk)
    assert sum(kode is not None for kode in bulk) > 100


def test_locate_many_handles_empty_and_rejects_ragged_input(locator: KabupatenLocator) -> None:
    assert locator.locate_many([], []) == []
    with pytest.raises(ValueError):
        locator.locate_many([1.0, 2.0], [100.0])


def test_get_locator_loads_once_per_directory(geo_dir: Path) -> None:
    assert get_locator(geo_dir) is get_locator(geo_dir)
