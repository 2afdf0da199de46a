"""The dashboard's data tables: one builder, so every table reads as cards on a phone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html


def header_texts(header: html.Tr) -> list[str]:
    """The column titles of a header row (a Th whose title is not plain text gives '')."""
    cells = header.children if isinstance(header.children, list) else [header.children]
    return [cell.children if isinstance(cell.children, str) else "" for cell in cells]


def data_table(header: html.Tr, rows: Sequence[html.Tr], **props: Any) -> html.Table:
    """A table whose cells carry their column title (`data-label`), shown above each cell on a phone."""
    titles = header_texts(header)
    for row in rows:
        cells = row.children if isinstance(row.children, list) else [row.children]
        for title, cell in zip(titles, cells, strict=False):
            if title and isinstance(cell, html.Td):
                setattr(cell, "data-label", title)
    class_name = " ".join(["data-table", props.pop("className", "")]).strip()
    return html.Table([html.Thead(header), html.Tbody(list(rows))], className=class_name, **props)
