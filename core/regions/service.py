"""The region registry: seeding from the data pack, code normalisation, zones, look-ups."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select

from core.errors import InvalidInput, NotFound, UnknownKabupaten
from geo.datapack import require_file
from models.region import Kabupaten, KabupatenPublic, Province, ProvincePublic

PROVINCE_CSV = "kode_provinsi_kemendagri2025.csv"
KABUPATEN_CSV = "kode_kabkota_kemendagri2025.csv"
_KODE_RE = re.compile(r"^\s*(\d{2})\.?(\d{2})\s*$")
_PROV_RE = re.compile(r"^\s*(\d{2})\s*$")

WIB = ("Asia/Jakarta", "WIB")
WITA = ("Asia/Makassar", "WITA")
WIT = ("Asia/Jayapura", "WIT")
_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}


def normalize_kabupaten_kode(raw: str, field: str = "kabupaten_kode") -> str:
    """Accept '81.02' or '8102' and return the dotted Kemendagri form."""
    match = _KODE_RE.match(raw or "")
    if not match:
        raise UnknownKabupaten(raw, field)
    return f"{match.group(1)}.{match.group(2)}"


def kabupaten_kode_or_not_found(raw: str) -> str:
    """A code named in a URL: anything that is not a kabupaten is simply not there."""
    try:
        return normalize_kabupaten_kode(raw, "kode")
    except UnknownKabupaten as exc:
        raise NotFound(f"kabupaten/kota '{raw}' not found") from exc


def normalize_province_kode(raw: str, field: str = "provinsi") -> str:
    """Province codes are two digits ('81')."""
    match = _PROV_RE.match(raw or "")
    if not match:
        raise InvalidInput.single(field, f"{field} '{raw}' is not a two-digit province code")
    return match.group(1)


def zone_of_province(kode_prov: str) -> tuple[str, str]:
    """IANA zone and its Indonesian name (WIB/WITA/WIT) for a province, per UU/Keppres 41/1987."""
    if kode_prov in _WITA_PROVINCES:
        return WITA
    if int(kode_prov) >= 81:
        return WIT
    return WIB


def province_of(kabupaten_kode: str) -> str:
    """The province part of a dotted kabupaten code."""
    return kabupaten_kode.split(".", 1)[0]


@functools.lru_cache(maxsize=1024)  # asked for every report stored; there are 514 kabupaten/kota
def zone_of_kabupaten(kabupaten_kode: str) -> ZoneInfo:
    """The local zone reports from this kabupaten are read and shown in."""
    return ZoneInfo(zone_of_province(province_of(kabupaten_kode))[0])


def local_day(kabupaten_kode: str, instant: datetime) -> date:
    """The kabupaten's own calendar day of an instant (what daily aggregates count by)."""
    return instant.astimezone(zone_of_kabupaten(kabupaten_kode)).date()


@dataclass(frozen=True)
class SeedResult:
    provinces: int
    kabupaten: int


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _optional_float(value: str) -> float | None:
    return float(value) if value not in ("", None) else None


def _optional_int(value: str) -> int | None:
    return int(float(value)) if value not in ("", None) else None


def province_rows(geo_dir: Path) -> list[Province]:
    """Provinces as the data pack lists them, with their time zone."""
    rows = _read_csv(require_file(geo_dir, PROVINCE_CSV))
    provinces = []
    for row in rows:
        kode = normalize_province_kode(row["kode"], "kode")
        timezone, zona = zone_of_province(kode)
        provinces.append(
            Province(
                kode=kode,
                nama=row["nama"].strip(),
                timezone=timezone,
                zona=zona,
                luas_km2=_optional_float(row.get("luas_km2", "")),
                penduduk=_optional_int(row.get("penduduk_total", "")),
            )
        )
    return provinces


def kabupaten_rows(geo_dir: Path) -> list[Kabupaten]:
    """Kabupaten/kota as the data pack lists them."""
    rows = _read_csv(require_file(geo_dir, KABUPATEN_CSV))
    return [
        Kabupaten(
            kode=normalize_kabupaten_kode(row["kode"], "kode"),
            kode_prov=normalize_province_kode(row["kode_prov"], "kode_prov"),
            nama=row["nama"].strip(),
            jenis=row["jenis"].strip(),
            label_lat=float(row["label_lat"]),
            label_lng=float(row["label_lng"]),
            luas_km2=_optional_float(row.get("luas_km2", "")),
            penduduk=_optional_int(row.get("penduduk_total", "")),
        )
        for row in rows
    ]


def seed_regions(*, session: Session, geo_dir: Path) -> SeedResult:
    """Load or refresh the registry; running it twice leaves the same rows."""
    provinces = province_rows(geo_dir)
    kabupaten = kabupaten_rows(geo_dir)
    for province in provinces:
        session.merge(province)
    session.flush()
    for kab in kabupaten:
        session.merge(kab)
    session.commit()
    return SeedResult(provinces=len(provinces), kabupaten=len(kabupaten))


def count_kabupaten(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(Kabupaten)).one()


def list_provinces(*, session: Session) -> list[ProvincePublic]:
    """Every province with how many kabupaten/kota it has."""
    counts = dict(session.exec(select(Kabupaten.kode_prov, func.count()).group_by(Kabupaten.kode_prov)).all())
    provinces = session.exec(select(Province).order_by(Province.kode)).all()
    return [ProvincePublic(**p.model_dump(), kabupaten_count=counts.get(p.kode, 0)) for p in provinces]


def _public(kab: Kabupaten, province: Province) -> KabupatenPublic:
    return KabupatenPublic(
        **kab.model_dump(),
        nama_prov=province.nama,
        timezone=province.timezone,
        zona=province.zona,
    )


def list_kabupaten(*, session: Session, provinsi: str | None = None) -> list[KabupatenPublic]:
    """Kabupaten/kota, all or one province's, in code order."""
    query = select(Kabupaten, Province).join(Province).order_by(Kabupaten.kode)
    if provinsi is not None:
        query = query.where(Kabupaten.kode_prov == normalize_province_kode(provinsi))
    return [_public(kab, prov) for kab, prov in session.exec(query).all()]


def get_kabupaten(*, session: Session, kode: str) -> KabupatenPublic:
    """One kabupaten by either code form; NotFound when the registry lacks it."""
    kode = kabupaten_kode_or_not_found(kode)
    row = session.exec(select(Kabupaten, Province).join(Province).where(Kabupaten.kode == kode)).first()
    if row is None:
        raise NotFound(f"kabupaten/kota '{kode}' not found")
    return _public(*row)


_KNOWN_KABUPATEN: dict[str, frozenset[str]] = {}


def existing_kabupaten(*, session: Session, kodes: set[str]) -> set[str]:
    """Which of these dotted codes are in the registry.

    The registry is fixed while the server runs, so its codes are read once per database
    and re-read only when a code is missing (a registry seeded since, or a wrong code).
    """
    key = session.get_bind().url.render_as_string(hide_password=False)
    known = _KNOWN_KABUPATEN.get(key)
    if known is None or not kodes <= known:
        known = _KNOWN_KABUPATEN[key] = frozenset(session.exec(select(Kabupaten.kode)).all())
    return kodes & known
