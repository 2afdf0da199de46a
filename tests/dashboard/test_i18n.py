"""The dashboard's catalogue: its own words in both languages, every term labelled by models.vocab."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import CATALOGUE, LANGUAGES, UI_STRINGS, label, t
from models import vocab
from models.election import Stage
from models.event import EventType
from models.report import Category, ReportStatus

DASHBOARD_DIR = Path(__file__).resolve().parents[2] / "dashboard"


def _dashboard_sources() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in DASHBOARD_DIR.rglob("*.py")]


def test_every_catalogue_key_has_both_languages_and_no_empty_string() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
        placeholders = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert placeholders["id"] == placeholders["en"], key


def test_every_key_used_in_the_code_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for source in _dashboard_sources():
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z_.]+)\"", source))
    assert used, "the scan found no t() calls"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_every_vocabulary_named_in_the_code_exists() -> None:
    named: set[str] = set()
    for source in _dashboard_sources():
        named |= set(re.findall(r"\blabel\(\s*\"(\w+)\"", source))
    assert {"factor", "level", "stage", "category", "status", "event_type"} <= named
    assert named <= set(vocab.VOCABULARIES), sorted(named - set(vocab.VOCABULARIES))


def test_language_falls_back_to_indonesian() -> None:
    assert t("nav.logout", "en") == "Log out"
    assert t("nav.logout", "fr") == t("nav.logout", "id") == "Keluar"


def test_the_dashboards_own_strings_word_no_term() -> None:
    prefixes = {key.split(".", 1)[0] for key in UI_STRINGS}
    assert not prefixes & set(vocab.VOCABULARIES), sorted(prefixes & set(vocab.VOCABULARIES))


@pytest.mark.parametrize(
    ("vocabulary", "codes"),
    [
        ("stage", [s.value for s in Stage]),
        ("category", [c.value for c in Category]),
        ("status", [s.value for s in ReportStatus]),
        ("event_type", [e.value for e in EventType]),
        ("level", ["rendah", "sedang", "tinggi"]),
        ("factor", ["kerumunan", "kampanye", "isu", "kekerasan", "lainnya"]),
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_term_reads_its_label_from_the_vocabulary(vocabulary: str, codes: list[str], lang: str) -> None:
    terms = {term.value: term for term in vocab.VOCABULARIES[vocabulary]}
    for code in codes:
        expected = getattr(terms[code], lang)
        assert t(f"{vocabulary}.{code}", lang) == expected == label(vocabulary, code, lang)


def test_a_code_that_is_no_term_shows_as_it_is() -> None:
    assert label("stage", "tidak_ada", "en") == "tidak_ada"
    assert label("category", "hoaks", "fr") == "Hoaks / disinformasi"
