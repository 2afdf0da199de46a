"""The interactive API docs at /docs, served entirely from this server (no CDN).

Swagger UI's files come from the installed `fastapi-offline` package; its one inline start-up
script is allowed by hash in the page's Content-Security-Policy. `WASPADA_API_DOCS=false` turns
the page (and the schema it reads) off.
"""

from __future__ import annotations

import functools
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from core.security_headers import docs_policy, inline_script_hashes

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"


@functools.cache
def docs_page(openapi_url: str, title: str) -> tuple[bytes, str]:
    """The page and its policy, built once: the inline script's hash depends only on these."""
    page = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=f"{title} - API",
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
    )
    html = bytes(page.body).decode()
    return html.encode(), docs_policy(inline_script_hashes(html))


def install_docs(app: FastAPI) -> None:
    """Serve /docs and its assets for this app's schema."""
    openapi_url = app.openapi_url or ""
    router = APIRouter(include_in_schema=False)

    @router.get(DOCS_PATH)
    def swagger_ui() -> HTMLResponse:
        body, policy = docs_page(openapi_url, app.title)
        return HTMLResponse(body, headers={"Content-Security-Policy": policy, "Cache-Control": "no-cache"})

    app.include_router(router)
    app.mount(ASSETS_PATH, StaticFiles(directory=ASSETS_DIR), name="docs-assets")
