"""The prepared row is the report table's row: same columns, same order, same types."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

import pytest

from core.reports.rows import REPORT_COLUMNS, PreparedReport, column_values
from models.report import Report


def test_prepared_report_has_exactly_the_report_columns_in_table_order() -> None:
    fields = tuple(f.name for f in dataclasses.fields(PreparedReport))
    assert fields == REPORT_COLUMNS == tuple(c.name for c in Report.__table__.columns)


def test_prepared_report_is_a_frozen_slotted_value() -> None:
    now = datetime(2024, 11, 20, tzinfo=UTC)
    row = PreparedReport(**dict.fromkeys(REPORT_COLUMNS, None) | {"id": uuid.uuid4(), "created_at": now})
    assert not hasattr(row, "__dict__")  # slots: no per-row dict on the batch path
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.title = "changed"  # type: ignore[misc]
    assert column_values(row)["created_at"] == now
    assert list(column_values(row)) == list(REPORT_COLUMNS)
