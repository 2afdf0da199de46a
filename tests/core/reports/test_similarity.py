"""The pure parts of duplicate suggestions: Indonesian text, distance, time, the score."""

from __future__ import annotations

import pytest

from core.reports.similarity import (
    cosine,
    duplicate_score,
    haversine_km,
    normalize,
    stem,
    terms,
    text_similarity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Massa berkumpul di depan kantor KPU!", "massa berkumpul di depan kantor kpu"),
        ("Bentrok—warga & aparat, 20 orang", "bentrok warga aparat 20 orang"),
        ("Pémilu  2024", "pemilu 2024"),
        ("...", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("berkumpul", "kumpul"),
        ("mengumpul", "kumpul"),
        ("kerumunan", "kerumun"),
        ("memadati", "padat"),
        ("dianiaya", "aniaya"),
        ("penyerangan", "serang"),
        ("pembagian", "bagi"),
        ("kpu", "kpu"),
    ],
)
def test_stem_finds_the_indonesian_root(word: str, root: str) -> None:
    assert stem(word) == root


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Massa berkumpul di pasar", ["massa", "kumpul", "pasar"]),
        (
            "Pembagian uang oleh tim paslon nomor urut 2",
            ["bagi", "uang", "tim", "paslon", "nomor", "urut", "2"],
        ),
        ("di ke dari yang", []),
    ],
)
def test_terms_are_stems_without_function_words(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("Massa berkumpul di pasar", "Massa berkumpul di pasar", 1.0, 1.0),
        ("Massa berkumpul di pasar", "Di pasar, massa mengumpul", 1.0, 1.0),  # order and affixes
        ("Warga berkerumun di pasar", "Kerumunan warga di pasar", 1.0, 1.0),  # one root
        ("Massa berkumpul di pasar", "Massa berkumpul di terminal", 0.6, 0.7),
        ("Massa berkumpul di pasar", "Hoaks beredar di grup WhatsApp", 0.0, 0.0),
        ("", "Massa berkumpul", 0.0, 0.0),
    ],
)
def test_text_similarity(a: str, b: str, low: float, high: float) -> None:
    assert low <= text_similarity(a, b) <= high
    assert text_similarity(a, b) == pytest.approx(text_similarity(b, a))


def test_cosine_of_empty_or_disjoint_counts_is_zero() -> None:
    from collections import Counter

    assert cosine(Counter(), Counter({"a": 1})) == 0.0
    assert cosine(Counter({"a": 1}), Counter({"b": 1})) == 0.0
    assert cosine(Counter({"a": 2, "b": 1}), Counter({"a": 4, "b": 2})) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),
        ((0.0, 0.0), (0.0, 1.0), 111.195),  # a degree of the equator
        ((0.0, 0.0), (1.0, 0.0), 111.195),  # a degree of a meridian
        ((0.0, 0.0), (90.0, 0.0), 10_007.543),  # equator to pole
        ((0.0, 0.0), (0.0, 180.0), 20_015.087),  # antipodes
        ((-6.0, 106.0), (-6.0, 107.0), 110.587),  # a degree of longitude at 6 S: 111.195 cos 6
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.1)


@pytest.mark.parametrize(
    ("text", "distance_km", "hours", "expected"),
    [
        (1.0, 0.0, 0.0, 1.0),
        (0.0, None, 48.0, 0.0),
        (1.0, None, 0.0, 1.0),  # no point: text and time re-weighted to one
        (0.5, None, 24.0, 0.5),
        (0.5, 2.0, 24.0, 0.3 + 0.25 / 2.718281828 + 0.075),
        (1.0, 0.0, -12.0, 0.6 + 0.25 + 0.15 * 0.75),  # earlier or later alike
        (0.0, 0.0, 72.0, 0.25),  # beyond the window time adds nothing
    ],
)
def test_duplicate_score(text: float, distance_km: float | None, hours: float, expected: float) -> None:
    assert duplicate_score(text=text, distance_km=distance_km, hours_apart=hours) == pytest.approx(
        expected, abs=1e-6
    )


def test_a_nearer_point_and_a_closer_time_score_higher() -> None:
    near = duplicate_score(text=0.5, distance_km=0.3, hours_apart=2)
    assert near > duplicate_score(text=0.5, distance_km=5.0, hours_apart=2)
    assert near > duplicate_score(text=0.5, distance_km=0.3, hours_apart=30)
    assert near < duplicate_score(text=0.7, distance_km=0.3, hours_apart=2)
