"""Reading uploads: format by content, encodings Excel writes, clear refusals, a forgiving header."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from core.db import read_session
from core.errors import InvalidInput
from models.report import Report
from tests.core.sheets.conftest import Importer
from tests.core.sheets.files import csv_bytes, sheet_row


def test_windows_1252_csv_is_read_and_said_so(run_import: Importer, engine: Engine) -> None:
    rows = [sheet_row(judul="Pengungsi ñ é à", kecamatan="Kei Kecil")]
    summary = run_import(csv_bytes(rows, encoding="cp1252", delimiter=";"))
    assert (summary.encoding, summary.created) == ("cp1252", 1)
    assert "Windows-1252" in summary.warnings[0]
    with read_session(engine) as session:
        assert session.exec(select(Report.title)).one() == "Pengungsi ñ é à"


def test_undecodable_file_is_a_clear_encoding_error(run_import: Importer) -> None:
    data = csv_bytes([sheet_row()]) + b"\x81\x8d\xff\xfe garbage"
    with pytest.raises(InvalidInput) as caught:
        run_import(data)
    assert caught.value.errors[0].type == "encoding"
    assert "UTF-8" in caught.value.errors[0].reason


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["kode_kabupaten", "waktu_kejadian", "kategori", "tingkat_keparahan", "judull"], "unknown_column"),
        (["kode_kabupaten", "waktu_kejadian", "kategori", "judul"], "missing_column"),
        (
            ["judul", "Judul", "kode_kabupaten", "waktu_kejadian", "kategori", "tingkat_keparahan"],
            "duplicate_column",
        ),
    ],
)
def test_a_bad_header_refuses_the_file(header: list[str], kind: str, run_import: Importer) -> None:
    with pytest.raises(InvalidInput) as caught:
        run_import((",".join(header) + "\n").encode())
    assert caught.value.errors[0].type == kind


def test_not_a_spreadsheet_is_refused(run_import: Importer) -> None:
    for data in (b"", b"PK\x03\x04not really a zip", b"\xd0\xcf\x11\xe0old xls"):
        with pytest.raises(InvalidInput):
            run_import(data)


def test_headers_in_any_case_and_api_names_are_accepted(run_import: Importer, engine: Engine) -> None:
    text = (
        "Judul,Kode Kabupaten,waktu_kejadian,category,Tingkat Keparahan (wajib),ID (opsional),status\n"
        "Isu beredar,8102,2024-11-20T09:30:00+09:00,hoaks,2,,terverifikasi\n"
    )
    summary = run_import(text.encode())
    assert summary.created == 1, summary.problems
    with read_session(engine) as session:
        assert session.exec(select(Report.status)).one() == "baru"  # status is never imported
