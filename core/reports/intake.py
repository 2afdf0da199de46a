"""Report intake, the one path every report takes: validation, scope, time zone, location, store, mark.

The API (single and batch), `/lapor`, a spreadsheet import and the CLI all come through
`create_report` or `create_reports_batch` (the import through their two halves,
`check_reports_batch` and `mark_created`, around its pipelined writer). Storage itself is
`core.reports.store.store_reports`, handed in as a callable so the caller decides how it is
made durable (group commit, a worker thread, a plain transaction).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlmodel import Session

from core.accounts.service import Principal
from core.config import Settings
from core.errors import FieldError, Forbidden, IdempotencyConflict, InvalidInput, UnknownKabupaten
from core.regions.directory import RegionDirectory, get_directory, kecamatan_problem
from core.regions.kecamatan import normalize_desa_kode, normalize_kecamatan_kode
from core.regions.places import KecamatanAreas, KecamatanPlace, settle_kecamatan
from core.regions.service import existing_kabupaten, normalize_kabupaten_kode, zone_of_kabupaten
from core.reports.rows import ItemResult, Outcome, PreparedReport, derived_report_id
from core.writer import AsyncReportWriter, ReportWriter
from geo.locate import get_kecamatan_locator, get_locator
from geo.territory import offshore_kabupaten
from models.report import ReportCreate, ReportStatus
from models.types import utc_now

EARLIEST_OCCURRED_AT = datetime(2000, 1, 1, tzinfo=UTC)
# Indonesia's extent with a margin: Sabang/Weh ~95.0E, Merauke ~141.0E, Miangas ~5.6N, Rote ~11.0S.
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)

Locator = Callable[[float, float], str | None]
Containment = Callable[[str, float, float], bool]
# Told which kabupaten received new or re-triaged reports, so their live risk is checked soon.
LiveMark = Callable[[Sequence[str]], None]


def no_live_mark(kodes: Sequence[str]) -> None:
    """For callers that run no live alerts (tests, benchmarks, bulk loads)."""


@dataclass(frozen=True)
class IntakeRules:
    """What intake needs from outside (clock, locator, live-alert mark), passed in: core holds no globals."""

    now: datetime
    future_tolerance: timedelta = timedelta(minutes=10)
    locate: Locator | None = None
    contains: Containment | None = None
    offshore: Locator | None = None  # the kabupaten whose waters hold a point; None abroad
    mark_live: LiveMark = no_live_mark
    directory: RegionDirectory | None = None  # kecamatan and desa codes; None checks only their form
    kecamatan_areas: KecamatanAreas | None = None


def rules_from_settings(settings: Settings, *, mark_live: LiveMark) -> IntakeRules:
    """This moment's rules: the configured tolerance and the boundary index of the data pack."""
    locator = get_locator(settings.geo_dir)
    return IntakeRules(
        now=utc_now(),
        future_tolerance=timedelta(minutes=settings.future_tolerance_minutes),
        locate=locator.locate,
        contains=locator.contains,
        offshore=functools.partial(offshore_kabupaten, locator),
        mark_live=mark_live,
        directory=get_directory(settings.geo_dir),
        kecamatan_areas=get_kecamatan_locator(settings.geo_dir),
    )


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
    located = rules.locate(lat, lon)
    if located is None and rules.offshore is not None:
        located = rules.offshore(lat, lon)
        if located is None:
            reason = f"the point ({lat}, {lon}) lies outside Indonesia's land and waters"
            axes = ("latitude", "longitude")
            raise InvalidInput([FieldError(axis, reason, "out_of_area") for axis in axes])
    return located != kode, located


