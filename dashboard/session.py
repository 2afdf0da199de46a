"""Login gate: /masuk checks a username and password and opens a server-side session, /keluar ends it.

The cookie (HttpOnly, SameSite=Lax, Secure over https) holds only the session's random id;
nothing in it is signed, so there is no secret to share or forge with (core.accounts.sessions).
Every dashboard request looks the session up and re-checks its account, so logging out, 12 idle
hours, disabling the account or changing its password end it at once, wherever the cookie was
copied to. Pages without a valid session redirect to /masuk; Dash's JSON endpoints answer 401.
A one-time password sends its holder to /sandi until they choose their own.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit

from flask import Flask, Response, g, jsonify, redirect, render_template_string, request

from core.accounts.passwords import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS
from core.accounts.service import Principal
from core.accounts.sessions import IDLE_LIMIT
from core.accounts.throttle import LoginThrottle
from core.errors import InvalidInput, Unauthenticated
from dashboard.data import DashboardData
from dashboard.i18n import normalize_language, t
from geo.datapack import data_credit

logger = logging.getLogger("waspada.login")
COOKIE_NAME = "waspada_session"
LANG_COOKIE = "waspada_lang"
SESSION_SECONDS = int(IDLE_LIMIT.total_seconds())  # the cookie lives no longer than an idle session
LANG_COOKIE_SECONDS = 365 * 24 * 3600
LOGIN_PATH = "/masuk"
LOGOUT_PATH = "/keluar"
PASSWORD_PATH = "/sandi"
MAX_FIELD_CHARS = 200
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
        if principal.must_change_password and path != PASSWORD_PATH:
            return _refuse(path, login=PASSWORD_PATH)
        return None

    @server.after_request
    def headers(response: Response) -> Response:
        if not request.path.startswith(PUBLIC_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(LOGIN_PATH, "waspada_login", lambda: _login(data, throttle), methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "waspada_logout", lambda: _logout(data), methods=["GET", "POST"])
    server.add_url_rule(
        PASSWORD_PATH, "waspada_password", lambda: _change_password(data), methods=["GET", "POST"]
    )


def _refuse(path: str, login: str = LOGIN_PATH) -> Response:
    """401 for Dash's JSON endpoints and non-GETs; a redirect to the login (or password) page."""
    if path.startswith(JSON_PREFIXES) or request.method not in ("GET", "HEAD"):
        detail = "login required" if login == LOGIN_PATH else "the password must be changed first"
        response = jsonify({"detail": detail, "login": login})
        response.status_code = 401
        return response
    target = request.full_path if request.query_string else request.path
    return redirect(f"{login}?next={quote(target, safe='')}", code=302)


