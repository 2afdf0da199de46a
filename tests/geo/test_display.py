"""The dashboard map layer: complete, small, valid, clockwise, border-sharing and byte-stable."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geo.display import DisplayGeometry, build_display_geojson, get_display_geojson, strong_etag

MAX_GZIP_BYTES = 250_000
MAX_TOTAL_OVERLAP_DEG2 = 1e-4  # ~1 km² summed over the whole country


@pytest.fixture(scope="module")
def features(display: DisplayGeometry) -> list[dict[str, Any]]:
    """The parsed GeoJSON features."""
    collection = json.loads(display.body.decode("utf-8"))
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


@pytest.fixture(scope="module")
def shapes(features: list[dict[str, Any]]) -> np.ndarray:
    """The parsed geometries as shapely objects, in feature order."""
    return np.array([shape(feature["geometry"]) for feature in features], dtype=object)


def test_one_feature_per_kabupaten_keyed_by_kode(
    display: DisplayGeometry, features: list[dict[str, Any]], boundaries: gpd.GeoDataFrame
) -> None:
    assert display.feature_count == len(features) == 514
    assert [feature["id"] for feature in features] == sorted(boundaries["kode"])
    for feature in features:
        assert set(feature["properties"]) == {"kode", "nama", "kode_prov"}
        assert feature["properties"]["kode"] == feature["id"]
        assert feature["properties"]["kode_prov"] == feature["id"][:2]


def test_gzip_size_is_within_budget_and_truthful(display: DisplayGeometry) -> None:
    assert display.gzip_size <= MAX_GZIP_BYTES
    assert display.gzip_size == len(gzip.compress(display.body, compresslevel=9, mtime=0))


def test_body_is_compact(display: DisplayGeometry) -> None:
    assert b"\n" not in display.body
    assert b'", "' not in display.body
    assert b'": ' not in display.body


def test_every_geometry_is_valid_polygonal_and_non_empty(shapes: np.ndarray) -> None:
    assert shapely.is_valid(shapes).all()
    assert not shapely.is_empty(shapes).any()
    assert {geometry.geom_type for geometry in shapes} <= {"Polygon", "MultiPolygon"}


def test_every_unit_keeps_area_where_it_really_is(shapes: np.ndarray, boundaries: gpd.GeoDataFrame) -> None:
    full = boundaries.geometry.to_numpy()
    assert shapely.intersects(shapes, full).all()
    shared = shapely.area(shapely.intersection(shapes, full)) / shapely.area(shapes)
    assert shared.min() > 0.5


def test_exterior_rings_clockwise_and_holes_counter_clockwise(shapes: np.ndarray) -> None:
    polygons = shapely.get_parts(shapes)
    assert not shapely.is_ccw(shapely.get_exterior_ring(polygons)).any()
    hole_counts = shapely.get_num_interior_rings(polygons)
    holes = [
        shapely.get_interior_ring(polygon, index)
        for polygon, count in zip(polygons, hole_counts, strict=True)
        for index in range(count)
    ]
    assert shapely.is_ccw(np.array(holes, dtype=object)).all()


def test_neighbours_share_borders_without_overlaps(shapes: np.ndarray) -> None:
    overlap = shapely.area(shapes).sum() - shapely.union_all(shapes).area
    assert overlap < MAX_TOTAL_OVERLAP_DEG2


def test_coordinates_are_rounded_to_four_decimals(display: DisplayGeometry) -> None:
    numbers = re.findall(rb"-?\d+\.(\d+)", display.body)
    assert numbers
    assert max(len(decimals) for decimals in numbers) <= 4


def test_etag_is_strong_and_stable_across_builds(geo_dir: Path, display: DisplayGeometry) -> None:
    rebuilt = build_display_geojson(geo_dir)
    assert rebuilt.body == display.body
    assert rebuilt.etag == display.etag
    assert re.fullmatch(r'"[0-9a-f]{32}"', display.etag)
    assert strong_etag(display.body + b" ") != display.etag


def test_bounds_enclose_each_displayed_unit(
    display: DisplayGeometry, features: list[dict[str, Any]], shapes: np.ndarray
) -> None:
    assert list(display.bounds) == [feature["id"] for feature in features]
    for kode, (min_x, min_y, max_x, max_y) in zip(display.bounds, shapely.bounds(shapes), strict=True):
        box = display.bounds[kode]
        assert box[0] < box[2] and box[1] < box[3]
        assert box[0] <= min_x and box[1] <= min_y and box[2] >= max_x and box[3] >= max_y


def test_province_bounds_enclose_their_kabupaten(display: DisplayGeometry) -> None:
    assert len(display.province_bounds) == 38
    for kode, box in display.bounds.items():
        province = display.province_bounds[kode[:2]]
        assert province[0] <= box[0] and province[1] <= box[1]
        assert province[2] >= box[2] and province[3] >= box[3]


def test_display_geometry_is_frozen(display: DisplayGeometry) -> None:
    with pytest.raises(FrozenInstanceError):
        display.etag = '"other"'  # type: ignore[misc]


def test_get_display_geojson_builds_once(geo_dir: Path) -> None:
    assert get_display_geojson(geo_dir) is get_display_geojson(geo_dir)
