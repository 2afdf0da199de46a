"""Which kabupaten/kota border which: computed once from the pack's full-resolution boundaries.

The pack's polygons are not topologically clean (see its README, "Known data issues"): about
390 units overlap a neighbour in slivers, and simplification leaves gaps of up to a few hundred
metres between others that share a border on the ground (31.73 Jakarta Barat and 36.03
Tangerang, 33.09 Boyolali and 34.04 Sleman). "Touches" in the strict sense would miss both, so
two units are neighbours when their polygons come within NEIGHBOUR_GAP_DEG of each other;
islands across a wider strait are not neighbours.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import shapely

# About 550 m: closes every simplification gap seen in the pack, spans no real strait.
NEIGHBOUR_GAP_DEG = 0.005


def neighbour_pairs(kodes: np.ndarray, geometries: np.ndarray, gap_deg: float) -> set[tuple[str, str]]:
    """Every unordered pair (lower kode first) of units whose polygons lie within gap_deg."""
    tree = shapely.STRtree(geometries)
    left, right = tree.query(geometries, predicate="dwithin", distance=gap_deg)
    return {(kodes[i], kodes[j]) for i, j in zip(left, right, strict=True) if kodes[i] < kodes[j]}


def neighbours_from_pairs(kodes: np.ndarray, pairs: set[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each kode's neighbours (itself excluded), every kode present even when it has none."""
    found: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        found[a].add(b)
        found[b].add(a)
    return {str(kode): frozenset(found.get(kode, ())) for kode in kodes}


@functools.lru_cache
def kabupaten_neighbours(geo_dir: Path) -> Mapping[str, frozenset[str]]:
    """The bordering kabupaten/kota of each one, once per process (about a second)."""
    from geo.boundaries import load_kabupaten_boundaries

    boundaries = load_kabupaten_boundaries(geo_dir)
    kodes = boundaries["kode"].astype(str).to_numpy(dtype=object)
    pairs = neighbour_pairs(kodes, boundaries.geometry.to_numpy(), NEIGHBOUR_GAP_DEG)
    return neighbours_from_pairs(kodes, pairs)
