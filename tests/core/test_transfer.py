"""Spreadsheet import and export: the API's rules per row, sheet row numbers, idempotence, round trip."""

from __future__ import annotations

import codecs
import csv
import io
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, delete, func
from sqlmodel import select
from typer.testing import CliRunner

from cli.imports import import_reports_command
from core.accounts.service import Principal, create_account_token, principal_of
from core.config import Settings, get_settings
from core.db import read_session, write_session
from core.errors import Forbidden, InvalidInput
from core.reports.intake import IntakeRules, Outcome, ReportFilter, create_reports_batch
from core.sheets import importer as transfer
from core.writer import report_writer
from geo.locate import get_locator
from models.account import Account, Role
from models.report import Report, ReportDaily
from models.types import utc_now
from tests.factories import MALUKU_TENGGARA_POINT, TUAL_POINT

INDONESIAN = "Kecamatan Kei Kecil — pengungsi 'Ambon' ñ é"
ID_A = "3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
HEADER = list(transfer.TEMPLATE_COLUMNS)


def _row(**values: Any) -> list[Any]:
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
        _row(
            id=ID_A,
            kecamatan="Kei Kecil",
            judul=INDONESIAN,
            deskripsi="Warga, pendatang dan aparat;\nbaris kedua",
            jumlah_massa="1.200",
            lintang=str(MALUKU_TENGGARA_POINT[0]),
            bujur=str(MALUKU_TENGGARA_POINT[1]),
        ),  # 2 created
        _row(kode_kabupaten="99.99", judul="Kode salah"),  # 3 invalid: unknown code
        _row(waktu_kejadian="kemarin sore", judul="Tanggal salah"),  # 4 invalid: date
        _row(id=ID_A, judul="Isi lain dengan id yang sama"),  # 5 conflict with row 2
        _row(waktu_kejadian="21/11/2024 14.05", kategori="Hoaks / disinformasi", tingkat_keparahan="2"),  # 6
        ["", "", "", "", "", "", "", "", "", "", "", ""],  # 7 blank: skipped, numbering kept
        _row(waktu_kejadian="21/11/2024 14.05", kategori="Hoaks / disinformasi", tingkat_keparahan="2"),  # 8
        _row(tingkat_keparahan="7", jumlah_massa="banyak", judul="Dua kesalahan"),  # 9 invalid twice
        _row(waktu_kejadian=future, judul="Masa depan"),  # 10 invalid: future
    ]


def csv_bytes(rows: list[list[Any]], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], header: list[str] = HEADER) -> bytes:
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
    if column in ("lintang", "bujur"):
        return float(value)
    return value


@pytest.fixture
def rules(settings: Settings) -> IntakeRules:
    locator = get_locator(settings.geo_dir)
    return IntakeRules(now=utc_now(), locate=locator.locate, contains=locator.contains)


def _account(engine: Engine, role: str, **scope: str) -> Principal:
    with write_session(engine) as session:
        token, _ = create_account_token(
            session=session, name=f"{role}-{uuid.uuid4().hex[:6]}", role=Role(role), **scope
        )
        return principal_of(session.get(Account, token.account_id))


@pytest.fixture
def admin(engine: Engine) -> Principal:
    with write_session(engine) as session:
        return transfer.import_account(session=session, name="cli-import")


Importer = Callable[..., transfer.ImportSummary]


@pytest.fixture
def run_import(engine: Engine, rules: IntakeRules, admin: Principal) -> Importer:
    def run(data: bytes, account: Principal | None = None, **kwargs: Any) -> transfer.ImportSummary:
        with read_session(engine) as session:
            return transfer.import_reports(
                source=io.BytesIO(data),
                session=session,
                account=account or admin,
                rules=rules,
                store=report_writer(engine),
                **kwargs,
            )

    return run


def _count(engine: Engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.count()).select_from(Report)).one()


