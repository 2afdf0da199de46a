"""Report intake and triage: idempotent create (single, batch), scoped lists, audited status."""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import json
import operator
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Boolean, Connection, Float, Uuid, and_, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.db import IMMEDIATE
from core.errors import (
    FieldError,
    Forbidden,
    IdempotencyConflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    UnknownKabupaten,
)
from core.regions.service import (
    existing_kabupaten,
    local_day,
    normalize_kabupaten_kode,
    normalize_province_kode,
    zone_of_kabupaten,
)
from core.risk.params import POINT_UNITS
from models.account import AuditEvent
from models.report import (
    AGGREGATE_COLUMNS,
    ALLOWED_TRANSITIONS,
    COUNTED_STATUSES,
    POINTS_COLUMNS,
    VERIFIED_STATUSES,
    Report,
    ReportCreate,
    ReportDaily,
    ReportPage,
    ReportPublic,
    ReportStatus,
    ReportUpdate,
    aggregate_column,
    categories_of,
    factor_of,
)
from models.types import UTCDateTime, utc_now

ZERO_COUNTS = dict.fromkeys((*AGGREGATE_COLUMNS, *POINTS_COLUMNS.values()), 0)
EARLIEST_OCCURRED_AT = datetime(2000, 1, 1, tzinfo=UTC)
# Indonesia's extent with a margin: Sabang/Weh ~95.0E, Merauke ~141.0E, Miangas ~5.6N, Rote ~11.0S.
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)
SQLITE_MAX_PARAMETERS = 999  # the lowest limit any SQLite build has had
REPORT_ID_NAMESPACE = uuid.UUID("6f1d3a52-8b1e-4f7e-9a51-4e2f0c8d7b10")

Locator = Callable[[float, float], str | None]
Containment = Callable[[str, float, float], bool]


class Outcome(StrEnum):
    CREATED = "created"
    REPLAYED = "replayed"
    CONFLICT = "conflict"
    INVALID = "invalid"


@dataclass(frozen=True)
class IntakeRules:
    """What intake needs from outside (clock, locator), passed in so core holds no global state."""

    now: datetime
    future_tolerance: timedelta = timedelta(minutes=10)
    locate: Locator | None = None
    contains: Containment | None = None


REPORT_TABLE: str = Report.__table__.name
REPORT_COLUMNS: tuple[str, ...] = tuple(c.name for c in Report.__table__.columns)


@dataclass(frozen=True, slots=True)
class PreparedReport:
    """A validated submission as the row to insert, with exactly the report table's columns.

    A plain value: intake inserts it with Core and never attaches it to a session, and an
    ORM Report per submission cost ~160 us (most of a batch item's time).
    """

    id: uuid.UUID
    kabupaten_kode: str
    kecamatan: str | None
    occurred_at: datetime
    received_at: datetime
    category: str
    severity: int
    title: str
    description: str
    crowd_size: int | None
    latitude: float | None
    longitude: float | None
    location_mismatch: bool
    located_kabupaten_kode: str | None
    source_type: str
    status: str
    duplicate_of: uuid.UUID | None
    reporter_id: int
    reporter: str
    content_hash: str
    created_at: datetime
    updated_at: datetime


# A report as intake and the API read it: an ORM Report or a plain row of the same columns.
StoredOrPrepared = Report | PreparedReport


@dataclass
class ItemResult:
    id: uuid.UUID | None
    status: Outcome
    errors: list[FieldError] = field(default_factory=list)
    report: PreparedReport | None = None


# Stored fingerprints depend on this exact form: changing it breaks replay detection.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def content_hash(values: dict[str, Any]) -> str:
    """A fingerprint of what the client said, to tell a retry from a different report."""
    return hashlib.sha256(_CANONICAL_JSON.encode(values).encode("utf-8")).hexdigest()


