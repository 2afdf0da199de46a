"""The one vocabulary: every term labelled in both languages, and the schema's enums built from it."""

from __future__ import annotations

import pytest

from models import vocab
from models.election import Stage
from models.event import EventType
from models.report import (
    CATEGORY_FACTOR,
    Category,
    Factor,
    ReportCreate,
    ReportPublic,
    ReportStatus,
    SourceType,
)


@pytest.mark.parametrize("name", sorted(vocab.VOCABULARIES))
@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_every_term_has_a_label_in_both_languages(name: str, lang: str) -> None:
    for term in vocab.VOCABULARIES[name]:
        assert getattr(term, lang).strip(), f"{name}.{term.value} has no {lang} label"


@pytest.mark.parametrize("name", sorted(vocab.VOCABULARIES))
def test_values_are_unique(name: str) -> None:
    found = vocab.values(vocab.VOCABULARIES[name])
    assert len(set(found)) == len(found)


@pytest.mark.parametrize(
    ("enum", "terms"),
    [
        (Factor, vocab.FACTORS),
        (Category, vocab.CATEGORIES),
        (ReportStatus, vocab.STATUSES),
        (SourceType, vocab.SOURCE_TYPES),
        (Stage, vocab.STAGES),
        (EventType, vocab.EVENT_TYPES),
    ],
)
def test_schema_enums_hold_exactly_the_vocabulary(enum: type, terms: tuple[vocab.Term, ...]) -> None:
    assert [member.value for member in enum] == list(vocab.values(terms))


def test_every_category_feeds_a_known_factor() -> None:
    factors = set(vocab.values(vocab.FACTORS))
    assert {c.factor for c in vocab.CATEGORIES} == factors
    assert {c.value: f.value for c, f in CATEGORY_FACTOR.items()} == vocab.CATEGORY_FACTOR


def test_status_sets_partition_the_statuses() -> None:
    sets = (vocab.VERIFIED_STATUSES, vocab.UNVERIFIED_STATUSES, vocab.EXCLUDED_STATUSES)
    assert sum(len(s) for s in sets) == len(vocab.STATUSES)
    assert set().union(*sets) == set(vocab.values(vocab.STATUSES))
    assert set(vocab.STATUS_TRANSITIONS) == set(vocab.values(vocab.STATUSES))


@pytest.mark.parametrize(
    ("vocabulary", "value", "lang", "expected"),
    [
        ("category", "hoaks", "id", "Hoaks / disinformasi"),
        ("category", "hoaks", "en", "Hoax / disinformation"),
        ("severity", 3, "id", "Serius"),
        ("level", "tinggi", "en", "High"),
        ("stage", "tidak_ada", "id", "tidak_ada"),
        ("factor", "isu", "xx", "Isu dan hoaks"),
    ],
)
def test_label_lookup(vocabulary: str, value: object, lang: str, expected: str) -> None:
    assert vocab.label(vocabulary, value, lang) == expected


def test_every_field_a_person_sees_or_sends_has_a_label() -> None:
    labelled = set(vocab.values(vocab.REPORT_FIELDS))
    shown = set(ReportPublic.model_fields) | set(ReportCreate.model_fields) - {"client_id"}
    assert shown <= labelled, sorted(shown - labelled)
