"""Dash app factory, the shell (header, language switch, page container, footer) and its hosting.

- `create_dashboard(settings)` builds the Dash app (Flask server) with the login gate.
- `mount_dashboard(app, settings)` hangs it under an existing FastAPI/Starlette app at "/" as the
  router's fallback, so every API route, /docs, 405s and slash redirects keep working.
- `main()` runs the dashboard alone for production splits; its map layer is the API's URL
  (`/api/v1/geo/kabupaten.geojson`), so a load balancer must send `/api/` to the API workers.
"""

from __future__ import annotations

import argparse
import re
import threading
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import dash
from dash import Dash, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate
from flask import Flask, g
from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from core.accounts.service import Principal
from core.config import Settings, get_settings
from dashboard.data import DashboardData
from dashboard.i18n import t
from dashboard.pages import (
    admin,
    admin_callbacks,
    agenda,
    agenda_callbacks,
    inbox,
    inbox_callbacks,
    kabupaten,
    model,
    report,
    report_callbacks,
    risk_map,
    risk_map_callbacks,
)
from dashboard.security import install_security_headers
from dashboard.session import (
    LOGOUT_PATH,
    PASSWORD_PATH,
    current_language,
    current_principal,
    install_session_gate,
    set_language_cookie,
)
from geo.datapack import data_credit
from geo.display import get_display_geojson
from models.account import Role

with warnings.catch_warnings():
    # Starlette marks its WSGI bridge deprecated in favour of a2wsgi, which is not a dependency;
    # it is still shipped, tested and does what we need (Flask in a worker thread).
    warnings.simplefilter("ignore")
    from starlette.middleware.wsgi import WSGIMiddleware

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
KABUPATEN_PATH = re.compile(r"^/kabupaten/([0-9]{2}\.?[0-9]{2})/?$")
GZIP_MINIMUM_BYTES = 1024
GZIP_LEVEL = 6  # plotly.js is 4.8 MB: level 9 costs ~2x the CPU per cold load for ~1 % fewer bytes

INDEX_STRING = """<!DOCTYPE html>
<html lang="id">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
<footer>
{%config%}
{%scripts%}
{%renderer%}
</footer>
</body>
</html>"""


def create_dashboard(settings: Settings, *, cache_seconds: float | None = None) -> Dash:
    """Build the dashboard for these settings; nothing is read from the database until a request."""
    data = (
        DashboardData(settings)
        if cache_seconds is None
        else DashboardData(settings, cache_seconds=cache_seconds)
    )
    server = Flask("waspada_dashboard")
    app = Dash(
        "waspada_dashboard",
        server=server,
        requests_pathname_prefix="/",
        routes_pathname_prefix="/",
        assets_folder=str(ASSETS_DIR),
        title="Waspada",
        update_title=None,
        suppress_callback_exceptions=True,
        serve_locally=True,
    )
    app.index_string = INDEX_STRING
    app.layout = lambda: shell_layout(data)
    install_session_gate(server, data)
    register_shell(app, data)
    risk_map_callbacks.register(app, data)
    admin_callbacks.register(app, data)
    inbox_callbacks.register(app, data)
    report_callbacks.register(app, data)
    agenda_callbacks.register(app, data)
    install_security_headers(app)
    server.config["WASPADA_DATA"] = data
    return app


# ---------------------------------------------------------------------- shell


def shell_layout(data: DashboardData) -> Any:
    """The frame of every page; its texts follow the language cookie of this request."""
    principal: Principal | None = g.get("principal")
    lang = current_language()
    return html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            dcc.Store(id="lang", data=lang),
            html.Header(
                [
                    html.Div(header_content(principal, lang), id="shell-header"),
                    html.Div(
                        [
                            html.Button(
                                "ID", id="lang-id", className="lang-button", title="Bahasa Indonesia"
                            ),
                            html.Button("EN", id="lang-en", className="lang-button", title="English"),
                        ],
                        className="lang-switch",
                    ),
                ],
                className="shell-header",
            ),
            html.Main(html.P(t("loading", lang), className="muted"), id="page"),
            html.Footer(footer_content(data, principal, lang), id="shell-footer", className="shell-footer"),
        ],
        className="shell",
    )


def header_content(principal: Principal | None, lang: str) -> list[Any]:
    """Brand, navigation and who is signed in, in the reader's language."""
    who = []
    if principal is not None:
        role = t(f"role.{principal.role.value}", lang)
        who = [
            html.Span(t("nav.signed_in_as", lang, name=principal.name, role=role), className="muted small"),
            *(
                [dcc.Link(t("nav.admin", lang), href=admin.ADMIN_PATH, className="nav-link", id="nav-admin")]
                if admin.may_open(principal)
                else []
            ),
            html.A(t("nav.password", lang), href=PASSWORD_PATH, className="logout", id="change-password"),
            html.A(t("nav.logout", lang), href=LOGOUT_PATH, className="logout", id="logout"),
        ]
    return [
        dcc.Link(html.Strong(t("app.title", lang)), href="/", className="brand"),
        html.Span(t("app.tagline", lang), className="tagline muted"),
        dcc.Link(t("nav.map", lang), href="/", className="nav-link"),
        *(
            [
                dcc.Link(t("nav.inbox", lang), href=inbox.INBOX_PATH, className="nav-link", id="nav-inbox"),
                dcc.Link(
                    t("nav.agenda", lang), href=agenda.AGENDA_PATH, className="nav-link", id="nav-agenda"
                ),
            ]
            if principal is not None
            else []
        ),
        *who,
    ]


