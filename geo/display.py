"""Light, border-sharing kabupaten GeoJSON for the dashboard map, served once by URL with an ETag.

Pipeline, from the full-resolution pack file:

1. ``shapely.coverage_clean(merge_strategy="min_area")`` turns the polygons into a true coverage:
   each overlap goes to the smaller unit (the same rule as ``geo.locate``; it trims the oversized
   96.01 Sorong polygon back to ~1x its official area) and the ~390 simplification slivers are
   resolved. Without it ``coverage_simplify`` would run on overlapping input, which GEOS documents
   as possibly invalid. On shapely/GEOS builds without ``coverage_clean`` (GEOS < 3.14) the raw
   polygons are used and step 3's fallback catches what breaks.
2. Islets go: parts under ``min_islet_area`` square degrees (and under a quarter of the unit's
   largest part) are dropped, but the largest part always stays, so no unit ever disappears:
   Kota Tual, Kota Sibolga or the all-islet Kepulauan Seribu keep their polygons.
3. ``shapely.coverage_simplify`` (Visvalingam-Whyatt over shared edges, so neighbours get no gaps
   or overlaps). If it raises, or yields an invalid/empty/non-polygonal unit, that unit alone is
   redone with ``shapely.simplify(preserve_topology=True)``.
4. Coordinates are rounded to ``COORDINATE_DECIMALS`` (~11 m). Shared vertices round alike, so
   borders stay shared; the ~20 units that rounding makes invalid are snap-rounded with
   ``shapely.set_precision`` instead (always valid), which can shift their borders by one grid
   step: about 0.04 km² of overlap in total, far below anything a map can show.
5. Exterior rings are written clockwise (``orient_polygons(exterior_cw=True)``), the d3-geo /
   plotly ``choropleth`` convention; Mapbox/MapLibre traces do not care.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.errors import GEOSException

from geo.boundaries import load_kabupaten_boundaries, load_kecamatan_boundaries

logger = logging.getLogger(__name__)

DEFAULT_TOLERANCE = 0.02
"""Degrees; VW drops triangles under tolerance² (~5 km²). Gives ~229 kB gzip, 43k vertices.

0.015 would give ~267 kB, over the 250 kB budget. The cost is borne by the smallest cities: Kota
Sibolga (11 km², 18 source vertices) is drawn with 5 vertices, IoU ~0.5 with its full outline.
"""
DEFAULT_MIN_ISLET_AREA = 5e-4
"""Square degrees, about 6 km² at the equator: invisible below province zoom."""
KECAMATAN_TOLERANCE = 0.0005
"""Degrees (~55 m): the pack's kecamatan are coarse already (median 22 vertices), so this only
trims noise. One kabupaten's layer is then ~2.7 kB gzip at the median, ~50 kB at the largest."""
KECAMATAN_MIN_ISLET_AREA = 1e-7
"""Square degrees, about one hectare: kecamatan are small and some are all islets."""
ISLET_SHARE_OF_LARGEST = 0.25
COORDINATE_DECIMALS = 4
ETAG_HEX_CHARS = 32
GZIP_LEVEL = 9
POLYGON_TYPE_IDS = (3, 6)

Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class DisplayGeometry:
    """The map's GeoJSON plus what the server and the map need next to it (ETag, zoom bounds)."""

    body: bytes
    etag: str
    gzip_size: int
    feature_count: int
    bounds: dict[str, Bounds]
    province_bounds: dict[str, Bounds]


def build_display_geojson(
    geo_dir: Path,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    min_islet_area: float = DEFAULT_MIN_ISLET_AREA,
) -> DisplayGeometry:
    """Build the simplified map layer from the full-resolution pack; deterministic byte for byte."""
    boundaries = load_kabupaten_boundaries(geo_dir)
    kodes = boundaries["kode"].astype(str).tolist()
    coverage = clean_coverage(boundaries.geometry.to_numpy(), kodes)
    shapes = display_shapes(coverage, kodes, tolerance=tolerance, min_islet_area=min_islet_area)
    body = feature_collection_bytes(boundaries, shapes)
    kabupaten_bounds = bounds_by_kode(kodes, coverage)
    return DisplayGeometry(
        body=body,
        etag=strong_etag(body),
        gzip_size=len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)),
        feature_count=len(kodes),
        bounds=kabupaten_bounds,
        province_bounds=province_bounds(boundaries["kode_prov"].astype(str).tolist(), kabupaten_bounds),
    )


