"""Kecamatan and desa: code forms, name folding, seeding from the data pack (both backends)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import func, select

from core.db import write_session
from core.errors import InvalidInput
from core.regions.kecamatan import (
    fold_name,
    normalize_desa_kode,
    normalize_kecamatan_kode,
    search_regions,
    seed_kecamatan_and_desa,
)
from geo.datapack import DESA_CODES_CSV, KECAMATAN_CODES_CSV
from models.region import Desa, Kecamatan


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("81.02.05", "81.02.05"), ("810205", "81.02.05"), (" 17.06.08 ", "17.06.08"), ("1706.08", "17.06.08")],
)
def test_kecamatan_codes_in_either_form(raw: str, expected: str) -> None:
    assert normalize_kecamatan_kode(raw) == expected


@pytest.mark.parametrize("raw", ["81.02", "81.02.5", "81.02.005", "x1.02.05", "", "81.02.05.2001"])
def test_bad_kecamatan_codes_name_the_field(raw: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        normalize_kecamatan_kode(raw, "kecamatan_kode")
    assert raised.value.errors[0].field == "kecamatan_kode"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("81.02.05.2001", "81.02.05.2001"), ("8102052001", "81.02.05.2001"), ("91.03.01.3007", "91.03.01.3007")],
)
def test_desa_codes_in_either_form(raw: str, expected: str) -> None:
    assert normalize_desa_kode(raw) == expected


@pytest.mark.parametrize("raw", ["81.02.05", "81.02.05.201", "81.02.05.20011", "81.02.05.abcd"])
def test_bad_desa_codes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_desa_kode(raw)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Teramang Jaya", "teramang jaya"),
        ("TERAMANG  jaya ", "teramang jaya"),
        ("Ma'u", "mau"),
        ("Regapu\u2019u", "regapuu"),
        ("Bénteng", "benteng"),
        ("Kota-Baru (Utara)", "kota baru utara"),
        ("Ⅻ Koto", "xii koto"),
    ],
)
def test_names_fold_case_accents_and_punctuation(name: str, folded: str) -> None:
    assert fold_name(name) == folded


def _csv_count(geo_dir: Path, name: str) -> int:
    with (geo_dir / name).open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def test_the_registry_holds_every_kecamatan_and_desa_of_the_pack_and_reseeding_changes_nothing(
    engine: Engine, geo_dir: Path
) -> None:
    with write_session(engine) as session:
        before = (
            session.exec(select(func.count()).select_from(Kecamatan)).one(),
            session.exec(select(func.count()).select_from(Desa)).one(),
        )
        result = seed_kecamatan_and_desa(session=session, geo_dir=geo_dir)
        after = (
            session.exec(select(func.count()).select_from(Kecamatan)).one(),
            session.exec(select(func.count()).select_from(Desa)).one(),
        )
        teramang = session.get(Kecamatan, "17.06.08")
        orphans = session.exec(
            select(func.count()).select_from(Desa).where(~Desa.kode.startswith(Desa.kode_kec + "."))
        ).one()
    expected = (_csv_count(geo_dir, KECAMATAN_CODES_CSV), _csv_count(geo_dir, DESA_CODES_CSV))
    assert before == after == (result.kecamatan, result.desa) == expected
    assert teramang is not None and (teramang.nama, teramang.kode_kab) == ("Teramang Jaya", "17.06")
    assert orphans == 0


@pytest.mark.parametrize(
    ("query", "filters", "first"),
    [
        ("teramang", {}, ("kecamatan", "17.06.08")),
        ("TERAMANG j", {}, ("kecamatan", "17.06.08")),
        ("jaya", {"kabupaten": "17.06", "level": "kecamatan"}, ("kecamatan", "17.06.08")),
        ("tanah grogot", {"kabupaten": "6401"}, ("kecamatan", "64.01.04")),
        ("pasar bantal", {"kecamatan": "17.06.08"}, ("desa", "17.06.08.2001")),
        ("mau", {"kabupaten": "12.04", "level": "kecamatan"}, ("kecamatan", "12.04.28")),
    ],
)
def test_search_finds_real_places(engine: Engine, query: str, filters: dict, first: tuple[str, str]) -> None:
    with write_session(engine) as session:
        found = search_regions(session=session, q=query, **filters)
    assert found and (found[0].level, found[0].kode) == first
    assert all(m.kabupaten_kode == m.kecamatan_kode[:5] for m in found)


def test_search_scopes_and_limits(engine: Engine) -> None:
    with write_session(engine) as session:
        everywhere = search_regions(session=session, q="karanganyar", level="kecamatan", limit=50)
        in_one = search_regions(session=session, q="karanganyar", level="kecamatan", kabupaten="33.13")
        limited = search_regions(session=session, q="su", limit=5)
        with pytest.raises(InvalidInput) as raised:
            search_regions(session=session, q="'")
    assert len({m.kabupaten_kode for m in everywhere}) >= 5  # a common name in many kabupaten
    assert [(m.kode, m.nama) for m in in_one] == [("33.13.09", "Karanganyar")]
    assert len(limited) == 5
    assert raised.value.errors[0].field == "q"
