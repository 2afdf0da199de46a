"""The console's pure builders: who sees it, which roles an analyst may create, rows and actions."""

from __future__ import annotations

from datetime import UTC, datetime

from dash import html

from core.accounts.service import Principal
from dashboard.pages import admin
from models.account import AccountPublic, Role
from tests.dashboard.conftest import components, find_component, find_ids

ADMIN = Principal(account_id=1, name="admin", role=Role.ADMIN)
ANALYST = Principal(account_id=2, name="analis", role=Role.ANALYST, provinsi_kode="81")
OFFICER = Principal(account_id=3, name="petugas", role=Role.OFFICER, kabupaten_kode="81.02")


def account(username: str, **fields: object) -> AccountPublic:
    values = {
        "id": 9,
        "username": username,
        "role": Role.OFFICER,
        "kabupaten_kode": "81.02",
        "has_password": True,
        "must_change_password": False,
        "disabled": False,
        "created_at": datetime(2026, 12, 3, tzinfo=UTC),
    }
    return AccountPublic(**{**values, **fields})


def test_officers_get_a_refusal_and_no_forms() -> None:
    page = admin.layout(OFFICER, "id", [])
    assert "admin-forbidden" in find_ids(page) and "create-account" not in find_ids(page)


def test_an_analyst_may_create_only_officers_and_sees_no_audit_trail() -> None:
    page = admin.layout(ANALYST, "id", [account("petugas-malra")])
    roles = [o["value"] for o in find_component(page, "new-role").options]
    assert roles == ["officer"]
    assert "audit-table" not in find_ids(page)
    admin_page = admin.layout(ADMIN, "en", [])
    assert [o["value"] for o in find_component(admin_page, "new-role").options] == [
        "officer",
        "analyst",
        "admin",
    ]
    assert "audit-table" in find_ids(admin_page)


def test_rows_say_the_state_and_offer_the_opposite_action() -> None:
    table = admin.accounts_table(
        [account("aktif"), account("mati", disabled=True), account("api", has_password=False)], "id"
    )
    text = str(table.to_plotly_json())
    assert "Nonaktifkan" in text and "Aktifkan" in text and "tidak ada (hanya API)" in text
    ids = [c.id for c in components(table) if isinstance(c, html.Button)]
    assert {"type": "account-toggle", "username": "mati"} in ids
    assert {"type": "account-reset", "username": "aktif"} in ids
