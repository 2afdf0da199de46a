"""The main page's numbers as pure functions: map columns, ranking and week-on-week change."""

from __future__ import annotations

from datetime import date

import pytest

from core.risk.params import DEFAULT_PARAMS
from dashboard import figures
from dashboard.pages import risk_map_values
from dashboard.views import AreaValues


def area(
    kode: str, score: float, factors: dict[str, float], *, prov: str = "81", surge: bool = False
) -> AreaValues:
    return AreaValues(
        kode=kode,
        nama=f"Kab {kode}",
        kode_prov=prov,
        nama_prov="Maluku",
        score=score,
        level="tinggi" if score >= 49.33 else "sedang" if score >= 13.47 else "rendah",
        factor_scores=factors,
        reports_7d=3,
        surge=surge,
        has_data=score > 0,
        factor_has_data={f: v > 0 for f, v in factors.items()},
    )


def test_map_columns_use_the_factor_score_and_grey_for_no_data() -> None:
    areas = [area("81.01", 0.0, {"isu": 0.0}), area("81.02", 60.0, {"isu": 20.0, "kekerasan": 55.0})]
    codes, values, levels = risk_map_values.map_columns(areas, None, DEFAULT_PARAMS)
    assert (codes, values, levels) == (["81.01", "81.02"], [None, 60.0], [None, "tinggi"])
    _, values, levels = risk_map_values.map_columns(areas, "isu", DEFAULT_PARAMS)
    assert (values, levels) == ([None, 20.0], [None, "sedang"])


def test_ranking_orders_by_value_and_filters_by_province() -> None:
    areas = [
        area("81.01", 20.0, {"isu": 5.0}),
        area("81.02", 60.0, {"isu": 1.0}),
        area("94.01", 90.0, {"isu": 9.0}, prov="94"),
    ]
    assert [a.kode for a, _, _ in risk_map_values.rank_areas(areas, None, DEFAULT_PARAMS, "")] == [
        "94.01",
        "81.02",
        "81.01",
    ]
    assert [a.kode for a, _, _ in risk_map_values.rank_areas(areas, "isu", DEFAULT_PARAMS, "81")] == [
        "81.01",
        "81.02",
    ]


def test_change_markers() -> None:
    assert risk_map_values.change_marker(5.25, "en")[:2] == ("↑", "+5.2")
    assert risk_map_values.change_marker(-3.0, "en")[:2] == ("↓", "-3.0")
    assert risk_map_values.change_marker(0.0, "id")[:2] == ("→", "0,0")
    assert risk_map_values.change_marker(None, "id")[0] == ""


@pytest.mark.parametrize(
    ("choice", "lang", "text"),
    [
        ("semua", "id", "Skor total"),
        ("semua", "en", "Total score"),
        (None, "id", "Skor total"),
        ("kerumunan", "id", "Skor dari faktor Kerumunan saja"),
        ("kekerasan", "id", "Skor dari faktor Kekerasan saja"),
        ("isu", "en", "Score from the Issues and hoaxes factor alone"),
    ],
)
def test_the_hover_says_which_score_it_shows(choice: str | None, lang: str, text: str) -> None:
    assert risk_map_values.factor_label(choice, lang) == text


@pytest.mark.parametrize(
    ("choice", "lang", "value", "level", "line"),
    [
        ("semua", "id", 43.1, "sedang", "Skor total: <b>43,1</b> (Sedang)"),
        ("semua", "en", 43.1, "sedang", "Total score: <b>43.1</b> (Medium)"),
        ("kerumunan", "id", 16.5, "sedang", "Skor dari faktor Kerumunan saja: <b>16,5</b> (Sedang)"),
        ("semua", "id", None, None, "Skor total: <b>\u2013</b> (Tidak ada data)"),
    ],
)
def test_the_hover_line_as_plotly_fills_it(
    choice: str, lang: str, value: float | None, level: str | None, line: str
) -> None:
    labels = figures.MapLabels.for_language(lang)
    customdata = figures.customdata_rows([value], [level], labels)[0]
    filled = (
        figures.hovertemplate()
        .split("<br>")[1]
        .replace("%{meta}", risk_map_values.factor_label(choice, lang))
        .replace("%{customdata[0]}", customdata[0])
        .replace("%{customdata[1]}", customdata[1])
    )
    assert filled == line


@pytest.mark.parametrize(
    ("change", "lang", "text"),
    [(5.25, "id", "+5,2"), (5.25, "en", "+5.2"), (-1234.5, "id", "-1.234,5"), (-1234.5, "en", "-1,234.5")],
)
def test_changes_are_written_as_the_language_writes_numbers(change: float, lang: str, text: str) -> None:
    assert risk_map_values.change_marker(change, lang)[1] == text


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        ("2024-11-18", date(2024, 11, 24)),  # a frozen week: its Sunday
        ("2024-11-11", date(2024, 11, 20)),  # not frozen: the picked day
        ("", date(2024, 11, 20)),  # live
        (None, date(2024, 11, 20)),
        ("nonsense", date(2024, 11, 20)),
    ],
)
def test_the_header_follows_the_day_the_values_are_of(week: str | None, expected: date) -> None:
    frozen = [date(2024, 11, 18), date(2024, 11, 4)]
    assert risk_map_values.shown_day(date(2024, 11, 20), week, frozen) == expected
