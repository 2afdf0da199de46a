"""What the scheduler, the CLI and the admin endpoint run: freeze weeks, catch up, raise alerts.

Every entry point takes the settings and an optional `now`, so tests drive the clock, and is
safe to call from several processes at once: core.snapshots.freeze lets the database pick one winner.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from core.accounts.service import Principal
from core.alerts.delivery import deliver_in_background
from core.alerts.rules import record_snapshot_alerts
from core.config import Settings
from core.db import get_engine, read_session, write_session
from core.errors import Conflict
from core.risk.service import risk_params
from core.snapshots.freeze import SnapshotRunResult, compute_week
from core.snapshots.queries import missing_weeks
from core.snapshots.weeks import check_week_start, is_complete, last_complete_week, week_of
from models.snapshot import RunTrigger
from models.types import utc_now

logger = logging.getLogger(__name__)


def run_week(
    settings: Settings,
    week_start: date,
    *,
    trigger: RunTrigger | str,
    force: bool = False,
    actor: Principal | None = None,
    notify: bool = True,
) -> SnapshotRunResult:
    """Freeze one week (once, unless forced) and send the alerts it raised (unless told not to)."""
    webhook_urls = settings.webhook_urls if notify else ()
    raise_alerts = partial(record_snapshot_alerts, webhook_urls=webhook_urls)
    with write_session(get_engine(settings)) as session:
        result = compute_week(
            session=session,
            week_start=week_start,
            params=risk_params(settings),
            trigger=trigger,
            force=force,
            actor=actor,
            raise_alerts=raise_alerts,
        )
    _log(result)
    if notify:
        deliver_in_background(settings=settings, alert_ids=result.alert_ids)
    return result


def _log(result: SnapshotRunResult) -> None:
    if result.succeeded:
        logger.info("snapshot %s: %d rows, %d alerts", result.week_start, result.rows, len(result.alert_ids))
    elif result.error:
        logger.error("snapshot %s failed: %s", result.week_start, result.error)


def _zone(settings: Settings) -> ZoneInfo:
    return ZoneInfo(settings.report_timezone)


def _weeks_to_produce(settings: Settings, now: datetime, limit: int) -> list[date]:
    with read_session(get_engine(settings)) as session:
        return missing_weeks(session=session, now=now, tz=_zone(settings), limit=limit)


def catch_up(
    settings: Settings, now: datetime | None = None, *, trigger: RunTrigger | str = RunTrigger.SCHEDULER
) -> list[SnapshotRunResult]:
    """Produce the weeks missed while nothing ran (bounded by snapshot_catch_up_weeks), oldest first."""
    weeks = _weeks_to_produce(settings, now or utc_now(), settings.snapshot_catch_up_weeks)
    if weeks:
        logger.info("catching up %d week(s): %s", len(weeks), ", ".join(w.isoformat() for w in weeks))
    return [run_week(settings, week, trigger=trigger) for week in weeks]


def run_weekly_snapshot(
    settings: Settings, now: datetime | None = None, *, trigger: RunTrigger | str = RunTrigger.SCHEDULER
) -> list[SnapshotRunResult]:
    """The Monday job: freeze the week that just ended, and retry any week a failure left behind."""
    limit = max(1, settings.snapshot_catch_up_weeks)
    weeks = _weeks_to_produce(settings, now or utc_now(), limit)
    return [run_week(settings, week, trigger=trigger) for week in weeks]


def weeks_spanning(first: datetime, last: datetime, *, now: datetime, tz: ZoneInfo) -> list[date]:
    """The Monday of every week from the one holding first to the one holding last, if complete."""
    monday, final = week_of(first, tz), week_of(last, tz)
    weeks = []
    while monday <= final:
        if is_complete(monday, now=now, tz=tz):
            weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def freeze_span(
    settings: Settings,
    first: datetime,
    last: datetime,
    *,
    force: bool,
    now: datetime | None = None,
) -> list[SnapshotRunResult]:
    """Freeze a season's complete weeks oldest first, recording alerts without sending them.

    For data loaded after the fact (the demo season): its alerts describe the past, so no
    webhook hears of them; force recomputes weeks frozen before the data arrived.
    """
    weeks = weeks_spanning(first, last, now=now or utc_now(), tz=_zone(settings))
    return [run_week(settings, week, trigger=RunTrigger.CLI, force=force, notify=False) for week in weeks]


def recompute_week(
    *, settings: Settings, account: Principal, week_start: date, now: datetime | None = None
) -> SnapshotRunResult:
    """An admin's forced recompute of a complete week (audited)."""
    account.require_admin()
    week = _complete_week(settings, week_start, now)
    return run_week(settings, week, trigger=RunTrigger.ADMIN, force=True, actor=account)


def run_week_from_cli(
    settings: Settings, week_start: date | None, *, force: bool, now: datetime | None = None
) -> SnapshotRunResult:
    """The operator's `waspada snapshot run`: a given complete week, or the one that just ended."""
    week = week_start or last_complete_week(now or utc_now(), _zone(settings))
    if week is None:
        raise Conflict("no week has ended yet")
    return run_week(settings, _complete_week(settings, week, now), trigger=RunTrigger.CLI, force=force)


def _complete_week(settings: Settings, week_start: date, now: datetime | None) -> date:
    """Only a week whose Sunday has ended may be frozen by hand: a later one would freeze half a week."""
    week = check_week_start(week_start)
    if not is_complete(week, now=now or utc_now(), tz=_zone(settings)):
        raise Conflict(f"the week starting {week.isoformat()} has not ended yet")
    return week
