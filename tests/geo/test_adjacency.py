"""Kabupaten neighbours: shared borders (across the pack's gaps and slivers), never across the sea."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

from geo.adjacency import NEIGHBOUR_GAP_DEG, kabupaten_neighbours, neighbour_pairs, neighbours_from_pairs


def _square(x: float, size: float = 1.0) -> shapely.Polygon:
    return shapely.box(x, 0.0, x + size, size)


@pytest.mark.parametrize(
    ("second_x", "neighbours"),
    [
        (1.0, True),  # a shared edge
        (0.9, True),  # a sliver overlap
        (1.0 + NEIGHBOUR_GAP_DEG / 2, True),  # a simplification gap
        (1.0 + NEIGHBOUR_GAP_DEG * 3, False),  # a strait
        (5.0, False),
    ],
)
def test_two_units_are_neighbours_when_their_polygons_come_within_the_gap(
    second_x: float, neighbours: bool
) -> None:
    kodes = np.array(["11.01", "11.02"], dtype=object)
    pairs = neighbour_pairs(kodes, np.array([_square(0.0), _square(second_x)]), NEIGHBOUR_GAP_DEG)
    assert pairs == ({("11.01", "11.02")} if neighbours else set())


def test_neighbours_are_symmetric_and_every_kode_is_listed() -> None:
    kodes = np.array(["11.01", "11.02", "11.03"], dtype=object)
    assert neighbours_from_pairs(kodes, {("11.01", "11.02")}) == {
        "11.01": frozenset({"11.02"}),
        "11.02": frozenset({"11.01"}),
        "11.03": frozenset(),
    }


BORDERS = [
    ("31.71", "31.72", True),  # Jakarta Pusat, Jakarta Utara
    ("31.73", "36.03", True),  # Jakarta Barat, Tangerang: a gap in the pack's polygons
    ("33.09", "34.04", True),  # Boyolali, Sleman: the same
    ("81.02", "81.72", True),  # Maluku Tenggara, Kota Tual
    ("96.01", "96.04", True),  # Sorong and Tambrauw (the pack's big overlap)
    ("81.71", "81.02", False),  # Ambon, Maluku Tenggara: far apart
    ("51.71", "52.71", False),  # Denpasar, Mataram: the Lombok Strait
    ("31.71", "31.71", False),  # never its own neighbour
]


@pytest.mark.parametrize(("a", "b", "neighbours"), BORDERS)
def test_the_pack_borders(geo_dir: Path, a: str, b: str, neighbours: bool) -> None:
    table = kabupaten_neighbours(geo_dir)
    assert (b in table[a]) is neighbours
    assert (a in table[b]) is neighbours


def test_every_kabupaten_is_listed_and_most_have_a_neighbour(geo_dir: Path) -> None:
    table = kabupaten_neighbours(geo_dir)
    assert len(table) == 514
    assert sum(1 for kodes in table.values() if kodes) >= 470  # islands alone stand apart
