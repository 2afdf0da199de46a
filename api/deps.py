"""Request-scoped dependencies as short Annotated aliases (SessionDep, CurrentAccount, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session

from core.accounts.service import Principal, authenticate_bearer
from core.accounts.throttle import FailureThrottle
from core.alerts.live import live_alert_checker
from core.config import Settings
from core.db import read_session, write_session
from core.errors import FieldError, InvalidInput, Throttled, Unauthenticated
from core.regions.directory import RegionDirectory, get_directory
from core.reports.intake import IntakeRules, LiveMark, rules_from_settings
from core.reports.queries import ReportFilter
from core.writer import AsyncReportWriter, ReportWriter, async_report_writer, report_writer
from models.report import Category, Factor, ReportStatus, SourceType
from models.types import IsoDateTime

bearer_scheme = HTTPBearer(auto_error=False, description="An API token from `waspada token create`")


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_engine(request: Request) -> Engine:
    return request.app.state.engine


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_region_directory(settings: SettingsDep) -> RegionDirectory:
    """Every kecamatan and desa code of the data pack (loaded once per process)."""
    return get_directory(settings.geo_dir)


RegionDirectoryDep = Annotated[RegionDirectory, Depends(get_region_directory)]
EngineDep = Annotated[Engine, Depends(get_engine)]


def get_session(engine: EngineDep) -> Iterator[Session]:
    """A reading session; never holds the SQLite write lock."""
    with read_session(engine) as session:
        yield session


def get_write_session(engine: EngineDep) -> Iterator[Session]:
    """A writing session (BEGIN IMMEDIATE on SQLite), committed by the service."""
    with write_session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session)]


async def get_current_account(
    request: Request,
    engine: EngineDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Principal:
    """The caller behind the bearer token, checked on every request (a revocation acts at once).

    One indexed lookup (~40 us) runs inline: cheaper than a hop to a worker thread. An address
    that sent too many wrong tokens in the last minute is refused before the lookup.
    """
    throttle: FailureThrottle = request.app.state.bearer_throttle
    address = client_address(request)
    wait = throttle.retry_after(address)
    if wait is not None:
        raise Throttled("too many wrong tokens from this address; try again later", retry_after=wait)
    try:
        return authenticate_bearer(engine=engine, token=credentials.credentials if credentials else None)
    except Unauthenticated:
        if credentials is not None:
            throttle.record_failure(address, what="bearer tokens")
        raise


def client_address(request: Request) -> str:
    """The peer's address as the server sees it (behind a proxy: uvicorn's --forwarded-allow-ips)."""
    return request.client.host if request.client else "unknown"


CurrentAccount = Annotated[Principal, Depends(get_current_account)]


async def get_report_writer(engine: EngineDep) -> ReportWriter:
    """Where acknowledged reports are made durable (group commit on SQLite)."""
    return report_writer(engine)


ReportWriterDep = Annotated[ReportWriter, Depends(get_report_writer)]


def live_mark(settings: Settings) -> LiveMark:
    """Where intake and triage mark kabupaten for a live alert check: this process's checker."""
    return live_alert_checker(settings).mark


async def get_live_mark(settings: SettingsDep) -> LiveMark:
    """The mark as a dependency, for routes that change a report without intake (triage)."""
    return live_mark(settings)


LiveMarkDep = Annotated[LiveMark, Depends(get_live_mark)]


def intake_rules(settings: Settings) -> IntakeRules:
    """This request's clock, the boundary index and the live-alert mark, as intake needs them."""
    return rules_from_settings(settings, mark_live=live_mark(settings))


async def get_intake_rules(settings: SettingsDep) -> IntakeRules:
    return intake_rules(settings)


IntakeRulesDep = Annotated[IntakeRules, Depends(get_intake_rules)]


@dataclass(frozen=True)
class AsyncIntake:
    """What single-report intake needs, resolved as one dependency.

    Every dependency FastAPI resolves costs time on the busiest endpoint; this one reads the
    app's state directly instead of through four.
    """

    engine: Engine
    settings: Settings
    rules: IntakeRules
    store: AsyncReportWriter


async def get_async_intake(request: Request) -> AsyncIntake:
    return async_intake(request.app.state)


def async_intake(state: Any) -> AsyncIntake:
    """Build the bundle from an app's state (`settings`, `engine`)."""
    settings: Settings = state.settings
    engine: Engine = state.engine
    return AsyncIntake(engine, settings, intake_rules(settings), async_report_writer(engine))


AsyncIntakeDep = Annotated[AsyncIntake, Depends(get_async_intake)]


async def report_filter(
    kabupaten: Annotated[str | None, Query(pattern=r"^\d{2}\.?\d{2}$")] = None,
    provinsi: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    kecamatan: Annotated[str | None, Query(pattern=r"^\d{2}\.?\d{2}\.?\d{2}$")] = None,
    category: Category | None = None,
    factor: Factor | None = None,
    status: ReportStatus | None = None,
    since: Annotated[IsoDateTime | None, Query(description="occurred_at >= since (UTC if no offset)")] = None,
    until: Annotated[IsoDateTime | None, Query(description="occurred_at < until (UTC if no offset)")] = None,
    severity: Annotated[int | None, Query(ge=1, le=5)] = None,
    source_type: SourceType | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="every word in the title or description, any case")
    ] = None,
) -> ReportFilter:
    """The report filters as query parameters, shared by the list and both exports."""
    return ReportFilter(
        kabupaten=kabupaten,
        provinsi=provinsi,
        kecamatan=kecamatan,
        category=category.value if category else None,
        factor=factor.value if factor else None,
        status=status.value if status else None,
        since=since,
        until=until,
        severity=severity,
        source_type=source_type.value if source_type else None,
        text=q,
    )


ReportFilterDep = Annotated[ReportFilter, Depends(report_filter)]


def _query_parameter_names(dependant: Any) -> Iterator[str]:
    """Every query parameter a route declares, its sub-dependencies' included."""
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _query_parameter_names(sub)


def _needs_account(dependant: Any) -> bool:
    """Whether the route authenticates its caller, somewhere among its dependencies."""
    return any(sub.call is get_current_account or _needs_account(sub) for sub in dependant.dependencies)


async def reject_unknown_query_parameters(request: Request) -> None:
    """A misspelt filter (`provinse=81`) must fail loudly, not silently return everything."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = set(_query_parameter_names(dependant))
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        if _needs_account(dependant):  # a caller without a token learns nothing of the route
            credentials = await bearer_scheme(request)
            await get_current_account(request, request.app.state.engine, credentials)
        raise InvalidInput(
            [
                FieldError(name, f"unknown query parameter '{name}'", "extra_forbidden", "query")
                for name in unknown
            ]
        )
