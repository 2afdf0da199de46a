"""A report as intake handles it: the row to insert (PreparedReport) and the outcome of storing it.

Shared by intake (which prepares rows), the store (which inserts them), the daily aggregate
and the queries (which read them), so none of those imports another to learn the shape.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.errors import FieldError
from models.report import Report

REPORT_TABLE: str = Report.__table__.name
REPORT_COLUMNS: tuple[str, ...] = tuple(c.name for c in Report.__table__.columns)

# Generated once from the table, so the row can never drift from the schema. A plain
# slotted value: intake inserts it with Core and never attaches it to a session (an ORM
# Report per submission cost ~160 us, most of a batch item's time).
PreparedReport = dataclasses.make_dataclass(
    "PreparedReport",
    [(name, Report.model_fields[name].annotation) for name in REPORT_COLUMNS],
    frozen=True,
    slots=True,
    namespace={
        "__doc__": "A validated submission as the row to insert, with exactly the report table's columns.",
        "__module__": __name__,
    },
)

# A report as intake and the API read it: an ORM Report or a plain row of the same columns.
StoredOrPrepared = Report | PreparedReport

REPORT_ID_NAMESPACE = uuid.UUID("6f1d3a52-8b1e-4f7e-9a51-4e2f0c8d7b10")


def derived_report_id(content_hash: str) -> uuid.UUID:
    """The id of a report sent without one: its content alone, never who or what channel sent it."""
    return uuid.uuid5(REPORT_ID_NAMESPACE, content_hash)


def is_same_report(existing: StoredOrPrepared, incoming: StoredOrPrepared) -> bool:
    """A retry, not a different report under a taken id.

    A derived id is the report's content, so the same content from another account or through
    another door (CLI, API, /lapor) is the same report; a client-chosen id also binds the account.
    """
    if existing.content_hash != incoming.content_hash:
        return False
    derived = incoming.id == derived_report_id(incoming.content_hash)
    return derived or existing.reporter_id == incoming.reporter_id


class Outcome(StrEnum):
    CREATED = "created"
    REPLAYED = "replayed"
    CONFLICT = "conflict"
    INVALID = "invalid"


@dataclass
class ItemResult:
    """What became of one submission; `report` is the stored row when there is one."""

    id: uuid.UUID | None
    status: Outcome
    errors: list[FieldError] = field(default_factory=list)
    report: PreparedReport | None = None


def column_values(report: StoredOrPrepared) -> dict[str, Any]:
    """The report's values by column name (either kind of report)."""
    return {name: getattr(report, name) for name in REPORT_COLUMNS}
