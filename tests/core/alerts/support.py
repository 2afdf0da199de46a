"""Helpers the alert tests share: what was stored, and settings that name webhooks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import select

from core.config import Settings
from core.db import read_session
from models.snapshot import Alert, AlertDelivery

WEEK = date(2024, 11, 18)  # Sunday 2024-11-24


def stored_alerts(engine: Engine) -> list[Alert]:
    with read_session(engine) as session:
        return list(session.exec(select(Alert).order_by(Alert.kabupaten_kode, Alert.kind)).all())


def deliveries(engine: Engine) -> list[AlertDelivery]:
    with read_session(engine) as session:
        return list(session.exec(select(AlertDelivery).order_by(AlertDelivery.id)).all())


def with_webhooks(settings: Settings, *urls: str) -> Settings:
    return settings.model_copy(update={"webhook_urls": list(urls)})
