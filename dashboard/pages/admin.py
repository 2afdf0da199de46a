"""Pengelolaan akun: accounts, their API tokens and (for admins) the audit trail.

Admins manage every account; analysts the officer accounts of their province (the rules live in
core.accounts). A one-time password or a new token is shown once, in the answer that made it.
Builders here are pure: they turn rows into components; admin_callbacks.py does the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from core.accounts.people import AccountToken
from core.accounts.service import Principal
from core.alerts.queries import WebhookSummary
from dashboard.i18n import t
from dashboard.local_time import province_time_label
from dashboard.tables import data_table
from models.account import AccountPublic, AuditEvent, Role

ADMIN_PATH = "/admin"
AUDIT_ENTITIES = ("account", "report", "event")


def may_open(principal: Principal) -> bool:
    """Admins and analysts open the console; officers manage no account."""
    return principal.role in (Role.ADMIN, Role.ANALYST)


def layout(
    principal: Principal,
    lang: str,
    accounts: Sequence[AccountPublic],
    webhooks: Sequence[WebhookSummary] = (),
) -> Any:
    """The whole console, or a plain refusal for an officer."""
    if not may_open(principal):
        return html.Div([html.H1(t("admin.forbidden", lang), id="admin-forbidden")], className="admin-page")
    sections = [
        html.H1(t("admin.title", lang)),
        html.P(t(f"admin.rule.{principal.role.value}", lang), className="muted"),
        html.Div(id="admin-secret", role="status"),
        html.Div(id="admin-message", role="alert"),
        html.Section(
            [
                html.H2(t("admin.accounts", lang)),
                html.Div(accounts_table(accounts, lang), id="accounts-table"),
            ],
            className="card",
        ),
        create_form(principal, lang),
        html.Section(
            [
                html.H2(t("admin.tokens", lang)),
                dcc.Store(id="admin-token-account"),
                html.Div(html.P(t("admin.tokens.pick", lang), className="muted"), id="tokens-panel"),
                html.Div(
                    [
                        dcc.Input(id="token-label", placeholder=t("admin.tokens.label", lang), maxLength=100),
                        html.Button(t("admin.tokens.create", lang), id="token-create", n_clicks=0),
                    ],
                    className="admin-row",
                ),
            ],
            className="card",
        ),
    ]
    if principal.role is Role.ADMIN:
        sections.append(webhook_section(webhooks, lang))
        sections.append(audit_section(lang))
    return html.Div(sections, className="admin-page")


def _scope_text(account: AccountPublic) -> str:
    return account.kabupaten_kode or account.provinsi_kode or "*"


def _password_state(account: AccountPublic, lang: str) -> str:
    if not account.has_password:
        return t("admin.password.none", lang)
    return t("admin.password.one_time" if account.must_change_password else "admin.password.set", lang)


def accounts_table(accounts: Sequence[AccountPublic], lang: str) -> Any:
    """One row per account with its actions (toggle, reset password, tokens)."""
    header = html.Tr(
        [
            html.Th(t(f"admin.col.{c}", lang))
            for c in ("username", "name", "role", "scope", "password", "state", "actions")
        ]
    )
    rows = [
        html.Tr(
            [
                html.Td(a.username, className="username"),
                html.Td(a.display_name or ""),
                html.Td(t(f"role.{a.role.value}", lang)),
                html.Td(_scope_text(a)),
                html.Td(_password_state(a, lang)),
                html.Td(t("admin.state.disabled" if a.disabled else "admin.state.active", lang)),
                html.Td(
                    [
                        html.Button(
                            t("admin.enable" if a.disabled else "admin.disable", lang),
                            id={"type": "account-toggle", "username": a.username},
                            className="small-button",
                        ),
                        html.Button(
                            t("admin.reset", lang),
                            id={"type": "account-reset", "username": a.username},
                            className="small-button",
                        ),
                        html.Button(
                            t("admin.tokens", lang),
                            id={"type": "account-tokens", "username": a.username},
                            className="small-button",
                        ),
                    ]
                ),
            ],
            id=f"account-row-{a.username}",
        )
        for a in accounts
    ]
    return data_table(header, rows)


def create_form(principal: Principal, lang: str) -> Any:
    """Username, display name, role and scope; the one-time password appears above once made."""
    roles = [Role.OFFICER] if principal.role is Role.ANALYST else [Role.OFFICER, Role.ANALYST, Role.ADMIN]
    return html.Section(
        [
            html.H2(t("admin.create", lang)),
            html.Div(
                [
                    html.Label([t("login.username", lang), dcc.Input(id="new-username", maxLength=40)]),
                    html.Label([t("admin.col.name", lang), dcc.Input(id="new-name", maxLength=100)]),
                    html.Label(
                        [
                            t("admin.col.role", lang),
                            dcc.Dropdown(
                                id="new-role",
                                options=[
                                    {"label": t(f"role.{r.value}", lang), "value": r.value} for r in roles
                                ],
                                value=Role.OFFICER.value,
                                clearable=False,
                            ),
                        ]
                    ),
                    html.Label([t("admin.col.scope", lang), dcc.Dropdown(id="new-scope", clearable=True)]),
                    html.Button(t("admin.create.submit", lang), id="create-account", n_clicks=0),
                ],
                className="admin-form",
            ),
        ],
        className="card",
    )


def secret_box(text_key: str, username: str, secret: str, lang: str) -> Any:
    """A one-time password or token, shown once with what to do with it."""
    return html.Div(
        [html.P(t(text_key, lang, username=username)), html.Code(secret, id="admin-secret-value")],
        className="card secret-card",
    )


def tokens_panel(username: str, tokens: Sequence[AccountToken], lang: str, zone: str | None) -> Any:
    """An account's tokens (prefix, label, made, state) with a revoke button per active one."""
    rows = [
        html.Tr(
            [
                html.Td(html.Code(token.prefix + "…")),
                html.Td(token.name or ""),
                html.Td(province_time_label(zone, token.created_at)),
                html.Td(t("admin.state.revoked" if token.revoked else "admin.state.active", lang)),
                html.Td(
                    None
                    if token.revoked
                    else html.Button(
                        t("admin.tokens.revoke", lang),
                        id={"type": "token-revoke", "id": token.id},
                        className="small-button",
                    )
                ),
            ]
        )
        for token in tokens
    ]
    body = (
        html.Table(html.Tbody(rows), className="data-table") if rows else html.P(t("admin.tokens.none", lang))
    )
    return html.Div([html.H3(t("admin.tokens.of", lang, username=username), id="tokens-of"), body])


