"""`waspada import reports`: sheet row numbers, exit codes, idempotence, live alerts checked before exit."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select
from typer.testing import CliRunner

from cli import imports
from cli.imports import import_reports_command
from core.config import Settings, get_settings
from core.db import read_session
from models.report import Report
from tests.conftest import auth
from tests.core.sheets.files import count_reports, csv_bytes, mixed_rows, sheet_row, xlsx_bytes


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[typer.Typer]:
    """`waspada import reports` as cli.py registers it, pointed at this test's database."""
    monkeypatch.setenv("WASPADA_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("WASPADA_GEO_DIR", str(settings.geo_dir))
    get_settings.cache_clear()
    app = typer.Typer()
    import_app = typer.Typer()
    app.add_typer(import_app, name="import")
    import_app.command("reports")(import_reports_command)
    yield app
    get_settings.cache_clear()


def test_cli_imports_with_row_numbers_and_a_second_run_adds_nothing(
    cli: typer.Typer, tmp_path: Path, engine: Engine
) -> None:
    sheet = tmp_path / "laporan.xlsx"
    sheet.write_bytes(xlsx_bytes(mixed_rows()))
    errors = tmp_path / "errors.csv"
    first = CliRunner().invoke(cli, ["import", "reports", str(sheet), "--errors", str(errors)])
    assert first.exit_code == 1, first.output
    assert "8 rows: 2 created, 1 already stored, 1 conflict, 4 invalid" in first.output
    assert "row 4: invalid: waktu_kejadian:" in first.output
    refused = list(csv.reader(io.StringIO(errors.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in refused[1:]] == ["3", "4", "5", "9", "9", "10"]
    second = CliRunner().invoke(cli, ["import", "reports", str(sheet)])
    assert "0 created, 3 already stored" in second.output
    assert count_reports(engine) == 2
    with read_session(engine) as session:
        assert set(session.exec(select(Report.reporter)).all()) == {"cli-import"}


def test_cli_import_for_one_kabupaten_and_a_bad_file(
    cli: typer.Typer, tmp_path: Path, engine: Engine
) -> None:
    good = tmp_path / "malra.csv"
    good.write_bytes(csv_bytes([sheet_row(kode_kabupaten=""), sheet_row(kode_kabupaten="", judul="Kedua")]))
    result = CliRunner().invoke(cli, ["import", "reports", str(good), "--kabupaten", "81.02"])
    assert result.exit_code == 0, result.output
    assert count_reports(engine) == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"judul,warna\nx,merah\n")
    result = CliRunner().invoke(cli, ["import", "reports", str(bad)])
    assert result.exit_code == 2 and "unknown column(s) warna" in result.output


def test_cli_import_checks_the_live_alerts_of_the_kabupaten_it_filled(
    cli: typer.Typer, tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[tuple[str, int]] = []

    def check(*, settings: Settings, kabupaten_kode: str) -> list[int]:
        checked.append((kabupaten_kode, count_reports(engine)))
        return []

    monkeypatch.setattr(imports, "check_report_alert", check)
    sheet = tmp_path / "maluku.csv"
    rows = [
        sheet_row(kode_kabupaten="81.72"),
        sheet_row(),
        sheet_row(judul="Kedua"),
        sheet_row(kode_kabupaten="99.99"),
    ]
    sheet.write_bytes(csv_bytes(rows))
    assert CliRunner().invoke(cli, ["import", "reports", str(sheet)]).exit_code == 1  # row 5 is refused
    assert checked == [("81.02", 3), ("81.72", 3)]  # once each, after the rows were stored
    CliRunner().invoke(cli, ["import", "reports", str(sheet)])
    assert len(checked) == 2  # nothing new stored, nothing to check


def test_the_same_sheet_without_ids_through_the_cli_then_the_api_is_stored_once(
    cli: typer.Typer, tmp_path: Path, engine: Engine, client: TestClient, make_token: Callable[..., str]
) -> None:
    rows = [sheet_row(judul=f"Laporan tanpa id {n}") for n in range(3)]
    sheet = tmp_path / "tanpa-id.csv"
    sheet.write_bytes(csv_bytes(rows))
    first = CliRunner().invoke(cli, ["import", "reports", str(sheet)])
    assert first.exit_code == 0 and "3 created" in first.output, first.output
    officer = make_token("officer", kabupaten="81.02", name="fkdm-malra")
    again = client.post(
        "/api/v1/reports/import", files={"file": ("tanpa-id.csv", sheet.read_bytes())}, headers=auth(officer)
    ).json()
    assert (again["created"], again["replayed"], again["conflict"]) == (0, 3, 0)
    assert count_reports(engine) == 3
    with read_session(engine) as session:
        assert set(session.exec(select(Report.reporter)).all()) == {"cli-import"}
