"""The kabupaten page's trend: lines per factor, cut-offs across, the Agenda trace (pure builders)."""

from __future__ import annotations

import html
from datetime import date

import pytest

from dashboard import trend


def test_trend_figure_has_one_line_per_series() -> None:
    weeks = [date(2024, 11, 3), date(2024, 11, 10)]
    figure = trend.trend_figure(weeks, {"total": [1.0, 2.0], "isu": [0.0, 1.0]}, {"total": "Total"})
    assert [trace.name for trace in figure.data] == ["Total", "isu"]
    assert list(figure.data[0].x) == ["2024-11-03", "2024-11-10"]


def test_trend_figure_draws_the_cut_offs_and_titles_its_axes() -> None:
    weeks = [date(2024, 11, 10), date(2024, 11, 17)]
    figure = trend.trend_figure(
        weeks,
        {"total": [10.0, 60.0]},
        {"total": "Total"},
        cutoffs=[(13.47, "Sedang ≥ 13,47"), (49.33, "Tinggi ≥ 49,33")],
        axis_titles=("Akhir minggu", "Skor"),
    )
    lines = [shape for shape in figure.layout.shapes if shape.type == "line"]
    assert sorted(round(shape.y0, 2) for shape in lines) == [13.47, 49.33]
    assert [a.text for a in figure.layout.annotations] == ["Sedang ≥ 13,47", "Tinggi ≥ 49,33"]
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == ("Akhir minggu", "Skor")


@pytest.mark.parametrize(
    ("agenda", "name", "expected_x"),
    [
        ([], "Agenda", None),
        ([(date(2024, 11, 12), "Debat <b>paslon</b>")], "Agenda", ["2024-11-12", "2024-11-12", None]),
        (
            [(date(2024, 11, 12), "Debat"), (date(2024, 11, 20), "Rapat umum")],
            "Agenda",
            ["2024-11-12", "2024-11-12", None, "2024-11-20", "2024-11-20", None],
        ),
    ],
)
def test_trend_figure_draws_planned_events_as_one_agenda_trace(agenda, name, expected_x) -> None:
    weeks = [date(2024, 11, 10), date(2024, 11, 17)]
    figure = trend.trend_figure(
        weeks, {"total": [1.0, 2.0]}, {"total": "Total"}, agenda=agenda, agenda_name=name
    )
    marks = [trace for trace in figure.data if trace.name == "Agenda"]
    if expected_x is None:
        assert marks == []
        return
    (trace,) = marks
    assert list(trace.x) == expected_x
    assert list(trace.y)[:2] == [0.0, 100.0]  # across the whole 0-100 axis
    assert trace.text[0] == html.escape(agenda[0][1], quote=False)  # the title, shown literally
    assert "%{text}" in trace.hovertemplate
    assert [t.name for t in figure.data if t.name != "Agenda"] == ["Total"]