def _problems(summary: transfer.ImportSummary) -> dict[int, set[str]]:
    return {p.row: {e.field for e in p.errors} for p in summary.problems}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_stores_good_rows_and_names_bad_rows_by_sheet_row(
    fmt: str, run_import: Importer, engine: Engine
) -> None:
    data = csv_bytes(mixed_rows()) if fmt == "csv" else xlsx_bytes(mixed_rows())
    summary = run_import(data)
    assert (summary.format, summary.rows) == (fmt, 8)
    assert (summary.created, summary.replayed, summary.conflict, summary.invalid) == (2, 1, 1, 4)
    assert _problems(summary) == {
        3: {"kode_kabupaten"},
        4: {"waktu_kejadian"},
        5: {"id"},
        9: {"tingkat_keparahan", "jumlah_massa"},
        10: {"waktu_kejadian"},
    }
    reasons = {p.row: " ".join(e.reason for e in p.errors) for p in summary.problems}
    assert "99.99" in reasons[3] and "row 2 of this file" in reasons[5] and "future" in reasons[10]
    assert _count(engine) == 2
    with read_session(engine) as session:
        stored = session.get(Report, uuid.UUID(ID_A))
    assert stored is not None
    assert (stored.title, stored.crowd_size, stored.kecamatan) == (INDONESIAN, 1200, "Kei Kecil")
    assert stored.description == "Warga, pendatang dan aparat;\nbaris kedua"
    assert stored.occurred_at == datetime(2024, 11, 20, 0, 30, tzinfo=UTC)  # 09:30 WIT
    assert not stored.location_mismatch

    again = run_import(data)
    assert (again.created, again.replayed, again.conflict, again.invalid) == (0, 3, 1, 4)
    assert _count(engine) == 2


def test_windows_1252_csv_is_read_and_said_so(run_import: Importer, engine: Engine) -> None:
    rows = [_row(judul="Pengungsi ñ é à", kecamatan="Kei Kecil")]
    summary = run_import(csv_bytes(rows, encoding="cp1252", delimiter=";"))
    assert (summary.encoding, summary.created) == ("cp1252", 1)
    assert "Windows-1252" in summary.warnings[0]
    with read_session(engine) as session:
        assert session.exec(select(Report.title)).one() == "Pengungsi ñ é à"


def test_undecodable_file_is_a_clear_encoding_error(run_import: Importer) -> None:
    data = csv_bytes([_row()]) + b"\x81\x8d\xff\xfe garbage"
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


def test_the_template_example_row_is_never_stored(run_import: Importer, engine: Engine) -> None:
    for data in (transfer.template_csv(), transfer.template_xlsx()):
        summary = run_import(data)
        assert (summary.rows, summary.invalid) == (1, 1)
        assert summary.problems[0].errors[0].type == "example_row"
    assert _count(engine) == 0


