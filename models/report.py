"""Incident reports, their vocabulary, and the daily aggregate the risk engine reads."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, StringConstraints
from pydantic import Field as PydanticField
from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Table
from sqlmodel import Field, SQLModel

from models import vocab
from models.region import DesaKode, KecamatanKode
from models.types import IsoDateTime, NoNul, UTCDateTime, utc_now


def _enum(name: str, terms: tuple[vocab.Term, ...]) -> type[StrEnum]:
    """A StrEnum whose members are a vocabulary's values (KERUMUNAN = "kerumunan")."""
    return StrEnum(name, [(term.value.upper(), term.value) for term in terms], module=__name__)


# The enums are the schema's view of models.vocab, which defines every term once.
Factor = _enum("Factor", vocab.FACTORS)
Category = _enum("Category", vocab.CATEGORIES)
SourceType = _enum("SourceType", vocab.SOURCE_TYPES)
FieldSource = _enum(  # sources a client may claim; `demo` is reserved for the synthetic season
    "FieldSource", tuple(t for t in vocab.SOURCE_TYPES if t.value not in vocab.RESERVED_SOURCE_TYPES)
)
ReportStatus = _enum("ReportStatus", vocab.STATUSES)

CATEGORY_FACTOR: dict[Category, Factor] = {
    Category(category): Factor(factor) for category, factor in vocab.CATEGORY_FACTOR.items()
}


def factor_of(category: str) -> Factor:
    """The risk factor a category feeds (the one mapping every layer uses)."""
    return CATEGORY_FACTOR[Category(category)]


def categories_of(factor: str) -> list[str]:
    """Every category that feeds a factor, for filtering by factor."""
    return list(vocab.categories_of(Factor(factor).value))


ALLOWED_TRANSITIONS: dict[ReportStatus, frozenset[ReportStatus]] = {
    ReportStatus(status): frozenset(ReportStatus(n) for n in following)
    for status, following in vocab.STATUS_TRANSITIONS.items()
}

VERIFIED_STATUSES = frozenset(ReportStatus(s) for s in vocab.VERIFIED_STATUSES)
COUNTED_STATUSES = VERIFIED_STATUSES | {ReportStatus(s) for s in vocab.UNVERIFIED_STATUSES}

KabupatenKode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\d{2}\.?\d{2}$"),
    PydanticField(description="Kemendagri code, '81.02' or '8102'", examples=["81.02"]),
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
Description = Annotated[str, StringConstraints(max_length=10_000), NoNul]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), NoNul]
Kecamatan = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), NoNul]
Severity = Annotated[int, PydanticField(ge=1, le=5, strict=True)]
CrowdSize = Annotated[int, PydanticField(ge=0, le=10_000_000, strict=True)]
Latitude = Annotated[float, PydanticField(ge=-90, le=90, strict=True, allow_inf_nan=False)]
Longitude = Annotated[float, PydanticField(ge=-180, le=180, strict=True, allow_inf_nan=False)]


class ReportCreate(SQLModel):
    """What a client may send: strict types, unknown fields refused."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    id: uuid.UUID | None = PydanticField(
        default=None, description="Client-chosen UUID; retries with the same id are idempotent"
    )
    kabupaten_kode: KabupatenKode
    kecamatan: Kecamatan | None = PydanticField(
        default=None, description="The kecamatan's name as typed; matched to a code when unambiguous"
    )
    kecamatan_kode: KecamatanKode | None = PydanticField(
        default=None, description="Must lie in kabupaten_kode; filled from the point when absent"
    )
    desa_kode: DesaKode | None = PydanticField(
        default=None, description="Desa/kelurahan; must lie in kecamatan_kode (or kabupaten_kode)"
    )
    occurred_at: IsoDateTime = PydanticField(
        description="ISO 8601; a time without offset is read in the kabupaten's own zone"
    )
    category: Category
    severity: Severity
    title: Title
    description: Description = ""
    crowd_size: CrowdSize | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    source_type: FieldSource = FieldSource.FKDM


class ReportUpdate(SQLModel):
    """A step of the workflow: a new status (and which report this one duplicates), a note, or both."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    status: ReportStatus | None = None
    duplicate_of: uuid.UUID | None = None
    note: Note | None = None


