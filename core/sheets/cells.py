"""Sheet cells to the JSON-like values ReportCreate validates, column by column.

CSV gives only text and Excel gives numbers and dates, so each column has a converter that
reads what people and Excel actually produce ('1.200' people, 81.1 for 81.10, day-first dates).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from core.errors import FieldError, InvalidInput
from core.regions.service import normalize_kabupaten_kode
from core.sheets.columns import EXAMPLE_ID, FIELD_OF_COLUMN, FORMULA_START
from models import vocab
from models.report import FieldSource

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$")
_GROUPED = re.compile(r"^\d{1,3}([. ]\d{3})+$")
_WHOLE = re.compile(r"^[+-]?\d+([.,]0+)?$")
_SHORT_KODE = re.compile(r"^\d{2}\.\d$")


class CellError(ValueError):
    """A cell that cannot become the value its column needs."""

    def __init__(self, reason: str, type: str = "value_error") -> None:
        super().__init__(reason)
        self.reason = reason
        self.type = type


def _blank(value: Any) -> bool:
    """An empty cell means 'not given' (the API's default), never an empty string."""
    return value is None or (isinstance(value, str) and not value.strip())


def _unescape(text: str) -> str:
    """Undo the export's guard against spreadsheet formulas ('=... written as '=...)."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        return text[1:]
    return text


def text_cell(value: Any) -> str:
    """Text as typed; a number Excel made of it (a kecamatan '12') becomes text again."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _unescape(value if isinstance(value, str) else str(value))


def kode_cell(value: Any) -> str:
    """Excel turns 81.10 into the number 81.1 and 8102 into 8102: give back the code's text."""
    if isinstance(value, bool):
        raise CellError("must be a kabupaten/kota code such as 81.02")
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value).strip()
    return f"{text}0" if _SHORT_KODE.match(text) else text


def local_code_cell(value: Any) -> str:
    """A kecamatan or desa code; typed without dots Excel stores it as a number (170608)."""
    if isinstance(value, bool):
        raise CellError("must be a code such as 17.06.08")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _datetime_text(text: str) -> datetime:
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        return datetime(year, month, day, hour, minute, second)
    return datetime.fromisoformat(text)


def datetime_cell(value: Any) -> datetime:
    """An Excel date, ISO 8601 text (with or without offset), or day-first '20/11/2024 09.30'."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        try:
            return _datetime_text(value.strip())
        except ValueError:
            pass
    raise CellError(
        f"'{value}' is not a date and time; write 2024-11-20 09:30 (or 20/11/2024 09:30), "
        "in the kabupaten's local time or with an offset such as +09:00",
        "datetime_parsing",
    )


def whole_cell(value: Any) -> int:
    """A whole number from an Excel number or from text ('3', '3.0')."""
    if isinstance(value, bool):
        raise CellError("must be a whole number", "int_parsing")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _WHOLE.match(value.strip()):
        return int(re.split(r"[.,]", value.strip())[0])
    raise CellError(f"'{value}' is not a whole number", "int_parsing")


def count_cell(value: Any) -> int:
    """Like whole_cell, but '1.200' and '1 200' are Indonesian thousands (1200), not decimals."""
    if isinstance(value, str) and _GROUPED.match(value.strip()):
        return int(re.sub(r"[. ]", "", value.strip()))
    return whole_cell(value)


def decimal_cell(value: Any) -> float:
    """A coordinate from an Excel number or text, with '.' or a lone decimal comma."""
    if isinstance(value, bool):
        raise CellError("must be a number", "float_parsing")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u2212", "-")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise CellError(f"'{value}' is not a number", "float_parsing") from None


def _choice_cell(value: Any, by_label: dict[str, str]) -> str:
    """A code ('unjuk_rasa') or its label ('Unjuk rasa / demonstrasi'), any case."""
    text = str(value).strip().lower()
    if text in by_label:
        return by_label[text]
    return re.sub(r"[\s\-]+", "_", text)  # anything else: validation names the choices


def _by_label(labels: dict[str, str]) -> dict[str, str]:
    """Codes by their lower-cased Indonesian label (the one the template's help sheet shows)."""
    return {label.lower(): code for code, label in labels.items()}


_CATEGORY_BY_LABEL = _by_label(vocab.labels("category"))
_SOURCE_BY_LABEL = _by_label({s.value: vocab.label("source_type", s.value) for s in FieldSource})


def category_cell(value: Any) -> str:
    """People type the label they see in the template's help sheet; both forms are accepted."""
    return _choice_cell(value, _CATEGORY_BY_LABEL)


def source_cell(value: Any) -> str:
    """As category_cell, for the source column."""
    return _choice_cell(value, _SOURCE_BY_LABEL)


def id_cell(value: Any) -> str:
    """The id as text; validation says whether it is a UUID."""
    return str(value).strip()


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "id": id_cell,
    "kode_kabupaten": kode_cell,
    "kecamatan": text_cell,
    "kode_kecamatan": local_code_cell,
    "kode_desa": local_code_cell,
    "waktu_kejadian": datetime_cell,
    "kategori": category_cell,
    "tingkat_keparahan": whole_cell,
    "judul": text_cell,
    "deskripsi": text_cell,
    "jumlah_massa": count_cell,
    "lintang": decimal_cell,
    "bujur": decimal_cell,
    "sumber": source_cell,
}


@dataclass
class PendingRow:
    """A sheet row turned into a ReportCreate-shaped dict, with what could not be converted."""

    number: int
    item: dict[str, Any]
    errors: list[FieldError]


def _check_kode(item: dict[str, Any], default_kode: str | None) -> list[FieldError]:
    """An import for one kabupaten fills blank codes and refuses rows for another."""
    if default_kode is None:
        return []
    raw = item.setdefault("kabupaten_kode", default_kode)
    try:
        kode = normalize_kabupaten_kode(raw)
    except InvalidInput:
        return []  # validation explains a malformed code
    if kode != default_kode:
        reason = f"the row is for {kode} but this import is for {default_kode}"
        return [FieldError("kode_kabupaten", reason, "kabupaten_mismatch")]
    return []


def convert_row(
    number: int, cells: Sequence[Any], columns: Sequence[str | None], default_kode: str | None
) -> PendingRow | None:
    """Cells to a ReportCreate dict by column; None for a blank row."""
    if all(_blank(c) for c in cells):
        return None
    item: dict[str, Any] = {}
    errors: list[FieldError] = []
    if any(not _blank(c) for c in cells[len(columns) :]):
        errors.append(
            FieldError(
                "row",
                "the row has more cells than the header has columns (put text with commas in quotes)",
                "extra_cells",
            )
        )
    for column, value in zip(columns, cells, strict=False):
        if column is None or _blank(value):
            continue
        try:
            item[FIELD_OF_COLUMN[column]] = CONVERTERS[column](value)
        except CellError as exc:
            errors.append(FieldError(column, exc.reason, exc.type))
    errors += _check_kode(item, default_kode)
    if str(item.get("id", "")).lower() == str(EXAMPLE_ID):
        reason = "this is the template's example row; delete it (or clear its id) before importing"
        errors.append(FieldError("id", reason, "example_row"))
    return PendingRow(number, item, errors)
