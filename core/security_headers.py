"""The response headers every page and API answer carries: one policy for the API and the dashboard.

Each kind of page has its Content-Security-Policy here, so what a page may load is stated in
one place; `security_headers` adds the headers every answer shares (and HSTS over https).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

HSTS = "max-age=31536000; includeSubDomains"
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def content_security_policy(*, script_hashes: Iterable[str] = (), **directives: str) -> str:
    """A CSP string; `script_hashes` ("'sha256-...'") extend script-src for known inline scripts."""
    hashes = " ".join(script_hashes)
    if hashes:
        directives["script_src"] = f"{directives.get('script_src', '')} {hashes}".strip()
    parts = {"frame_ancestors": "'none'", "base_uri": "'none'", **directives}
    return "; ".join(f"{name.replace('_', '-')} {value}" for name, value in parts.items())


API_POLICY = content_security_policy(default_src="'none'")
FORM_POLICY = content_security_policy(
    default_src="'self'",
    script_src="'self'",
    style_src="'self'",
    img_src="'self' data:",
    connect_src="'self'",
    manifest_src="'self'",
    worker_src="'self'",
    form_action="'self'",
)
REPORT_POLICY = content_security_policy(
    default_src="'none'", style_src="'unsafe-inline'", img_src="'self' data:", form_action="'none'"
)


SELF_ONLY = {
    "default_src": "'self'",
    "script_src": "'self'",
    "style_src": "'self' 'unsafe-inline'",
    "img_src": "'self' data:",
    "connect_src": "'self'",
}


def docs_policy(script_hashes: Iterable[str]) -> str:
    """Swagger UI: its bundle from this server, one inline start-up script allowed by its hash."""
    return content_security_policy(script_hashes=script_hashes, **SELF_ONLY, form_action="'none'")


def dashboard_policy(script_hashes: Iterable[str]) -> str:
    """Dash: scripts from this server plus its inline renderer by hash; Plotly needs inline styles."""
    directives = {
        **SELF_ONLY,
        "img_src": "'self' data: blob:",
        "font_src": "'self' data:",
        "worker_src": "'self' blob:",
        "form_action": "'self'",
    }
    return content_security_policy(script_hashes=script_hashes, **directives)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP hash sources of the inline scripts of a page, so exactly those may run."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in INLINE_SCRIPT.findall(html)
        if body.strip()
    ]


def security_headers(*, policy: str, https: bool) -> dict[str, str]:
    """The headers of one answer: the shared ones, this page's CSP, and HSTS over https."""
    headers = {**COMMON, "Content-Security-Policy": policy}
    if https:
        headers["Strict-Transport-Security"] = HSTS
    return headers
