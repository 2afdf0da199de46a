"""Planned events that draw crowds or tension: rallies, debates, plenaries, demonstrations."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, StrictBool, StringConstraints
from pydantic import Field as PydanticField
from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from models import vocab
from models.region import KecamatanKode
from models.types import IsoDateTime, NoNul, UTCDateTime, utc_now

EventType = StrEnum(
    "EventType", [(t.value.upper(), t.value) for t in vocab.EVENT_TYPES], module=__name__
)  # models.vocab defines the terms


EventTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
EventSource = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), NoNul]
EventPlace = EventSource  # venue and organiser: free text, stripped, up to 200 characters
ExpectedCrowd = Annotated[int, PydanticField(ge=0, le=10_000_000, strict=True)]


class PlannedEventCreate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    id: uuid.UUID | None = None
    kabupaten_kode: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{2}\.?\d{2}$")]
    kecamatan_kode: KecamatanKode | None = PydanticField(
        default=None, description="Where in the kabupaten; the event then weighs on that kecamatan too"
    )
    event_type: EventType
    title: EventTitle
    starts_at: IsoDateTime = PydanticField(
        description="A time without offset is read in the kabupaten's zone"
    )
    ends_at: IsoDateTime | None = PydanticField(default=None, description="Defaults to starts_at")
    expected_crowd: ExpectedCrowd | None = None
    source: EventSource = ""
    venue: EventPlace = PydanticField(default="", description="Where it is held (a field, a hall, a street)")
    organiser: EventPlace = PydanticField(default="", description="Who holds it (a campaign team, a union)")


class PlannedEventUpdate(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    kecamatan_kode: KecamatanKode | None = None
    event_type: EventType | None = None
    title: EventTitle | None = None
    starts_at: IsoDateTime | None = None
    ends_at: IsoDateTime | None = None
    expected_crowd: ExpectedCrowd | None = None
    source: EventSource | None = None
    venue: EventPlace | None = None
    organiser: EventPlace | None = None
    cancelled: StrictBool | None = None


class PlannedEvent(SQLModel, table=True):
    __tablename__ = "planned_event"
    __table_args__ = (
        Index("ix_event_starts", "starts_at"),
        Index("ix_event_kab_starts", "kabupaten_kode", "starts_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", max_length=5)
    kecamatan_kode: str | None = Field(default=None, max_length=8)
    event_type: str = Field(max_length=40)
    title: str = Field(max_length=200)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    ends_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expected_crowd: int | None = None
    source: str = Field(default="", max_length=200)
    venue: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    organiser: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    cancelled: bool = False
    created_by: str = Field(max_length=100)
    content_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class PlannedEventPublic(SQLModel):
    id: uuid.UUID
    kabupaten_kode: str
    kecamatan_kode: str | None
    event_type: EventType
    title: str
    starts_at: datetime
    ends_at: datetime
    expected_crowd: int | None
    source: str
    venue: str
    organiser: str
    cancelled: bool
    created_by: str
    created_at: datetime
    updated_at: datetime


class BaselineScore(SQLModel, table=True):
    """A structural score per kabupaten (e.g. from an IKP table), blended in with a set weight."""

    __tablename__ = "baseline_score"

    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", primary_key=True, max_length=5)
    score: float
    source: str = Field(max_length=200)
    imported_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
