"""Exports: the reports in scope as the template's columns, and back in as the same reports."""

from __future__ import annotations

import codecs
import csv
import io
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, delete
from sqlmodel import select

from core.accounts.service import Principal
from core.db import read_session, write_session
from core.reports.intake import IntakeRules, create_reports_batch
from core.reports.queries import ReportFilter
from core.reports.rows import Outcome
from core.sheets.export import export_csv, export_pages, export_xlsx
from core.writer import report_writer
from models.report import Report, ReportDaily
from tests.core.sheets.conftest import Importer
from tests.core.sheets.files import HEADER, INDONESIAN, count_reports, make_account
from tests.factories import MALUKU_TENGGARA_POINT, TUAL_POINT

COMPARED = (
    "id",
    "kabupaten_kode",
    "kecamatan",
    "occurred_at",
    "category",
    "severity",
    "title",
    "description",
    "crowd_size",
    "latitude",
    "longitude",
    "source_type",
    "location_mismatch",
    "located_kabupaten_kode",
)


def _seed(engine: Engine, rules: IntakeRules) -> Principal:
    officer = make_account(engine, "officer", kabupaten="81.02")
    base = datetime(2024, 11, 20, 1, 2, 3, 456000, tzinfo=UTC)
    items = [
        {
            "kabupaten_kode": "81.02",
            "occurred_at": (base + timedelta(hours=i)).isoformat(),
            "category": category,
            "severity": 1 + i % 5,
            "title": title,
            "description": description,
            **extra,
        }
        for i, (category, title, description, extra) in enumerate(
            [
                ("unjuk_rasa", INDONESIAN, "baris satu\nbaris dua, dengan koma", {"crowd_size": 1200}),
                ("hoaks", '=HYPERLINK("http://x")', "-- bukan rumus", {"kecamatan": "+Kei Besar"}),
                (
                    "bentrokan",
                    "Di Tual, bukan Malra",
                    "",
                    {"latitude": TUAL_POINT[0], "longitude": TUAL_POINT[1]},
                ),
                (
                    "kampanye",
                    "Titik di Malra",
                    "\tdiawali tab",
                    {
                        "latitude": MALUKU_TENGGARA_POINT[0],
                        "longitude": MALUKU_TENGGARA_POINT[1],
                        "source_type": "media_sosial",
                    },
                ),
            ]
        )
    ]
    with read_session(engine) as session:
        results = create_reports_batch(
            session=session, account=officer, items=items, rules=rules, store=report_writer(engine)
        )
    assert all(r.status is Outcome.CREATED for r in results)
    return officer


def _snapshot(engine: Engine) -> dict[uuid.UUID, tuple[Any, ...]]:
    with read_session(engine) as session:
        reports = session.exec(select(Report)).all()
    return {r.id: tuple(getattr(r, name) for name in COMPARED) for r in reports}


def _empty(engine: Engine) -> None:
    with write_session(engine) as session:
        session.exec(delete(ReportDaily.__table__))  # type: ignore[call-overload]
        session.exec(delete(Report))  # type: ignore[call-overload]
        session.commit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_into_an_empty_database_as_the_same_reports(
    fmt: str, engine: Engine, rules: IntakeRules, run_import: Importer, admin: Principal
) -> None:
    officer = _seed(engine, rules)
    before = _snapshot(engine)
    assert sum(1 for v in before.values() if v[COMPARED.index("location_mismatch")]) == 1
    pages = export_pages(engine=engine, account=officer, flt=ReportFilter(), page_size=3)
    if fmt == "csv":
        data = b"".join(export_csv(pages))
        assert data.startswith(codecs.BOM_UTF8)
        text = data.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "+09:00" in text and INDONESIAN in text
    else:
        data = b"".join(export_xlsx(pages))
        sheet = load_workbook(io.BytesIO(data), read_only=True)["laporan"]
        assert len(list(sheet.values)) == 5
    _empty(engine)
    summary = run_import(data)
    assert (summary.created, summary.invalid, summary.conflict) == (4, 0, 0), summary.problems
    assert _snapshot(engine) == before
    assert run_import(data).replayed == 4 and count_reports(engine) == 4


def test_export_follows_scope_and_filters(engine: Engine, rules: IntakeRules, admin: Principal) -> None:
    officer = _seed(engine, rules)
    other = make_account(engine, "officer", kabupaten="81.72")

    def rows(account: Principal, flt: ReportFilter) -> list[list[str]]:
        data = b"".join(export_csv(export_pages(engine=engine, account=account, flt=flt)))
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))

    everything = rows(officer, ReportFilter())
    assert everything[0] == [*HEADER, "status", "lokasi_tidak_sesuai", "kecamatan_tidak_sesuai"]
    assert len(everything) == 5
    mismatch = everything[0].index("lokasi_tidak_sesuai")
    assert {r[mismatch] for r in everything[1:]} == {"true", "false"}
    assert len(rows(other, ReportFilter())) == 1
    assert len(rows(admin, ReportFilter(category="hoaks"))) == 2
    assert len(rows(admin, ReportFilter(since=datetime(2024, 11, 20, 3, tzinfo=UTC)))) == 3


def test_the_exported_values_are_the_stored_ones_in_the_kabupaten_zone(
    engine: Engine, rules: IntakeRules
) -> None:
    officer = _seed(engine, rules)
    data = b"".join(export_csv(export_pages(engine=engine, account=officer, flt=ReportFilter())))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    oldest = rows[-1]  # newest first
    assert (oldest["waktu_kejadian"], oldest["kategori"], oldest["tingkat_keparahan"]) == (
        "2024-11-20T10:02:03.456000+09:00",  # 01:02:03.456 UTC in WIT
        "unjuk_rasa",
        "1",
    )
    assert (oldest["jumlah_massa"], oldest["kecamatan"], oldest["lintang"], oldest["sumber"]) == (
        "1200",
        "",
        "",
        "fkdm",
    )
    assert (oldest["status"], oldest["lokasi_tidak_sesuai"], oldest["judul"]) == ("baru", "false", INDONESIAN)
    assert rows[-2]["judul"] == '\'=HYPERLINK("http://x")' and rows[-2]["kecamatan"] == "'+Kei Besar"
    assert rows[-2]["deskripsi"] == "'-- bukan rumus" and rows[0]["deskripsi"] == "'\tdiawali tab"
    with read_session(engine) as session:
        stored = {str(r.id): r for r in session.exec(select(Report)).all()}
    for row in rows:
        report = stored[row["id"]]
        assert row["bujur"] == ("" if report.longitude is None else repr(report.longitude))
        assert row["tingkat_keparahan"] == str(report.severity) and row["kode_kabupaten"] == "81.02"
        assert datetime.fromisoformat(row["waktu_kejadian"]) == report.occurred_at


def _counted(pages: Iterable[Any], read: list[int]) -> Iterator[Any]:
    for page in pages:
        read.append(len(page))
        yield page


@pytest.mark.parametrize("build", [export_csv, export_xlsx])
def test_an_export_yields_its_first_bytes_before_it_reads_the_reports(
    build: Callable[..., Iterator[bytes]], engine: Engine, rules: IntakeRules
) -> None:
    officer = _seed(engine, rules)
    read: list[int] = []
    chunks = build(
        _counted(export_pages(engine=engine, account=officer, flt=ReportFilter(), page_size=1), read)
    )
    assert next(chunks) and read == []
    b"".join(chunks)
    assert read == [1, 1, 1, 1, 0]  # a page per report, then the empty page that ends it
