"""The console's callbacks: every change goes through core.accounts, whose rules refuse what the
signed-in person may not do; errors are shown in the reader's language, secrets once."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from pydantic import ValidationError
from sqlmodel import Session

from core.accounts import people
from core.accounts.service import account_by_username
from core.db import read_session, write_session
from core.errors import Conflict, Forbidden, InvalidInput, NotFound, WaspadaError
from core.regions.service import list_kabupaten
from dashboard.data import DashboardData
from dashboard.i18n import t
from dashboard.pages import admin
from dashboard.session import current_language, current_principal
from models.account import AccountCreate, Role


def _error_text(exc: Exception, lang: str) -> str:
    """A refusal as a sentence in the reader's language (the field decides which)."""
    if isinstance(exc, ValidationError):
        return t("admin.error.username", lang)
    if isinstance(exc, Conflict):
        return t("admin.error.taken", lang)
    if isinstance(exc, Forbidden | NotFound):
        return t("admin.error.forbidden", lang)
    if isinstance(exc, InvalidInput) and exc.errors[0].field in ("provinsi_kode", "kabupaten_kode", "role"):
        return t("admin.error.scope", lang)
    return t("admin.error.other", lang)


def _accounts(session: Session) -> Any:
    principal = current_principal()
    rows = [people.public_account(a) for a in people.list_accounts(session=session, actor=principal)]
    return admin.accounts_table(rows, current_language())


def _create(session: Session, username: str | None, name: str | None, role: str, scope: str | None) -> Any:
    """Create the account; the one-time password goes into the secret box."""
    lang = current_language()
    role_enum = Role(role)
    account_in = AccountCreate(
        username=(username or "").strip(),
        display_name=(name or "").strip() or None,
        role=role_enum,
        provinsi_kode=scope if role_enum is Role.ANALYST else None,
        kabupaten_kode=scope if role_enum is Role.OFFICER else None,
    )
    account, one_time = people.create_account(
        session=session, actor=current_principal(), account_in=account_in
    )
    return admin.secret_box("admin.secret.created", account.username, one_time or "", lang)


def register(app: Dash, data: DashboardData) -> None:
    """Wire the console: account actions, token actions, the scope picker, the audit filter."""

    @app.callback(
        Output("admin-secret", "children"),
        Output("admin-message", "children"),
        Output("accounts-table", "children"),
        Output("admin-token-account", "data"),
        Output("tokens-panel", "children"),
        Input("create-account", "n_clicks"),
        Input({"type": "account-toggle", "username": ALL}, "n_clicks"),
        Input({"type": "account-reset", "username": ALL}, "n_clicks"),
        Input({"type": "account-tokens", "username": ALL}, "n_clicks"),
        Input("token-create", "n_clicks"),
        Input({"type": "token-revoke", "id": ALL}, "n_clicks"),
        State("new-username", "value"),
        State("new-name", "value"),
        State("new-role", "value"),
        State("new-scope", "value"),
        State("token-label", "value"),
        State("admin-token-account", "data"),
        prevent_initial_call=True,
    )
    def act(*args: Any) -> tuple[Any, ...]:
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate  # a button that was only (re)drawn, not clicked
        username, name, role, scope, token_label, token_account = args[6:]
        trigger = ctx.triggered_id
        kind = trigger["type"] if isinstance(trigger, dict) else trigger
        lang = current_language()
        principal = current_principal()
        secret: Any = None
        selected = token_account
        try:
            with write_session(data.engine) as session:
                if kind == "create-account":
                    secret = _create(session, username, name, role, scope)
                elif kind == "account-toggle":
                    target = account_by_username(session=session, username=trigger["username"])
                    if target is None:
                        raise NotFound("no such account")
                    change = people.enable_account if target.disabled_at else people.disable_account
                    change(session=session, actor=principal, username=trigger["username"])
                elif kind == "account-reset":
                    _, one_time = people.reset_password(
                        session=session, actor=principal, username=trigger["username"]
                    )
                    secret = admin.secret_box("admin.secret.reset", trigger["username"], one_time, lang)
                elif kind == "account-tokens":
                    selected = trigger["username"]
                elif kind == "token-create":
                    if not selected:
                        return None, t("admin.tokens.pick", lang), no_update, no_update, no_update
                    _, plaintext = people.issue_account_token(
                        session=session,
                        actor=principal,
                        username=selected,
                        token_name=(token_label or "").strip(),
                    )
                    secret = admin.secret_box("admin.secret.token", selected, plaintext, lang)
                elif kind == "token-revoke":
                    people.revoke_account_token(
                        session=session, actor=principal, username=selected, token_id=trigger["id"]
                    )
                table = _accounts(session)
                tokens = (
                    admin.tokens_panel(
                        selected,
                        people.account_tokens(session=session, actor=principal, username=selected),
                        lang,
                        principal.province_scope,
                    )
                    if selected
                    else no_update
                )
        except (ValidationError, WaspadaError) as exc:
            return None, _error_text(exc, lang), no_update, no_update, no_update
        return secret, None, table, selected, tokens

    @app.callback(Output("new-scope", "options"), Output("new-scope", "value"), Input("new-role", "value"))
    def scope_options(role: str | None) -> tuple[list[dict[str, str]], None]:
        principal = current_principal()
        if role == Role.ANALYST.value:
            return [
                {"label": f"{kode} {nama}", "value": kode}
                for kode, nama in data.provinces_in_scope(principal)
            ], None
        if role == Role.OFFICER.value:
            with read_session(data.engine) as session:
                kabupaten = list_kabupaten(session=session, provinsi=principal.province_scope)
            return [{"label": f"{k.kode} {k.nama}", "value": k.kode} for k in kabupaten], None
        return [], None

    @app.callback(
        Output("audit-table", "children"), Input("audit-entity", "value"), Input("audit-actor", "value")
    )
    def audit(entity: str | None, actor_name: str | None) -> Any:
        principal = current_principal()
        with read_session(data.engine) as session:
            events = people.recent_audit(
                session=session, actor=principal, entity=entity, actor_name=actor_name
            )
        return admin.audit_table(events, current_language())
