"""The status workflow: audited transitions that keep the daily aggregate in step and mark live alerts."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound, WaspadaError
from core.reports.daily import AggregateKey, aggregate_keys, apply_aggregate_deltas
from core.reports.intake import LiveMark, no_live_mark
from models.account import AuditEvent
from models.report import ALLOWED_TRANSITIONS, Report, ReportStatus, ReportUpdate
from models.types import utc_now
from models.vocab import NOTE_REQUIRED_STATUSES


def _lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    """Read a report for update (row lock on PostgreSQL; SQLite already holds the write lock)."""
    return session.exec(select(Report).where(Report.id == report_id).with_for_update()).first()


def _check_duplicate_of(session: Session, account: Principal, report: Report, update: ReportUpdate) -> None:
    """A duplicate points at another report the caller can read (its own or a neighbouring kabupaten)."""
    if update.status is not ReportStatus.DUPLIKAT:
        if update.duplicate_of is not None:
            raise InvalidInput.single("duplicate_of", "duplicate_of is only allowed with status duplikat")
        return
    if update.duplicate_of is None:
        raise InvalidInput.single("duplicate_of", "status duplikat needs duplicate_of", "missing")
    if update.duplicate_of == report.id:
        raise InvalidInput.single("duplicate_of", "a report cannot duplicate itself")
    original = session.get(Report, update.duplicate_of)
    if original is None or not account.can_read_kabupaten(original.kabupaten_kode):
        raise InvalidInput.single(
            "duplicate_of", f"duplicate_of {update.duplicate_of} is not a report you can read"
        )
    if original.status == ReportStatus.DUPLIKAT.value:
        raise InvalidInput.single(
            "duplicate_of",
            f"report {original.id} is itself a duplicate: point at its original",
            "chained_duplicate",
        )


def _status_deltas(report: Report, current: ReportStatus, new: ReportStatus) -> Counter[AggregateKey]:
    """The report leaves its old class of the daily aggregate and joins its new one."""
    deltas: Counter[AggregateKey] = Counter()
    for key in aggregate_keys(report, current):
        deltas[key] -= 1
    for key in aggregate_keys(report, new):
        deltas[key] += 1
    return deltas


def allowed_transitions(account: Principal, report: Report) -> tuple[ReportStatus, ...]:
    """The statuses this account may move this report to now, in the vocabulary's order."""
    current = ReportStatus(report.status)
    return tuple(
        status
        for status in ReportStatus
        if status in ALLOWED_TRANSITIONS[current]
        and account.can_change_status(report.kabupaten_kode, current.value, status.value)
    )


def _audit(
    report: Report, account: Principal, stamp: datetime, update: ReportUpdate, current: str
) -> AuditEvent:
    """The trail's entry for this step: a status change (with its note) or a note alone."""
    changed = update.status is not None
    return AuditEvent(
        at=stamp,
        account_id=account.account_id,
        actor=account.name,
        entity="report",
        entity_id=str(report.id),
        action="status_change" if changed else "note",
        from_value=current if changed else None,
        to_value=update.status.value if update.status is not None else None,
        note=update.note,
    )


def _check_step(session: Session, account: Principal, report: Report, update: ReportUpdate) -> None:
    """Refuse a step the workflow, the caller's role or the note rule does not allow."""
    current = ReportStatus(report.status)
    new = update.status
    if new is None:
        if update.note is None:
            raise InvalidInput.single("status", "send a new status, a note, or both", "missing")
        _check_duplicate_of(session, account, report, update)
        return
    if new not in ALLOWED_TRANSITIONS[current]:
        raise IllegalTransition(f"status cannot change from {current.value} to {new.value}")
    if not account.can_change_status(report.kabupaten_kode, current.value, new.value):
        raise Forbidden(f"you may not change the status of this report from {current.value} to {new.value}")
    if new.value in NOTE_REQUIRED_STATUSES and update.note is None:
        raise InvalidInput.single("note", f"status {new.value} needs a note saying why", "missing")
    _check_duplicate_of(session, account, report, update)


def transition_report(
    *,
    session: Session,
    account: Principal,
    report_id: uuid.UUID,
    update: ReportUpdate,
    now: datetime | None = None,
    mark_live: LiveMark = no_live_mark,
) -> Report:
    """Move a report through the workflow or note on it; keep the aggregates in step, audit, re-score."""
    report = _lock_report(session, report_id)
    if report is None or not account.can_read_kabupaten(report.kabupaten_kode):
        raise NotFound(f"report {report_id} not found")
    _check_step(session, account, report, update)
    current = report.status
    stamp = now or utc_now()
    if update.status is not None:
        apply_aggregate_deltas(session, _status_deltas(report, ReportStatus(current), update.status))
        report.status = update.status.value
        report.duplicate_of = update.duplicate_of
        report.updated_at = stamp
        session.add(report)
    session.add(_audit(report, account, stamp, update, current))
    kode = report.kabupaten_kode
    session.commit()
    if update.status is not None:
        mark_live([kode])  # a verified report weighs more, a rejected one not at all: re-score
    return report


@dataclass(frozen=True)
class StepOutcome:
    """One report's answer in a bulk step: the report as it now is, or why it was refused."""

    report_id: uuid.UUID
    report: Report | None = None
    error: WaspadaError | None = None


def transition_reports(
    *,
    session: Session,
    account: Principal,
    report_ids: Sequence[uuid.UUID],
    update: ReportUpdate,
    now: datetime | None = None,
    mark_live: LiveMark = no_live_mark,
) -> list[StepOutcome]:
    """The same step for a selection: each report in its own transaction, refusals kept per report."""
    outcomes: list[StepOutcome] = []
    for report_id in dict.fromkeys(report_ids):  # one step per report, in the order given
        try:
            report = transition_report(
                session=session,
                account=account,
                report_id=report_id,
                update=update,
                now=now,
                mark_live=mark_live,
            )
        except WaspadaError as exc:
            session.rollback()
            outcomes.append(StepOutcome(report_id, error=exc))
            continue
        outcomes.append(StepOutcome(report_id, report=report))
    return outcomes


def report_trail(*, session: Session, account: Principal, report_id: uuid.UUID) -> list[AuditEvent]:
    """Who did what to a report and when, with their notes, oldest first (NotFound outside scope)."""
    report = session.get(Report, report_id)
    if report is None or not account.can_read_kabupaten(report.kabupaten_kode):
        raise NotFound(f"report {report_id} not found")
    query = (
        select(AuditEvent)
        .where(col(AuditEvent.entity) == "report", col(AuditEvent.entity_id) == str(report_id))
        .order_by(col(AuditEvent.at), col(AuditEvent.id))
    )
    return list(session.exec(query).all())
