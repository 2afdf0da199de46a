"""The live alert check: after reports arrive, re-score their kabupaten and alert once this week.

Intake only marks a kabupaten (LiveAlertChecker.mark); one worker thread per database re-scores
the marked ones at most once per interval, records new alerts (core.alerts.rules) and hands
them to delivery (core.alerts.delivery), so no request ever waits for a risk computation.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from core.alerts.delivery import DeliveryPolicy, deliver_in_background
from core.alerts.rules import AlertDraft, alert_kinds, draft_alert, record_alerts
from core.config import Settings
from core.db import get_engine, read_session, write_session
from core.risk.engine import RiskResult
from core.risk.service import risk_for_kodes, risk_params
from core.snapshots.queries import latest_level_before
from core.snapshots.weeks import week_of
from models.region import Kabupaten
from models.snapshot import AlertKind, AlertSource
from models.types import utc_now

logger = logging.getLogger(__name__)


def check_report_alert(
    *,
    settings: Settings,
    kabupaten_kode: str,
    now: datetime | None = None,
    policy: DeliveryPolicy | None = None,
) -> list[int]:
    """After a report is stored: alert once this week if the kabupaten's live risk rose to tinggi or surged.

    Meant for FastAPI BackgroundTasks: it never raises (a failure is logged) and delivery runs
    in its own thread. Returns the ids of newly raised alerts.
    """
    try:
        return _check_report_alert(settings, kabupaten_kode, now or utc_now(), policy)
    except Exception:
        logger.exception("live alert check for %s failed", kabupaten_kode)
        return []


def _check_report_alert(
    settings: Settings, kode: str, now: datetime, policy: DeliveryPolicy | None
) -> list[int]:
    engine = get_engine(settings)
    week = week_of(now, ZoneInfo(settings.report_timezone))
    with read_session(engine) as session:
        result = risk_for_kodes(session=session, kodes=[kode], params=risk_params(settings), now=now)[kode]
        previous = latest_level_before(session=session, kabupaten_kode=kode, week=week)
        nama = session.exec(select(Kabupaten.nama).where(Kabupaten.kode == kode)).one()
    kinds = alert_kinds(level=result.level, previous_level=previous, surge=result.surge)
    if not kinds:
        return []
    drafts = [_live_draft(result, nama, kind, week) for kind in kinds]
    with write_session(engine) as session:
        ids = record_alerts(session=session, drafts=drafts, webhook_urls=settings.webhook_urls)
        session.commit()
    deliver_in_background(settings=settings, alert_ids=ids, policy=policy)
    return ids


class LiveAlertChecker:
    """Re-scores kabupaten that received reports, each at most once per interval.

    Intake only marks a kabupaten as touched (cheap); one worker thread does the risk
    computation, so a burst of reports costs one check per kabupaten, not one per report.
    An alert therefore follows its report within `interval` seconds.
    """

    def __init__(self, settings: Settings, interval: float) -> None:
        self.settings = settings
        self.interval = interval
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.stopped = threading.Event()

    def stop(self) -> None:
        """Drop pending checks and let the worker end (shutdown, or a test's database going away)."""
        self.stopped.set()
        with self.lock:
            self.pending.clear()

    def mark(self, kodes: Iterable[str]) -> None:
        """Remember these kabupaten for the next check (never blocks intake)."""
        if self.stopped.is_set():
            return
        with self.lock:
            self.pending.update(kodes)
            if self.thread is None and self.pending:
                self.thread = threading.Thread(target=self._run, name="waspada-live-alerts", daemon=True)
                self.thread.start()

    def _take(self) -> set[str]:
        with self.lock:
            taken, self.pending = self.pending, set()
            if not taken:
                self.thread = None
            return taken

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            kodes = self._take()
            if not kodes:
                return
            for kode in sorted(kodes):
                check_report_alert(settings=self.settings, kabupaten_kode=kode)


_CHECKERS: dict[str, LiveAlertChecker] = {}
_CHECKERS_LOCK = threading.Lock()


def stop_live_alert_checkers() -> None:
    """Stop every checker of this process."""
    with _CHECKERS_LOCK:
        for checker in _CHECKERS.values():
            checker.stop()
        _CHECKERS.clear()


def live_alert_checker(settings: Settings) -> LiveAlertChecker:
    """The process's checker for this database."""
    with _CHECKERS_LOCK:
        checker = _CHECKERS.get(settings.database_url)
        if checker is None:
            checker = _CHECKERS[settings.database_url] = LiveAlertChecker(
                settings, settings.live_alert_interval_seconds
            )
        return checker


def _live_draft(result: RiskResult, nama: str, kind: AlertKind, week: date) -> AlertDraft:
    """A live alert belongs to the report zone's current week, scored on the kabupaten's local today."""
    return draft_alert(scored=result, nama=nama, kind=kind, week=week, source=AlertSource.REPORT)
