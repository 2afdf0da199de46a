"""Below the kabupaten: kecamatan and desa/kelurahan from the data pack, their codes and a name search.

Codes are Kemendagri's dotted forms ('81.02.05', '81.02.05.2001'); the undotted forms are
accepted. The search folds case, accents and punctuation, and matches the start of the name or
of any word in it, so 'tera' finds 'Teramang Jaya' and 'jaya' finds it too.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from core.errors import InvalidInput, NotFound
from core.regions.service import kabupaten_kode_or_not_found
from geo.datapack import DESA_CODES_CSV, KECAMATAN_CODES_CSV, require_file
from models.region import (
    Desa,
    DesaEntry,
    DesaPublic,
    Kabupaten,
    KabupatenPlaces,
    Kecamatan,
    KecamatanPlaces,
    KecamatanPublic,
    RegionMatch,
)

_KECAMATAN_RE = re.compile(r"^\s*(\d{2})\.?(\d{2})\.?(\d{2})\s*$")
_DESA_RE = re.compile(r"^\s*(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})\s*$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
SEED_CHUNK = 5000
MIN_QUERY_CHARS = 2
MAX_RESULTS = 50


def fold_name(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: 'Ma'rang  Jaya' and 'MARANG jaya' agree."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("'", "").replace("\u2019", "").replace("`", "")
    return _NOT_WORD.sub(" ", plain).strip()


def _dotted(raw: str, pattern: re.Pattern[str], field: str, level: str, example: str) -> str:
    """A code in its dotted or undotted form, returned dotted; a 422 naming the field otherwise."""
    match = pattern.match(raw or "")
    if not match:
        raise InvalidInput.single(
            field, f"{field} '{raw}' is not a {level} code like {example}", "invalid_code"
        )
    return ".".join(match.groups())


def normalize_kecamatan_kode(raw: str, field: str = "kecamatan_kode") -> str:
    """'81.02.05' or '810205' in, '81.02.05' out."""
    return _dotted(raw, _KECAMATAN_RE, field, "kecamatan", "81.02.05")


def normalize_desa_kode(raw: str, field: str = "desa_kode") -> str:
    """'81.02.05.2001' or '8102052001' in, '81.02.05.2001' out."""
    return _dotted(raw, _DESA_RE, field, "desa", "81.02.05.2001")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def kecamatan_rows(geo_dir: Path) -> list[dict[str, Any]]:
    """The 7,285 kecamatan of the data pack as table rows."""
    return [
        {
            "kode": normalize_kecamatan_kode(row["kode"], "kode"),
            "kode_kab": row["kode_kab"].strip(),
            "nama": row["nama"].strip(),
            "label_lat": float(row["label_lat"]),
            "label_lng": float(row["label_lng"]),
            "search_name": fold_name(row["nama"]),
        }
        for row in _rows(require_file(geo_dir, KECAMATAN_CODES_CSV))
    ]


def desa_rows(geo_dir: Path) -> list[dict[str, Any]]:
    """The 83,762 desa/kelurahan of the data pack as table rows."""
    return [
        {
            "kode": normalize_desa_kode(row["kode"], "kode"),
            "kode_kec": row["kode_kec"].strip(),
            "nama": row["nama"].strip(),
            "jenis": row["jenis"].strip(),
            "search_name": fold_name(row["nama"]),
        }
        for row in _rows(require_file(geo_dir, DESA_CODES_CSV))
    ]


def _upsert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or refresh in chunks (a merge per row would take minutes for 83,762 desa)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(rows), SEED_CHUNK):
        statement = insert(table)
        updated = {c.name: statement.excluded[c.name] for c in table.columns if not c.primary_key}
        session.execute(
            statement.on_conflict_do_update(index_elements=["kode"], set_=updated),
            list(rows[start : start + SEED_CHUNK]),
        )


@dataclass(frozen=True)
class LocalSeedResult:
    kecamatan: int
    desa: int


def seed_kecamatan_and_desa(*, session: Session, geo_dir: Path) -> LocalSeedResult:
    """Load or refresh kecamatan and desa (after the kabupaten); running it twice changes nothing."""
    kecamatan = kecamatan_rows(geo_dir)
    desa = desa_rows(geo_dir)
    _upsert(session, Kecamatan.__table__, kecamatan)  # type: ignore[arg-type]
    _upsert(session, Desa.__table__, desa)  # type: ignore[arg-type]
    session.commit()
    return LocalSeedResult(kecamatan=len(kecamatan), desa=len(desa))


def count_kecamatan(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(Kecamatan)).one()


def _below(column: Any, parent: str) -> Any:
    """Codes under a dotted parent code, as an index range ('81.02.' <= kode < '81.02/')."""
    return (column >= f"{parent}.") & (column < f"{parent}/")


def _kabupaten(session: Session, raw: str) -> Kabupaten:
    """The kabupaten a URL names, in either code form; 404 when the registry lacks it."""
    kode = kabupaten_kode_or_not_found(raw)
    found = session.get(Kabupaten, kode)
    if found is None:
        raise NotFound(f"kabupaten/kota '{kode}' not found")
    return found


def list_kecamatan(*, session: Session, kabupaten: str) -> list[KecamatanPublic]:
    """A kabupaten's kecamatan in code order; 404 for a kabupaten the registry lacks."""
    kode = _kabupaten(session, kabupaten).kode
    rows = session.exec(select(Kecamatan).where(Kecamatan.kode_kab == kode).order_by(Kecamatan.kode)).all()
    return [KecamatanPublic.model_validate(row, from_attributes=True) for row in rows]


