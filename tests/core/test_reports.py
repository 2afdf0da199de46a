"""Intake's prepared row stays in step with the report table it is inserted into."""

from __future__ import annotations

import dataclasses

from core.reports import REPORT_COLUMNS, PreparedReport
from models.report import Report


def test_prepared_report_has_exactly_the_report_columns() -> None:
    fields = tuple(f.name for f in dataclasses.fields(PreparedReport))
    assert sorted(fields) == sorted(REPORT_COLUMNS) == sorted(c.name for c in Report.__table__.columns)
