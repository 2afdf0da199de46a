"""`waspada snapshot run|list` and `waspada scheduler`: the operator's side of weekly snapshots."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from core import jobs
from core.alerts.delivery import wait_for_deliveries
from core.config import get_settings
from core.db import get_engine, read_session
from core.errors import WaspadaError
from core.snapshots.queries import list_weeks

snapshot_app = typer.Typer(
    help="Weekly risk snapshots (Monday-Sunday weeks, frozen once).", no_args_is_help=True
)
DELIVERY_WAIT_SECONDS = 60.0


@snapshot_app.command("run")
def snapshot_run(
    week: Annotated[
        datetime | None,
        typer.Option(
            "--week",
            formats=["%Y-%m-%d"],
            help="Monday of the week, YYYY-MM-DD (default: the week that ended last Sunday)",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Recompute a week already frozen (audited)")] = False,
) -> None:
    """Freeze one complete week now; a week already frozen is left alone unless --force."""
    settings = get_settings()
    try:
        result = jobs.run_week_from_cli(settings, week.date() if week else None, force=force)
    except WaspadaError as exc:
        typer.secho(f"error: {exc.message}", err=True, fg=typer.colors.RED)
        raise typer.Exit(code=2) from exc
    if result.error:
        reason = result.error.splitlines()[0]
        typer.secho(
            f"week {result.week_start}: failed: {reason} (details in the log)", err=True, fg=typer.colors.RED
        )
        raise typer.Exit(code=1)
    if result.succeeded:
        typer.echo(f"week {result.week_start}: {result.rows} rows, {len(result.alert_ids)} new alert(s)")
    else:
        typer.echo(f"week {result.week_start}: already frozen (use --force to recompute)")
    if result.alert_ids and not wait_for_deliveries(timeout=DELIVERY_WAIT_SECONDS):
        typer.echo("some webhook deliveries are still pending; the scheduler will resume them")


@snapshot_app.command("list")
def snapshot_list() -> None:
    """Every week with a run record, newest first."""
    with read_session(get_engine(get_settings())) as session:
        weeks = list_weeks(session=session)
    typer.echo(f"{'week_start':<11} {'as_of':<11} {'status':<10} {'trigger':<10} {'rows':>5}  finished (UTC)")
    for w in weeks:
        finished = w.finished_at.strftime("%Y-%m-%d %H:%M") if w.finished_at else "-"
        typer.echo(
            f"{w.week_start.isoformat():<11} {w.as_of.isoformat():<11} {w.status:<10} {w.trigger:<10} "
            f"{w.rows:>5}  {finished}"
        )
        if w.error and w.status != "succeeded":
            typer.echo(f"{'':<11} error: {w.error.splitlines()[0]}")
