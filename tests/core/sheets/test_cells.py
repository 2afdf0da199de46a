"""Cells become the type their column needs, the way people and Excel write them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from core.sheets import cells
from models import vocab
from models.report import FieldSource


@pytest.mark.parametrize(
    ("convert", "raw", "expected"),
    [
        (cells.kode_cell, 81.1, "81.10"),
        (cells.kode_cell, "81.1", "81.10"),
        (cells.kode_cell, 8102, "8102"),
        (cells.count_cell, "1.200", 1200),
        (cells.count_cell, "1 200", 1200),
        (cells.count_cell, 300.0, 300),
        (cells.whole_cell, "3.0", 3),
        (cells.decimal_cell, "-5,643328", -5.643328),
        (cells.decimal_cell, "\u22125.5", -5.5),
        (cells.datetime_cell, "20/11/2024 09.30", datetime(2024, 11, 20, 9, 30)),
        (cells.datetime_cell, "2024-11-20", datetime(2024, 11, 20)),
        (cells.category_cell, "Unjuk Rasa", "unjuk_rasa"),
        (cells.source_cell, "Media sosial", "media_sosial"),
        (cells.text_cell, "'=SUM(A1)", "=SUM(A1)"),
    ],
)
def test_cells_become_the_type_their_column_needs(
    convert: Callable[[Any], Any], raw: Any, expected: Any
) -> None:
    assert convert(raw) == expected


@pytest.mark.parametrize(
    ("convert", "raw"),
    [
        (cells.whole_cell, "3.5"),
        (cells.whole_cell, True),
        (cells.count_cell, "1,5"),
        (cells.decimal_cell, "utara"),
        (cells.datetime_cell, "31/02/2024"),
        (cells.datetime_cell, 45000.5),
    ],
)
def test_cells_that_cannot_convert_are_refused(convert: Callable[[Any], Any], raw: Any) -> None:
    with pytest.raises(cells.CellError):
        convert(raw)


def test_every_label_of_the_vocabulary_reads_as_its_code() -> None:
    for code, label in vocab.labels("category").items():
        assert cells.category_cell(label.upper()) == code
    for source in FieldSource:
        assert cells.source_cell(f" {vocab.label('source_type', source.value)} ") == source.value
    assert cells.source_cell(vocab.label("source_type", "demo")) != "demo"  # not a source a sheet may claim