def _named_codes(report_in: ReportCreate, kode: str, rules: IntakeRules) -> tuple[str | None, str | None]:
    """The kecamatan and desa codes the client gave, dotted; 422 naming the field when one is not in place."""
    kecamatan = normalize_kecamatan_kode(report_in.kecamatan_kode) if report_in.kecamatan_kode else None
    desa = normalize_desa_kode(report_in.desa_kode) if report_in.desa_kode else None
    directory = rules.directory
    errors = []
    problem = kecamatan_problem(kecamatan, kode, directory) if kecamatan is not None else None
    if problem is not None:
        errors.append(problem)
    if desa is not None:
        if kecamatan is not None and not desa.startswith(f"{kecamatan}."):
            reason = f"desa {desa} is not in kecamatan {kecamatan}"
            errors.append(FieldError("desa_kode", reason, "not_in_kecamatan"))
        elif not desa.startswith(f"{kode}."):
            reason = f"desa {desa} is not in kabupaten {kode}"
            errors.append(FieldError("desa_kode", reason, "not_in_kabupaten"))
        elif directory is not None and desa not in directory.desa_kecamatan:
            reason = f"desa {desa} is not in the region registry"
            errors.append(FieldError("desa_kode", reason, "unknown_desa"))
    if errors:
        raise InvalidInput(errors)
    if kecamatan is None and desa is not None:
        kecamatan = desa.rsplit(".", 1)[0]
    return kecamatan, desa


def _place(report_in: ReportCreate, kode: str, named: str | None, rules: IntakeRules) -> KecamatanPlace:
    """The report's kecamatan by the one rule intake and the backfill share."""
    return settle_kecamatan(
        kabupaten=kode,
        named=named,
        typed_name=report_in.kecamatan,
        latitude=report_in.latitude,
        longitude=report_in.longitude,
        directory=rules.directory,
        areas=rules.kecamatan_areas,
    )


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
    named_kecamatan, desa = _named_codes(report_in, kode, rules)
    place = _place(report_in, kode, None, rules)  # what the typed name and the point say
    if named_kecamatan == place.kecamatan_kode:
        named_kecamatan = None  # naming what intake finds anyway changes nothing, nor the fingerprint
    elif named_kecamatan is not None:
        place = _place(report_in, kode, named_kecamatan, rules)
    category, source_type = report_in.category.value, report_in.source_type.value
    said = {  # what the client said, as its fingerprint covers it
        "kabupaten_kode": kode,
        "kecamatan": report_in.kecamatan,
        "occurred_at": occurred.isoformat(),
        "category": category,
        "severity": report_in.severity,
        "title": report_in.title,
        "description": report_in.description,
        "crowd_size": report_in.crowd_size,
        "latitude": report_in.latitude,
        "longitude": report_in.longitude,
        "source_type": source_type,
    }
    if named_kecamatan is not None:  # only when it adds something: an export re-imports as a replay
        said["kecamatan_kode"] = named_kecamatan
    if desa is not None:
        said["desa_kode"] = desa
    if report_in.id is None:  # the content alone names it, so any door stores it once
        fingerprint = content_hash(said)
        report_id = derived_report_id(fingerprint)
    else:  # a client-chosen id binds the account too
        said["reporter_id"] = account.account_id
        fingerprint, report_id = content_hash(said), report_in.id
    now = rules.now
    return PreparedReport(
        id=report_id,
        kabupaten_kode=kode,
        kecamatan=report_in.kecamatan,
        kecamatan_kode=place.kecamatan_kode,
        desa_kode=desa,
        occurred_at=occurred,
        received_at=now,
        category=category,
        severity=report_in.severity,
        title=report_in.title,
        description=report_in.description,
        crowd_size=report_in.crowd_size,
        latitude=report_in.latitude,
        longitude=report_in.longitude,
        location_mismatch=mismatch,
        located_kabupaten_kode=located,
        kecamatan_mismatch=place.kecamatan_mismatch,
        located_kecamatan_kode=place.located_kecamatan_kode,
        source_type=source_type,
        status=ReportStatus.BARU.value,
        duplicate_of=None,
        reporter_id=account.account_id,
        reporter=account.name,
        content_hash=fingerprint,
        created_at=now,
        updated_at=now,
    )


