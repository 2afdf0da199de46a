"""`waspada`: the operator's commands (serve, migrate, seed, accounts, tokens)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from cli.accounts import account_app, token_app
from cli.imports import import_reports_command
from cli.output import fail
from cli.serve import scheduler_command, serve
from cli.snapshot import snapshot_app
from core import jobs
from core.accounts.service import Principal
from core.config import Settings, get_settings
from core.db import get_engine, write_session
from core.errors import WaspadaError
from core.regions.kecamatan import seed_kecamatan_and_desa
from core.regions.service import seed_regions
from core.risk.baseline import import_baseline
from core.schema import upgrade_database
from models.account import Role
from seeds.bootstrap import prepare_database

app = typer.Typer(help="Waspada: early warning of social conflict around elections.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
seed_app = typer.Typer(help="Load reference and demo data.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(seed_app, name="seed")
app.add_typer(account_app, name="account")
app.add_typer(token_app, name="token")
import_app = typer.Typer(help="Import data from files.", no_args_is_help=True)
app.add_typer(import_app, name="import")
import_app.command("reports")(import_reports_command)
app.add_typer(snapshot_app, name="snapshot")
app.command("scheduler")(scheduler_command)
app.command("serve")(serve)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending Alembic migrations."""
    settings = get_settings()
    result = upgrade_database(get_engine(settings), geo_dir=settings.geo_dir)
    if result.kecamatan_backfill is not None:
        typer.echo(result.kecamatan_backfill.summary())
    typer.echo("database schema is up to date")


@seed_app.command("regions")
def seed_regions_command() -> None:
    """Load (or refresh) provinces, kabupaten/kota, kecamatan and desa/kelurahan from the data pack."""
    settings = get_settings()
    engine = get_engine(settings)
    upgraded = upgrade_database(engine, geo_dir=settings.geo_dir)
    if upgraded.kecamatan_backfill is not None:
        typer.echo(upgraded.kecamatan_backfill.summary())
    with write_session(engine) as session:
        result = seed_regions(session=session, geo_dir=settings.geo_dir)
        local = seed_kecamatan_and_desa(session=session, geo_dir=settings.geo_dir)
    typer.echo(
        f"regions: {result.provinces} provinces, {result.kabupaten} kabupaten/kota, "
        f"{local.kecamatan} kecamatan, {local.desa} desa/kelurahan"
    )


@seed_app.command("demo")
def seed_demo_command(
    reports: Annotated[
        int | None, typer.Option(help="How many reports (default: a 25,000-report season)")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same season")] = 20241127,
    reset: Annotated[bool, typer.Option(help="Delete the demo season first and generate it again")] = False,
    freeze: Annotated[
        bool, typer.Option(help="Freeze the season's weeks and record their alerts (weekly reports)")
    ] = True,
) -> None:
    """Load the synthetic Pilkada 2024 season (source `demo`) so the map has something to show."""
    from seeds.demo import demo_span, seed_demo

    settings = get_settings()
    engine = get_engine(settings)
    prepare_database(engine, settings)
    with write_session(engine) as session:
        summary = seed_demo(
            session=session, seed=seed, reports=reports, reset=reset, geo_dir=settings.geo_dir
        )
        span = demo_span(session)
    state = "already present" if summary.skipped else "generated"
    typer.echo(f"demo season {state}: {summary.reports} reports, {summary.events} planned events (synthetic)")
    if freeze and span is not None:
        _freeze_demo_weeks(settings, span, force=not summary.skipped)


def _freeze_demo_weeks(settings: Settings, span: tuple[datetime, datetime], *, force: bool) -> None:
    """Freeze the season's weeks so its weekly reports exist; a fresh season replaces older freezes."""
    results = jobs.freeze_span(settings, *span, force=force)
    done = [r for r in results if r.succeeded]
    failed = [r.week_start.isoformat() for r in results if r.error]
    skipped = len(results) - len(done) - len(failed)
    alerts = sum(len(r.alert_ids) for r in done)
    typer.echo(f"demo weeks: {len(done)} frozen, {skipped} already frozen, {alerts} alerts")
    if failed:
        typer.secho(
            f"demo weeks not frozen: {', '.join(failed)} (details in the log)", err=True, fg=typer.colors.RED
        )
        raise typer.Exit(code=1)


@import_app.command("baseline")
def import_baseline_command(
    file: Annotated[
        Path, typer.Argument(help="CSV with columns kode,score,source", exists=True, dir_okay=False)
    ],
) -> None:
    """Import structural baseline scores (e.g. an IKP table); a file with any bad row stores nothing."""
    engine = get_engine(get_settings())
    admin = Principal(account_id=0, name="cli", role=Role.ADMIN)
    with write_session(engine) as session:
        try:
            count = import_baseline(session=session, account=admin, text=file.read_text(encoding="utf-8-sig"))
        except WaspadaError as exc:
            fail(exc)
    typer.echo(f"baseline: {count} kabupaten/kota imported")


if __name__ == "__main__":
    app()
