"""The main page's header and controls: the election in focus (countdown, stage) and the pickers.

The stage shown is the calendar's one stage rule (`core.calendar.service.stage_on`), the same
rule the score applies, so the header never names another stage than the score used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from dash import dcc, html

from core.risk.params import RiskParams
from dashboard import figures
from dashboard.data import DashboardData
from dashboard.i18n import label, t
from dashboard.pages.query import ALL, FACTOR_CHOICES, MapQuery
from dashboard.pages.risk_map_focus import long_date
from dashboard.views import ElectionView

QUICK_OFFSETS: tuple[int, ...] = (-30, -7, -1, 0, 7)


def nearest_election(elections: Sequence[ElectionView], day: date) -> ElectionView | None:
    """The election whose voting day is closest to day (an upcoming one wins a tie)."""
    if not elections:
        return None
    return min(elections, key=lambda e: (abs((e.voting_day - day).days), e.voting_day < day))


def quick_date_options(elections: Sequence[ElectionView], today: date, lang: str) -> list[dict[str, str]]:
    """'Hari ini' plus H-30 ... H+7 of every election, e.g. 'H-7 Pilkada Serentak 2024'."""
    today_text = f"{t('control.today', lang)} ({long_date(today, lang)})"
    options = [{"label": today_text, "value": today.isoformat()}]
    for election in reversed(elections):
        for offset in QUICK_OFFSETS:
            day = election.voting_day + timedelta(days=offset)
            text = f"{figures.countdown_label(-offset)} {election.name} ({long_date(day, lang)})"
            options.append({"label": text, "value": day.isoformat()})
    return options


def factor_choice_label(choice: str, lang: str) -> str:
    """A factor's own label, or 'Semua' for the total score."""
    return t("control.all_factors", lang) if choice == ALL else label("factor", choice, lang)


def election_texts(
    elections: Sequence[ElectionView], election_id: int | None, day: date, params: RiskParams, lang: str
) -> tuple[str, str, str]:
    """Countdown ('H-7'), voting day and stage (the score's own rule) of the chosen election on day."""
    election = next((e for e in elections if e.id == election_id), None) or nearest_election(elections, day)
    if election is None:
        return figures.EN_DASH, t("election.none", lang), f"{t('election.stage', lang)}: {figures.EN_DASH}"
    countdown = figures.countdown_label((election.voting_day - day).days)
    voting = t("election.voting_day", lang, day=long_date(election.voting_day, lang))
    stage = election.stage_on(day, params)
    stage_text = label("stage", stage, lang) if stage else t("election.no_stage", lang)
    return countdown, voting, f"{t('election.stage', lang)}: {stage_text}"


def election_bar(
    elections: Sequence[ElectionView],
    focus: ElectionView | None,
    countdown: str,
    voting: str,
    stage: str,
    lang: str,
) -> Any:
    """The election picker with the countdown, the voting day and the stage."""
    options = [{"label": e.name, "value": e.id} for e in reversed(elections)]
    return html.Section(
        [
            html.Label(t("election.label", lang), htmlFor="election"),
            dcc.Dropdown(
                id="election",
                options=options,
                value=focus.id if focus else None,
                clearable=False,
                searchable=False,
                className="election-select",
            ),
            html.Span(countdown, id="countdown", className="countdown", title=t("countdown.title", lang)),
            html.Span(voting, id="voting-day", className="muted"),
            html.Span(stage, id="stage", className="stage"),
        ],
        className="election-bar",
    )


def controls(
    data: DashboardData,
    view: MapQuery,
    provinces: Sequence[tuple[str, str]],
    elections: Sequence[ElectionView],
    lang: str,
) -> Any:
    """Factor, province, date (with quick jumps), frozen week, and the report points toggle."""
    province_options = [{"label": t("control.all_provinces", lang), "value": ""}] + [
        {"label": nama, "value": kode} for kode, nama in provinces
    ]
    weeks = data.snapshot_weeks()
    week_options = [{"label": t("control.week_live", lang), "value": ""}] + [
        {
            "label": t(
                "control.week_of", lang, start=long_date(w, lang), end=long_date(w + timedelta(days=6), lang)
            ),
            "value": w.isoformat(),
        }
        for w in weeks
    ]
    fields = html.Div(
        [
            _control(
                t("control.factor", lang),
                dcc.RadioItems(
                    id="factor",
                    options=[{"label": factor_choice_label(f, lang), "value": f} for f in FACTOR_CHOICES],
                    value=view.factor,
                    inline=True,
                    className="factor-radio",
                ),
            ),
            _control(
                t("control.province", lang),
                dcc.Dropdown(id="province", options=province_options, value=view.province, clearable=False),
            ),
            _control(
                t("control.date", lang),
                dcc.DatePickerSingle(
                    id="date",
                    date=view.as_of.isoformat(),
                    display_format=t("date.picker", lang),
                    month_format=t("date.picker_month", lang),
                    placeholder=t("control.date", lang),
                    first_day_of_week=1,
                    clearable=False,
                ),
            ),
            _control(
                t("control.quick_date", lang),
                dcc.Dropdown(
                    id="quick-date",
                    options=quick_date_options(elections, data.today(), lang),
                    value=None,
                    placeholder=t("control.quick_date", lang),
                    searchable=True,
                ),
            ),
            _control(
                t("control.week", lang),
                dcc.Dropdown(id="week", options=week_options, value="", clearable=False),
                hidden=not weeks,
                control_id="week-control",
            ),
            dcc.Checklist(
                id="show-points",
                options=[{"label": t("control.points", lang), "value": "on"}],
                value=[],
                className="points-toggle",
            ),
        ],
        className="controls",
    )
    # Open on a laptop; folded away on a phone (assets/phone.js) so the map comes first.
    return html.Details(
        [html.Summary(t("control.fold", lang), className="controls-summary"), fields],
        id="controls-fold",
        open=True,
        className="controls-fold",
    )


def _control(text: str, component: Any, *, hidden: bool = False, control_id: str | None = None) -> Any:
    """One labelled control (hidden, not absent, when it has nothing to offer)."""
    extra = {"id": control_id} if control_id else {}
    return html.Div(
        [html.Span(text, className="control-label"), component],
        className="control",
        style={"display": "none"} if hidden else None,
        **extra,
    )
