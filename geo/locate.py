"""Point-in-kabupaten and point-in-kecamatan lookup for report coordinates, backed by STRtrees."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

if TYPE_CHECKING:  # geopandas costs seconds to import; only get_locator needs it, lazily
    import geopandas as gpd

EQUAL_AREA_CRS = "EPSG:6933"


KM_PER_DEGREE = 111.32  # at the equator; Indonesia lies within 11 degrees of it, so this errs long


class AreaLocator:
    """Answer "which unit is this point in?" for single reports and bulk batches.

    Where boundaries overlap, the smallest unit containing the point wins, deterministically
    (ties broken by kode). `contains()` accepts every unit containing the point, so a report
    filed for either side of an overlap is not a mismatch.
    """

    def __init__(self, boundaries: gpd.GeoDataFrame) -> None:
        self._kodes = boundaries["kode"].astype(str).to_numpy(dtype=object)
        self._geometries = boundaries.geometry.to_numpy()
        shapely.prepare(self._geometries)
        self._tree = shapely.STRtree(self._geometries)
        self._index_by_kode = {kode: index for index, kode in enumerate(self._kodes)}
        self._preference = _smallest_area_first_rank(boundaries)

    @property
    def kodes(self) -> tuple[str, ...]:
        """All codes the locator knows, so callers can validate a kode without reloading."""
        return tuple(self._kodes)

    def locate(self, latitude: float, longitude: float) -> str | None:
        """Return the kode of the unit containing the point, None at sea or abroad."""
        matches = self._tree.query(_point(latitude, longitude), predicate="intersects")
        if len(matches) == 0:
            return None
        return self._kodes[matches[int(np.argmin(self._preference[matches]))]]

    def locate_many(
        self, latitudes: Sequence[float] | np.ndarray, longitudes: Sequence[float] | np.ndarray
    ) -> list[str | None]:
        """Locate a batch with one bulk STRtree query, so imports of 500 rows stay cheap."""
        points = _points(latitudes, longitudes)
        point_index, tree_index = self._tree.query(points, predicate="intersects")
        order = np.lexsort((self._preference[tree_index], point_index))
        located, first = np.unique(point_index[order], return_index=True)
        result: list[str | None] = [None] * len(points)
        for point, tree in zip(located, tree_index[order][first], strict=True):
            result[point] = self._kodes[tree]
        return result

    def contains(self, kode: str, latitude: float, longitude: float) -> bool:
        """Tell whether the point lies in the given kabupaten, counting every overlapping unit."""
        index = self._index_by_kode.get(kode)
        if index is None:
            return False
        return bool(shapely.intersects(self._geometries[index], _point(latitude, longitude)))

    def nearest_within(self, latitude: float, longitude: float, km: float) -> str | None:
        """The closest kabupaten no farther than `km` from a point, or None (the open sea, abroad).

        The tree first finds the few boundaries within reach (~10 us); exact distances are
        computed only for those, so a point far out at sea costs almost nothing.
        """
        point = _point(latitude, longitude)
        candidates = self._tree.query(point, predicate="dwithin", distance=km / KM_PER_DEGREE)
        if len(candidates) == 0:
            return None
        distances = shapely.distance(self._geometries[candidates], point)
        return self._kodes[candidates[int(np.argmin(distances))]]

    def containing(self, latitude: float, longitude: float) -> list[str]:
        """List every unit containing the point, preferred first, to explain overlaps."""
        matches = self._tree.query(_point(latitude, longitude), predicate="intersects")
        matches = matches[np.argsort(self._preference[matches], kind="stable")]
        return [self._kodes[index] for index in matches]


class KabupatenLocator(AreaLocator):
    """The 514 kabupaten/kota. Why the smallest unit wins an overlap here:

    the pack's 96.01 Kabupaten Sorong polygon is 1.69x its official area and spills over 96.04
    Tambrauw and 96.05 Maybrat; the ~390 simplification slivers behave the same way on a smaller
    scale. The oversized polygon is the known-bad one, so the smaller unit is the plausible answer.
    """


class KecamatanLocator(AreaLocator):
    """The 7,285 kecamatan. Why the smallest unit wins an overlap here:

    eight kecamatan created in 2026 (72.01.24 Toili Jaya, 92.02.31-35 in Manokwari, ...) are
    drawn on top of their parent kecamatan, which was never cut back. The newer unit is the
    smaller one, so "smallest wins" puts a point in Toili Jaya rather than in Toili.
    """

    def locate_in(self, kabupaten: str, latitude: float, longitude: float) -> str | None:
        """The preferred kecamatan of this kabupaten holding the point; None where no kecamatan covers it."""
        prefix = f"{kabupaten}."
        return next((kode for kode in self.containing(latitude, longitude) if kode.startswith(prefix)), None)


def _point(latitude: float, longitude: float) -> shapely.Point:
    """One lon/lat point (a quarter of the array path's cost); non-finite gives an empty point."""
    if math.isfinite(latitude) and math.isfinite(longitude):
        return shapely.Point(longitude, latitude)
    return shapely.Point()


def _points(latitudes: Sequence[float] | np.ndarray, longitudes: Sequence[float] | np.ndarray) -> np.ndarray:
    """Build lon/lat points; non-finite coordinates become empty points that match nothing."""
    lat = np.asarray(latitudes, dtype=float)
    lon = np.asarray(longitudes, dtype=float)
    if lat.shape != lon.shape or lat.ndim != 1:
        raise ValueError("latitudes and longitudes must be 1-D sequences of equal length")
    points = shapely.points(lon, lat)
    points[~(np.isfinite(lat) & np.isfinite(lon))] = shapely.Point()
    return points


def _smallest_area_first_rank(boundaries: gpd.GeoDataFrame) -> np.ndarray:
    """Rank units by true area (then kode) so overlap resolution prefers the smaller unit."""
    areas = boundaries.geometry.to_crs(EQUAL_AREA_CRS).area.to_numpy()
    kodes = boundaries["kode"].astype(str).to_numpy()
    order = np.lexsort((kodes, areas))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


@functools.lru_cache
def get_locator(geo_dir: Path) -> KabupatenLocator:
    """Load the boundaries once per process; building the tree takes about a second."""
    from geo.boundaries import load_kabupaten_boundaries

    return KabupatenLocator(load_kabupaten_boundaries(geo_dir))


@functools.lru_cache
def get_kecamatan_locator(geo_dir: Path) -> KecamatanLocator:
    """Load the kecamatan once per process (about half a second)."""
    from geo.boundaries import load_kecamatan_boundaries

    return KecamatanLocator(load_kecamatan_boundaries(geo_dir))
