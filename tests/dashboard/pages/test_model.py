"""The score guide and the model page: numbers from the engine's parameters, words per language."""

from __future__ import annotations

import pytest
from dash import dcc, html

from core.risk.params import MODEL_VERSION, RiskParams
from dashboard.pages import model


def texts(component: object) -> list[str]:
    """Every string inside a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    if not isinstance(children, list | tuple):
        children = [children]
    return [text for child in children for text in texts(child)]


@pytest.mark.parametrize(
    ("lang", "cutoffs", "expected"),
    [
        ("id", (13.47, 49.33), "Rendah di bawah 13,47; Sedang dari 13,47; Tinggi dari 49,33 (batas IKP)."),
        ("en", (13.47, 49.33), "Low below 13.47; Medium from 13.47; High from 49.33 (the IKP cut-offs)."),
        ("id", (20.0, 60.5), "Rendah di bawah 20,00; Sedang dari 20,00; Tinggi dari 60,50 (batas IKP)."),
        ("en", (20.0, 60.5), "Low below 20.00; Medium from 20.00; High from 60.50 (the IKP cut-offs)."),
    ],
)
def test_the_guide_states_the_cutoffs_of_the_parameters_in_use(
    lang: str, cutoffs: tuple[float, float], expected: str
) -> None:
    assert expected in model.guide_lines(RiskParams(level_cutoffs=cutoffs), lang)


@pytest.mark.parametrize(
    ("lang", "title", "alone"),
    [("id", "Cara membaca skor", "faktor itu saja"), ("en", "How to read the score", "that factor alone")],
)
def test_the_guide_explains_factor_scores_and_names_the_version(lang: str, title: str, alone: str) -> None:
    guide = model.score_guide(RiskParams(), lang)
    words = texts(guide)
    assert isinstance(guide, html.Details) and title in words
    assert any(alone in line for line in words)
    assert any(line.endswith(f"{MODEL_VERSION}.") for line in words)
    links = [child for child in guide.children if isinstance(child, dcc.Link)]
    assert [link.href for link in links] == ["/model"]


def test_the_model_page_renders_the_repository_document() -> None:
    page = model.layout(RiskParams(), "id")
    documents = [child for child in page.children if isinstance(child, dcc.Markdown)]
    assert len(documents) == 1
    on_disk = (model.MODEL_DOCUMENT).read_text(encoding="utf-8")
    assert documents[0].children == on_disk and "level_cutoffs" in on_disk