@functools.lru_cache
def get_display_geojson(geo_dir: Path) -> DisplayGeometry:
    """Build the map layer once per process; it never changes while the pack does not."""
    return build_display_geojson(geo_dir)


@functools.lru_cache(maxsize=1)
def _kecamatan_frame(geo_dir: Path) -> gpd.GeoDataFrame:
    """The kecamatan layer, read once per process for every kabupaten's map."""
    return load_kecamatan_boundaries(geo_dir)


def build_kecamatan_display(geo_dir: Path, kabupaten: str) -> DisplayGeometry | None:
    """One kabupaten's kecamatan as a light coverage (None for a code with no kecamatan).

    The same pipeline as the kabupaten layer: the eight 2026 kecamatan drawn on their parents
    keep the overlap (the smaller unit wins, as in geo.locate), so nothing is drawn, or summed, twice.
    """
    frame = _kecamatan_frame(geo_dir)
    units = frame[frame["kode_kab"] == kabupaten].reset_index(drop=True)
    if units.empty:
        return None
    kodes = units["kode"].astype(str).tolist()
    coverage = clean_coverage(units.geometry.to_numpy(), kodes)
    shapes = display_shapes(
        coverage, kodes, tolerance=KECAMATAN_TOLERANCE, min_islet_area=KECAMATAN_MIN_ISLET_AREA
    )
    body = feature_collection_bytes(units, shapes, parent="kode_kab")
    return DisplayGeometry(
        body=body,
        etag=strong_etag(body),
        gzip_size=len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)),
        feature_count=len(kodes),
        bounds=bounds_by_kode(kodes, coverage),
        province_bounds={},
    )


@functools.lru_cache(maxsize=1024)
def get_kecamatan_display(geo_dir: Path, kabupaten: str) -> DisplayGeometry | None:
    """Build a kabupaten's kecamatan layer on first request (about 7 ms), then keep it."""
    return build_kecamatan_display(geo_dir, kabupaten)


def clean_coverage(geometries: np.ndarray, kodes: list[str]) -> np.ndarray:
    """Resolve overlaps and slivers first, so coverage simplification has a valid coverage."""
    cleaner: Callable[..., np.ndarray] | None = getattr(shapely, "coverage_clean", None)
    if cleaner is None:
        logger.warning("shapely.coverage_clean unavailable (needs GEOS >= 3.14); not cleaning")
        return geometries
    try:
        cleaned = np.asarray(cleaner(geometries, merge_strategy="min_area"), dtype=object)
    except (GEOSException, shapely.errors.UnsupportedGEOSVersionError) as error:
        logger.warning("coverage_clean failed (%s); using the raw polygons", error)
        return geometries
    return _keep_usable(cleaned, geometries, kodes, step="coverage_clean")


def display_shapes(
    coverage: np.ndarray, kodes: list[str], *, tolerance: float, min_islet_area: float
) -> np.ndarray:
    """Turn the clean coverage into light, valid, clockwise shapes, one per unit, none empty."""
    without_islets = np.array([drop_islets(shape, min_islet_area) for shape in coverage])
    simplified = simplify_coverage(without_islets, kodes, tolerance)
    oriented = shapely.orient_polygons(snap_to_grid(simplified), exterior_cw=True)
    unusable = [kode for kode, ok in zip(kodes, is_usable(oriented), strict=True) if not ok]
    if unusable:
        raise ValueError(f"display geometry invalid or empty for {unusable[:5]}")
    return oriented


def drop_islets(shape: shapely.Geometry, min_islet_area: float) -> shapely.Geometry:
    """Drop parts too small to see, but always keep the largest so no unit vanishes."""
    parts = shapely.get_parts(shape)
    areas = shapely.area(parts)
    keep = (areas >= min_islet_area) | (areas >= ISLET_SHARE_OF_LARGEST * areas.max())
    return shapely.multipolygons(parts[keep])


def simplify_coverage(geometries: np.ndarray, kodes: list[str], tolerance: float) -> np.ndarray:
    """Simplify shared borders once for both neighbours; per-unit fallback if GEOS balks."""
    try:
        simplified = np.asarray(shapely.coverage_simplify(geometries, tolerance), dtype=object)
    except GEOSException as error:
        logger.warning("coverage_simplify failed (%s); simplifying units one by one", error)
        simplified = np.full(len(geometries), None, dtype=object)
    fallback = shapely.simplify(geometries, tolerance, preserve_topology=True)
    return _keep_usable(simplified, fallback, kodes, step="coverage_simplify")


