"""Who an import acts as: officers for their kabupaten, analysts for their province, nothing wider."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from core.errors import Forbidden
from tests.core.sheets.conftest import Importer
from tests.core.sheets.files import csv_bytes, make_account, problem_fields, sheet_row


def test_import_for_one_kabupaten_fills_blank_codes_and_refuses_others(
    run_import: Importer, engine: Engine
) -> None:
    officer = make_account(engine, "officer", kabupaten="81.02")
    rows = [
        sheet_row(kode_kabupaten=""),
        sheet_row(kode_kabupaten="81.72", judul="Tual"),
        sheet_row(kode_kabupaten="8102", judul="Kode tanpa titik"),
    ]
    summary = run_import(csv_bytes(rows), account=officer)
    assert summary.created == 2
    assert problem_fields(summary) == {3: {"kode_kabupaten"}}
    assert "81.72" in summary.problems[0].errors[0].reason
    with pytest.raises(Forbidden):
        run_import(csv_bytes(rows), account=officer, kabupaten="81.72")


def test_analysts_import_for_their_province_only(run_import: Importer, engine: Engine) -> None:
    analyst = make_account(engine, "analyst", provinsi="81")
    rows = [sheet_row(kode_kabupaten="81.72"), sheet_row(kode_kabupaten="71.01", judul="Sulawesi Utara")]
    summary = run_import(csv_bytes(rows), account=analyst)
    assert summary.created == 1
    assert problem_fields(summary) == {3: {"kode_kabupaten"}}
    with pytest.raises(Forbidden):
        run_import(csv_bytes(rows), account=analyst, kabupaten="71.01")
    # importing does not widen what the analyst may do elsewhere
    assert not analyst.can_create_report("81.72")
