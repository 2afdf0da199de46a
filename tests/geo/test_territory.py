"""Indonesia's land and its own waters near it, not its neighbours' (the cities of issue 12)."""

from __future__ import annotations

import pytest

from geo.locate import KabupatenLocator
from geo.territory import offshore_kabupaten


@pytest.mark.parametrize(
    ("place", "lat", "lon", "expected"),
    [
        ("Batam", 1.13, 104.05, "21.71"),
        ("Atambua", -9.106, 124.892, "53.04"),
        ("Jayapura", -2.533, 140.717, "91.71"),
    ],
)
def test_border_towns_lie_inside_their_kabupaten(
    locator: KabupatenLocator, place: str, lat: float, lon: float, expected: str
) -> None:
    assert locator.locate(lat, lon) == expected, place


@pytest.mark.parametrize(
    ("place", "lat", "lon"),
    [
        ("Singapore", 1.35, 103.82),  # about 20 km from Batam: inside a plain 12 nm buffer
        ("Kuala Lumpur", 3.139, 101.687),
        ("Dili", -8.556, 125.560),
        ("Port Moresby", -9.443, 147.180),
    ],
)
def test_neighbouring_capitals_are_abroad(
    locator: KabupatenLocator, place: str, lat: float, lon: float
) -> None:
    assert locator.locate(lat, lon) is None, place
    assert offshore_kabupaten(locator, lat, lon) is None, place


def test_the_sea_five_km_south_of_ambon_belongs_to_kota_ambon(locator: KabupatenLocator) -> None:
    assert locator.locate(-3.808, 128.18) is None  # at sea
    assert offshore_kabupaten(locator, -3.808, 128.18) == "81.71"


def test_the_open_ocean_is_not_anyones_waters(locator: KabupatenLocator) -> None:
    assert offshore_kabupaten(locator, -15.0, 110.0) is None  # Indian Ocean, far south of Java
