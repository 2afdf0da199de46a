"""`waspada import reports FILE`: a CSV or XLSX of reports through the API's own rules, with progress.

Registered in cli.py as `import_app.command("reports")(import_reports_command)`.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer

from cli.output import fail
from core.alerts.delivery import wait_for_deliveries
from core.alerts.live import check_report_alert
from core.config import Settings, get_settings
from core.db import get_engine, read_session, write_session
from core.errors import WaspadaError
from core.reports.intake import rules_from_settings
from core.sheets import importer
from core.sheets.read import estimate_csv_rows
from core.sheets.scope import import_account
from core.writer import report_writer
from seeds.bootstrap import prepare_database

SHOWN_PROBLEMS = 50
DELIVERY_WAIT_SECONDS = 30.0


def _estimate(file: Path) -> int:
    """Rows to expect, for the progress bar (a line count for CSV, the sheet's size for XLSX)."""
    with file.open("rb") as handle:
        if handle.read(4) == b"PK\x03\x04":
            return 0  # learned from the workbook once it is open
        handle.seek(0)
        return estimate_csv_rows(handle)


def _print_summary(summary: importer.ImportSummary) -> None:
    for warning in summary.warnings:
        typer.secho(f"warning: {warning}", err=True, fg=typer.colors.YELLOW)
    for problem in summary.problems[:SHOWN_PROBLEMS]:
        reasons = "; ".join(f"{e.field}: {e.reason}" for e in problem.errors)
        typer.echo(f"row {problem.row}: {problem.status.value}: {reasons}")
    hidden = summary.conflict + summary.invalid - min(len(summary.problems), SHOWN_PROBLEMS)
    if hidden > 0:
        typer.echo(f"... and {hidden} more refused row(s) (use --errors FILE to list them all)")
    typer.echo(
        f"{summary.rows} rows: {summary.created} created, {summary.replayed} already stored, "
        f"{summary.conflict} conflict, {summary.invalid} invalid"
    )


def _write_errors(path: Path, summary: importer.ImportSummary) -> None:
    """Every refused row with every reason, as a CSV to fix the sheet from."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["baris", "status", "kolom", "alasan"])
        for problem in summary.problems:
            for error in problem.errors:
                writer.writerow([problem.row, problem.status.value, error.field, error.reason])


def _check_live_alerts(settings: Settings, kodes: set[str]) -> None:
    """Check the kabupaten that received reports now: this process ends before a background checker would."""
    raised = [i for kode in sorted(kodes) for i in check_report_alert(settings=settings, kabupaten_kode=kode)]
    if not raised:
        return
    typer.echo(f"{len(raised)} new live alert(s)")
    if not wait_for_deliveries(timeout=DELIVERY_WAIT_SECONDS):
        typer.echo("some webhook deliveries are still pending; the scheduler will resume them")


def import_reports_command(
    file: Annotated[
        Path,
        typer.Argument(
            help=".csv (UTF-8 or Excel's CSV) or .xlsx shaped like the template", exists=True, dir_okay=False
        ),
    ],
    kabupaten: Annotated[
        str | None, typer.Option(help="Only this kabupaten: fills blank codes, refuses rows for others")
    ] = None,
    account: Annotated[
        str,
        typer.Option(help="Account the reports are recorded under (created as a token-less admin if new)"),
    ] = "cli-import",
    errors: Annotated[
        Path | None, typer.Option(help="Write every refused row and reason to this CSV")
    ] = None,
) -> None:
    """Import reports from a spreadsheet; valid rows are stored, refused rows listed by sheet row number.

    Importing the same file again stores nothing new.

    Exit code 0: every row stored (or already stored); 1: some rows refused; 2: an unreadable file.
    """
    settings = get_settings()
    engine = get_engine(settings)
    prepare_database(engine, settings)
    marked: set[str] = set()
    rules = rules_from_settings(settings, mark_live=marked.update)
    with write_session(engine) as session:
        principal = import_account(session=session, name=account)
    with (
        file.open("rb") as source,
        read_session(engine) as session,
        typer.progressbar(length=_estimate(file) or 1, label="Mengimpor", show_pos=True) as bar,
    ):
        shown = 0

        def progress(done: int, total: int | None) -> None:
            nonlocal shown
            if total and bar.length <= 1:
                bar.length = total
            bar.update(done - shown)
            shown = done

        try:
            summary = importer.import_reports(
                source=source,
                session=session,
                account=principal,
                rules=rules,
                store=report_writer(engine),
                kabupaten=kabupaten,
                max_problems=10**9 if errors else importer.MAX_PROBLEMS,
                on_progress=progress,
            )
        except WaspadaError as exc:
            fail(exc)
    _print_summary(summary)
    _check_live_alerts(settings, marked)
    if errors:
        _write_errors(errors, summary)
        typer.echo(f"refused rows written to {errors}")
    if summary.conflict or summary.invalid:
        raise typer.Exit(code=1)
