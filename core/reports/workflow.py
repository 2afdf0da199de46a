"""The status workflow: audited transitions that keep the daily aggregate in step and mark live alerts."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime

from sqlmodel import Session, select

from core.accounts.service import Principal
from core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound
from core.reports.daily import AggregateKey, aggregate_keys, apply_aggregate_deltas
from core.reports.intake import LiveMark, no_live_mark
from models.account import AuditEvent
from models.report import ALLOWED_TRANSITIONS, Report, ReportStatus, ReportUpdate
from models.types import utc_now


def _lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    """Read a report for update (row lock on PostgreSQL; SQLite already holds the write lock)."""
    return session.exec(select(Report).where(Report.id == report_id).with_for_update()).first()


def _check_duplicate_of(session: Session, report: Report, update: ReportUpdate) -> None:
    """A duplicate must point at another, existing report of the same kabupaten."""
    if update.status is not ReportStatus.DUPLIKAT:
        if update.duplicate_of is not None:
            raise InvalidInput.single("duplicate_of", "duplicate_of is only allowed with status duplikat")
        return
    if update.duplicate_of is None:
        raise InvalidInput.single("duplicate_of", "status duplikat needs duplicate_of", "missing")
    if update.duplicate_of == report.id:
        raise InvalidInput.single("duplicate_of", "a report cannot duplicate itself")
    original = session.get(Report, update.duplicate_of)
    if original is None or original.kabupaten_kode != report.kabupaten_kode:
        raise InvalidInput.single(
            "duplicate_of",
            f"duplicate_of {update.duplicate_of} is not a report of the same kabupaten",
        )


def _status_deltas(report: Report, current: ReportStatus, new: ReportStatus) -> Counter[AggregateKey]:
    """The report leaves its old class of the daily aggregate and joins its new one."""
    deltas: Counter[AggregateKey] = Counter()
    for key in aggregate_keys(report, current):
        deltas[key] -= 1
    for key in aggregate_keys(report, new):
        deltas[key] += 1
    return deltas


def transition_report(
    *,
    session: Session,
    account: Principal,
    report_id: uuid.UUID,
    update: ReportUpdate,
    now: datetime | None = None,
    mark_live: LiveMark = no_live_mark,
) -> Report:
    """Move a report through the workflow, keep the aggregates in step, audit, and mark for a live check."""
    report = _lock_report(session, report_id)
    if report is None or not account.can_read_kabupaten(report.kabupaten_kode):
        raise NotFound(f"report {report_id} not found")
    if not account.can_change_status(report.kabupaten_kode):
        raise Forbidden("you may not change the status of this report")
    current = ReportStatus(report.status)
    if update.status not in ALLOWED_TRANSITIONS[current]:
        raise IllegalTransition(f"status cannot change from {current.value} to {update.status.value}")
    _check_duplicate_of(session, report, update)
    apply_aggregate_deltas(session, _status_deltas(report, current, update.status))
    stamp = now or utc_now()
    report.status = update.status.value
    report.duplicate_of = update.duplicate_of
    report.updated_at = stamp
    session.add(report)
    session.add(
        AuditEvent(
            at=stamp,
            account_id=account.account_id,
            actor=account.name,
            entity="report",
            entity_id=str(report.id),
            action="status_change",
            from_value=current.value,
            to_value=update.status.value,
        )
    )
    kode = report.kabupaten_kode
    session.commit()
    mark_live([kode])  # a verified report weighs more, a rejected one not at all: re-score
    return report