def test_template_columns_are_indonesian_with_one_example(run_import: Importer) -> None:
    text = transfer.template_csv().decode("utf-8-sig")
    header, example = list(csv.reader(io.StringIO(text)))
    assert header == HEADER and example[0] == str(transfer.EXAMPLE_ID)
    workbook = load_workbook(io.BytesIO(transfer.template_xlsx()), read_only=True)
    assert workbook.sheetnames == ["laporan", "petunjuk"]
    rows = list(workbook["laporan"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == 2


def test_import_for_one_kabupaten_fills_blank_codes_and_refuses_others(
    run_import: Importer, engine: Engine
) -> None:
    officer = _account(engine, "officer", kabupaten="81.02")
    rows = [
        _row(kode_kabupaten=""),
        _row(kode_kabupaten="81.72", judul="Tual"),
        _row(kode_kabupaten="8102", judul="Kode tanpa titik"),
    ]
    summary = run_import(csv_bytes(rows), account=officer)
    assert summary.created == 2
    assert _problems(summary) == {3: {"kode_kabupaten"}}
    assert "81.72" in summary.problems[0].errors[0].reason
    with pytest.raises(Forbidden):
        run_import(csv_bytes(rows), account=officer, kabupaten="81.72")


def test_analysts_import_for_their_province_only(run_import: Importer, engine: Engine) -> None:
    analyst = _account(engine, "analyst", provinsi="81")
    rows = [_row(kode_kabupaten="81.72"), _row(kode_kabupaten="71.01", judul="Sulawesi Utara")]
    summary = run_import(csv_bytes(rows), account=analyst)
    assert summary.created == 1
    assert _problems(summary) == {3: {"kode_kabupaten"}}
    with pytest.raises(Forbidden):
        run_import(csv_bytes(rows), account=analyst, kabupaten="71.01")
    # importing does not widen what the analyst may do elsewhere
    assert not analyst.can_create_report("81.72")


def test_problem_list_is_capped_but_counts_are_not(run_import: Importer) -> None:
    rows = [_row(kode_kabupaten="99.99") for _ in range(30)]
    summary = run_import(csv_bytes(rows), max_problems=10)
    assert (summary.invalid, len(summary.problems), summary.problems_truncated) == (30, 10, True)


def test_large_import_is_chunked_and_reports_progress(run_import: Importer, engine: Engine) -> None:
    rows = [_row(judul=f"Laporan {i}") for i in range(1203)]
    seen: list[int] = []
    summary = run_import(csv_bytes(rows), on_progress=lambda done, total: seen.append(done))
    assert summary.created == 1203 and _count(engine) == 1203
    assert seen == [500, 1000, 1203]


@pytest.mark.parametrize(
    ("convert", "raw", "expected"),
    [
        (transfer.kode_cell, 81.1, "81.10"),
        (transfer.kode_cell, "81.1", "81.10"),
        (transfer.kode_cell, 8102, "8102"),
        (transfer.count_cell, "1.200", 1200),
        (transfer.count_cell, "1 200", 1200),
        (transfer.count_cell, 300.0, 300),
        (transfer.whole_cell, "3.0", 3),
        (transfer.decimal_cell, "-5,643328", -5.643328),
        (transfer.decimal_cell, "\u22125.5", -5.5),
        (transfer.datetime_cell, "20/11/2024 09.30", datetime(2024, 11, 20, 9, 30)),
        (transfer.datetime_cell, "2024-11-20", datetime(2024, 11, 20)),
        (transfer.category_cell, "Unjuk Rasa", "unjuk_rasa"),
        (transfer.source_cell, "Media sosial", "media_sosial"),
        (transfer.text_cell, "'=SUM(A1)", "=SUM(A1)"),
    ],
)
def test_cells_become_the_type_their_column_needs(
    convert: Callable[[Any], Any], raw: Any, expected: Any
) -> None:
    assert convert(raw) == expected


@pytest.mark.parametrize(
    ("convert", "raw"),
    [
        (transfer.whole_cell, "3.5"),
        (transfer.whole_cell, True),
        (transfer.count_cell, "1,5"),
        (transfer.decimal_cell, "utara"),
        (transfer.datetime_cell, "31/02/2024"),
        (transfer.datetime_cell, 45000.5),
    ],
)
def test_cells_that_cannot_convert_are_refused(convert: Callable[[Any], Any], raw: Any) -> None:
    with pytest.raises(transfer.CellError):
        convert(raw)


# --------------------------------------------------------------------------- export round trip

COMPARED = (
    "id",
    "kabupaten_kode",
    "kecamatan",
    "occurred_at",
    "category",
    "severity",
    "title",
    "description",
    "crowd_size",
    "latitude",
    "longitude",
    "source_type",
    "location_mismatch",
    "located_kabupaten_kode",
)


def _seed(engine: Engine, rules: IntakeRules) -> Principal:
    officer = _account(engine, "officer", kabupaten="81.02")
    base = datetime(2024, 11, 20, 1, 2, 3, 456000, tzinfo=UTC)
    items = [
        {
            "kabupaten_kode": "81.02",
            "occurred_at": (base + timedelta(hours=i)).isoformat(),
            "category": category,
            "severity": 1 + i % 5,
            "title": title,
            "description": description,
            **extra,
        }
        for i, (category, title, description, extra) in enumerate(
            [
                ("unjuk_rasa", INDONESIAN, "baris satu\nbaris dua, dengan koma", {"crowd_size": 1200}),
                ("hoaks", '=HYPERLINK("http://x")', "-- bukan rumus", {"kecamatan": "+Kei Besar"}),
                (
                    "bentrokan",
                    "Di Tual, bukan Malra",
                    "",
                    {"latitude": TUAL_POINT[0], "longitude": TUAL_POINT[1]},
                ),
                (
                    "kampanye",
                    "Titik di Malra",
                    "\tdiawali tab",
                    {
                        "latitude": MALUKU_TENGGARA_POINT[0],
                        "longitude": MALUKU_TENGGARA_POINT[1],
                        "source_type": "media_sosial",
                    },
                ),
            ]
        )
    ]
    with read_session(engine) as session:
        results = create_reports_batch(
            session=session, account=officer, items=items, rules=rules, store=report_writer(engine)
        )
    assert all(r.status is Outcome.CREATED for r in results)
    return officer


def _snapshot(engine: Engine) -> dict[uuid.UUID, tuple[Any, ...]]:
    with read_session(engine) as session:
        reports = session.exec(select(Report)).all()
    return {r.id: tuple(getattr(r, name) for name in COMPARED) for r in reports}


def _empty(engine: Engine) -> None:
    with write_session(engine) as session:
        session.exec(delete(ReportDaily.__table__))  # type: ignore[call-overload]
        session.exec(delete(Report))  # type: ignore[call-overload]
        session.commit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_into_an_empty_database_as_the_same_reports(
    fmt: str, engine: Engine, rules: IntakeRules, run_import: Importer, admin: Principal
) -> None:
    officer = _seed(engine, rules)
    before = _snapshot(engine)
    assert sum(1 for v in before.values() if v[COMPARED.index("location_mismatch")]) == 1
    pages = transfer.export_pages(engine=engine, account=officer, flt=ReportFilter(), page_size=3)
    if fmt == "csv":
        data = b"".join(transfer.export_csv(pages))
        assert data.startswith(codecs.BOM_UTF8)
        text = data.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "+09:00" in text and INDONESIAN in text
    else:
        buffer = io.BytesIO()
        assert transfer.export_xlsx(pages, buffer) == 4
        data = buffer.getvalue()
    _empty(engine)
    summary = run_import(data)
    assert (summary.created, summary.invalid, summary.conflict) == (4, 0, 0), summary.problems
    assert _snapshot(engine) == before
    assert run_import(data).replayed == 4 and _count(engine) == 4


def test_export_follows_scope_and_filters(engine: Engine, rules: IntakeRules, admin: Principal) -> None:
    officer = _seed(engine, rules)
    other = _account(engine, "officer", kabupaten="81.72")

    def rows(account: Principal, flt: ReportFilter) -> list[list[str]]:
        data = b"".join(transfer.export_csv(transfer.export_pages(engine=engine, account=account, flt=flt)))
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))

    everything = rows(officer, ReportFilter())
    assert everything[0] == [*HEADER, "status", "lokasi_tidak_sesuai"]
    assert len(everything) == 5
    assert {r[-1] for r in everything[1:]} == {"true", "false"}
    assert len(rows(other, ReportFilter())) == 1
    assert len(rows(admin, ReportFilter(category="hoaks"))) == 2
    assert len(rows(admin, ReportFilter(since=datetime(2024, 11, 20, 3, tzinfo=UTC)))) == 3


# --------------------------------------------------------------------------- command line


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
    assert _count(engine) == 2
    with read_session(engine) as session:
        assert set(session.exec(select(Report.reporter)).all()) == {"cli-import"}


def test_cli_import_for_one_kabupaten_and_a_bad_file(
    cli: typer.Typer, tmp_path: Path, engine: Engine
) -> None:
    good = tmp_path / "malra.csv"
    good.write_bytes(csv_bytes([_row(kode_kabupaten=""), _row(kode_kabupaten="", judul="Kedua")]))
    result = CliRunner().invoke(cli, ["import", "reports", str(good), "--kabupaten", "81.02"])
    assert result.exit_code == 0, result.output
    assert _count(engine) == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"judul,warna\nx,merah\n")
    result = CliRunner().invoke(cli, ["import", "reports", str(bad)])
    assert result.exit_code == 2 and "unknown column(s) warna" in result.output
