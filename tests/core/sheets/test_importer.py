"""The chunked import: every row judged by intake, sheet row numbers, idempotence, the live-alert mark."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core.accounts.service import Principal
from core.config import Settings
from core.db import read_session
from core.reports.intake import rules_from_settings
from core.sheets.importer import import_reports
from core.writer import report_writer
from models.report import Report
from tests.core.sheets.conftest import Importer
from tests.core.sheets.files import (
    ID_A,
    INDONESIAN,
    count_reports,
    csv_bytes,
    mixed_rows,
    problem_fields,
    sheet_row,
    xlsx_bytes,
)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_stores_good_rows_and_names_bad_rows_by_sheet_row(
    fmt: str, run_import: Importer, engine: Engine
) -> None:
    data = csv_bytes(mixed_rows()) if fmt == "csv" else xlsx_bytes(mixed_rows())
    summary = run_import(data)
    assert (summary.format, summary.rows) == (fmt, 8)
    assert (summary.created, summary.replayed, summary.conflict, summary.invalid) == (2, 1, 1, 4)
    assert problem_fields(summary) == {
        3: {"kode_kabupaten"},
        4: {"waktu_kejadian"},
        5: {"id"},
        9: {"tingkat_keparahan", "jumlah_massa"},
        10: {"waktu_kejadian"},
    }
    reasons = {p.row: " ".join(e.reason for e in p.errors) for p in summary.problems}
    assert "99.99" in reasons[3] and "row 2 of this file" in reasons[5] and "future" in reasons[10]
    assert count_reports(engine) == 2
    with read_session(engine) as session:
        stored = session.get(Report, uuid.UUID(ID_A))
    assert stored is not None
    assert (stored.title, stored.crowd_size, stored.kecamatan) == (INDONESIAN, 1200, "Kei Kecil")
    assert stored.description == "Warga, pendatang dan aparat;\nbaris kedua"
    assert stored.occurred_at == datetime(2024, 11, 20, 0, 30, tzinfo=UTC)  # 09:30 WIT
    assert not stored.location_mismatch

    again = run_import(data)
    assert (again.created, again.replayed, again.conflict, again.invalid) == (0, 3, 1, 4)
    assert count_reports(engine) == 2


def test_problem_list_is_capped_but_counts_are_not(run_import: Importer) -> None:
    rows = [sheet_row(kode_kabupaten="99.99") for _ in range(30)]
    summary = run_import(csv_bytes(rows), max_problems=10)
    assert (summary.invalid, len(summary.problems), summary.problems_truncated) == (30, 10, True)


def test_large_import_is_chunked_and_reports_progress(run_import: Importer, engine: Engine) -> None:
    rows = [sheet_row(judul=f"Laporan {i}") for i in range(1203)]
    seen: list[int] = []
    summary = run_import(csv_bytes(rows), on_progress=lambda done, total: seen.append(done))
    assert summary.created == 1203 and count_reports(engine) == 1203
    assert seen == [500, 1000, 1203]


def test_an_import_marks_the_kabupaten_it_filled_once_their_rows_are_stored(
    run_import: Importer, engine: Engine, marked: list[list[str]]
) -> None:
    rows = [sheet_row(kode_kabupaten="81.72", judul=f"Tual {i}") for i in range(3)]
    rows += [sheet_row(judul=f"Malra {i}") for i in range(3)] + [sheet_row(kode_kabupaten="99.99")]
    summary = run_import(csv_bytes(rows), chunk_size=4)
    assert (summary.created, summary.invalid) == (6, 1)
    assert marked == [["81.02", "81.72"], ["81.02"]]  # per stored chunk: rows 2-5, then 6-8
    assert run_import(csv_bytes(rows)).replayed == 6
    assert len(marked) == 2  # a re-import stores nothing new and marks nothing


def test_the_mark_comes_after_each_chunk_is_committed(
    engine: Engine, settings: Settings, admin: Principal
) -> None:
    stored_when_marked: list[int] = []
    rules = rules_from_settings(
        settings, mark_live=lambda kodes: stored_when_marked.append(count_reports(engine))
    )
    data = csv_bytes([sheet_row(judul=f"Laporan {i}") for i in range(5)])
    with read_session(engine) as session:
        summary = import_reports(
            source=io.BytesIO(data),
            session=session,
            account=admin,
            rules=rules,
            store=report_writer(engine),
            chunk_size=2,
        )
    assert summary.created == 5
    # each chunk's mark sees at least its own rows (the next chunk's write may have landed too)
    assert len(stored_when_marked) == 3
    assert all(seen >= done for seen, done in zip(stored_when_marked, [2, 4, 5], strict=True))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_kecamatan_and_desa_columns_are_checked_and_stored_dotted(
    fmt: str, run_import: Importer, engine: Engine
) -> None:
    rows = [
        sheet_row(kode_kecamatan="81.02.05", kode_desa="8102052001", judul="Kei Besar Utara Timur"),
        sheet_row(kode_kecamatan="64.01.04", judul="Tanah Grogot, Paser, di baris Maluku Tenggara"),
        sheet_row(kode_kecamatan="81.02.01", kode_desa="81.02.05.2001", judul="Desa dari kecamatan lain"),
        sheet_row(kecamatan="Kec. Kei Besar", judul="Nama saja"),
    ]
    data = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)
    summary = run_import(data)
    assert (summary.created, summary.invalid) == (2, 2)
    assert problem_fields(summary) == {3: {"kode_kecamatan"}, 4: {"kode_desa"}}
    with read_session(engine) as session:
        stored = {r.title: (r.kecamatan_kode, r.desa_kode) for r in session.exec(select(Report)).all()}
    assert stored == {"Kei Besar Utara Timur": ("81.02.05", "81.02.05.2001"), "Nama saja": ("81.02.03", None)}
