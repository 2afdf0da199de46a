"""PURE builders of the kabupaten page's weekly trend: score lines per factor on one 0-100 axis,
the levels' cut-offs drawn across it and the planned events as one "Agenda" trace."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import plotly.graph_objects as go

from dashboard.figures import FACTORS, check_lengths, escape_hover

FACTOR_PALETTE = ("#1e88e5", "#8e24aa", "#fb8c00", "#c62828", "#607d8b")  # in the vocabulary's order
TREND_COLORS: dict[str, str] = {
    "total": "#263238",
    **{factor: FACTOR_PALETTE[index % len(FACTOR_PALETTE)] for index, factor in enumerate(FACTORS)},
}


AGENDA_COLOR = "#6d4c41"


def agenda_trace(agenda: Sequence[tuple[date, str]], name: str) -> go.Scatter:
    """One trace of vertical lines across 0-100, one per planned event, its title on hover."""
    x: list[str | None] = []
    y: list[float | None] = []
    text: list[str] = []
    for day, title in agenda:
        x += [day.isoformat(), day.isoformat(), None]
        y += [0.0, 100.0, None]
        text += [escape_hover(title)] * 3
    return go.Scatter(
        x=x,
        y=y,
        text=text,
        mode="lines+markers",
        name=name,
        line={"color": AGENDA_COLOR, "width": 1, "dash": "dash"},
        marker={"symbol": "triangle-down", "size": 8, "color": AGENDA_COLOR},
        hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
    )


def trend_figure(
    weeks: Sequence[date],
    series: Mapping[str, Sequence[float | None]],
    names: Mapping[str, str],
    *,
    height: int = 320,
    cutoffs: Sequence[tuple[float, str]] = (),
    axis_titles: tuple[str, str] = ("", ""),
    agenda: Sequence[tuple[date, str]] = (),
    agenda_name: str = "Agenda",
) -> go.Figure:
    """Weekly score per factor (and the total) as lines over the same 0-100 axis, with the levels'
    cut-offs drawn across it so a line's level reads off the chart, and the planned events
    (day, title) as vertical lines of one "Agenda" trace, each naming its event on hover."""
    x = [week.isoformat() for week in weeks]
    traces = [agenda_trace(agenda, agenda_name)] if agenda else []
    for key, values in series.items():
        check_lengths(x, values)
        traces.append(
            go.Scatter(
                x=x,
                y=list(values),
                mode="lines+markers",
                name=names.get(key, key),
                line={"color": TREND_COLORS.get(key, "#607d8b"), "width": 3 if key == "total" else 1.6},
                hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>",
            )
        )
    figure = go.Figure(data=traces)
    figure.update_layout(
        template="none",
        height=height,
        margin={"l": 56, "r": 10, "t": 10, "b": 48},
        xaxis={"title": {"text": axis_titles[0]}},
        yaxis={"range": [0, 100], "title": {"text": axis_titles[1]}},
        legend={"orientation": "h", "y": -0.3},
    )
    for value, name in cutoffs:  # name: the line's words, e.g. "Sedang ≥ 13,47"
        figure.add_hline(
            y=value,
            line={"dash": "dot", "width": 1, "color": "#9e9e9e"},
            annotation={"text": name, "font": {"size": 10, "color": "#616161"}},
            annotation_position="top left",
        )
    return figure