def snap_to_grid(geometries: np.ndarray, decimals: int = COORDINATE_DECIMALS) -> np.ndarray:
    """Round coordinates to shrink the file; snap-round only units that rounding made invalid."""
    rounded = _round_coordinates(geometries, decimals)
    broken = ~is_usable(rounded)
    if broken.any():
        snapped = shapely.set_precision(geometries[broken], 10.0**-decimals)
        rounded[broken] = _round_coordinates(snapped, decimals)
    return rounded


def _round_coordinates(geometries: np.ndarray, decimals: int) -> np.ndarray:
    """Round every vertex identically, so vertices shared by neighbours stay shared."""
    return np.asarray(shapely.transform(geometries, lambda xy: np.round(xy, decimals)))


def is_usable(geometries: np.ndarray) -> np.ndarray:
    """A shape the map can draw: present, non-empty, valid and polygonal."""
    present = ~shapely.is_missing(geometries)
    polygonal = np.isin(shapely.get_type_id(geometries), POLYGON_TYPE_IDS)
    return present & polygonal & ~shapely.is_empty(geometries) & shapely.is_valid(geometries)


def _keep_usable(candidates: np.ndarray, fallback: np.ndarray, kodes: list[str], *, step: str) -> np.ndarray:
    """Take each candidate that is usable, otherwise that unit's fallback, and say which."""
    usable = is_usable(candidates)
    if not usable.all():
        replaced = [kode for kode, ok in zip(kodes, usable, strict=True) if not ok]
        logger.warning("%s unusable for %d units, fell back: %s", step, len(replaced), replaced)
    return np.where(usable, candidates, fallback)


def feature_collection_bytes(
    boundaries: gpd.GeoDataFrame, shapes: np.ndarray, parent: str = "kode_prov"
) -> bytes:
    """Serialise compactly (no spaces, id = kode, kode, nama and the parent's code) as UTF-8 GeoJSON."""
    rows = zip(boundaries["kode"], boundaries["nama"], boundaries[parent], shapes, strict=True)
    features = [
        {
            "type": "Feature",
            "id": str(kode),
            "properties": {"kode": str(kode), "nama": str(nama), parent: str(parent_kode)},
            "geometry": geometry_mapping(shape),
        }
        for kode, nama, parent_kode, shape in rows
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def geometry_mapping(shape: shapely.Geometry) -> dict[str, Any]:
    """GeoJSON geometry keeping ring order as oriented; a single part is written as a Polygon."""
    polygons = [
        [_ring_coordinates(polygon.exterior), *map(_ring_coordinates, polygon.interiors)]
        for polygon in shapely.get_parts(shape)
    ]
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _ring_coordinates(ring: shapely.LinearRing) -> list[list[float]]:
    """The ring's already-rounded coordinates as plain lists for json."""
    return shapely.get_coordinates(ring).tolist()


def strong_etag(body: bytes) -> str:
    """A strong validator: identical bytes, identical tag, across processes and restarts."""
    return f'"{hashlib.sha256(body).hexdigest()[:ETAG_HEX_CHARS]}"'


def bounds_by_kode(kodes: list[str], geometries: np.ndarray) -> dict[str, Bounds]:
    """Zoom boxes from the full-resolution shapes (islets included), rounded outwards."""
    return {kode: _outward(box) for kode, box in zip(kodes, shapely.bounds(geometries), strict=True)}


def province_bounds(province_codes: list[str], kabupaten_bounds: dict[str, Bounds]) -> dict[str, Bounds]:
    """A province's zoom box is the union of its units' boxes."""
    merged: dict[str, Bounds] = {}
    for province, box in zip(province_codes, kabupaten_bounds.values(), strict=True):
        current = merged.get(province, box)
        merged[province] = (
            min(current[0], box[0]),
            min(current[1], box[1]),
            max(current[2], box[2]),
            max(current[3], box[3]),
        )
    return merged


def _outward(box: np.ndarray, decimals: int = COORDINATE_DECIMALS) -> Bounds:
    """Round a (minlon, minlat, maxlon, maxlat) box outwards so it still encloses the unit."""
    scale = 10.0**decimals
    low = np.floor(box[:2] * scale) / scale
    high = np.ceil(box[2:] * scale) / scale
    return (float(low[0]), float(low[1]), float(high[0]), float(high[1]))
