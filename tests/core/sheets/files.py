"""Sheets as tests need them: the template's header, rows as a person fills them, CSV and XLSX bytes."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import select

from core.accounts.service import Principal, create_account_token, principal_of
from core.db import read_session, write_session
from core.sheets.columns import TEMPLATE_COLUMNS
from core.sheets.importer import ImportSummary
from models.account import Account, Role
from models.report import Report
from tests.factories import MALUKU_TENGGARA_POINT

INDONESIAN = "Kecamatan Kei Kecil — pengungsi 'Ambon' ñ é"
ID_A = "3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
HEADER = list(TEMPLATE_COLUMNS)


def sheet_row(**values: Any) -> list[Any]:
    """A valid row for Maluku Tenggara, with `values` changed."""
    base = {
        "kode_kabupaten": "81.02",
        "waktu_kejadian": "2024-11-20 09:30",
        "kategori": "unjuk_rasa",
        "tingkat_keparahan": "3",
        "judul": "Massa berkumpul di depan kantor KPU",
    }
    base.update(values)
    return [base.get(column, "") for column in HEADER]


def mixed_rows() -> list[list[Any]]:
    """Rows 2-10 as the sheet numbers them (row 7 blank): what each should become is in the tests."""
    future = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    return [
        sheet_row(
            id=ID_A,
            kecamatan="Kei Kecil",
            judul=INDONESIAN,
            deskripsi="Warga, pendatang dan aparat;\nbaris kedua",
            jumlah_massa="1.200",
            lintang=str(MALUKU_TENGGARA_POINT[0]),
            bujur=str(MALUKU_TENGGARA_POINT[1]),
        ),  # 2 created
        sheet_row(kode_kabupaten="99.99", judul="Kode salah"),  # 3 invalid: unknown code
        sheet_row(waktu_kejadian="kemarin sore", judul="Tanggal salah"),  # 4 invalid: date
        sheet_row(id=ID_A, judul="Isi lain dengan id yang sama"),  # 5 conflict with row 2
        sheet_row(
            waktu_kejadian="21/11/2024 14.05", kategori="Hoaks / disinformasi", tingkat_keparahan="2"
        ),  # 6
        [""] * len(HEADER),  # 7 blank: skipped, numbering kept
        sheet_row(
            waktu_kejadian="21/11/2024 14.05", kategori="Hoaks / disinformasi", tingkat_keparahan="2"
        ),  # 8
        sheet_row(tingkat_keparahan="7", jumlah_massa="banyak", judul="Dua kesalahan"),  # 9 invalid twice
        sheet_row(waktu_kejadian=future, judul="Masa depan"),  # 10 invalid: future
    ]


def csv_bytes(rows: list[list[Any]], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    """The rows under the template's header, as Excel would save them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
    """The rows in a workbook's 'laporan' sheet, typed as Excel types them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "laporan"
    sheet.append(header)
    for row in rows:
        sheet.append([_excel_value(column, value) for column, value in zip(header, row, strict=True)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(column: str, value: Any) -> Any:
    """What a person typing into Excel gets: real dates and numbers where Excel makes them."""
    if value in ("", None):
        return None
    if column == "waktu_kejadian" and value[:4].isdigit():
        return datetime.fromisoformat(value)
    if column == "tingkat_keparahan" and value.isdigit():
        return int(value)
    if column == "kode_kabupaten":
        return float(value)  # Excel reads 81.02 as a number
    if column in ("kode_kecamatan", "kode_desa") and value.isdigit():
        return float(value)  # and 8102052001 too; a dotted 81.02.05 stays text
    if column in ("lintang", "bujur"):
        return float(value)
    return value


def make_account(engine: Engine, role: str, **scope: str) -> Principal:
    """A real account of this role and scope."""
    with write_session(engine) as session:
        token, _ = create_account_token(
            session=session, name=f"{role}-{uuid.uuid4().hex[:6]}", role=Role(role), **scope
        )
        return principal_of(session.get(Account, token.account_id))


def count_reports(engine: Engine) -> int:
    """How many reports the database holds."""
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(Report)).one()


def problem_fields(summary: ImportSummary) -> dict[int, set[str]]:
    """The refused rows and the columns each was refused for."""
    return {p.row: {e.field for e in p.errors} for p in summary.problems}
