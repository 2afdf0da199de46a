"""The election calendar Waspada ships with: Pemilu 2024 and Pilkada Serentak 2024."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from core.calendar.service import upsert_election
from models.election import ElectionCreate, ElectionKind, Stage, StageIn
from models.region import Kabupaten, Province

# Pilkada is not held for DI Yogyakarta's governor (UU 13/2012) nor for DKI Jakarta's
# administrative cities/regency, whose heads are appointed (UU 2/2024).
NO_GOVERNOR_ELECTION = {"34"}
APPOINTED_HEADS_PROVINCE = "31"


def pemilu_2024() -> ElectionCreate:
    """Pemilu 2024 (PKPU 3/2022): presidential and legislative, everywhere."""
    return ElectionCreate(
        slug="pemilu-2024",
        name="Pemilu 2024",
        kind=ElectionKind.PEMILU,
        voting_day=date(2024, 2, 14),
        nationwide=True,
        stages=[
            StageIn(stage=Stage.PENDAFTARAN, start_date=date(2023, 10, 19), end_date=date(2023, 10, 25)),
            StageIn(stage=Stage.PENETAPAN, start_date=date(2023, 11, 13), end_date=date(2023, 11, 13)),
            StageIn(stage=Stage.KAMPANYE, start_date=date(2023, 11, 28), end_date=date(2024, 2, 10)),
            StageIn(stage=Stage.MASA_TENANG, start_date=date(2024, 2, 11), end_date=date(2024, 2, 13)),
            StageIn(stage=Stage.PEMUNGUTAN, start_date=date(2024, 2, 14), end_date=date(2024, 2, 14)),
            StageIn(stage=Stage.REKAPITULASI, start_date=date(2024, 2, 15), end_date=date(2024, 3, 20)),
        ],
    )


def pilkada_2024(provinces: list[str], kabupaten: list[str]) -> ElectionCreate:
    """Pilkada Serentak 2024 (PKPU 2/2024): 37 provinces and 508 kabupaten/kota."""
    return ElectionCreate(
        slug="pilkada-2024",
        name="Pilkada Serentak 2024",
        kind=ElectionKind.PILKADA,
        voting_day=date(2024, 11, 27),
        provinces=[p for p in provinces if p not in NO_GOVERNOR_ELECTION],
        kabupaten=[k for k in kabupaten if not k.startswith(f"{APPOINTED_HEADS_PROVINCE}.")],
        stages=[
            StageIn(stage=Stage.PENDAFTARAN, start_date=date(2024, 8, 27), end_date=date(2024, 8, 29)),
            StageIn(stage=Stage.PENETAPAN, start_date=date(2024, 9, 22), end_date=date(2024, 9, 22)),
            StageIn(stage=Stage.KAMPANYE, start_date=date(2024, 9, 25), end_date=date(2024, 11, 23)),
            StageIn(stage=Stage.MASA_TENANG, start_date=date(2024, 11, 24), end_date=date(2024, 11, 26)),
            StageIn(stage=Stage.PEMUNGUTAN, start_date=date(2024, 11, 27), end_date=date(2024, 11, 27)),
            StageIn(stage=Stage.REKAPITULASI, start_date=date(2024, 11, 27), end_date=date(2024, 12, 16)),
        ],
    )


def seed_elections(*, session: Session) -> int:
    """Create or refresh the shipped elections (idempotent); needs the region registry."""
    provinces = list(session.exec(select(Province.kode)).all())
    kabupaten = list(session.exec(select(Kabupaten.kode)).all())
    elections = [pemilu_2024(), pilkada_2024(provinces, kabupaten)]
    for election in elections:
        upsert_election(session=session, election_in=election)
    return len(elections)
