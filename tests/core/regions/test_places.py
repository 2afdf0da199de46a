"""The one kecamatan rule: named code, else an unambiguous typed name, else the point; mismatches flagged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from core.regions.directory import RegionDirectory, build_directory, get_directory, name_key
from core.regions.places import KecamatanPlace, settle_kecamatan
from geo.datapack import KECAMATAN_CODES_CSV, require_file
from geo.locate import KecamatanLocator, get_kecamatan_locator


@pytest.fixture(scope="module")
def directory(geo_dir: Path) -> RegionDirectory:
    return get_directory(geo_dir)


@pytest.fixture(scope="module")
def areas(geo_dir: Path) -> KecamatanLocator:
    return get_kecamatan_locator(geo_dir)


@pytest.fixture(scope="module")
def labels(geo_dir: Path) -> dict[str, tuple[float, float]]:
    """Each kecamatan's label point, from the pack's CSV (a point inside its largest part)."""
    frame = pd.read_csv(require_file(geo_dir, KECAMATAN_CODES_CSV), dtype=str)
    return {row.kode: (float(row.label_lat), float(row.label_lng)) for row in frame.itertuples()}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Teramang Jaya", "teramangjaya"),
        ("Kec. Teramang Jaya", "teramangjaya"),
        ("KECAMATAN  tanah-grogot", "tanahgrogot"),
        ("Distrik Wamena", "wamena"),
        ("Muko-Muko Bathin VII", "mukomukobathinvii"),
        ("Mukomuko Bathin VII", "mukomukobathinvii"),
        ("Kota Agung", "kotaagung"),  # "Kota" is part of the name, not a level word
    ],
)
def test_a_typed_name_is_reduced_to_its_key(typed: str, key: str) -> None:
    assert name_key(typed) == key


@pytest.mark.parametrize(
    ("kabupaten", "typed", "expected"),
    [
        ("17.06", "Teramang Jaya", "17.06.08"),  # Mukomuko, named in the reports that began the project
        ("17.06", "kec teramang jaya", "17.06.08"),
        ("64.01", "Tanah Grogot", "64.01.04"),  # Paser
        ("17.06", "Tanah Grogot", None),  # a real kecamatan, of another kabupaten
        ("33.13", "Karanganyar", "33.13.09"),  # six kabupaten have a Karanganyar: only 33.13's counts here
        ("17.06", "Karanganyar", None),
        ("17.06", "Teramang", None),  # a prefix is a search, not a match
        ("81.02", "Kei Kecil", "81.02.01"),
    ],
)
def test_a_typed_name_matches_only_within_the_kabupaten(
    directory: RegionDirectory, kabupaten: str, typed: str, expected: str | None
) -> None:
    assert directory.match_kecamatan(kabupaten, typed) == expected


def test_a_name_two_kecamatan_share_matches_neither() -> None:
    namesakes = build_directory([("11.01.01", "11.01", "Baru"), ("11.01.02", "11.01", "BARU")], [])
    assert namesakes.match_kecamatan("11.01", "Baru") is None


Settle = Callable[..., KecamatanPlace]


@pytest.fixture(scope="module")
def settle(
    directory: RegionDirectory, areas: KecamatanLocator, labels: dict[str, tuple[float, float]]
) -> Settle:
    """The rule for a report of `kabupaten` pointing at the label point of kecamatan `at`."""

    def run(kabupaten: str, at: str, named: str | None = None, typed: str | None = None) -> KecamatanPlace:
        lat, lon = labels[at]
        return settle_kecamatan(
            kabupaten=kabupaten,
            named=named,
            typed_name=typed,
            latitude=lat,
            longitude=lon,
            directory=directory,
            areas=areas,
        )

    return run


def test_the_point_fills_the_kecamatan_when_nothing_names_it(settle: Settle) -> None:
    place = settle("17.06", at="17.06.08")
    assert (place.kecamatan_kode, place.located_kecamatan_kode, place.kecamatan_mismatch) == (
        "17.06.08",
        "17.06.08",
        False,
    )


@pytest.mark.parametrize("how", ["named", "typed"])
def test_a_kecamatan_that_does_not_hold_the_point_is_kept_and_flagged(settle: Settle, how: str) -> None:
    named, typed = ("17.06.08", None) if how == "named" else (None, "Teramang Jaya")
    place = settle("17.06", at="17.06.01", named=named, typed=typed)  # a point in another kecamatan
    assert (place.kecamatan_kode, place.located_kecamatan_kode, place.kecamatan_mismatch) == (
        "17.06.08",
        "17.06.01",
        True,
    )
    assert place.by_name is (how == "typed")


def test_a_point_in_another_kabupaten_gives_no_code_of_this_one(settle: Settle) -> None:
    place = settle("17.06", at="64.01.04")  # Tanah Grogot, Paser, for a report filed under Mukomuko
    assert (place.kecamatan_kode, place.located_kecamatan_kode) == (None, "64.01.04")
