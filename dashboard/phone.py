"""Phone layout helpers: what the browser decides by screen width (rules in assets/phone.css)."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output

PHONE_MAX_WIDTH_PX = 640  # the breakpoint of assets/phone.css and assets/phone.js


def fold_on_phone(app: Dash, details_id: str) -> None:
    """Start an html.Details closed on a phone and open on a laptop, decided in the browser."""
    app.clientside_callback(
        ClientsideFunction(namespace="waspada", function_name="foldOnPhone"),
        Output(details_id, "open"),
        Input(details_id, "id"),
    )
