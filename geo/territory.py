"""Is a point outside every kabupaten still Indonesia? Its own waters near its coast, yes; abroad, no.

A plain buffer cannot tell Singapore (about 20 km from Batam) from Indonesian sea, so a point
outside every kabupaten polygon is Indonesian only when both hold:
- it lies within TERRITORIAL_SEA_KM of a kabupaten (12 nautical miles, 22.2 km, plus slack for
  the pack's simplified coastlines), and
- the nearest populated place (GeoNames cities of 1,000+ people, shipped offline with the
  reverse_geocoder package) is in Indonesia.
Points inside a kabupaten polygon never get here, so Batam and Atambua stay Indonesian however
close Singapore or Timor-Leste is. A point at sea nearer a foreign town than an Indonesian one is
refused: the officer can correct it, which beats storing a report abroad.
"""

from __future__ import annotations

import reverse_geocoder

from geo.locate import KabupatenLocator

TERRITORIAL_SEA_KM = 25.0
INDONESIA = "ID"


def nearest_place_country(latitude: float, longitude: float) -> str:
    """ISO country code of the nearest town (the package loads its table once, about 1 s)."""
    return reverse_geocoder.search([(latitude, longitude)], mode=1, verbose=False)[0]["cc"]


def offshore_kabupaten(locator: KabupatenLocator, latitude: float, longitude: float) -> str | None:
    """The kabupaten whose waters hold a point outside every polygon, or None when it is abroad."""
    kode = locator.nearest_within(latitude, longitude, TERRITORIAL_SEA_KM)
    if kode is None or nearest_place_country(latitude, longitude) != INDONESIA:
        return None
    return kode
