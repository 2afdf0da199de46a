"""The election calendar: elections, their stages, and which regions hold them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, StrictBool, StringConstraints, model_validator
from pydantic import Field as PydanticField
from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models import vocab
from models.types import IsoDate, NoNul, UTCDateTime, utc_now


class ElectionKind(StrEnum):
    PILKADA = "pilkada"
    PEMILU = "pemilu"
    PSU = "psu"


Stage = StrEnum(
    "Stage", [(t.value.upper(), t.value) for t in vocab.STAGES], module=__name__
)  # models.vocab defines the terms


class Election(SQLModel, table=True):
    __tablename__ = "election"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    voting_day: date
    nationwide: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utc_now, sa_column=Column(UTCDateTime(), nullable=False))


class ElectionStage(SQLModel, table=True):
    __tablename__ = "election_stage"
    __table_args__ = (UniqueConstraint("election_id", "stage"),)

    id: int | None = Field(default=None, primary_key=True)
    election_id: int = Field(foreign_key="election.id", index=True, ondelete="CASCADE")
    stage: str = Field(max_length=20)
    start_date: date
    end_date: date


class ElectionProvince(SQLModel, table=True):
    """A province-level contest (e.g. gubernur): every kabupaten of the province is affected."""

    __tablename__ = "election_province"

    election_id: int = Field(foreign_key="election.id", primary_key=True, ondelete="CASCADE")
    provinsi_kode: str = Field(foreign_key="province.kode", primary_key=True, max_length=2)


class ElectionKabupaten(SQLModel, table=True):
    """A kabupaten/kota-level contest (bupati/walikota)."""

    __tablename__ = "election_kabupaten"

    election_id: int = Field(foreign_key="election.id", primary_key=True, ondelete="CASCADE")
    kabupaten_kode: str = Field(foreign_key="kabupaten.kode", primary_key=True, max_length=5)


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,59}$")]
ProvinceCode = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
KabupatenCode = Annotated[str, StringConstraints(pattern=r"^\d{2}\.?\d{2}$")]


class StageIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    stage: Stage
    start_date: IsoDate
    end_date: IsoDate

    @model_validator(mode="after")
    def _ordered(self) -> StageIn:
        if self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class ElectionCreate(SQLModel):
    """An election as an admin defines it: stages and the regions that hold it."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    slug: Slug
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
    kind: ElectionKind
    voting_day: IsoDate
    nationwide: StrictBool = False
    provinces: list[ProvinceCode] = PydanticField(default_factory=list, max_length=38)
    kabupaten: list[KabupatenCode] = PydanticField(default_factory=list, max_length=514)
    stages: list[StageIn] = PydanticField(default_factory=list, max_length=6)


class StagePublic(SQLModel):
    stage: Stage
    start_date: date
    end_date: date


class ElectionPublic(SQLModel):
    id: int
    slug: str
    name: str
    kind: ElectionKind
    voting_day: date
    nationwide: bool
    provinces: list[str]
    kabupaten: list[str]
    stages: list[StagePublic]
