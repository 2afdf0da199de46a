"""The words a report is written with: the phase of the season, the contest, the place, the crowd."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import Any

from seeds.demo.places import Place
from seeds.demo.tables import CAMPAIGN, RECAP_END, REGISTRATION, VOTING_DAY
from seeds.demo.texts import (
    DEMANDS_BY_PHASE,
    GROUPS,
    MONEY,
    TOPICS_BEFORE_VOTING,
    TOPICS_FROM_VOTING_DAY,
    VENUES,
)


def phase_of(day: date) -> str:
    """Which stage of the Pilkada a local day belongs to, for fitting words."""
    if day < REGISTRATION[0]:
        return "pra"
    if day < CAMPAIGN[0]:
        return "pendaftaran"
    if day <= CAMPAIGN[1]:
        return "kampanye"
    if day < VOTING_DAY:
        return "tenang"
    if day == VOTING_DAY:
        return "pemungutan"
    return "rekap" if day <= RECAP_END else "pasca"


def _part_of_day(hour: int) -> str:
    """How a witness names the hour: dini, pagi, siang, sore, malam."""
    if hour < 5:
        return "dini"
    if hour < 11:
        return "pagi"
    if hour < 15:
        return "siang"
    return "sore" if hour < 18 else "malam"


def _people(n: int) -> str:
    """'1.200 orang': a head count written the Indonesian way."""
    return f"{n:,}".replace(",", ".") + " orang"


def race_of(place: Place, rng: random.Random) -> str:
    """The contest a report is about: the local one mostly, the governor's sometimes."""
    local = place.local_label
    governor = f"Pilgub {place.nama_prov}"
    if not place.governor_race:
        return local
    if not place.local_race:
        return governor
    return local if rng.random() < 0.65 else governor


def topics_of(day: date) -> tuple[str, ...]:
    """Rumours follow the calendar: about candidates and lists before, about counting after."""
    return TOPICS_BEFORE_VOTING if day < VOTING_DAY else TOPICS_FROM_VOTING_DAY


def pick(rng: random.Random, options: Sequence[Any]) -> Any:
    """rng.choice, without its cost (it runs a dozen times per report)."""
    return options[int(rng.random() * len(options))]


class Words:
    """The words a template may use, each drawn only when a template asks for it."""

    def __init__(self, rng: random.Random, place: Place, day: date, hour: int, topic: str | None) -> None:
        self.rng, self.place, self.day, self.hour, self.topic = rng, place, day, hour, topic
        self.kecamatan: str | None = None
        self.crowd: int | None = None
        self.drawn: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self.drawn:
            self.drawn[key] = getattr(self, f"_{key}")()
        return self.drawn[key]

    def _tempat(self) -> str:
        if self.kecamatan:
            return f"Kecamatan {self.kecamatan}, {self.place.nama}"
        return self.place.nama

    def _kabupaten(self) -> str:
        return self.place.nama

    def _lokasi(self) -> str:
        return str(pick(self.rng, VENUES))

    def _paslon(self) -> str:
        return f"paslon nomor urut {1 + int(self.rng.random() * 4)}"

    def _pemilihan(self) -> str:
        return race_of(self.place, self.rng)

    def _waktu(self) -> str:
        return _part_of_day(self.hour)

    def _topik(self) -> str:
        return self.topic or str(pick(self.rng, topics_of(self.day)))

    def _tuntutan(self) -> str:
        return str(pick(self.rng, DEMANDS_BY_PHASE[phase_of(self.day)]))

    def _kelompok(self) -> str:
        return str(pick(self.rng, GROUPS))

    def _penyelenggara(self) -> str:
        return str(pick(self.rng, ("KPU", "Bawaslu")))

    def _jumlah(self) -> str:
        return _people(self.crowd or 20 + int(self.rng.random() * 280))

    def _orang(self) -> str:
        return str(3 + int(self.rng.random() * 13))

    def _apk(self) -> str:
        return str(5 + int(self.rng.random() * 56))

    def _tps(self) -> str:
        return f"{1 + int(self.rng.random() * 40):03d}"

    def _nominal(self) -> str:
        return str(pick(self.rng, MONEY))
