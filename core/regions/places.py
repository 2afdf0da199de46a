"""Which kecamatan a report is in, from what it says (a code, a desa, a typed name) and where it points.

One rule for intake and for the backfill of stored reports:
- a kecamatan the report names (by code, or by its desa's code) is kept;
- else a typed name that fits exactly one kecamatan of the kabupaten gives the code;
- else the kecamatan of the kabupaten holding the point (the smaller unit where two overlap);
- else none: land of a kabupaten that no kecamatan covers (Boalemo, Waropen) keeps the
  kabupaten and no kecamatan, and is never refused for it.
A named kecamatan whose area does not hold the point is flagged, as a kabupaten mismatch is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.regions.directory import RegionDirectory


class KecamatanAreas(Protocol):
    """What the rule needs of the boundary index (geo.locate.KecamatanLocator)."""

    def locate(self, latitude: float, longitude: float) -> str | None: ...

    def locate_in(self, kabupaten: str, latitude: float, longitude: float) -> str | None: ...

    def contains(self, kode: str, latitude: float, longitude: float) -> bool: ...


@dataclass(frozen=True)
class KecamatanPlace:
    kecamatan_kode: str | None
    located_kecamatan_kode: str | None
    kecamatan_mismatch: bool
    by_name: bool  # the code came from the typed name


NOWHERE = KecamatanPlace(None, None, False, False)


def settle_kecamatan(
    *,
    kabupaten: str,
    named: str | None,
    typed_name: str | None,
    latitude: float | None,
    longitude: float | None,
    directory: RegionDirectory | None,
    areas: KecamatanAreas | None,
) -> KecamatanPlace:
    """The report's kecamatan code, the one its point lies in, and whether the two disagree."""
    kode, by_name = named, False
    if kode is None and typed_name and directory is not None:
        kode = directory.match_kecamatan(kabupaten, typed_name)
        by_name = kode is not None
    if latitude is None or longitude is None or areas is None:
        return KecamatanPlace(kode, None, False, by_name)
    located = areas.locate_in(kabupaten, latitude, longitude) or areas.locate(latitude, longitude)
    if kode is None:
        inside = located if located is not None and located.startswith(f"{kabupaten}.") else None
        return KecamatanPlace(inside, located, False, False)
    mismatch = located is not None and not areas.contains(kode, latitude, longitude)
    return KecamatanPlace(kode, located, mismatch, by_name)
