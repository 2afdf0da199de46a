"""Spreadsheet fixtures: intake rules with the real boundaries, an importing admin, an import to run."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from core.accounts.service import Principal
from core.config import Settings
from core.db import read_session, write_session
from core.reports.intake import IntakeRules, rules_from_settings
from core.sheets.importer import ImportSummary, import_reports
from core.sheets.scope import import_account
from core.writer import report_writer

Importer = Callable[..., ImportSummary]


@pytest.fixture
def marked() -> list[list[str]]:
    """Every live-alert mark the import made, in order."""
    return []


@pytest.fixture
def rules(settings: Settings, marked: list[list[str]]) -> IntakeRules:
    return rules_from_settings(settings, mark_live=lambda kodes: marked.append(list(kodes)))


@pytest.fixture
def admin(engine: Engine) -> Principal:
    with write_session(engine) as session:
        return import_account(session=session, name="cli-import")


@pytest.fixture
def run_import(engine: Engine, rules: IntakeRules, admin: Principal) -> Importer:
    def run(data: bytes, account: Principal | None = None, **kwargs: Any) -> ImportSummary:
        with read_session(engine) as session:
            return import_reports(
                source=io.BytesIO(data),
                session=session,
                account=account or admin,
                rules=rules,
                store=report_writer(engine),
                **kwargs,
            )

    return run
