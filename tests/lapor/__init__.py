"""The field report form (/lapor) and its spreadsheet sibling."""

from __future__ import annotations

from fastapi import FastAPI

from core.config import Settings
from server import create_server


def lapor_app(settings: Settings) -> FastAPI:
    """What `waspada serve` serves, so the dashboard at "/" is present and must not shadow /lapor."""
    return create_server(settings.model_copy(update={"embedded_scheduler": False}))
