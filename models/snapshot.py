"""Weekly risk snapshots (frozen per week and kabupaten), their run records, and alerts."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utc_now


class RunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunTrigger(StrEnum):
    SCHEDULER = "scheduler"
    CLI = "cli"
    ADMIN = "admin"


class AlertKind(StrEnum):
    TINGGI = "tinggi"
    SURGE = "surge"


class AlertSource(StrEnum):
    SNAPSHOT = "snapshot"
    REPORT = "report"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class RiskSnapshot(SQLModel, table=True):
    """One kabupaten's score for one Monday-Sunday week, as it stood when the week was frozen."""

    __tablename__ = "risk_snapshot"
    __table_args__ = (Index("ix_risk_snapshot_kab_week", "kabupaten_kode", "week_start"),)

    week_start: date = Field(primary_key=True, description="Monday of the week (report time zone)")
    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", primary_key=True, max_length=5)
    as_of: date = Field(description="The Sunday that ends the week: the day scored")
    score: float
    level: str = Field(max_length=10)
    score_kerumunan: float
    score_kampanye: float
    score_isu: float
    score_kekerasan: float
    score_lainnya: float
    reports_7d: int
    reports_28d: int
    surge: bool
    previous_level: str | None = Field(default=None, max_length=10)
    level_change: int | None = Field(
        default=None, description="+1/+2 rose, 0 same, <0 fell, null: no previous"
    )
    model_version: str = Field(max_length=20)
    params_hash: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class KecamatanSnapshot(SQLModel, table=True):
    """One kecamatan's score for one week, frozen in the same run as its kabupaten's row."""

    __tablename__ = "risk_snapshot_kecamatan"
    __table_args__ = (Index("ix_risk_snapshot_kecamatan_kab_week", "kabupaten_kode", "week_start"),)

    week_start: date = Field(primary_key=True, description="Monday of the week (report time zone)")
    kecamatan_kode: str = Field(primary_key=True, max_length=8)
    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", max_length=5)
    as_of: date = Field(description="The Sunday that ends the week: the day scored")
    score: float
    level: str = Field(max_length=10)
    score_kerumunan: float
    score_kampanye: float
    score_isu: float
    score_kekerasan: float
    score_lainnya: float
    reports_7d: int
    surge: bool
    model_version: str = Field(max_length=20)
    params_hash: str = Field(max_length=32)


class SnapshotRun(SQLModel, table=True):
    """Whether a week has been frozen: at most one record per week, so a week succeeds once."""

    __tablename__ = "snapshot_run"

    id: int | None = Field(default=None, primary_key=True)
    week_start: date = Field(unique=True)
    status: str = Field(max_length=20)
    trigger: str = Field(max_length=20)
    started_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    error: str | None = Field(default=None, sa_column=Column(Text()))
    rows: int = 0
    attempts: int = 0
    model_version: str | None = Field(default=None, max_length=20)
    params_hash: str | None = Field(default=None, max_length=32)


class Alert(SQLModel, table=True):
    """A kabupaten rose to tinggi or surged; at most one of each kind per kabupaten and week."""

    __tablename__ = "alert"
    __table_args__ = (
        UniqueConstraint("kabupaten_kode", "kind", "week_start", name="uq_alert_kab_kind_week"),
        Index("ix_alert_created", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", max_length=5)
    kind: str = Field(max_length=10)
    week_start: date
    as_of: date
    score: float
    level: str = Field(max_length=10)
    reports_7d: int = 0
    source: str = Field(max_length=10)
    message: str = Field(max_length=500)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class AlertDelivery(SQLModel, table=True):
    """One alert sent to one webhook URL, with its retry state."""

    __tablename__ = "alert_delivery"
    __table_args__ = (
        UniqueConstraint("alert_id", "url", name="uq_alert_delivery_alert_url"),
        Index("ix_alert_delivery_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", ondelete="CASCADE")
    url: str = Field(max_length=2000)
    status: str = Field(default=DeliveryStatus.PENDING.value, max_length=20)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    claimed_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