def mark_created(mark_live: LiveMark, results: Sequence[ItemResult]) -> None:
    """Mark each kabupaten that received a new report (replays and refusals change no risk)."""
    kodes = {r.report.kabupaten_kode for r in results if r.status is Outcome.CREATED and r.report is not None}
    if kodes:
        mark_live(sorted(kodes))


async def create_report(
    *,
    session: Session,
    account: Principal,
    report_in: ReportCreate,
    rules: IntakeRules,
    store: AsyncReportWriter,
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
    if result.status is Outcome.CREATED:
        rules.mark_live([prepared.kabupaten_kode])
    return result


def _errors_of(exc: ValidationError) -> list[FieldError]:
    """Pydantic's errors as the API's field errors."""
    return [
        FieldError(".".join(str(p) for p in err["loc"]) or "body", err["msg"], err["type"])
        for err in exc.errors(include_url=False)
    ]


ParsedItem = tuple[ReportCreate | None, uuid.UUID | None, list[FieldError]]


def _parse_item(item: Any) -> ParsedItem:
    """Validate one batch item on its own so one bad item cannot sink the others."""
    try:
        report_in = ReportCreate.model_validate(item)
    except ValidationError as exc:
        return None, _readable_id(item), _errors_of(exc)
    return report_in, report_in.id, []


# The whole batch in one call when every item is valid (the usual case): the same validator,
# without a Python-level call per item; any invalid item sends the batch through `_parse_item`.
_REPORT_LIST = TypeAdapter(list[ReportCreate])


def _parse_items(items: Sequence[Any]) -> list[ParsedItem]:
    """Every item validated on its own terms: the same results as `_parse_item` on each."""
    try:
        reports = _REPORT_LIST.validate_python(items if isinstance(items, list) else list(items))
    except ValidationError:  # at least one is bad: judge each alone, with its own errors
        return [_parse_item(item) for item in items]
    return [(report_in, report_in.id, []) for report_in in reports]


def _readable_id(item: Any) -> uuid.UUID | None:
    """The id of an invalid item, when it has a usable one, so the client can match the result."""
    raw_id = item.get("id") if isinstance(item, dict) else None
    try:
        return uuid.UUID(str(raw_id)) if raw_id is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class CheckedBatch:
    """A batch after validation: the refused items' results and the rows left to store."""

    results: list[ItemResult | None]  # None where the item became a row of `prepared`
    prepared: list[PreparedReport]

    def merged(self, stored: Sequence[ItemResult]) -> list[ItemResult]:
        """Every item's result in the batch's order, given the store's results for `prepared`."""
        outcomes = iter(stored)
        return [r if r is not None else next(outcomes) for r in self.results]


def _refusal(item_id: uuid.UUID | None, exc: InvalidInput | Forbidden) -> ItemResult:
    """An item intake will not store, with the reasons a client can act on."""
    if isinstance(exc, Forbidden):
        return ItemResult(item_id, Outcome.INVALID, [FieldError("kabupaten_kode", exc.message, "forbidden")])
    return ItemResult(item_id, Outcome.INVALID, exc.errors)


def check_reports_batch(
    *, session: Session, account: Principal, items: Sequence[Any], rules: IntakeRules
) -> CheckedBatch:
    """Validate every item on its own (one read of the registry) and prepare the good ones."""
    parsed = _parse_items(items)
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
        except (InvalidInput, Forbidden) as exc:
            results.append(_refusal(item_id, exc))
    session.rollback()  # end the read transaction before writing
    return CheckedBatch(results, prepared)


def create_reports_batch(
    *,
    session: Session,
    account: Principal,
    items: Sequence[Any],
    rules: IntakeRules,
    store: ReportWriter,
) -> list[ItemResult]:
    """Store every valid item of an offline queue in one transaction; report on each item."""
    checked = check_reports_batch(session=session, account=account, items=items, rules=rules)
    stored = store(checked.prepared) if checked.prepared else []
    mark_created(rules.mark_live, stored)
    return checked.merged(stored)
