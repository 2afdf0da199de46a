"""The import template, as CSV and as a workbook with drop-downs and a help sheet ('petunjuk').

Its codes, labels and explanations come from models.vocab, the one vocabulary, so the
template names categories and sources exactly as the dashboard and the field form do.
"""

from __future__ import annotations

import codecs
import csv
import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from core.sheets.columns import EXAMPLE_ID, SHEET_NAME, TEMPLATE_COLUMNS
from models import vocab
from models.report import Category, FieldSource, ReportCreate

CLAIMABLE_SOURCES = {s.value: vocab.label("source_type", s.value) for s in FieldSource}  # no reserved ones
DEFAULT_SOURCE = ReportCreate.model_fields["source_type"].default


def _severity_help() -> str:
    """'1 = ringan, 2 = sedang, ...' from the vocabulary's severity words."""
    return ", ".join(f"{code} = {label.lower()}" for code, label in vocab.labels("severity").items())


def _source_help() -> str:
    """The source codes a row may name, the default one marked."""
    return ", ".join(f"{code} (bawaan)" if code == DEFAULT_SOURCE else code for code in CLAIMABLE_SOURCES)


EXAMPLE_ROW: dict[str, Any] = {
    "id": str(EXAMPLE_ID),
    "kode_kabupaten": "81.02",
    "kecamatan": "Kei Kecil",
    "kode_kecamatan": "81.02.01",
    "kode_desa": "81.02.01.2014",
    "waktu_kejadian": datetime(2024, 11, 20, 9, 30),
    "kategori": "unjuk_rasa",
    "tingkat_keparahan": 3,
    "judul": "Massa berkumpul di depan kantor KPU",
    "deskripsi": "Sekitar 300 orang menuntut penghitungan ulang.",
    "jumlah_massa": 300,
    "lintang": -5.69675,
    "bujur": 132.73257,
    "sumber": "fkdm",
}
COLUMN_HELP: dict[str, tuple[str, str]] = {
    "id": ("opsional", "UUID laporan; kosongkan untuk laporan baru (impor ulang tetap tidak menggandakan)"),
    "kode_kabupaten": (
        "wajib*",
        "kode Kemendagri, mis. 81.02 (*boleh kosong bila impor untuk satu kabupaten)",
    ),
    "kecamatan": ("opsional", "nama kecamatan, maks. 100 karakter; dicocokkan dengan kodenya bila jelas"),
    "kode_kecamatan": (
        "opsional",
        "kode Kemendagri, mis. 81.02.01, harus di kabupaten baris ini; bila kosong diisi dari "
        "nama atau titik",
    ),
    "kode_desa": ("opsional", "kode desa/kelurahan, mis. 81.02.01.2014, harus di kecamatan baris ini"),
    "waktu_kejadian": ("wajib", "2024-11-20 09:30 atau 20/11/2024 09:30, waktu setempat (WIB/WITA/WIT)"),
    "kategori": ("wajib", "kode kategori (lihat daftar di bawah)"),
    "tingkat_keparahan": ("wajib", _severity_help()),
    "judul": ("wajib", "maks. 200 karakter"),
    "deskripsi": ("opsional", "maks. 10.000 karakter"),
    "jumlah_massa": ("opsional", "bilangan bulat, mis. 300 atau 1.200"),
    "lintang": ("opsional", "lintang desimal, mis. -5.69675 (isi bersama bujur)"),
    "bujur": ("opsional", "bujur desimal, mis. 132.73257 (isi bersama lintang)"),
    "sumber": ("opsional", f"{_source_help()} (lihat daftar di bawah)"),
}


def _csv_text(value: Any) -> Any:
    """The example's time as a person would type it ('2024-11-20 09:30')."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value


def template_csv() -> bytes:
    """The import template as CSV: UTF-8 with BOM (Excel then shows ñ and é), header and example."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow([_csv_text(EXAMPLE_ROW[c]) for c in TEMPLATE_COLUMNS])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _template_validations(sheet: Any) -> None:
    """Drop-down lists and a severity range, so Excel catches typos before the import does."""
    letter = {c: chr(ord("A") + i) for i, c in enumerate(TEMPLATE_COLUMNS)}
    lowest, *_, highest = vocab.values(vocab.SEVERITIES)
    severity = DataValidation(type="whole", operator="between", formula1=lowest, formula2=highest)
    rules = [
        ("kategori", DataValidation(type="list", formula1=f'"{",".join(c.value for c in Category)}"')),
        ("sumber", DataValidation(type="list", formula1=f'"{",".join(s.value for s in FieldSource)}"')),
        ("tingkat_keparahan", severity),
    ]
    for column, rule in rules:
        rule.allow_blank = True
        rule.add(f"{letter[column]}2:{letter[column]}50001")
        sheet.add_data_validation(rule)


def _code_list(sheet: Any, title: str, labels: dict[str, str]) -> int:
    """A heading row, then one row per code with its label; returns the heading's row number."""
    sheet.append([])
    sheet.append([title, "", "arti"])
    heading = sheet.max_row
    for code, label in labels.items():
        sheet.append([code, "", label])
    return heading


def _help_sheet(workbook: Workbook) -> None:
    """What each column takes, and every category and source with its label (either is accepted)."""
    sheet = workbook.create_sheet("petunjuk")
    sheet.append(["kolom", "wajib?", "isi"])
    for column in TEMPLATE_COLUMNS:
        sheet.append([column, *COLUMN_HELP[column]])
    headings = [
        _code_list(sheet, "kategori", vocab.labels("category")),
        _code_list(sheet, "sumber", CLAIMABLE_SOURCES),
    ]
    sheet.append([])
    sheet.append(
        ["Baris contoh di lembar 'laporan' (id 00000000-...-000000000001) ditolak saat impor: hapus."]
    )
    for row in (1, *headings):
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["C"].width = 90


def template_xlsx() -> bytes:
    """The import template as a workbook: text-formatted code columns, drop-downs, a help sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(list(TEMPLATE_COLUMNS))
    sheet.append([EXAMPLE_ROW[c] for c in TEMPLATE_COLUMNS])
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, column in enumerate(TEMPLATE_COLUMNS):
        letter = chr(ord("A") + i)
        sheet.column_dimensions[letter].width = 40 if column in ("judul", "deskripsi", "id") else 18
        if column in ("id", "kode_kabupaten", "kode_kecamatan", "kode_desa"):
            sheet.column_dimensions[letter].number_format = "@"
        if column == "waktu_kejadian":
            sheet[f"{letter}2"].number_format = "yyyy-mm-dd hh:mm"
    _template_validations(sheet)
    _help_sheet(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
