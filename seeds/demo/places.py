"""The kabupaten/kota as the demo generator sees them, read once from the region registry."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from core.errors import WaspadaError
from core.regions.service import zone_of_kabupaten
from models.region import Kabupaten, Province
from seeds.demo.tables import PROVINCE_CAPITALS
from seeds.elections import APPOINTED_HEADS_PROVINCE, NO_GOVERNOR_ELECTION

NAME_PREFIXES = ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota ")
FALLBACK_POPULATION = 250_000


@dataclass(frozen=True, eq=False)
class Place:
    """One kabupaten/kota as the generator needs it."""

    kode: str
    prov: str
    nama: str
    short: str
    nama_prov: str
    is_kota: bool
    lat: float
    lng: float
    weight: float  # sqrt(population): big places report more, small ones still report
    zone: ZoneInfo

    @property
    def local_race(self) -> bool:
        """Whether a bupati/walikota is elected here (Jakarta's are appointed)."""
        return self.prov != APPOINTED_HEADS_PROVINCE

    @property
    def governor_race(self) -> bool:
        """Whether the province elects its governor (Yogyakarta's is not elected)."""
        return self.prov not in NO_GOVERNOR_ELECTION

    @property
    def local_label(self) -> str:
        """The local contest as the press names it: 'Pilbup Sampang', 'Pilwalkot Tual'."""
        return f"{'Pilwalkot' if self.is_kota else 'Pilbup'} {self.short}"


def short_name(nama: str) -> str:
    """'Kabupaten Sampang' -> 'Sampang', as people say it."""
    for prefix in NAME_PREFIXES:
        if nama.startswith(prefix):
            return nama.removeprefix(prefix)
    return nama


def load_places(session: Session) -> list[Place]:
    """Every kabupaten/kota of the registry in code order; the registry must be seeded."""
    rows = session.exec(select(Kabupaten, Province.nama).join(Province).order_by(col(Kabupaten.kode))).all()
    if not rows:
        raise WaspadaError("the region registry is empty; run `waspada seed regions` first")
    return places_from(rows)


def places_from(rows: Sequence[tuple[Kabupaten, str]]) -> list[Place]:
    """Places from kabupaten rows and their province names (a missing population: the median)."""
    known = [k.penduduk for k, _ in rows if k.penduduk]
    fallback = sorted(known)[len(known) // 2] if known else FALLBACK_POPULATION
    return [
        Place(
            kode=kab.kode,
            prov=kab.kode_prov,
            nama=kab.nama,
            short=short_name(kab.nama),
            nama_prov=nama_prov,
            is_kota=kab.jenis.strip().lower() == "kota",
            lat=kab.label_lat,
            lng=kab.label_lng,
            weight=math.sqrt(kab.penduduk or fallback),
            zone=zone_of_kabupaten(kab.kode),
        )
        for kab, nama_prov in rows
    ]


def capital_of(prov: str, places: Sequence[Place]) -> Place:
    """The provincial capital, or the most populous place if the registry lacks it."""
    in_prov = [p for p in places if p.prov == prov]
    by_kode = {p.kode: p for p in in_prov}
    return by_kode.get(PROVINCE_CAPITALS.get(prov, ""), max(in_prov, key=lambda p: p.weight))
