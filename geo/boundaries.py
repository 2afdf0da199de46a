"""Load the full-resolution kabupaten/kota boundaries, repaired and checked against the pack's facts."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.datapack import (
    EXPECTED_KABUPATEN_COUNT,
    KABUPATEN_GEOJSON,
    KABUPATEN_KODE_PATTERN,
    KECAMATAN_GEOJSON,
    KECAMATAN_KODE_PATTERN,
    require_file,
)

ATTRIBUTE_COLUMNS = ["kode", "kode_prov", "nama"]
KECAMATAN_COLUMNS = ["kode", "kode_kab", "nama"]
WGS84 = "EPSG:4326"
POLYGONAL_TYPES = ("Polygon", "MultiPolygon")


def load_kabupaten_boundaries(geo_dir: Path) -> gpd.GeoDataFrame:
    """Read the 514 full-resolution units once, so locating and mapping share one vetted geometry."""
    frame = _read_polygons(require_file(geo_dir, KABUPATEN_GEOJSON), ATTRIBUTE_COLUMNS)
    validate_kabupaten(frame)
    return frame.sort_values("kode", ignore_index=True)


def load_kecamatan_boundaries(geo_dir: Path) -> gpd.GeoDataFrame:
    """Read the 7,285 kecamatan (already lon/lat in the pack's GeoJSON), repaired and checked."""
    frame = _read_polygons(require_file(geo_dir, KECAMATAN_GEOJSON), KECAMATAN_COLUMNS)
    validate_kecamatan(frame)
    return frame.sort_values("kode", ignore_index=True)


def _read_polygons(path: Path, columns: list[str]) -> gpd.GeoDataFrame:
    """One layer of the pack in WGS84 with valid polygonal geometry."""
    frame = gpd.read_file(path, engine="pyogrio", columns=columns)
    frame = frame[[*columns, "geometry"]]
    frame = frame.set_crs(WGS84) if frame.crs is None else frame.to_crs(WGS84)
    frame["geometry"] = repair_polygons(frame.geometry.to_numpy())
    return frame


def repair_polygons(geometries: np.ndarray) -> np.ndarray:
    """Make invalid geometries valid, keeping only polygonal parts so point tests stay meaningful."""
    repaired = geometries.copy()
    invalid = ~shapely.is_valid(geometries)
    for index in np.flatnonzero(invalid):
        repaired[index] = polygonal_part(shapely.make_valid(geometries[index], method="structure"))
    return repaired


def polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """Drop the lines and points make_valid can leave behind; they cover no area."""
    if geometry.geom_type in POLYGONAL_TYPES:
        return geometry
    parts = shapely.get_parts(geometry)
    polygons = [part for part in parts if part.geom_type in POLYGONAL_TYPES]
    return shapely.union_all(polygons) if polygons else shapely.MultiPolygon()


def validate_kabupaten(frame: pd.DataFrame) -> None:
    """Refuse a pack that is not the expected 514 distinct units, rather than mis-map silently."""
    codes = _validate_codes(frame, "kabupaten", KABUPATEN_KODE_PATTERN, "81.02")
    if len(codes) != EXPECTED_KABUPATEN_COUNT:
        raise ValueError(
            f"expected {EXPECTED_KABUPATEN_COUNT} kabupaten/kota, found {len(codes)} in the pack"
        )
    _require_area(frame, codes, "kabupaten")


def validate_kecamatan(frame: pd.DataFrame) -> None:
    """Refuse malformed, repeated or empty kecamatan, and any whose code names no kabupaten."""
    codes = _validate_codes(frame, "kecamatan", KECAMATAN_KODE_PATTERN, "81.02.05")
    orphans = codes[codes.str.slice(0, 5) != frame["kode_kab"].astype(str)]
    if not orphans.empty:
        raise ValueError(f"kecamatan codes not under their kode_kab: {orphans.head(5).tolist()}")
    _require_area(frame, codes, "kecamatan")


def _validate_codes(frame: pd.DataFrame, level: str, pattern: str, example: str) -> pd.Series:
    """The layer's codes, refused when one is malformed or repeated."""
    codes = frame["kode"].astype(str)
    malformed = codes[~codes.str.fullmatch(pattern)]
    if not malformed.empty:
        raise ValueError(f"{level} codes not like '{example}': {malformed.head(5).tolist()}")
    duplicated = codes[codes.duplicated()]
    if not duplicated.empty:
        raise ValueError(f"duplicate {level} codes: {sorted(set(duplicated))[:5]}")
    return codes


def _require_area(frame: pd.DataFrame, codes: pd.Series, level: str) -> None:
    """Every unit keeps some polygon after repair, or points in it could never be located."""
    geometries = frame.geometry.to_numpy()
    empty = codes[shapely.is_missing(geometries) | shapely.is_empty(geometries)]
    if not empty.empty:
        raise ValueError(f"{level} without polygon area after repair: {empty.tolist()[:5]}")