def audit_section(lang: str) -> Any:
    """Filters (entity, actor) above the newest audit events."""
    return html.Section(
        [
            html.H2(t("admin.audit", lang)),
            html.Div(
                [
                    dcc.Dropdown(
                        id="audit-entity",
                        options=[
                            {"label": t(f"admin.audit.entity.{e}", lang), "value": e} for e in AUDIT_ENTITIES
                        ],
                        placeholder=t("admin.audit.all", lang),
                    ),
                    dcc.Input(id="audit-actor", placeholder=t("admin.audit.actor", lang), debounce=True),
                ],
                className="admin-row",
            ),
            html.Div(id="audit-table"),
        ],
        className="card",
    )


def audit_table(events: Sequence[AuditEvent], lang: str, zone: str | None = None) -> Any:
    """Who did what to which record, and when (in WIB for admins: the trail spans regions)."""
    header = html.Tr(
        [html.Th(t(f"admin.audit.col.{c}", lang)) for c in ("at", "actor", "entity", "action", "change")]
    )
    rows = [
        html.Tr(
            [
                html.Td(province_time_label(zone, e.at)),
                html.Td(e.actor),
                html.Td(f"{e.entity} {e.entity_id}"),
                html.Td(e.action),
                html.Td(" → ".join(v for v in (e.from_value, e.to_value) if v)),
            ]
        )
        for e in events
    ]
    return data_table(header, rows)


def webhook_section(webhooks: Sequence[WebhookSummary], lang: str) -> Any:
    """Each webhook URL with how its alert deliveries went (times in WIB)."""
    header = html.Tr(
        [
            html.Th(t(f"admin.webhook.col.{c}", lang))
            for c in ("url", "delivered", "pending", "failed", "last", "error")
        ]
    )
    rows = [
        html.Tr(
            [
                html.Td(
                    [
                        html.Code(w.url),
                        "" if w.configured else f" ({t('admin.webhook.not_configured', lang)})",
                    ]
                ),
                html.Td(str(w.delivered)),
                html.Td(str(w.pending)),
                html.Td(str(w.failed), className="failed" if w.failed else None),
                html.Td(province_time_label(None, w.last_delivered_at) if w.last_delivered_at else "-"),
                html.Td(w.last_error or ""),
            ]
        )
        for w in webhooks
    ]
    body = (
        data_table(header, rows, id="webhook-table")
        if rows
        else html.P(t("admin.webhook.none", lang), className="muted", id="webhook-table")
    )
    return html.Section([html.H2(t("admin.webhook", lang)), body], className="card")