def kabupaten_places(*, session: Session, kabupaten: str) -> KabupatenPlaces:
    """Every kecamatan of a kabupaten with its desa, in code order: one body a phone keeps offline."""
    kab = _kabupaten(session, kabupaten)
    kecamatan = session.exec(
        select(Kecamatan.kode, Kecamatan.nama).where(Kecamatan.kode_kab == kab.kode).order_by(Kecamatan.kode)
    ).all()
    desa = session.exec(  # by the join, not a code range: a range on text depends on the collation
        select(Desa.kode, Desa.kode_kec, Desa.nama, Desa.jenis)
        .join(Kecamatan, col(Kecamatan.kode) == Desa.kode_kec)
        .where(Kecamatan.kode_kab == kab.kode)
        .order_by(Desa.kode)
    ).all()
    by_kecamatan: dict[str, list[DesaEntry]] = defaultdict(list)
    for kode, kode_kec, nama, jenis in desa:
        by_kecamatan[kode_kec].append(DesaEntry(kode=kode, nama=nama, jenis=jenis))
    entries = [KecamatanPlaces(kode=kode, nama=nama, desa=by_kecamatan[kode]) for kode, nama in kecamatan]
    return KabupatenPlaces(kode=kab.kode, nama=kab.nama, kecamatan=entries)


def list_desa(*, session: Session, kecamatan: str) -> list[DesaPublic]:
    """A kecamatan's desa/kelurahan in code order; 404 for an unknown kecamatan."""
    kode = normalize_kecamatan_kode(kecamatan, "kecamatan")
    if session.get(Kecamatan, kode) is None:
        raise NotFound(f"kecamatan '{kode}' not found")
    rows = session.exec(select(Desa).where(Desa.kode_kec == kode).order_by(Desa.kode)).all()
    return [DesaPublic.model_validate(row, from_attributes=True) for row in rows]


def _name_matches(column: Any, folded: str) -> Any:
    return or_(column.like(f"{folded}%"), column.like(f"% {folded}%"))


def _whole_name_first(column: Any, folded: str) -> Any:
    return column.like(f"{folded}%").desc()


def search_regions(
    *,
    session: Session,
    q: str,
    level: str | None = None,
    kabupaten: str | None = None,
    kecamatan: str | None = None,
    limit: int = 20,
) -> list[RegionMatch]:
    """Kecamatan and desa whose name (or a word of it) starts with q, whole-name matches first."""
    folded = fold_name(q)
    if len(folded) < MIN_QUERY_CHARS:
        raise InvalidInput.single(
            "q", f"type at least {MIN_QUERY_CHARS} letters or digits", "too_short", "query"
        )
    parent = normalize_kecamatan_kode(kecamatan, "kecamatan") if kecamatan else None
    kab = kabupaten_kode_or_not_found(kabupaten) if kabupaten else None
    limit = max(1, min(limit, MAX_RESULTS))
    found: list[tuple[bool, str, RegionMatch]] = []
    if level in (None, "kecamatan") and parent is None:
        query = (
            select(Kecamatan, Kabupaten.nama)
            .join(Kabupaten, col(Kabupaten.kode) == Kecamatan.kode_kab)
            .where(_name_matches(col(Kecamatan.search_name), folded))
        )
        if kab:
            query = query.where(Kecamatan.kode_kab == kab)
        ordered = query.order_by(_whole_name_first(col(Kecamatan.search_name), folded), Kecamatan.nama)
        for kec, kab_nama in session.exec(ordered.limit(limit)).all():
            match = RegionMatch(
                level="kecamatan",
                kode=kec.kode,
                nama=kec.nama,
                kecamatan_kode=kec.kode,
                kecamatan_nama=kec.nama,
                kabupaten_kode=kec.kode_kab,
                kabupaten_nama=kab_nama,
            )
            found.append((not kec.search_name.startswith(folded), kec.nama, match))
    if level in (None, "desa"):
        query = (
            select(Desa, Kecamatan.nama, Kecamatan.kode_kab, Kabupaten.nama)
            .join(Kecamatan, col(Kecamatan.kode) == Desa.kode_kec)
            .join(Kabupaten, col(Kabupaten.kode) == Kecamatan.kode_kab)
            .where(_name_matches(col(Desa.search_name), folded))
        )
        if parent:
            query = query.where(Desa.kode_kec == parent)
        elif kab:
            query = query.where(_below(col(Desa.kode), kab))
        ordered = query.order_by(_whole_name_first(col(Desa.search_name), folded), Desa.nama)
        for desa, kec_nama, kode_kab, kab_nama in session.exec(ordered.limit(limit)).all():
            match = RegionMatch(
                level="desa",
                kode=desa.kode,
                nama=desa.nama,
                jenis=desa.jenis,
                kecamatan_kode=desa.kode_kec,
                kecamatan_nama=kec_nama,
                kabupaten_kode=kode_kab,
                kabupaten_nama=kab_nama,
            )
            found.append((not desa.search_name.startswith(folded), desa.nama, match))
    found.sort(key=lambda item: (item[0], item[2].level != "kecamatan", item[1], item[2].kode))
    return [match for _, _, match in found[:limit]]
