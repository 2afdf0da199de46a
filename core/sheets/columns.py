"""The sheet's columns: their Indonesian names, the API field each fills, and the file's constants."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from core.errors import FieldError

# The template's columns (Indonesian, as officers name things) and the API field each one fills.
FIELD_OF_COLUMN: dict[str, str] = {
    "id": "id",
    "kode_kabupaten": "kabupaten_kode",
    "kecamatan": "kecamatan",
    "kode_kecamatan": "kecamatan_kode",
    "kode_desa": "desa_kode",
    "waktu_kejadian": "occurred_at",
    "kategori": "category",
    "tingkat_keparahan": "severity",
    "judul": "title",
    "deskripsi": "description",
    "jumlah_massa": "crowd_size",
    "lintang": "latitude",
    "bujur": "longitude",
    "sumber": "source_type",
}
TEMPLATE_COLUMNS = tuple(FIELD_OF_COLUMN)
EXPORT_COLUMNS = (*TEMPLATE_COLUMNS, "status", "lokasi_tidak_sesuai", "kecamatan_tidak_sesuai")
COLUMN_OF_FIELD = {f: c for c, f in FIELD_OF_COLUMN.items()}
# The API's own names are accepted too, so a JSON export turned into CSV imports as it is.
HEADER_ALIASES = {
    **COLUMN_OF_FIELD,
    "location_mismatch": "lokasi_tidak_sesuai",
    "kecamatan_mismatch": "kecamatan_tidak_sesuai",
}
EXPORT_ONLY = frozenset({"status", "lokasi_tidak_sesuai", "kecamatan_tidak_sesuai"})
REQUIRED = ("waktu_kejadian", "kategori", "tingkat_keparahan", "judul")
TEXT_COLUMNS = frozenset({"kecamatan", "judul", "deskripsi"})
# A cell starting with one of these is a formula to a spreadsheet: exports escape it, imports undo that.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
SHEET_NAME = "laporan"
# The template's example row carries this id, so an untouched template never stores a fake report.
EXAMPLE_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")


def column_errors(errors: Iterable[FieldError]) -> list[FieldError]:
    """Name fields the way the sheet does ('occurred_at' -> 'waktu_kejadian')."""
    return [FieldError(COLUMN_OF_FIELD.get(e.field.split(".")[0], e.field), e.reason, e.type) for e in errors]
