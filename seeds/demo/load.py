"""Write a demo season into a database: its account, planned events and reports.

Reports go through the intake every channel uses (core.reports.intake.prepare_report, then
store_reports inside the caller's write transaction), so the daily aggregate is kept by the
same code as for the API; they are streamed in chunks to keep memory flat for large sets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from core.accounts.service import Principal, principal_of
from core.errors import InvalidInput
from core.regions.directory import get_directory
from core.reports.daily import rebuild_daily
from core.reports.intake import IntakeRules, Outcome, PreparedReport, prepare_report
from core.reports.store import store_reports
from geo.adjacency import kabupaten_neighbours
from geo.locate import get_kecamatan_locator
from models.account import Account, Role
from models.event import PlannedEvent
from models.report import Report, ReportStatus
from models.types import as_utc
from seeds.demo.events import DEMO_SOURCE, demo_events
from seeds.demo.generate import DemoReport
from seeds.demo.places import Place, load_places
from seeds.demo.plan import default_size, plan_season
from seeds.demo.rereports import season_reports
from seeds.demo.tables import DEFAULT_SEED, SEASON_END, SEASON_START

DEMO_ACCOUNT = "demo-generator"
CHUNK_SIZE = 5_000
CHUNKS_PER_COMMIT = 5  # every commit fsyncs; 25,000 rows per transaction keeps that cheap
# A demo report arrives 2-45 minutes after it happened; intake allows this much clock skew.
FUTURE_TOLERANCE = timedelta(minutes=10)


@dataclass(frozen=True)
class DemoSummary:
    reports: int
    events: int
    skipped: bool


def seed_demo(
    *,
    session: Session,
    seed: int = DEFAULT_SEED,
    reports: int | None = None,
    start: date = SEASON_START,
    end: date = SEASON_END,
    reset: bool = False,
    geo_dir: Path | None = None,
) -> DemoSummary:
    """Fill an installation with a plausible season once; reset replaces an earlier one.

    With the data pack's `geo_dir` each report also gets the kecamatan its point lies in.
    """
    _check_arguments(reports, start, end)
    if _demo_present(session):
        if not reset:
            return DemoSummary(*_demo_counts(session), skipped=True)
        delete_demo(session)
    account = demo_account(session)
    places = load_places(session)
    plan = plan_season(places, seed=seed, start=start, end=end)
    total = reports if reports is not None else default_size(places, plan)
    events = insert_events(session, demo_events(places, plan, seed=seed, created_by=account.username))
    neighbours = kabupaten_neighbours(geo_dir) if geo_dir is not None else None
    drafts = season_reports(plan, seed, total, neighbours)
    officers = DemoOfficers(session)
    prepared = prepare_demo_reports(
        drafts, principal_of(account), places, geo_dir=geo_dir, officer=officers.principal
    )
    stored = store_demo_reports(session, prepared)
    return DemoSummary(reports=stored, events=events, skipped=False)


def _check_arguments(reports: int | None, start: date, end: date) -> None:
    """Refuse windows and sizes that cannot describe a season."""
    if end < start:
        raise InvalidInput.single("end", "end is before start")
    if reports is not None and reports < 0:
        raise InvalidInput.single("reports", "reports must not be negative")


def _demo_present(session: Session) -> bool:
    """Any demo report or event means a season was seeded (perhaps only partly)."""
    report = session.exec(select(Report.id).where(Report.source_type == DEMO_SOURCE).limit(1))
    event = session.exec(select(PlannedEvent.id).where(_demo_event()).limit(1))
    return report.first() is not None or event.first() is not None


def _demo_counts(session: Session) -> tuple[int, int]:
    """How many demo reports and events are stored."""
    reports = session.exec(
        select(func.count()).select_from(Report).where(Report.source_type == DEMO_SOURCE)
    ).one()
    events = session.exec(select(func.count()).select_from(PlannedEvent).where(_demo_event())).one()
    return reports, events


def demo_span(session: Session) -> tuple[datetime, datetime] | None:
    """When the first and the last demo report happened: the weeks a seeded season fills."""
    first, last = session.exec(
        select(func.min(Report.occurred_at), func.max(Report.occurred_at)).where(
            Report.source_type == DEMO_SOURCE
        )
    ).one()
    return None if first is None or last is None else (as_utc(first), as_utc(last))


def _demo_event() -> Any:
    """Events the generator planned (an operator's own events are never touched)."""
    return (col(PlannedEvent.source) == DEMO_SOURCE) & (col(PlannedEvent.created_by) == DEMO_ACCOUNT)


def delete_demo(session: Session) -> None:
    """Remove demo rows and recount the aggregate from the reports that remain."""
    session.execute(delete(Report).where(col(Report.source_type) == DEMO_SOURCE))
    session.execute(delete(PlannedEvent).where(_demo_event()))
    rebuild_daily(session)


def demo_account(session: Session) -> Account:
    """The admin account every demo row is attributed to, created on first use."""
    account = session.exec(select(Account).where(Account.username == DEMO_ACCOUNT)).first()
    if account is None:
        created = datetime.combine(SEASON_START, time.min, tzinfo=UTC)
        account = Account(username=DEMO_ACCOUNT, role=Role.ADMIN, created_at=created)
        session.add(account)
        session.commit()
        session.refresh(account)
    return account


class DemoOfficers:
    """The demo officer accounts that send re-reports, created on first use (no password)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[str, Principal] = {}

    def principal(self, username: str, kabupaten_kode: str) -> Principal:
        """The officer of that kabupaten, created in the caller's transaction the first time."""
        if username not in self.known:
            query = select(Account).where(Account.username == username)
            account = self.session.exec(query).first()
            if account is None:
                created = datetime.combine(SEASON_START, time.min, tzinfo=UTC)
                account = Account(
                    username=username, role=Role.OFFICER, kabupaten_kode=kabupaten_kode, created_at=created
                )
                self.session.add(account)
                self.session.flush()
            self.known[username] = principal_of(account)
        return self.known[username]


def _placed_inside(kode: str, lat: float, lng: float) -> bool:
    """The generator puts every point by its own kabupaten's label point: no locator needed."""
    return True


def _never_elsewhere(lat: float, lng: float) -> str | None:
    """Only asked for a point outside its kabupaten, which the generator never draws."""
    return None


def prepare_demo_reports(
    drafts: Iterable[DemoReport],
    account: Principal,
    places: Sequence[Place],
    *,
    geo_dir: Path | None = None,
    officer: Callable[[str, str], Principal] | None = None,
) -> Iterator[PreparedReport]:
    """Each draft through intake's validation, received when it says, then triaged as drawn.

    A planted re-report is sent by the demo officer `officer(username, kabupaten)` gives.
    """
    known = {p.kode for p in places}
    directory = get_directory(geo_dir) if geo_dir is not None else None
    areas = get_kecamatan_locator(geo_dir) if geo_dir is not None else None
    for draft in drafts:
        rules = IntakeRules(
            now=draft.received_at,
            future_tolerance=FUTURE_TOLERANCE,
            locate=_never_elsewhere,
            contains=_placed_inside,
            directory=directory,
            kecamatan_areas=areas,
        )
        sender = account
        if draft.reporter is not None:
            if officer is None:
                raise ValueError("a re-report needs its officer's account")
            sender = officer(draft.reporter, draft.submission.kabupaten_kode)
        prepared = prepare_report(account=sender, report_in=draft.submission, rules=rules, known=known)
        if draft.status != ReportStatus.BARU:  # a seeded season arrives already triaged
            prepared = dataclasses.replace(prepared, status=draft.status, duplicate_of=draft.duplicate_of)
        yield prepared


def store_demo_reports(session: Session, prepared: Iterator[PreparedReport]) -> int:
    """Store in chunks with the API's store_reports, in the session's write transaction."""
    created = 0
    stored = 0
    while chunk := list(islice(prepared, CHUNK_SIZE)):
        results = store_reports(session.connection(), chunk)
        created += sum(r.status is Outcome.CREATED for r in results)
        stored += len(chunk)
        if stored % (CHUNK_SIZE * CHUNKS_PER_COMMIT) == 0:
            session.commit()
    session.commit()
    return created


def insert_events(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Store the planned events in one transaction."""
    for start in range(0, len(rows), CHUNK_SIZE):
        session.execute(insert(PlannedEvent.__table__), list(rows[start : start + CHUNK_SIZE]))
    session.commit()
    return len(rows)
