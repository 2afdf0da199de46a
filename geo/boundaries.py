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
    require_file,
)

ATTRIBUTE_COLUMNS = ["kode", "kode_prov", "nama"]
WGS84 = "EPSG:4326"
POLYGONAL_TYPES = ("Polygon", "MultiPolygon")


def load_kabupaten_boundaries(geo_dir: Path) -> gpd.GeoDataFrame:
    """Read the 514 full-resolution units once, so locating and mapping share one vetted geometry."""
    path = require_file(geo_dir, KABUPATEN_GEOJSON)
    frame = gpd.read_file(path, engine="pyogrio", columns=ATTRIBUTE_COLUMNS)
    frame = frame[[*ATTRIBUTE_COLUMNS, "geometry"]]
    frame = frame.set_crs(WGS84) if frame.crs is None else frame.to_crs(WGS84)
    frame["geometry"] = repair_polygons(frame.geometry.to_numpy())
    validate_kabupaten(frame)
    return frame.sort_values("kode", ignore_index=True)


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
    codes = frame["kode"].astype(str)
    malformed = codes[~codes.str.fullmatch(KABUPATEN_KODE_PATTERN)]
    if not malformed.empty:
        raise ValueError(f"kabupaten codes not like '81.02': {malformed.head(5).tolist()}")
    duplicated = codes[codes.duplicated()]
    if not duplicated.empty:
        raise ValueError(f"duplicate kabupaten codes: {sorted(set(duplicated))[:5]}")
    if len(codes) != EXPECTED_KABUPATEN_COUNT:
        raise ValueError(
            f"expected {EXPECTED_KABUPATEN_COUNT} kabupaten/kota, found {len(codes)} in the pack"
        )
    geometries = frame.geometry.to_numpy()
    empty = codes[shapely.is_missing(geometries) | shapely.is_empty(geometries)]
    if not empty.empty:
        raise ValueError(f"kabupaten without polygon area after repair: {empty.tolist()[:5]}")
