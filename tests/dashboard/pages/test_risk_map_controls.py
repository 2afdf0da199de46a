"""The header's election, countdown and stage; the stage is the one the score applies.

The stage of a day is decided once (`core.calendar.service.stage_on`, the engine's rule): the
table below checks the header's words and the score's stage against the same expected stage,
for days in every stage, on overlaps and in the gaps between stages.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from core.calendar.service import upsert_election
from core.config import Settings
from core.db import write_session
from core.risk.inputs import ElectionInput, StageWindow
from core.risk.params import DEFAULT_PARAMS
from dashboard.data import DashboardData
from dashboard.pages import risk_map_controls
from dashboard.views import ElectionView
from models.election import ElectionCreate
from tests.conftest import TokenFactory
from tests.dashboard.conftest import principal_for


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """The stage rule is pure; one database backend is enough to read the calendar through."""
    return request.param


def election(id_: int, name: str, voting_day: date, *stages: tuple[str, date, date]) -> ElectionView:
    windows = tuple(StageWindow(stage, start, end) for stage, start, end in stages)
    return ElectionView(id_, ElectionInput(str(id_), name, "pilkada", voting_day, windows))


PILKADA = election(
    2,
    "Pilkada Serentak 2024",
    date(2024, 11, 27),
    ("kampanye", date(2024, 9, 25), date(2024, 11, 23)),
    ("pemungutan", date(2024, 11, 27), date(2024, 11, 27)),
    ("rekapitulasi", date(2024, 11, 27), date(2024, 12, 16)),
)
PEMILU = election(1, "Pemilu 2024", date(2024, 2, 14))


def test_nearest_election_countdown_and_quick_dates() -> None:
    assert risk_map_controls.nearest_election([PEMILU, PILKADA], date(2024, 11, 20)) is PILKADA
    assert risk_map_controls.nearest_election([PEMILU, PILKADA], date(2024, 3, 1)) is PEMILU
    texts = risk_map_controls.election_texts([PEMILU, PILKADA], 2, date(2024, 11, 20), DEFAULT_PARAMS, "id")
    assert texts == ("H-7", "Hari pemungutan 27 November 2024", "Tahapan: Kampanye")
    texts = risk_map_controls.election_texts([PEMILU, PILKADA], 2, date(2024, 11, 27), DEFAULT_PARAMS, "en")
    assert texts == ("H", "Voting day November 27, 2024", "Stage: Voting")  # not the overlapping recap
    texts = risk_map_controls.election_texts([PEMILU, PILKADA], 2, date(2024, 11, 25), DEFAULT_PARAMS, "en")
    assert texts[2] == "Stage: Outside the stages"
    assert risk_map_controls.election_texts([], None, date(2024, 11, 25), DEFAULT_PARAMS, "en")[1] == (
        "No election in the calendar"
    )
    options = risk_map_controls.quick_date_options([PEMILU, PILKADA], date(2026, 1, 1), "id")
    assert {"label": "H-7 Pilkada Serentak 2024 (20 November 2024)", "value": "2024-11-20"} in options


# A kabupaten-only contest in 2030 (no other election has a stage then), with overlaps and gaps.
TEST_ELECTION = {
    "slug": "pilkada-uji-2030",
    "name": "Pilkada Uji 2030",
    "kind": "pilkada",
    "voting_day": "2030-11-24",
    "kabupaten": ["81.02"],
    "stages": [
        {"stage": "pendaftaran", "start_date": "2030-08-01", "end_date": "2030-08-03"},
        {"stage": "kampanye", "start_date": "2030-09-01", "end_date": "2030-11-20"},
        {"stage": "penetapan", "start_date": "2030-09-05", "end_date": "2030-09-05"},
        {"stage": "masa_tenang", "start_date": "2030-11-21", "end_date": "2030-11-23"},
        {"stage": "pemungutan", "start_date": "2030-11-24", "end_date": "2030-11-24"},
        {"stage": "rekapitulasi", "start_date": "2030-11-24", "end_date": "2030-12-10"},
    ],
}
STAGE_TABLE = [
    (date(2030, 7, 31), None, "Outside the stages"),  # before the first stage
    (date(2030, 8, 1), "pendaftaran", "Registration"),
    (date(2030, 8, 3), "pendaftaran", "Registration"),
    (date(2030, 8, 15), None, "Outside the stages"),  # gap
    (date(2030, 9, 1), "kampanye", "Campaign"),
    (date(2030, 9, 5), "kampanye", "Campaign"),  # penetapan overlaps: the higher multiplier wins
    (date(2030, 11, 20), "kampanye", "Campaign"),
    (date(2030, 11, 21), "masa_tenang", "Quiet period"),
    (date(2030, 11, 24), "pemungutan", "Voting"),  # rekapitulasi starts the same day
    (date(2030, 11, 25), "rekapitulasi", "Recapitulation"),
    (date(2030, 12, 10), "rekapitulasi", "Recapitulation"),
    (date(2030, 12, 11), None, "Outside the stages"),  # after the last stage
]


def test_the_headers_stage_is_the_scores_stage_on_every_day(
    settings: Settings, engine: Engine, make_token: TokenFactory
) -> None:
    with write_session(engine) as session:
        created = upsert_election(session=session, election_in=ElectionCreate.model_validate(TEST_ELECTION))
    data = DashboardData(settings)
    admin = principal_for(engine, make_token("admin"))
    header_stages, score_stages = [], []
    for day, _, _ in STAGE_TABLE:
        header_stages.append(
            risk_map_controls.election_texts(data.elections(), created.id, day, data.params, "en")[2]
        )
        detail = data.kabupaten_detail(admin, "81.02", day)
        assert detail is not None
        score_stages.append(detail.result.stage)
    assert header_stages == [f"Stage: {words}" for _, _, words in STAGE_TABLE]
    assert score_stages == [stage for _, stage, _ in STAGE_TABLE]
