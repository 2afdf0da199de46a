"""The server `waspada serve` runs: the API, the dashboard, and on the embedded default the scheduler.

Neither the API app (`api.main.create_app`) nor the dashboard knows of the other; this module
composes them into one process, so dependencies keep pointing one way.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.main import create_app
from core.config import Settings, get_settings
from dashboard.app import mount_dashboard
from scheduler import start_embedded, stop_embedded

log = logging.getLogger(__name__)


def _with_embedded_scheduler(app: FastAPI, settings: Settings) -> None:
    """Run the weekly snapshot scheduler inside this process (SQLite, single process only)."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(instance: FastAPI) -> AsyncIterator[None]:
        async with inner(instance):
            scheduler = start_embedded(settings)
            log.info("embedded weekly snapshot scheduler started")
            try:
                yield
            finally:
                stop_embedded(scheduler)

    app.router.lifespan_context = lifespan


def create_server(settings: Settings | None = None) -> FastAPI:
    """Everything one `waspada serve` process serves."""
    settings = settings or get_settings()
    app = create_app(settings)
    mount_dashboard(app, settings)
    if settings.embedded_scheduler and settings.is_sqlite:
        _with_embedded_scheduler(app, settings)
    return app
