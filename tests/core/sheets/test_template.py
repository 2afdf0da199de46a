"""The import template: Indonesian columns, one example row that is never stored, the vocabulary's labels."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import Engine

from core.sheets.columns import EXAMPLE_ID
from core.sheets.template import template_csv, template_xlsx
from models import vocab
from models.report import FieldSource
from tests.core.sheets.conftest import Importer
from tests.core.sheets.files import HEADER, count_reports


def test_the_template_example_row_is_never_stored(run_import: Importer, engine: Engine) -> None:
    for data in (template_csv(), template_xlsx()):
        summary = run_import(data)
        assert (summary.rows, summary.invalid) == (1, 1)
        assert summary.problems[0].errors[0].type == "example_row"
    assert count_reports(engine) == 0


def test_template_columns_are_indonesian_with_one_example(run_import: Importer) -> None:
    text = template_csv().decode("utf-8-sig")
    header, example = list(csv.reader(io.StringIO(text)))
    assert header == HEADER and example[0] == str(EXAMPLE_ID)
    workbook = load_workbook(io.BytesIO(template_xlsx()), read_only=True)
    assert workbook.sheetnames == ["laporan", "petunjuk"]
    rows = list(workbook["laporan"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 2


def test_the_help_sheet_names_every_choice_with_the_vocabularys_label() -> None:
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    rows = [tuple(r) for r in workbook["petunjuk"].iter_rows(values_only=True)]
    listed = {(code, label) for code, _, label, *_ in (r + (None,) * 3 for r in rows) if code and label}
    categories = set(vocab.labels("category").items())
    sources = {(s.value, vocab.label("source_type", s.value)) for s in FieldSource}
    assert categories <= listed and sources <= listed
    assert ("demo", vocab.label("source_type", "demo")) not in listed  # reserved for the synthetic season
    headings = [r[0] for r in rows if r[2] == "arti"]
    assert headings == ["kategori", "sumber"]
    assert all(workbook["petunjuk"][n][0].font.bold for n, r in enumerate(rows, 1) if r[2] in ("arti", "isi"))
    help_of = {r[0]: r[2] for r in rows[1 : len(HEADER) + 1]}
    assert all(word.lower() in help_of["tingkat_keparahan"] for word in vocab.labels("severity").values())
    assert help_of["sumber"].startswith("fkdm (bawaan), aparat")


def test_the_drop_downs_offer_exactly_the_vocabulary() -> None:
    sheet = load_workbook(io.BytesIO(template_xlsx()))["laporan"]
    formulas = {
        str(v.sqref).split(":")[0][0]: (v.formula1, v.formula2) for v in sheet.data_validations.dataValidation
    }
    letter = {c: chr(ord("A") + i) for i, c in enumerate(HEADER)}
    assert formulas[letter["kategori"]][0] == '"' + ",".join(vocab.values(vocab.CATEGORIES)) + '"'
    assert formulas[letter["sumber"]][0] == '"' + ",".join(s.value for s in FieldSource) + '"'
    assert formulas[letter["tingkat_keparahan"]] == ("1", "5")