def footer_content(data: DashboardData, principal: Principal | None, lang: str) -> list[Any]:
    """The data pack's credit line, and a notice when synthetic demo reports are in scope."""
    items: list[Any] = [html.Span(data_credit(lang), id="credit")]
    if principal is not None and data.has_demo_data(principal):
        items.insert(0, html.Span(t("footer.demo", lang), className="badge demo", id="demo-note"))
    return items


def render_page(
    data: DashboardData, principal: Principal, lang: str, pathname: str | None, search: str | None
) -> Any:
    """The manual router: '/' the map, '/kabupaten/<kode>', '/laporan' and '/laporan/<id>', '/agenda',
    '/model', '/admin'."""
    query = parse_qs((search or "").lstrip("?"))
    path = pathname or "/"
    if path in ("/", ""):
        return risk_map.layout(data, principal, lang, query)
    match = KABUPATEN_PATH.match(path)
    if match:
        return kabupaten.layout(data, principal, lang, match.group(1), query)
    if path.rstrip("/") == inbox.INBOX_PATH:
        return inbox_callbacks.page(data, principal, lang, query)
    if path.rstrip("/") == agenda.AGENDA_PATH:
        return agenda_callbacks.page(data, principal, lang)
    report_id = report.report_id_of(path)
    if report_id is not None:
        return report_callbacks.page(data, principal, lang, report_id)
    if path.rstrip("/") == model.MODEL_PATH:
        return model.layout(data.params, lang)
    if path == admin.ADMIN_PATH:
        if not admin.may_open(principal):
            return admin.layout(principal, lang, [])
        webhooks = data.webhooks(principal) if principal.role is Role.ADMIN else []
        return admin.layout(principal, lang, data.accounts(principal), webhooks)
    return html.Div(
        [html.H1(t("page.not_found", lang), id="not-found"), dcc.Link(t("kab.back", lang), href="/")]
    )


def register_shell(app: Dash, data: DashboardData) -> None:
    """Routing and the language switch (remembered in a cookie for the next visit)."""

    @app.callback(
        Output("page", "children"),
        Output("shell-header", "children"),
        Output("shell-footer", "children"),
        Input("url", "pathname"),
        Input("url", "search"),
        Input("lang", "data"),
    )
    def route(pathname: str | None, search: str | None, lang: str) -> tuple[Any, list[Any], list[Any]]:
        principal = current_principal()
        return (
            render_page(data, principal, lang, pathname, search),
            header_content(principal, lang),
            footer_content(data, principal, lang),
        )

    @app.callback(
        Output("lang", "data"),
        Input("lang-id", "n_clicks"),
        Input("lang-en", "n_clicks"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def switch_language(_id_clicks: int | None, _en_clicks: int | None, current: str) -> str:
        lang = "en" if ctx.triggered_id == "lang-en" else "id"
        if lang == current:
            raise PreventUpdate
        set_language_cookie(dash.callback_context.response, lang)
        return lang


# ---------------------------------------------------------------------- hosting


def dashboard_asgi(dash_app: Dash, fallback: ASGIApp | None = None) -> ASGIApp:
    """The Flask app as ASGI (gzip on), answering 404 JSON for stray /api/ paths."""
    wsgi = GZipMiddleware(
        WSGIMiddleware(dash_app.server), minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL
    )

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if fallback is not None:
                await fallback(scope, receive, send)
            return
        if scope["path"].startswith("/api/"):
            await JSONResponse({"detail": "Not Found"}, status_code=404)(scope, receive, send)
            return
        await wsgi(scope, receive, send)

    return app


def warm_geometry(settings: Settings) -> threading.Thread:
    """Build the display geometry in the background so the first map does not wait ~5 s for it."""
    thread = threading.Thread(
        target=get_display_geojson, args=(settings.geo_dir,), name="waspada-geometry", daemon=True
    )
    thread.start()
    return thread


def mount_dashboard(app: Starlette, settings: Settings) -> Dash:
    """Serve the dashboard at '/' of an API app: it answers whatever no API route matches."""
    dash_app = create_dashboard(settings)
    app.router.default = dashboard_asgi(dash_app, app.router.default)
    app.state.dashboard = dash_app
    warm_geometry(settings)
    return dash_app


def create_standalone_app(settings: Settings) -> Starlette:
    """Only the dashboard, for running it as its own process beside API workers (same origin)."""
    app = Starlette()
    mount_dashboard(app, settings)
    return app


def standalone_from_env() -> Starlette:
    """Factory for uvicorn workers: settings from the WASPADA_ environment."""
    return create_standalone_app(get_settings())


def main(argv: list[str] | None = None) -> None:
    """`python -m dashboard.app [--host H] [--port P] [--workers N]`: the dashboard alone."""
    import uvicorn

    parser = argparse.ArgumentParser(description="Waspada dashboard (without the API), on the same database")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    uvicorn.run(
        "dashboard.app:standalone_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        server_header=False,
    )


if __name__ == "__main__":
    main()
