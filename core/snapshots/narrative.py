"""The weekly report's words: numbers and dates per language, and a short narrative of the week.

Pure functions over values (no database): the report page calls them with the frozen rows of
this week and last, and the week ahead. Bahasa Indonesia by default, English with lang="en".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from models import vocab

LANGUAGES = ("id", "en")
MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MAX_NAMED = 3  # a sentence names this many kabupaten, then counts the rest
MAX_TITLE = 60  # an event's title in a sentence is cut after this many characters
LEVEL_RANK = {level: rank for rank, level in enumerate(vocab.values(vocab.LEVELS))}


def language(lang: str | None) -> str:
    """Anything but a known language is Bahasa Indonesia."""
    return lang if lang in LANGUAGES else "id"


# --------------------------------------------------------------------------- formats


def format_number(value: float, lang: str | None = "id", decimals: int = 0) -> str:
    """5.400 and 16,5 in Indonesian; 5,400 and 16.5 in English."""
    text = f"{value:,.{decimals}f}"
    if language(lang) == "en":
        return text
    return text.translate(str.maketrans({",": ".", ".": ","}))


def format_date(day: date, lang: str | None = "id") -> str:
    """18 November 2024 (both languages write day month year)."""
    return f"{day.day} {MONTHS[language(lang)][day.month - 1]} {day.year}"


def format_weekday_date(day: date, lang: str | None = "id") -> str:
    """Senin, 18 November 2024 / Monday, 18 November 2024."""
    return f"{WEEKDAYS[language(lang)][day.weekday()]}, {format_date(day, lang)}"


def format_moment(moment: datetime, lang: str | None = "id") -> str:
    """Senin, 18 November 2024 06:00 (the moment already in the zone it is shown in)."""
    return f"{format_weekday_date(moment.date(), lang)} {moment:%H:%M}"


def name_list(names: Sequence[str], lang: str | None = "id", limit: int = MAX_NAMED) -> str:
    """A, B dan C; A, B, C dan 2 lainnya (English: and, and N more)."""
    lang = language(lang)
    conjunction = " and " if lang == "en" else " dan "
    shown = list(names[:limit])
    rest = len(names) - len(shown)
    if rest > 0:
        more = f"{format_number(rest, lang)} {'more' if lang == 'en' else 'lainnya'}"
        return ", ".join(shown) + conjunction + more
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + conjunction + shown[-1]


# --------------------------------------------------------------------------- the narrative


class WeekRow(Protocol):
    """What the narrative reads of a frozen kabupaten-week (a SnapshotRow has it all)."""

    kabupaten_kode: str
    nama: str
    score: float
    level: str
    previous_level: str | None
    surge: bool
    reports_7d: int


class AgendaItem(Protocol):
    """What the narrative reads of a planned event of the coming week (in the region's zone)."""

    starts_at: datetime
    nama: str
    title: str
    expected_crowd: int | None


SENTENCES = {
    "no_tinggi": {
        "id": "Tidak ada kabupaten/kota pada tingkat tinggi minggu ini.",
        "en": "No kabupaten/kota is at the high level this week.",
    },
    "tinggi": {
        "id": "{count} kabupaten/kota pada tingkat tinggi: {names}.",
        "en": "{count} kabupaten/kota at the high level: {names}.",
    },
    "rose_tinggi": {
        "id": "Naik ke tingkat tinggi dibanding minggu lalu: {names}.",
        "en": "Rose to the high level since last week: {names}.",
    },
    "fell": {
        "id": "Turun tingkat: {names}.",
        "en": "Fell a level: {names}.",
    },
    "surge": {
        "id": "Lonjakan laporan di {names}.",
        "en": "Reports surged in {names}.",
    },
    "agenda": {
        "id": "Minggu depan {count} agenda terjadwal, antara lain {items}.",
        "en": "Next week {count} planned events, among them {items}.",
    },
    "agenda_one": {
        "id": "Minggu depan satu agenda terjadwal: {items}.",
        "en": "Next week one planned event: {items}.",
    },
    "no_agenda": {
        "id": "Tidak ada agenda terjadwal minggu depan.",
        "en": "No planned events next week.",
    },
}


def _level(level: str | None, lang: str) -> str:
    return vocab.label("level", level, lang).lower() if level else "—"


def _by_score(rows: Sequence[WeekRow]) -> list[WeekRow]:
    return sorted(rows, key=lambda r: (-r.score, r.kabupaten_kode))


def _surge_name(row: WeekRow, previous: Mapping[str, WeekRow], lang: str) -> str:
    """Kota Ambon (12 laporan dalam 7 hari; minggu lalu 3)."""
    count = format_number(row.reports_7d, lang)
    detail = f"{count} reports in 7 days" if lang == "en" else f"{count} laporan dalam 7 hari"
    before = previous.get(row.kabupaten_kode)
    if before is not None:
        last = format_number(before.reports_7d, lang)
        detail += f"; last week {last}" if lang == "en" else f"; minggu lalu {last}"
    return f"{row.nama} ({detail})"


def _agenda_item(event: AgendaItem, lang: str) -> str:
    """“Rapat umum di Langgur” (Kabupaten Maluku Tenggara, Selasa 26 November)."""
    day = event.starts_at.date()
    when = f"{WEEKDAYS[lang][day.weekday()]} {day.day} {MONTHS[lang][day.month - 1]}"
    title = event.title if len(event.title) <= MAX_TITLE else event.title[: MAX_TITLE - 1].rstrip() + "…"
    return f"“{title}” ({event.nama}, {when})"


def week_narrative(
    rows: Sequence[WeekRow],
    *,
    previous: Sequence[WeekRow] = (),
    events: Sequence[AgendaItem] = (),
    lang: str | None = "id",
) -> tuple[str, ...]:
    """Two to five short sentences: who is at tinggi and who rose to it, who fell, where reports
    surged, what is on next week's agenda.

    `rows` are this week's frozen rows (each knows last week's level); `previous` last week's
    rows, for the report counts a surge is compared with; `events` the coming week's agenda.
    """
    lang = language(lang)
    words = {key: text[lang] for key, text in SENTENCES.items()}
    last_week = {row.kabupaten_kode: row for row in previous}
    sentences = []

    tinggi = _by_score([r for r in rows if r.level == "tinggi"])
    if tinggi:
        names = name_list([r.nama for r in tinggi], lang)
        sentences.append(words["tinggi"].format(count=format_number(len(tinggi), lang), names=names))
        risen = [r for r in tinggi if r.previous_level is not None and r.previous_level != "tinggi"]
        if risen:
            named = [f"{r.nama} ({_from(r.previous_level, lang)})" for r in risen]
            sentences.append(words["rose_tinggi"].format(names=name_list(named, lang)))
    else:
        sentences.append(words["no_tinggi"])

    fell = _by_score([r for r in rows if _fell(r)])
    if fell:
        named = [f"{r.nama} ({_level(r.previous_level, lang)} → {_level(r.level, lang)})" for r in fell]
        sentences.append(words["fell"].format(names=name_list(named, lang)))

    surges = sorted((r for r in rows if r.surge), key=lambda r: (-r.reports_7d, r.kabupaten_kode))
    if surges:
        named = [_surge_name(r, last_week, lang) for r in surges]
        sentences.append(words["surge"].format(names=name_list(named, lang)))

    if events:
        biggest = sorted(events, key=lambda e: (-(e.expected_crowd or 0), e.starts_at))
        items = name_list([_agenda_item(e, lang) for e in biggest], lang, limit=2)
        key = "agenda_one" if len(events) == 1 else "agenda"
        sentences.append(words[key].format(count=format_number(len(events), lang), items=items))
    else:
        sentences.append(words["no_agenda"])
    return tuple(sentences)


def _from(level: str | None, lang: str) -> str:
    return f"{'from' if lang == 'en' else 'dari'} {_level(level, lang)}"


def _fell(row: WeekRow) -> bool:
    if row.previous_level is None:
        return False
    return LEVEL_RANK.get(row.level, 0) < LEVEL_RANK.get(row.previous_level, 0)
