"""Login gate: /masuk turns a bearer token into a server-side session, /keluar ends it.

The cookie (HttpOnly, SameSite=Lax, Secure over https) holds only the session's random id;
nothing in it is signed, so there is no secret to share or forge with (core.accounts.sessions).
Every dashboard request looks the session up and re-checks its token, so logging out, 12 idle
hours or revoking the token end it at once, wherever the cookie was copied to.
Pages without a valid session redirect to /masuk; Dash's JSON endpoints answer 401.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from flask import Flask, Response, g, jsonify, redirect, render_template_string, request

from core.accounts.service import Principal
from core.accounts.sessions import IDLE_LIMIT
from core.accounts.throttle import LoginThrottle
from dashboard.data import DashboardData
from dashboard.i18n import normalize_language, t
from geo.datapack import DATA_CREDIT

COOKIE_NAME = "waspada_session"
LANG_COOKIE = "waspada_lang"
SESSION_SECONDS = int(IDLE_LIMIT.total_seconds())  # the cookie lives no longer than an idle session
LANG_COOKIE_SECONDS = 365 * 24 * 3600
LOGIN_PATH = "/masuk"
LOGOUT_PATH = "/keluar"
MAX_TOKEN_CHARS = 200
PUBLIC_PATHS = frozenset({LOGIN_PATH, LOGOUT_PATH, "/_favicon.ico", "/favicon.ico"})
PUBLIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
JSON_PREFIXES = ("/_dash-", "/_reload-hash")


def current_principal() -> Principal:
    """The account of this request (set by the gate; callbacks never run without it)."""
    return g.principal


def current_language() -> str:
    """The reader's language from its cookie (Bahasa Indonesia unless they chose English)."""
    return normalize_language(request.cookies.get(LANG_COOKIE))


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login, never another host."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def set_language_cookie(response: Response | object, lang: str) -> None:
    """Remember the language for a year (it is a preference, not a secret)."""
    response.set_cookie(  # type: ignore[attr-defined]
        LANG_COOKIE, normalize_language(lang), max_age=LANG_COOKIE_SECONDS, samesite="Lax", path="/"
    )


def install_session_gate(server: Flask, data: DashboardData, throttle: LoginThrottle | None = None) -> None:
    """Register /masuk, /keluar and the before/after hooks that guard every other path."""
    throttle = throttle or LoginThrottle()

    @server.before_request
    def gate() -> Response | None:
        path = request.path
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        principal = data.session_principal(request.cookies.get(COOKIE_NAME))
        if principal is None:
            return _refuse(path)
        g.principal = principal
        return None

    @server.after_request
    def headers(response: Response) -> Response:
        if not request.path.startswith(PUBLIC_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(LOGIN_PATH, "waspada_login", lambda: _login(data, throttle), methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "waspada_logout", lambda: _logout(data), methods=["GET", "POST"])


def _refuse(path: str) -> Response:
    """401 for Dash's JSON endpoints and non-GETs; a redirect to the login page for pages."""
    if path.startswith(JSON_PREFIXES) or request.method not in ("GET", "HEAD"):
        response = jsonify({"detail": "login required", "login": LOGIN_PATH})
        response.status_code = 401
        return response
    target = request.full_path if request.query_string else request.path
    return redirect(f"{LOGIN_PATH}?next={quote(target, safe='')}", code=302)


def _login(data: DashboardData, throttle: LoginThrottle) -> Response:
    """GET shows the form; POST checks the token, opens a session and sets its cookie."""
    lang = normalize_language(request.args.get("lang") or request.cookies.get(LANG_COOKIE))
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        response = Response(_login_page(lang, next_path, error=None))
        if request.args.get("lang"):
            set_language_cookie(response, lang)
        return response
    address = request.remote_addr or "unknown"
    wait = throttle.retry_after(address=address)
    if wait is not None:
        error = t("login.throttled", lang, minutes=max(1, -(-wait // 60)))
        response = Response(_login_page(lang, next_path, error=error), status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    token = (request.form.get("token") or "").strip()
    if not token:
        return Response(_login_page(lang, next_path, error=t("login.missing", lang)), status=400)
    session_id = data.login(token) if len(token) <= MAX_TOKEN_CHARS else None
    if session_id is None:
        throttle.failed(address=address)
        return Response(_login_page(lang, next_path, error=t("login.invalid", lang)), status=401)
    throttle.succeeded(address=address)
    response = redirect(next_path, code=303)
    response.set_cookie(
        COOKIE_NAME,
        session_id,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
        path="/",
    )
    return response


def _logout(data: DashboardData) -> Response:
    """End the session on the server and drop the cookie (the token stays valid until revoked)."""
    data.logout(request.cookies.get(COOKIE_NAME))
    response = redirect(LOGIN_PATH, code=303)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="Lax", secure=request.is_secure)
    return response


LOGIN_TEMPLATE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body class="login-body">
<main class="login-card">
  <h1>{{ title }}</h1>
  <p class="muted">{{ tagline }}</p>
  {% if error %}<p class="login-error" role="alert">{{ error }}</p>{% endif %}
  <form method="post" action="{{ action }}">
    <input type="hidden" name="next" value="{{ next_path }}">
    <label for="token">{{ token_label }}</label>
    <input id="token" name="token" type="password" autocomplete="off" required autofocus>
    <button id="login-submit" type="submit">{{ submit }}</button>
  </form>
  <p class="muted small">{{ help }}</p>
  <p class="small"><a id="login-lang" href="{{ other_href }}">{{ other_language }}</a></p>
</main>
<footer class="login-footer small muted">{{ credit }}</footer>
</body>
</html>"""


def _login_page(lang: str, next_path: str, *, error: str | None) -> str:
    """The login form, rendered with autoescaping (the next path comes from the URL)."""
    other = "en" if lang == "id" else "id"
    return render_template_string(
        LOGIN_TEMPLATE,
        lang=lang,
        title=t("login.title", lang),
        tagline=t("app.tagline", lang),
        error=error,
        action=LOGIN_PATH,
        next_path=next_path,
        token_label=t("login.token", lang),
        submit=t("login.submit", lang),
        help=t("login.help", lang),
        other_language=t("login.other_language", lang),
        other_href=f"{LOGIN_PATH}?lang={other}&next={quote(next_path, safe='')}",
        credit=DATA_CREDIT,
    )
