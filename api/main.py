"""The HTTP application: create_app(settings) builds it, nothing happens at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI

from api.deps import reject_unknown_query_parameters
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.intake_lane import IntakeLane
from api.limits import BodySizeLimit
from api.routes import (
    accounts,
    alerts,
    elections,
    events,
    geometry,
    health,
    lapor,
    regions,
    reports,
    risk,
    snapshots,
    transfer,
    vocabulary,
)
from api.routes.docs import install_docs
from api.security import SecurityHeaders
from core.accounts.throttle import BEARER_LIMIT, FailureThrottle
from core.alerts.live import stop_live_alert_checkers
from core.config import Settings, get_settings
from core.db import get_engine
from core.regions.directory import get_directory
from core.storage import FaultLog
from geo.locate import get_kecamatan_locator, get_locator

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(reject_unknown_query_parameters)])
    for module in (
        health,
        regions,
        transfer,
        reports,
        elections,
        events,
        risk,
        snapshots,
        alerts,
        geometry,
        lapor,
        vocabulary,
        accounts,
    ):
        router.include_router(module.router, responses=SHARED_ERRORS)
    return router


# Any route can meet these: a wrong token from a throttled address, a storage fault.
SHARED_ERRORS = {code: ERROR_RESPONSES[code] for code in (429, 503)}


def create_app(settings: Settings | None = None, *, intake_lane: bool = True) -> FastAPI:
    """Build the app for these settings (tests pass their own; production reads the env).

    `intake_lane=False` leaves single-report POSTs to the FastAPI route alone (the lane's
    tests compare both ways).
    """
    settings = settings or get_settings()
    engine = get_engine(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        get_locator(settings.geo_dir)  # load boundaries before the first report, not during it
        get_kecamatan_locator(settings.geo_dir)
        get_directory(settings.geo_dir)
        yield
        stop_live_alert_checkers()

    app = FastAPI(
        title="Waspada",
        version="0.1.0",
        summary="Early warning of social conflict around Indonesian elections",
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json" if settings.api_docs else None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.storage_faults = FaultLog()
    app.state.bearer_throttle = FailureThrottle(name="bearer tokens", limit=BEARER_LIMIT)
    install_error_handlers(app)
    if settings.api_docs:
        install_docs(app)
    app.include_router(api_router())
    app.include_router(lapor.page_router)  # the field form at /lapor/, outside /api/v1
    if intake_lane:
        app.add_middleware(IntakeLane)  # inside BodySizeLimit (added after it, so outermost)
    app.add_middleware(
        BodySizeLimit,
        default_limit=settings.max_body_bytes,
        limits_by_suffix={
            "/reports/batch": settings.max_batch_body_bytes,
            "/reports/import": settings.max_import_bytes,
        },
    )
    app.add_middleware(SecurityHeaders)  # outermost: every answer, refusals included
    return app
