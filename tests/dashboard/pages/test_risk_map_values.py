"""The main page's numbers as pure functions: map columns, ranking and week-on-week change."""

from __future__ import annotations

from core.risk.params import DEFAULT_PARAMS
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
    assert risk_map_values.change_marker(5.25, "id")[:2] == ("↑", "+5.2")
    assert risk_map_values.change_marker(-3.0, "id")[:2] == ("↓", "-3.0")
    assert risk_map_values.change_marker(0.0, "id")[:2] == ("→", "0.0")
    assert risk_map_values.change_marker(None, "id")[0] == ""


def test_the_hover_names_the_factor_by_its_vocabulary_label() -> None:
    assert risk_map_values.factor_label("kekerasan", "id") == "(Kekerasan)"
    assert risk_map_values.factor_label("isu", "en") == "(Issues and hoaxes)"
    assert risk_map_values.factor_label("semua", "en") == ""
