"""How to read a score: the short guide beside the map, and the model document inside the app.

Every number here comes from core.risk.params (the engine's one definition), never retyped.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from dash import dcc, html

from core.risk.params import MODEL_VERSION, RiskParams
from dashboard.i18n import format_number, label, t

MODEL_PATH = "/model"
MODEL_DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "risk-model.md"


@functools.cache
def model_document() -> str:
    """The model's own document (docs/risk-model.md), read once: the app shows what the repo says."""
    return MODEL_DOCUMENT.read_text(encoding="utf-8")


def guide_lines(params: RiskParams, lang: str) -> list[str]:
    """The guide's sentences: scale, the two cut-offs with their levels, factor scores, version."""
    low, high = params.level_cutoffs
    return [
        t("guide.scale", lang),
        t(
            "guide.levels",
            lang,
            low=label("level", "rendah", lang),
            mid=label("level", "sedang", lang),
            high=label("level", "tinggi", lang),
            cut_low=format_number(low, lang, 2),
            cut_high=format_number(high, lang, 2),
        ),
        t("guide.factors", lang),
        t("guide.version", lang, version=MODEL_VERSION),
    ]


def score_guide(params: RiskParams, lang: str) -> html.Details:
    """'Cara membaca skor': folded under the map, open on a click."""
    return html.Details(
        [
            html.Summary(t("guide.title", lang)),
            html.Ul([html.Li(line) for line in guide_lines(params, lang)]),
            dcc.Link(t("guide.document", lang), href=MODEL_PATH, id="model-link"),
        ],
        id="score-guide",
        className="score-guide",
    )


def layout(params: RiskParams, lang: str) -> Any:
    """The model document rendered in the app, under the short guide in the reader's language."""
    return html.Div(
        [
            html.H1(t("guide.document", lang)),
            html.Ul([html.Li(line) for line in guide_lines(params, lang)], className="muted"),
            html.P(t("guide.document_language", lang), className="muted small") if lang != "en" else None,
            dcc.Markdown(model_document(), id="model-document", className="model-document"),
            dcc.Link(t("kab.back", lang), href="/"),
        ],
        className="model-page",
    )
