"""The weekly snapshot scheduler: its own process (`waspada scheduler`) or embedded in the API.

Jobs (APScheduler 3, in-memory job store, all in settings.report_timezone):
- "weekly-risk-snapshot": settings.snapshot_cron (default Monday 06:00 WIB) freezes the week
  that just ended and retries any week a failure left behind; coalesced, one at a time, and
  still run up to 6 h late (a laptop waking up, a restart).
- "snapshot-catch-up": once at start, the weeks missed while nothing was running.
- "webhook-delivery-sweep": resumes alert deliveries a stopped process left pending.

Several schedulers (processes or API workers) may run at once: the database picks one winner
per week. A failing job is logged and retried later; it never stops the process or the API.
"""

from __future__ import annotations

import logging
import re
import signal
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core import jobs
from core.alerts.delivery import deliver_pending, wait_for_deliveries
from core.config import Settings, get_settings
from core.snapshots.freeze import SnapshotRunResult

logger = logging.getLogger("waspada.scheduler")

JOB_ID = "weekly-risk-snapshot"
CATCH_UP_JOB_ID = "snapshot-catch-up"
RETRY_JOB_ID = "weekly-risk-snapshot-retry"
DELIVERY_SWEEP_JOB_ID = "webhook-delivery-sweep"
MISFIRE_GRACE = timedelta(hours=6)
RETRY_DELAY = timedelta(minutes=30)
DELIVERY_SWEEP_INTERVAL = timedelta(minutes=15)
CRON_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
JOB_DEFAULTS = {
    "coalesce": True,
    "max_instances": 1,
    "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
}


def crontab_weekdays(field: str) -> str:
    """Standard crontab weekdays (0/7 = Sunday) as names: APScheduler 3 reads 0 as Monday."""
    if not re.search(r"\d", field) or re.search(r"[a-z]", field, re.IGNORECASE):
        return field
    days: set[int] = set()
    for item in field.split(","):
        span, _, step = item.partition("/")
        first, _, last = span.partition("-")
        low = 0 if first == "*" else int(first)
        high = 6 if first == "*" else int(last or (first if not step else 6))
        days.update(d % 7 for d in range(low, high + 1, int(step or 1)))
    return ",".join(CRON_WEEKDAYS[d] for d in sorted(days))


def cron_trigger(expression: str, tz: ZoneInfo) -> CronTrigger:
    """A trigger from a five-field crontab line, weekdays read the way cron reads them."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"snapshot_cron needs 5 fields (minute hour day month weekday), got {expression!r}")
    fields[4] = crontab_weekdays(fields[4])
    return CronTrigger.from_crontab(" ".join(fields), timezone=tz)


class SnapshotTicks:
    """The job bodies as the scheduler calls them: log every failure, raise none, retry later."""

    def __init__(self, settings: Settings, scheduler: BaseScheduler) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.zone = ZoneInfo(settings.report_timezone)

    def weekly(self) -> None:
        """The cron tick (and its retries)."""
        self._guarded("weekly snapshot", lambda: jobs.run_weekly_snapshot(self.settings))

    def catch_up(self) -> None:
        """Once at start."""
        self._guarded("catch-up", lambda: jobs.catch_up(self.settings))

    def sweep_deliveries(self) -> None:
        """Every few minutes: webhook deliveries nobody is working on."""
        try:
            deliver_pending(settings=self.settings)
        except Exception:
            logger.exception("webhook delivery sweep failed")

    def _guarded(self, name: str, run: Callable[[], list[SnapshotRunResult]]) -> None:
        try:
            results = run()
        except Exception:
            logger.exception("%s failed; retrying in %s", name, RETRY_DELAY)
            self._schedule_retry()
            return
        failed = [r.week_start.isoformat() for r in results if r.error]
        if failed:
            logger.error("%s: week(s) %s failed; retrying in %s", name, ", ".join(failed), RETRY_DELAY)
            self._schedule_retry()

    def _schedule_retry(self) -> None:
        """One retry soon, rather than waiting a week for the next cron tick."""
        try:
            self.scheduler.add_job(
                self.weekly,
                DateTrigger(run_date=datetime.now(self.zone) + RETRY_DELAY, timezone=self.zone),
                id=RETRY_JOB_ID,
                name="retry the weekly risk snapshot",
                replace_existing=True,
            )
        except Exception:  # a scheduler shutting down refuses new jobs; the next tick retries
            logger.exception("could not schedule the snapshot retry")


def build_scheduler(settings: Settings, *, blocking: bool) -> BaseScheduler:
    """A scheduler with the weekly job, a catch-up at start and the delivery sweep; not started."""
    zone = ZoneInfo(settings.report_timezone)
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    scheduler: BaseScheduler = scheduler_class(timezone=zone, job_defaults=JOB_DEFAULTS)
    ticks = SnapshotTicks(settings, scheduler)
    scheduler.add_job(
        ticks.weekly,
        cron_trigger(settings.snapshot_cron, zone),
        id=JOB_ID,
        name="weekly risk snapshot",
        replace_existing=True,
        **JOB_DEFAULTS,
    )
    scheduler.add_job(ticks.catch_up, DateTrigger(timezone=zone), id=CATCH_UP_JOB_ID, name="catch up")
    scheduler.add_job(
        ticks.sweep_deliveries,
        IntervalTrigger(seconds=int(DELIVERY_SWEEP_INTERVAL.total_seconds()), timezone=zone),
        id=DELIVERY_SWEEP_JOB_ID,
        name="resume pending webhook deliveries",
    )
    return scheduler


def start_embedded(settings: Settings) -> BackgroundScheduler:
    """Start the scheduler in background threads of this process (the one-laptop default)."""
    scheduler = build_scheduler(settings, blocking=False)
    assert isinstance(scheduler, BackgroundScheduler)
    scheduler.start()
    logger.info("embedded scheduler started; next snapshot %s", _next_run(scheduler))
    return scheduler


def stop_embedded(scheduler: BaseScheduler, *, delivery_timeout: float = 5.0) -> None:
    """Stop without waiting for a running job (its transaction rolls back); let webhooks finish briefly."""
    if scheduler.running:
        scheduler.shutdown(wait=False)
    wait_for_deliveries(timeout=delivery_timeout)


def _next_run(scheduler: BaseScheduler) -> Any:
    job = scheduler.get_job(JOB_ID)
    return getattr(job, "next_run_time", None)


def main(settings: Settings | None = None) -> None:
    """Run the scheduler as its own process until SIGINT/SIGTERM, on a database already prepared.

    `waspada scheduler` prepares the database (migrations, regions, calendar) and then calls this.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = settings or get_settings()
    scheduler = build_scheduler(settings, blocking=True)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    logger.info("scheduler: %r in %s", settings.snapshot_cron, settings.report_timezone)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        wait_for_deliveries(timeout=10.0)


if __name__ == "__main__":  # `python scheduler.py` is `waspada scheduler`
    from cli import app

    app(["scheduler"])