def _occurred_utc(report_in: ReportCreate, kode: str, rules: IntakeRules) -> datetime:
    """Read a naive time in the kabupaten's zone, then check it lies in a believable range."""
    occurred = report_in.occurred_at
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=zone_of_kabupaten(kode))
    occurred = occurred.astimezone(UTC)
    if occurred > rules.now + rules.future_tolerance:
        minutes = int(rules.future_tolerance.total_seconds() // 60)
        raise InvalidInput.single(
            "occurred_at", f"occurred_at is more than {minutes} minutes in the future", "future"
        )
    if occurred < EARLIEST_OCCURRED_AT:
        raise InvalidInput.single("occurred_at", "occurred_at is before 2000-01-01", "too_old")
    return occurred


def _check_point(report_in: ReportCreate) -> None:
    """Both coordinates or neither, and inside Indonesia's bounding box."""
    lat, lon = report_in.latitude, report_in.longitude
    if (lat is None) != (lon is None):
        missing = "longitude" if lon is None else "latitude"
        raise InvalidInput.single(missing, "latitude and longitude must be given together", "missing")
    if lat is None or lon is None:
        return
    errors = []
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        errors.append(FieldError("latitude", f"latitude {lat} is outside Indonesia", "out_of_area"))
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        errors.append(FieldError("longitude", f"longitude {lon} is outside Indonesia", "out_of_area"))
    if errors:
        raise InvalidInput(errors)


def _locate(report_in: ReportCreate, kode: str, rules: IntakeRules) -> tuple[bool, str | None]:
    """Whether the point lies outside the named kabupaten, and which one it lies in."""
    lat, lon = report_in.latitude, report_in.longitude
    if lat is None or lon is None or rules.contains is None or rules.locate is None:
        return False, None
    if rules.contains(kode, lat, lon):
        return False, kode
    return True, rules.locate(lat, lon)


def prepare_report(
    *, account: Principal, report_in: ReportCreate, rules: IntakeRules, known: set[str]
) -> PreparedReport:
    """Turn a parsed submission into the row to store, or raise why it cannot be stored."""
    kode = normalize_kabupaten_kode(report_in.kabupaten_kode)
    if kode not in known:
        raise UnknownKabupaten(kode)
    if not account.can_create_report(kode):
        raise Forbidden(f"you may not create reports for kabupaten {kode}")
    occurred = _occurred_utc(report_in, kode, rules)
    _check_point(report_in)
    mismatch, located = _locate(report_in, kode, rules)
    values = {
        "kabupaten_kode": kode,
        "kecamatan": report_in.kecamatan,
        "occurred_at": occurred.isoformat(),
        "category": report_in.category.value,
        "severity": report_in.severity,
        "title": report_in.title,
        "description": report_in.description,
        "crowd_size": report_in.crowd_size,
        "latitude": report_in.latitude,
        "longitude": report_in.longitude,
        "source_type": report_in.source_type.value,
        "reporter_id": account.account_id,
    }
    fingerprint = content_hash(values)
    report_id = report_in.id or uuid.uuid5(REPORT_ID_NAMESPACE, fingerprint)
    return PreparedReport(
        **{**values, "occurred_at": occurred},
        id=report_id,
        received_at=rules.now,
        location_mismatch=mismatch,
        located_kabupaten_kode=located,
        status=ReportStatus.BARU.value,
        reporter=account.name,
        content_hash=fingerprint,
        duplicate_of=None,
        created_at=rules.now,
        updated_at=rules.now,
    )


@functools.lru_cache(maxsize=4)
def _aggregate_upsert(dialect: str) -> Any:
    """Built once per backend: constructing this 53-column statement costs more than running it."""
    table = ReportDaily.__table__
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return stmt.on_conflict_do_update(
        index_elements=["day", "kabupaten_kode"],
        set_={name: table.c[name] + stmt.excluded[name] for name in ("count", *ZERO_COUNTS)},
    )


@functools.lru_cache(maxsize=4)
def _report_insert(dialect: str) -> Any:
    """Insert a report unless its id is taken, returning the ids that were inserted."""
    table = Report.__table__
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    return stmt.on_conflict_do_nothing(index_elements=["id"]).returning(table.c.id)


AggregateKey = tuple[str, date, str, int, bool]


def aggregate_key(report: StoredOrPrepared, status: str) -> AggregateKey | None:
    """Where a report counts in the daily aggregate; None when its status does not count."""
    counted_as = ReportStatus(status)
    if counted_as not in COUNTED_STATUSES:
        return None
    return (
        report.kabupaten_kode,
        local_day(report.kabupaten_kode, report.occurred_at),
        factor_of(report.category).value,
        report.severity,
        counted_as in VERIFIED_STATUSES,
    )


Executor = Session | Connection


def _dialect_name(executor: Executor) -> str:
    bind = executor if isinstance(executor, Connection) else executor.get_bind()
    return bind.dialect.name


def apply_aggregate_deltas(session: Executor, deltas: Counter[AggregateKey]) -> None:
    """Add the deltas to the daily rows: one cached upsert statement run over every touched day."""
    rows: dict[tuple[str, date], dict[str, Any]] = {}
    for (kode, day, factor, severity, verified), n in deltas.items():
        if n:
            row = rows.setdefault(
                (kode, day), {"day": day, "kabupaten_kode": kode, "count": 0, **ZERO_COUNTS}
            )
            row[aggregate_column(factor, severity, verified)] += n
            row[POINTS_COLUMNS[factor]] += n * POINT_UNITS[(severity, verified)]
            row["count"] += n
    if not rows:
        return
    session.execute(_aggregate_upsert(_dialect_name(session)), list(rows.values()))


def _column_values(report: StoredOrPrepared) -> dict[str, Any]:
    return {name: getattr(report, name) for name in REPORT_COLUMNS}


def store_reports(connection: Connection, prepared: Sequence[PreparedReport]) -> list[ItemResult]:
    """Insert new reports once; tell replays (same content) from conflicts (same id, other content).

    Runs inside the caller's transaction; the database's primary key decides races, so
    concurrent retries of one report leave exactly one row.
    """
    results: list[ItemResult] = []
    first_by_id: dict[uuid.UUID, PreparedReport] = {}
    fresh: list[PreparedReport] = []
    for report in prepared:
        earlier = first_by_id.get(report.id)
        if earlier is None:
            first_by_id[report.id] = report
            fresh.append(report)
    inserted, stored = _insert_fresh(connection, fresh)
    deltas: Counter[AggregateKey] = Counter()
    seen: set[uuid.UUID] = set()
    for report in prepared:
        if report.id in inserted and report.id not in seen:
            seen.add(report.id)
            key = aggregate_key(report, report.status)
            if key:
                deltas[key] += 1
            results.append(ItemResult(report.id, Outcome.CREATED, report=report))
            continue
        existing = stored.get(report.id) or first_by_id[report.id]
        same = (existing.content_hash, existing.reporter_id) == (
            report.content_hash,
            report.reporter_id,
        )
        if same:
            results.append(ItemResult(report.id, Outcome.REPLAYED, report=existing))
        else:
            results.append(
                ItemResult(
                    report.id,
                    Outcome.CONFLICT,
                    [FieldError("id", "a different report with this id is already stored", "conflict")],
                )
            )
    apply_aggregate_deltas(connection, deltas)
    return results


def _insert_fresh(
    connection: Connection, fresh: Sequence[PreparedReport]
) -> tuple[set[uuid.UUID], dict[uuid.UUID, PreparedReport]]:
    """Insert the reports whose id is free; return the ids inserted and the rows already stored."""
    if not fresh:
        return set(), {}
    if _holds_sqlite_write_lock(connection):
        stored = _reports_by_id(connection, _stored_ids_sqlite(connection, fresh))
        new = [r for r in fresh if r.id not in stored]
        if new:  # nobody else can write until we commit: what is not stored now, we insert
            connection.exec_driver_sql(_sqlite_insert_sql(), [sqlite_row(r) for r in new])
        return {r.id for r in new}, stored
    stmt = _report_insert(_dialect_name(connection))
    inserted = {row[0] for row in connection.execute(stmt, [_column_values(r) for r in fresh]).all()}
    return inserted, _reports_by_id(connection, (r.id for r in fresh if r.id not in inserted))


def _holds_sqlite_write_lock(connection: Connection) -> bool:
    """A SQLite transaction begun IMMEDIATE: the one writer until it ends."""
    return connection.dialect.name == "sqlite" and bool(connection.get_execution_options().get(IMMEDIATE))


def _stored_ids_sqlite(connection: Connection, reports: Sequence[PreparedReport]) -> list[uuid.UUID]:
    """Which of these ids are stored already: one indexed probe each, no statement compilation."""
    stored: list[uuid.UUID] = []
    for start in range(0, len(reports), SQLITE_MAX_PARAMETERS):
        chunk = [r.id.hex for r in reports[start : start + SQLITE_MAX_PARAMETERS]]
        sql = f"SELECT id FROM {REPORT_TABLE} WHERE id IN ({', '.join('?' * len(chunk))})"
        stored += [uuid.UUID(hex=row[0]) for row in connection.exec_driver_sql(sql, tuple(chunk))]
    return stored


@functools.lru_cache(maxsize=1)
def _sqlite_insert_sql() -> str:
    """A plain positional INSERT run with executemany (no per-row statement machinery)."""
    placeholders = ", ".join("?" for _ in REPORT_COLUMNS)
    return f"INSERT INTO {REPORT_TABLE} ({', '.join(REPORT_COLUMNS)}) VALUES ({placeholders})"


def _sqlite_uuid(value: uuid.UUID | None) -> str | None:
    return None if value is None else value.hex


def _sqlite_float(value: float | None) -> float | None:
    return None if value is None else float(value)


@functools.lru_cache(maxsize=16)  # a batch stamps received/created/updated with one instant
def _sqlite_instant(value: datetime) -> str:
    """SQLAlchemy's SQLite text for a UTCDateTime: naive UTC, always with microseconds."""
    if value.tzinfo is None:
        raise ValueError("refusing to store a naive datetime; attach a time zone first")
    return value.astimezone(UTC).isoformat(" ", "microseconds")[:26]  # without "+00:00"


# What SQLAlchemy's bind processors make of each column type on SQLite, without their
# per-value dispatch (~20 us a row); tests/core/test_reports.py keeps the two equal.
_SQLITE_CONVERSIONS: dict[type, Callable[[Any], Any]] = {
    Uuid: _sqlite_uuid,
    UTCDateTime: _sqlite_instant,
    Boolean: int,
    Float: _sqlite_float,
}
_REPORT_VALUES = operator.attrgetter(*REPORT_COLUMNS)
_SQLITE_CONVERTED = tuple(
    (index, _SQLITE_CONVERSIONS[type(Report.__table__.c[name].type)])
    for index, name in enumerate(REPORT_COLUMNS)
    if type(Report.__table__.c[name].type) in _SQLITE_CONVERSIONS
)


def sqlite_row(report: PreparedReport) -> tuple[Any, ...]:
    """The report's values as SQLite stores them, in REPORT_COLUMNS order."""
    values = list(_REPORT_VALUES(report))
    for index, convert in _SQLITE_CONVERTED:
        values[index] = convert(values[index])
    return tuple(values)


def _reports_by_id(connection: Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, PreparedReport]:
    """The stored rows of these ids (the ones a replay or conflict is judged against)."""
    ids = list(ids)
    if not ids:
        return {}
    table = Report.__table__
    rows = connection.execute(select(table).where(table.c.id.in_(ids))).mappings()
    return {row["id"]: PreparedReport(**row) for row in rows}


async def create_report(
    *,
    session: Session,
    account: Principal,
    report_in: ReportCreate,
    rules: IntakeRules,
    store: Callable[[Sequence[PreparedReport]], Awaitable[list[ItemResult]]],
) -> ItemResult:
    """Validate with `session`, await durable storage; raises on bad input or an id conflict."""
    kode = normalize_kabupaten_kode(report_in.kabupaten_kode)
    known = existing_kabupaten(session=session, kodes={kode})
    prepared = prepare_report(account=account, report_in=report_in, rules=rules, known=known)
    session.rollback()  # end any read transaction before waiting for the writer
    (result,) = await store([prepared])
    if result.status is Outcome.CONFLICT:
        raise IdempotencyConflict(
            f"report {prepared.id} was already stored with different content; nothing was changed"
        )
    return result


def _errors_of(exc: ValidationError) -> list[FieldError]:
    return [
        FieldError(".".join(str(p) for p in err["loc"]) or "body", err["msg"], err["type"])
        for err in exc.errors(include_url=False)
    ]


def _parse_item(item: Any) -> tuple[ReportCreate | None, uuid.UUID | None, list[FieldError]]:
    """Validate one batch item on its own so one bad item cannot sink the others."""
    try:
        report_in = ReportCreate.model_validate(item)
    except ValidationError as exc:
        return None, _readable_id(item), _errors_of(exc)
    return report_in, report_in.id, []


def _readable_id(item: Any) -> uuid.UUID | None:
    """The id of an invalid item, when it has a usable one, so the client can match the result."""
    raw_id = item.get("id") if isinstance(item, dict) else None
    try:
        return uuid.UUID(str(raw_id)) if raw_id is not None else None
    except ValueError:
        return None


def create_reports_batch(
    *,
    session: Session,
    account: Principal,
    items: Sequence[Any],
    rules: IntakeRules,
    store: Callable[[Sequence[PreparedReport]], list[ItemResult]],
) -> list[ItemResult]:
    """Store every valid item of an offline queue in one transaction; report on each item."""
    parsed = [_parse_item(item) for item in items]
    kodes = set()
    for report_in, _, _ in parsed:
        if report_in is not None:
            with contextlib.suppress(InvalidInput):
                kodes.add(normalize_kabupaten_kode(report_in.kabupaten_kode))
    known = existing_kabupaten(session=session, kodes=kodes)
    results: list[ItemResult | None] = []
    prepared: list[PreparedReport] = []
    for report_in, item_id, errors in parsed:
        if report_in is None:
            results.append(ItemResult(item_id, Outcome.INVALID, errors))
            continue
        try:
            prepared.append(prepare_report(account=account, report_in=report_in, rules=rules, known=known))
            results.append(None)
        except InvalidInput as exc:
            results.append(ItemResult(item_id, Outcome.INVALID, exc.errors))
        except Forbidden as exc:
            results.append(
                ItemResult(
                    item_id,
                    Outcome.INVALID,
                    [FieldError("kabupaten_kode", exc.message, "forbidden")],
                )
            )
    session.rollback()  # end the read transaction before writing
    stored = iter(store(prepared) if prepared else [])
    return [r if r is not None else next(stored) for r in results]


def to_public(report: StoredOrPrepared) -> ReportPublic:
    """The API's view of a stored Report or a just-prepared row."""
    return ReportPublic.model_validate({**_column_values(report), "factor": factor_of(report.category)})


def get_report(*, session: Session, account: Principal, report_id: uuid.UUID) -> Report:
    """One report, or NotFound when it does not exist or lies outside the caller's scope."""
    report = session.get(Report, report_id)
    if report is None or not account.can_read_kabupaten(report.kabupaten_kode):
        raise NotFound(f"report {report_id} not found")
    return report


@dataclass(frozen=True)
class ReportFilter:
    kabupaten: str | None = None
    provinsi: str | None = None
    category: str | None = None
    factor: str | None = None
    status: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def encode_cursor(report: Report) -> str:
    raw = json.dumps([report.occurred_at.isoformat(), report.id.hex])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The (occurred_at, id) a page ended at; a tampered cursor is a clear 422."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, rid = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = datetime.fromisoformat(at)
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment, uuid.UUID(rid)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput.single("cursor", "cursor is not one this server issued", location="query") from exc


def _aware(value: datetime) -> datetime:
    """Filter bounds without an offset are read as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _scope_clause(account: Principal) -> Any:
    if account.role.value == "officer":
        return col(Report.kabupaten_kode) == account.kabupaten_kode
    if account.role.value == "analyst":
        return col(Report.kabupaten_kode).startswith(f"{account.provinsi_kode}.")
    return None


def _filter_clauses(flt: ReportFilter) -> list[Any]:
    clauses: list[Any] = []
    if flt.kabupaten:
        clauses.append(col(Report.kabupaten_kode) == normalize_kabupaten_kode(flt.kabupaten, "kabupaten"))
    if flt.provinsi:
        prov = normalize_province_kode(flt.provinsi)
        clauses.append(col(Report.kabupaten_kode).startswith(f"{prov}."))
    if flt.category:
        clauses.append(col(Report.category) == flt.category)
    if flt.factor:
        clauses.append(col(Report.category).in_(categories_of(flt.factor)))
    if flt.status:
        clauses.append(col(Report.status) == flt.status)
    if flt.since:
        clauses.append(col(Report.occurred_at) >= _aware(flt.since))
    if flt.until:
        clauses.append(col(Report.occurred_at) < _aware(flt.until))
    return clauses


def list_reports(
    *,
    session: Session,
    account: Principal,
    flt: ReportFilter,
    limit: int = 100,
    cursor: str | None = None,
) -> ReportPage:
    """Reports in the caller's scope, newest occurrence first, a page at a time."""
    query = select(Report)
    scope = _scope_clause(account)
    if scope is not None:
        query = query.where(scope)
    for clause in _filter_clauses(flt):
        query = query.where(clause)
    if cursor:
        at, rid = decode_cursor(cursor)
        query = query.where(
            or_(
                col(Report.occurred_at) < at,
                and_(col(Report.occurred_at) == at, col(Report.id) < rid),
            )
        )
    query = query.order_by(col(Report.occurred_at).desc(), col(Report.id).desc()).limit(limit + 1)
    rows = list(session.exec(query).all())
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return ReportPage(items=[to_public(r) for r in rows[:limit]], next_cursor=next_cursor)


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


def transition_report(
    *,
    session: Session,
    account: Principal,
    report_id: uuid.UUID,
    update: ReportUpdate,
    now: datetime | None = None,
) -> Report:
    """Move a report through the workflow, keep the aggregates in step, and audit the change."""
    report = _lock_report(session, report_id)
    if report is None or not account.can_read_kabupaten(report.kabupaten_kode):
        raise NotFound(f"report {report_id} not found")
    if not account.can_change_status(report.kabupaten_kode):
        raise Forbidden("you may not change the status of this report")
    current = ReportStatus(report.status)
    if update.status not in ALLOWED_TRANSITIONS[current]:
        raise IllegalTransition(f"status cannot change from {current.value} to {update.status.value}")
    _check_duplicate_of(session, report, update)
    deltas: Counter[AggregateKey] = Counter()
    old_key, new_key = aggregate_key(report, current), aggregate_key(report, update.status)
    if old_key:
        deltas[old_key] -= 1
    if new_key:
        deltas[new_key] += 1
    apply_aggregate_deltas(session, deltas)
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
    session.commit()
    return report