def _login(data: DashboardData, throttle: LoginThrottle) -> Response:
    """GET shows the form; POST checks username and password, opens a session and sets its cookie."""
    lang = normalize_language(request.args.get("lang") or request.cookies.get(LANG_COOKIE))
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        response = Response(_login_page(lang, next_path, error=None))
        if request.args.get("lang"):
            set_language_cookie(response, lang)
        return response
    address = request.remote_addr or "unknown"
    username = (request.form.get("username") or "").strip()[:MAX_FIELD_CHARS]
    password = request.form.get("password") or ""
    wait = throttle.retry_after(address=address, username=username or None)
    if wait is not None:
        error = t("login.throttled", lang, minutes=max(1, -(-wait // 60)))
        response = Response(_login_page(lang, next_path, error=error, username=username), status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    if not username or not password:
        page = _login_page(lang, next_path, error=t("login.missing", lang), username=username)
        return Response(page, status=400)
    opened = data.login(username, password) if len(password) <= MAX_FIELD_CHARS else None
    if opened is None:
        logger.info("dashboard login refused for username %r from %s", username, address)
        throttle.failed(address=address, username=username)
        page = _login_page(lang, next_path, error=t("login.invalid", lang), username=username)
        return Response(page, status=401)
    throttle.succeeded(address=address, username=username)
    session_id, principal = opened
    target = (
        f"{PASSWORD_PATH}?next={quote(next_path, safe='')}" if principal.must_change_password else next_path
    )
    response = redirect(target, code=303)
    _set_session_cookie(response, session_id)
    return response


def _set_session_cookie(response: Response, session_id: str) -> None:
    """HttpOnly, SameSite=Lax, Secure over https; it lives no longer than an idle session."""
    response.set_cookie(
        COOKIE_NAME,
        session_id,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
        path="/",
    )


def _change_password(data: DashboardData) -> Response:
    """GET shows the form; POST changes the password, ends every session and opens a new one."""
    principal = current_principal()
    lang = current_language()
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        return Response(_password_page(lang, next_path, principal, error=None))
    current = request.form.get("current_password") or ""
    new = request.form.get("new_password") or ""
    if new != (request.form.get("confirm_password") or ""):
        return Response(
            _password_page(lang, next_path, principal, error=t("password.mismatch", lang)), status=422
        )
    try:
        session_id = data.change_password(principal, current[:MAX_FIELD_CHARS], new)
    except Unauthenticated:
        return redirect(LOGIN_PATH, code=303)
    except InvalidInput as exc:
        error = t(f"password.{exc.errors[0].type}", lang, min=MIN_PASSWORD_CHARS, max=MAX_PASSWORD_CHARS)
        return Response(_password_page(lang, next_path, principal, error=error), status=422)
    response = redirect(next_path, code=303)
    _set_session_cookie(response, session_id)
    return response


def _logout(data: DashboardData) -> Response:
    """End the session on the server and drop the cookie."""
    data.logout(request.cookies.get(COOKIE_NAME))
    response = redirect(LOGIN_PATH, code=303)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="Lax", secure=request.is_secure)
    return response


# The head and card both pages share (login, change password); rendered with autoescaping.
CARD_HEAD = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body class="login-body">
<main class="login-card">
  <h1>{{ title }}</h1>
"""

LOGIN_TEMPLATE = (
    CARD_HEAD
    + """  <p class="muted">{{ tagline }}</p>
  {% if error %}<p class="login-error" role="alert">{{ error }}</p>{% endif %}
  <form method="post" action="{{ action }}">
    <input type="hidden" name="next" value="{{ next_path }}">
    <label for="username">{{ username_label }}</label>
    <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
           spellcheck="false" maxlength="100" value="{{ username }}" required autofocus>
    <label for="password">{{ password_label }}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button id="login-submit" type="submit">{{ submit }}</button>
  </form>
  <p class="muted small">{{ help }}</p>
  <p class="small"><a id="login-lang" href="{{ other_href }}">{{ other_language }}</a></p>
</main>
<footer class="login-footer small muted">{{ credit }}</footer>
</body>
</html>"""
)


def _login_page(lang: str, next_path: str, *, error: str | None, username: str = "") -> str:
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
        username_label=t("login.username", lang),
        password_label=t("login.password", lang),
        username=username,
        submit=t("login.submit", lang),
        help=t("login.help", lang),
        other_language=t("login.other_language", lang),
        other_href=f"{LOGIN_PATH}?lang={other}&next={quote(next_path, safe='')}",
        credit=data_credit(lang),
    )


PASSWORD_TEMPLATE = (
    CARD_HEAD
    + """  <p class="muted">{{ who }}</p>
  {% if must_change %}<p class="login-notice" role="status">{{ must_change }}</p>{% endif %}
  {% if error %}<p class="login-error" role="alert">{{ error }}</p>{% endif %}
  <form method="post" action="{{ action }}">
    <input type="hidden" name="next" value="{{ next_path }}">
    <input type="text" name="username" value="{{ username }}" autocomplete="username" hidden>
    <label for="current_password">{{ current_label }}</label>
    <input id="current_password" name="current_password" type="password" autocomplete="current-password"
           required autofocus>
    <label for="new_password">{{ new_label }}</label>
    <input id="new_password" name="new_password" type="password" autocomplete="new-password"
           minlength="{{ min_chars }}" maxlength="{{ max_chars }}" required>
    <label for="confirm_password">{{ confirm_label }}</label>
    <input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password"
           minlength="{{ min_chars }}" maxlength="{{ max_chars }}" required>
    <p class="muted small">{{ rule }}</p>
    <button id="password-submit" type="submit">{{ submit }}</button>
  </form>
  {% if not must_change %}<p class="small"><a href="{{ next_path }}">{{ back }}</a></p>{% endif %}
  <p class="small"><a id="password-logout" href="{{ logout }}">{{ logout_label }}</a></p>
</main>
</body>
</html>"""
)


def _password_page(lang: str, next_path: str, principal: Principal, *, error: str | None) -> str:
    """The change-password form (autoescaped); a one-time password's holder is told why."""
    return render_template_string(
        PASSWORD_TEMPLATE,
        lang=lang,
        title=t("password.title", lang),
        who=principal.name,
        username=principal.name,
        must_change=t("password.must_change", lang) if principal.must_change_password else None,
        error=error,
        action=PASSWORD_PATH,
        next_path=next_path,
        current_label=t("password.current", lang),
        new_label=t("password.new", lang),
        confirm_label=t("password.confirm", lang),
        rule=t("password.rule", lang, min=MIN_PASSWORD_CHARS),
        submit=t("password.submit", lang),
        back=t("password.back", lang),
        logout=LOGOUT_PATH,
        logout_label=t("nav.logout", lang),
        min_chars=MIN_PASSWORD_CHARS,
        max_chars=MAX_PASSWORD_CHARS,
    )
