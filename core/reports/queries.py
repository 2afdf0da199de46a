"""Reading reports: one by id, a filtered page in the caller's scope (keyset cursor), the API view."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.errors import InvalidInput, NotFound
from core.regions.kecamatan import normalize_kecamatan_kode
from core.regions.service import normalize_kabupaten_kode, normalize_province_kode
from core.reports.rows import StoredOrPrepared, column_values
from models.report import Report, ReportPage, ReportPublic, ReportStatus, categories_of, factor_of
from models.types import as_utc


def to_public(report: StoredOrPrepared) -> ReportPublic:
    """The API's view of a stored Report or a just-prepared row."""
    return ReportPublic.model_validate({**column_values(report), "factor": factor_of(report.category)})


def get_report(*, session: Session, account: Principal, report_id: uuid.UUID) -> Report:
    """One report, or NotFound when it does not exist or lies outside the caller's scope."""
    report = session.get(Report, report_id)
    if report is None or not account.can_read_kabupaten(report.kabupaten_kode):
        raise NotFound(f"report {report_id} not found")
    return report


@dataclass(frozen=True)
class ReportFilter:
    """What a list or an export is narrowed to; every field is optional."""

    kabupaten: str | None = None
    provinsi: str | None = None
    kecamatan: str | None = None
    category: str | None = None
    factor: str | None = None
    status: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    severity: int | None = None
    source_type: str | None = None
    text: str | None = None  # words in the title or the description, any case


class ReportOrder(StrEnum):
    """Newest first by when it happened (the analysts' record) or by when it arrived (the inbox)."""

    OCCURRED = "occurred"
    RECEIVED = "received"


def _order_column(order: ReportOrder) -> Any:
    return col(Report.received_at) if order is ReportOrder.RECEIVED else col(Report.occurred_at)


def encode_cursor(report: Report, order: ReportOrder = ReportOrder.OCCURRED) -> str:
    """Where a page ended, as an opaque URL-safe token that remembers its order."""
    at = report.received_at if order is ReportOrder.RECEIVED else report.occurred_at
    raw = json.dumps([at.isoformat(), report.id.hex, order.value])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, order: ReportOrder = ReportOrder.OCCURRED) -> tuple[datetime, uuid.UUID]:
    """The (time, id) a page ended at; a tampered cursor, or one of the other order, is a clear 422."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, rid, *rest = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = datetime.fromisoformat(at)
        if moment.tzinfo is None or (rest or [ReportOrder.OCCURRED.value]) != [order.value]:
            raise ValueError("naive or another order")
        return moment, uuid.UUID(rid)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput.single("cursor", "cursor is not one this server issued", location="query") from exc


def _text_clause(text: str) -> Any:
    """Every word appears in the title or the description (case-insensitive, LIKE wildcards literal)."""
    clauses = []
    for word in text.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            or_(
                col(Report.title).ilike(pattern, escape="\\"),
                col(Report.description).ilike(pattern, escape="\\"),
            )
        )
    return and_(*clauses)


def scope_clause(account: Principal) -> Any:
    """The reports an account may read, as a WHERE clause (None: all of them)."""
    if account.role.value == "officer":
        return col(Report.kabupaten_kode) == account.kabupaten_kode
    if account.role.value == "analyst":
        return province_clause(account.provinsi_kode or "")
    return None


def province_clause(provinsi: str) -> Any:
    """A province's kabupaten as a range of codes ('81.' <= kode < '81/'), which an index can seek;
    a LIKE prefix cannot on SQLite (its LIKE ignores case)."""
    return and_(col(Report.kabupaten_kode) >= f"{provinsi}.", col(Report.kabupaten_kode) < f"{provinsi}/")


def filter_clauses(flt: ReportFilter) -> list[Any]:
    """The filter as WHERE clauses, codes normalized."""
    clauses: list[Any] = []
    if flt.kabupaten:
        clauses.append(col(Report.kabupaten_kode) == normalize_kabupaten_kode(flt.kabupaten, "kabupaten"))
    if flt.provinsi:
        prov = normalize_province_kode(flt.provinsi)
        clauses.append(province_clause(prov))
    if flt.kecamatan:
        clauses.append(col(Report.kecamatan_kode) == normalize_kecamatan_kode(flt.kecamatan, "kecamatan"))
    if flt.category:
        clauses.append(col(Report.category) == flt.category)
    if flt.factor:
        clauses.append(col(Report.category).in_(categories_of(flt.factor)))
    if flt.status:
        clauses.append(col(Report.status) == flt.status)
    if flt.severity is not None:
        clauses.append(col(Report.severity) == flt.severity)
    if flt.source_type:
        clauses.append(col(Report.source_type) == flt.source_type)
    if flt.text and flt.text.split():
        clauses.append(_text_clause(flt.text))
    if flt.since:
        clauses.append(col(Report.occurred_at) >= as_utc(flt.since))
    if flt.until:
        clauses.append(col(Report.occurred_at) < as_utc(flt.until))
    return clauses


def list_reports(
    *,
    session: Session,
    account: Principal,
    flt: ReportFilter,
    limit: int = 100,
    cursor: str | None = None,
    order: ReportOrder = ReportOrder.OCCURRED,
) -> ReportPage:
    """Reports in the caller's scope, newest first (by occurrence or arrival), a page at a time."""
    query = select(Report)
    for clause in scoped_filter_clauses(account, flt):
        query = query.where(clause)
    at_column = _order_column(order)
    if cursor:
        at, rid = decode_cursor(cursor, order)
        query = query.where(or_(at_column < at, and_(at_column == at, col(Report.id) < rid)))
    query = query.order_by(at_column.desc(), col(Report.id).desc()).limit(limit + 1)
    rows = list(session.exec(query).all())
    next_cursor = encode_cursor(rows[limit - 1], order) if len(rows) > limit else None
    return ReportPage(items=[to_public(r) for r in rows[:limit]], next_cursor=next_cursor)


def scoped_filter_clauses(account: Principal, flt: ReportFilter) -> list[Any]:
    """The caller's scope and the filter, as WHERE clauses."""
    scope = scope_clause(account)
    return ([scope] if scope is not None else []) + filter_clauses(flt)


def status_counts(*, session: Session, account: Principal, flt: ReportFilter) -> dict[str, int]:
    """How many reports of each status match the filter (its own status aside): the inbox's tabs."""
    query = select(col(Report.status), func.count()).group_by(col(Report.status))
    for clause in scoped_filter_clauses(account, replace(flt, status=None)):
        query = query.where(clause)
    counted = dict(session.exec(query).all())
    return {status.value: int(counted.get(status.value, 0)) for status in ReportStatus}


def count_matches(*, session: Session, account: Principal, flt: ReportFilter, cap: int) -> int:
    """How many reports match, counted no further than cap + 1 (newest arrivals first).

    A text search cannot use an index; counting every match of a common word over a million
    reports would hold the page for seconds, while "more than 1,000" says what a reader needs.
    """
    inner = select(col(Report.id))
    for clause in scoped_filter_clauses(account, flt):
        inner = inner.where(clause)
    inner = inner.order_by(col(Report.received_at).desc()).limit(cap + 1)
    return int(session.exec(select(func.count()).select_from(inner.subquery())).one())