class Report(SQLModel, table=True):
    __tablename__ = "report"
    __table_args__ = (
        Index("ix_report_kab_occurred", "kabupaten_kode", "occurred_at", "id"),
        Index("ix_report_occurred", "occurred_at", "id"),
        Index("ix_report_received", "received_at", "id"),  # the inbox: newest arrivals first
        Index("ix_report_kab_received", "kabupaten_kode", "received_at", "id"),
        # One status's reports by arrival (an inbox tab) without sorting them, and the counts per status.
        Index("ix_report_status_received", "status", "received_at", "id"),
        # A deleted report's duplicates are found by this index, not by a scan of every report
        # (SQLite checks the self-referencing foreign key once per deleted row).
        Index("ix_report_duplicate_of", "duplicate_of"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", max_length=5)
    kecamatan: str | None = Field(default=None, max_length=100)
    kecamatan_kode: str | None = Field(default=None, max_length=8)
    desa_kode: str | None = Field(default=None, max_length=13)
    occurred_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    category: str = Field(max_length=40, index=True)
    severity: int
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=10_000)
    crowd_size: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    location_mismatch: bool = False
    located_kabupaten_kode: str | None = Field(default=None, max_length=5)
    kecamatan_mismatch: bool = False
    located_kecamatan_kode: str | None = Field(default=None, max_length=8)
    source_type: str = Field(max_length=20)
    status: str = Field(default=ReportStatus.BARU.value, max_length=20)
    duplicate_of: uuid.UUID | None = Field(default=None, foreign_key="report.id")
    reporter_id: int = Field(foreign_key="account.id", index=True)
    reporter: str = Field(max_length=100)
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class ReportPublic(SQLModel):
    id: uuid.UUID
    kabupaten_kode: str
    kecamatan: str | None
    kecamatan_kode: str | None
    desa_kode: str | None
    occurred_at: datetime
    received_at: datetime
    category: Category
    factor: Factor
    severity: int
    title: str
    description: str
    crowd_size: int | None
    latitude: float | None
    longitude: float | None
    location_mismatch: bool
    located_kabupaten_kode: str | None
    kecamatan_mismatch: bool
    located_kecamatan_kode: str | None
    source_type: SourceType
    status: ReportStatus
    duplicate_of: uuid.UUID | None
    reporter: str
    created_at: datetime
    updated_at: datetime


class ReportPage(SQLModel):
    items: list[ReportPublic]
    next_cursor: str | None = None


def aggregate_column(factor: str, severity: int, verified: bool) -> str:
    """The count column of one factor, severity and verification class, e.g. 'kekerasan_5_v'."""
    return f"{factor}_{severity}_{'v' if verified else 'u'}"


AGGREGATE_CLASSES: tuple[tuple[str, int, bool], ...] = tuple(
    (factor.value, severity, verified)
    for factor in Factor
    for severity in range(1, 6)
    for verified in (False, True)
)
AGGREGATE_COLUMNS: tuple[str, ...] = tuple(aggregate_column(*c) for c in AGGREGATE_CLASSES)

# Per factor, the day's reports weighted by the risk engine's default class weights (the
# weights themselves are core.risk.params.POINT_UNITS, never spelled in the schema).
POINTS_COLUMNS: dict[str, str] = {factor.value: f"points_{factor.value}" for factor in Factor}


def _count_columns() -> list[Column[int]]:
    """The total, the class counts and the per-factor points every daily table holds."""
    names = ("count", *AGGREGATE_COLUMNS, *POINTS_COLUMNS.values())
    return [Column(name, Integer, nullable=False, server_default="0") for name in names]


report_daily_table = Table(
    "report_daily",
    SQLModel.metadata,
    Column("day", Date, primary_key=True),
    Column("kabupaten_kode", String(5), ForeignKey("kabupaten.kode"), primary_key=True),
    *_count_columns(),
    sqlite_with_rowid=False,
)

# The same counts per kecamatan, for the reports that carry one (a report without a kecamatan
# counts for its kabupaten only). No foreign key: intake checks codes against the data pack.
report_daily_kecamatan_table = Table(
    "report_daily_kecamatan",
    SQLModel.metadata,
    Column("day", Date, primary_key=True),
    Column("kecamatan_kode", String(8), primary_key=True),
    *_count_columns(),
    sqlite_with_rowid=False,
)


class ReportDaily:
    """Reports per local day and kabupaten, counted per factor x severity x verification.

    One row per (day, kabupaten), so reading a risk window costs kabupaten x days however
    many reports are stored; `count` is the day's total. Counts do not depend on any risk
    parameter (re-weighting never needs a rebuild); the `points_*` columns are a derived
    projection of the counts under the engine's default weights, kept in the same upsert
    and recomputed when those weights change (see `report_daily_points_basis`). Rejected
    and duplicate reports are not counted. Clustered by day, so a window is one contiguous
    range.
    """

    __table__ = report_daily_table
    day = report_daily_table.c.day
    kabupaten_kode = report_daily_table.c.kabupaten_kode
    count = report_daily_table.c.count


class ReportDailyKecamatan:
    """Reports per local day (the kabupaten's zone) and kecamatan, the columns of ReportDaily."""

    __table__ = report_daily_kecamatan_table
    day = report_daily_kecamatan_table.c.day
    kecamatan_kode = report_daily_kecamatan_table.c.kecamatan_kode
    count = report_daily_kecamatan_table.c.count


# One row: a hash of the class weights report_daily's points_* columns were computed with,
# so a change of the engine's default weights is noticed and the points are recomputed.
POINTS_BASIS_ROW_ID = 1
points_basis_table = Table(
    "report_daily_points_basis",
    SQLModel.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("class_weights_hash", String(64), nullable=False),
    CheckConstraint(f"id = {POINTS_BASIS_ROW_ID}", name="ck_report_daily_points_basis_one_row"),
)
