"""Login gate (username and password), session cookie, must-change, disabling, scope in the data layer."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select

from core.accounts.people import disable_account
from core.accounts.service import Principal, hash_token
from core.config import Settings
from core.db import get_engine, read_session, write_session
from dashboard.app import render_page
from dashboard.data import DashboardData
from dashboard.session import COOKIE_NAME, safe_next
from models.account import Account, DashboardSession, Role
from models.report import Report
from tests.conftest import Person, PersonFactory, create_person
from tests.dashboard.conftest import ReportSeeder, dashboard_app, find_component, find_ids, principal_for

TokenFactory = Callable[..., str]
OPERATOR = Principal(account_id=0, name="cli", role=Role.ADMIN)


def login(client: TestClient, person: Person, next_path: str = "/") -> None:
    response = client.post(
        "/masuk", data={"username": person.username, "password": person.password, "next": next_path}
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == next_path


def test_pages_redirect_to_login_and_dash_endpoints_answer_401(dash_client: TestClient) -> None:
    page = dash_client.get("/kabupaten/81.02?tanggal=2024-11-20")
    assert page.status_code == 302
    assert page.headers["location"] == "/masuk?next=%2Fkabupaten%2F81.02%3Ftanggal%3D2024-11-20"
    assert dash_client.get("/").headers["location"] == "/masuk?next=%2F"
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert dash_client.get(path).status_code == 401
    assert dash_client.post("/_dash-update-component", json={}).status_code == 401
    assert dash_client.get("/masukan").status_code == 302  # only the exact login path is public
    login_page = dash_client.get("/masuk")
    assert login_page.status_code == 200
    assert 'name="username"' in login_page.text and 'name="password"' in login_page.text
    assert 'name="token"' not in login_page.text


def test_login_opens_a_server_side_session_behind_a_random_httponly_lax_cookie(
    dash_client: TestClient, make_person: PersonFactory, engine: Engine
) -> None:
    person = make_person("analyst", provinsi="81", username="analis-maluku")
    response = dash_client.post(
        "/masuk",
        data={"username": " analis-maluku ", "password": person.password, "next": "/kabupaten/81.02"},
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE_NAME}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=43200" in cookie
    value = dash_client.cookies[COOKIE_NAME]
    assert len(value) >= 43  # 256 random bits
    assert person.password not in cookie and "analis-maluku" not in cookie and "analyst" not in cookie
    with read_session(engine) as session:
        row = session.exec(
            select(DashboardSession).where(DashboardSession.session_hash == hash_token(value))
        ).one()
        account = session.get(Account, row.account_id)
    assert account is not None and account.username == "analis-maluku"
    assert row.ended_at is None
    index = dash_client.get("/")
    assert index.status_code == 200 and "dash_renderer" in index.text
    assert index.headers["cache-control"] == "no-store"
    assert dash_client.get("/_dash-layout").status_code == 200


def test_wrong_passwords_are_refused_alike_and_next_stays_on_this_site(
    dash_client: TestClient, make_person: PersonFactory, caplog: pytest.LogCaptureFixture
) -> None:
    person = make_person("admin", username="admin-benar")
    with caplog.at_level(logging.INFO, logger="waspada.login"):
        wrong = dash_client.post("/masuk", data={"username": "admin-benar", "password": "bukan-sandinya"})
    refusals = [r.getMessage() for r in caplog.records if r.name == "waspada.login"]
    assert len(refusals) == 1 and "admin-benar" in refusals[0] and "bukan-sandinya" not in refusals[0]
    unknown = dash_client.post("/masuk", data={"username": "tidak-ada", "password": person.password})
    for refused in (wrong, unknown):  # the same answer: nothing tells which usernames exist
        assert refused.status_code == 401 and COOKIE_NAME not in refused.headers.get("set-cookie", "")
        assert "Nama pengguna atau kata sandi salah" in refused.text
    assert 'value="admin-benar"' in wrong.text  # the username stays typed, the password does not
    assert "bukan-sandinya" not in wrong.text
    assert dash_client.post("/masuk", data={"username": "admin-benar", "password": ""}).status_code == 400
    assert dash_client.post("/masuk", data={"username": "", "password": "x"}).status_code == 400
    too_long = {"username": "admin-benar", "password": "x" * 5000}
    assert dash_client.post("/masuk", data=too_long).status_code == 401
    assert dash_client.post("/masuk", data={"token": "wsp_anything"}).status_code == 400  # no token login
    assert safe_next("//evil.example/x") == "/"
    assert safe_next("https://evil.example/") == "/"
    assert safe_next("/kabupaten/81.02?tanggal=2024-11-20") == "/kabupaten/81.02?tanggal=2024-11-20"


def test_login_page_escapes_the_next_parameter(dash_client: TestClient) -> None:
    page = dash_client.get('/masuk?next=/"><script>alert(1)</script>')
    assert "<script>alert(1)</script>" not in page.text


def test_disabling_the_account_ends_the_session_at_once_and_refuses_the_next_login(
    dash_client: TestClient, make_person: PersonFactory, engine: Engine
) -> None:
    person = make_person("analyst")
    login(dash_client, person)
    assert dash_client.get("/_dash-layout").status_code == 200
    with write_session(engine) as session:
        disable_account(session=session, actor=OPERATOR, username=person.username)
    assert dash_client.get("/_dash-layout").status_code == 401
    assert dash_client.get("/").status_code == 302
    again = dash_client.post("/masuk", data={"username": person.username, "password": person.password})
    assert again.status_code == 401


def test_made_up_cookies_and_cookies_of_another_installation_are_refused(
    dash_client: TestClient, settings: Settings, tmp_path: Path, sqlite_template: Path
) -> None:
    dash_client.cookies.set(COOKIE_NAME, "x" * 43)
    assert dash_client.get("/_dash-layout").status_code == 401
    dash_client.cookies.set(COOKIE_NAME, "x" * 5000)
    assert dash_client.get("/_dash-layout").status_code == 401

    other_db = tmp_path / "other-installation.db"
    shutil.copyfile(sqlite_template, other_db)
    other = settings.model_copy(update={"database_url": f"sqlite:///{other_db}"})
    with TestClient(dashboard_app(other), follow_redirects=False) as other_client:
        login(other_client, create_person(get_engine(other), "admin", username="admin-elsewhere"))
        foreign = other_client.cookies[COOKIE_NAME]
        assert other_client.get("/_dash-layout").status_code == 200
    dash_client.cookies.clear()
    dash_client.cookies.set(COOKIE_NAME, foreign)
    assert dash_client.get("/_dash-layout").status_code == 401  # same checkout, another database


def test_logout_ends_the_session_on_the_server_so_a_copied_cookie_stops_working(
    dash_client: TestClient, make_person: PersonFactory, engine: Engine
) -> None:
    login(dash_client, make_person("admin"))
    copied = dash_client.cookies[COOKIE_NAME]
    response = dash_client.get("/keluar")
    assert response.status_code == 303 and response.headers["location"] == "/masuk"
    assert (
        f'{COOKIE_NAME}=""' in response.headers["set-cookie"] or "Max-Age=0" in response.headers["set-cookie"]
    )
    assert dash_client.get("/_dash-layout").status_code == 401
    dash_client.cookies.set(COOKIE_NAME, copied)
    assert dash_client.get("/_dash-layout").status_code == 401
    assert dash_client.get("/").status_code == 302
    with read_session(engine) as session:
        row = session.exec(
            select(DashboardSession).where(DashboardSession.session_hash == hash_token(copied))
        ).one()
    assert row.ended_at is not None


def test_api_and_docs_are_still_served_by_fastapi(dash_client: TestClient) -> None:
    assert dash_client.get("/api/v1/health").json()["status"] == "ok"
    assert dash_client.get("/docs").status_code == 200
    assert dash_client.get("/api/v1/openapi.json").status_code == 200
    unknown = dash_client.get("/api/v1/no-such-thing")
    assert unknown.status_code == 404 and unknown.json() == {"detail": "Not Found"}
    assert dash_client.post("/api/v1/health").status_code == 405
    assert dash_client.get("/api/v1/reports").status_code == 401  # bearer auth, not the cookie


def test_data_layer_keeps_an_analyst_in_the_province(
    settings: Settings, engine: Engine, make_token: TokenFactory, seed_reports: ReportSeeder
) -> None:
    seed_reports({"kabupaten_kode": "81.02", "severity": 5}, {"kabupaten_kode": "94.02", "severity": 5})
    data = DashboardData(settings)
    analyst = principal_for(engine, make_token("analyst", provinsi="81"))
    today = data.today()
    scores = data.scores(analyst, today)
    assert scores and {a.kode_prov for a in scores} == {"81"}
    assert next(a for a in scores if a.kode == "81.02").has_data
    assert data.kabupaten_detail(analyst, "81.02", today) is not None
    assert data.kabupaten_detail(analyst, "94.02", today) is None  # other province: not found
    assert data.kabupaten_detail(analyst, "99.99", today) is None  # unknown
    assert data.trend(analyst, "94.02", today) == []
    assert all(r.kabupaten_kode.startswith("81.") for r in data.recent_reports(analyst, "94.02", today))
    assert data.provinces_in_scope(analyst) == [("81", "Maluku")]
    admin = principal_for(engine, make_token("admin"))
    assert len(data.scores(admin, today)) == 514


def test_kabupaten_page_of_another_province_says_not_found(
    settings: Settings, engine: Engine, make_token: TokenFactory
) -> None:
    data = DashboardData(settings)
    analyst = principal_for(engine, make_token("analyst", provinsi="81"))
    other = render_page(data, analyst, "id", "/kabupaten/94.02", "")
    assert "not-found" in find_ids(other) and "kabupaten-name" not in find_ids(other)
    own = render_page(data, analyst, "id", "/kabupaten/81.02", "?tanggal=2024-11-20")
    assert "kabupaten-name" in find_ids(own) and "not-found" not in find_ids(own)
    assert "risk-map" in find_ids(render_page(data, analyst, "en", "/", "?tanggal=2024-11-20"))
    for far in ("0001-01-01", "9999-12-31"):  # answered 500 before; now read as "no date given"
        assert "kabupaten-name" in find_ids(
            render_page(data, analyst, "id", "/kabupaten/81.02", f"?tanggal={far}")
        )
        assert "risk-map" in find_ids(render_page(data, analyst, "id", "/", f"?tanggal={far}"))


def test_demo_note_only_when_demo_reports_are_in_scope(
    settings: Settings, engine: Engine, make_token: TokenFactory
) -> None:
    data = DashboardData(settings)
    admin = principal_for(engine, make_token("admin"))
    assert data.has_demo_data(admin) is False
    at = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)
    with write_session(engine) as session:
        session.add(
            Report(
                kabupaten_kode="94.02",
                occurred_at=at,
                received_at=at,
                category="hoaks",
                severity=2,
                title="demo",
                source_type="demo",
                reporter_id=admin.account_id,
                reporter=admin.name,
                content_hash="demo",
            )
        )
        session.commit()
    data.cache.clear()
    assert data.has_demo_data(admin) is True
    assert data.has_demo_data(principal_for(engine, make_token("analyst", provinsi="81"))) is False
    assert data.has_demo_data(principal_for(engine, make_token("analyst", provinsi="94"))) is True


def test_week_selector_is_hidden_without_snapshots_and_uses_them_when_frozen(
    settings: Settings, engine: Engine, make_token: TokenFactory, seed_reports: ReportSeeder
) -> None:
    from core.snapshots.freeze import compute_week
    from core.snapshots.weeks import week_start

    data = DashboardData(settings)
    admin = principal_for(engine, make_token("admin"))
    page = render_page(data, admin, "id", "/", "")
    assert find_component(page, "week-control").style == {"display": "none"}

    monday = week_start(data.today()) - timedelta(days=7)
    saturday = (monday + timedelta(days=5)).isoformat()
    seed_reports({"kabupaten_kode": "81.02", "severity": 5, "occurred_at": f"{saturday}T10:00:00"})
    with write_session(engine) as session:
        result = compute_week(session=session, week_start=monday, params=data.params, trigger="cli")
    assert result.succeeded, result

    data = DashboardData(settings)  # fresh caches
    assert data.snapshot_weeks() == [monday]
    frozen = data.snapshot_scores(admin, monday)
    assert frozen is not None and len(frozen) == 514
    sunday = monday + timedelta(days=6)
    live = {a.kode: a for a in data.scores(admin, sunday)}
    maluku = next(a for a in frozen if a.kode == "81.02")
    assert maluku.has_data and maluku.score == live["81.02"].score
    trend = data.trend(admin, "81.02", sunday, weeks=3)
    assert [p.week_end for p in trend][-1] == sunday and trend[-1].frozen and not trend[0].frozen
    page = render_page(data, admin, "id", "/", "")
    assert find_component(page, "week-control").style is None


def test_standalone_process_serves_the_dashboard_with_its_own_login(
    settings: Settings, make_person: PersonFactory
) -> None:
    from dashboard.app import create_standalone_app

    with TestClient(create_standalone_app(settings), follow_redirects=False) as client:
        assert client.get("/").headers["location"] == "/masuk?next=%2F"
        assert client.get("/api/v1/health").status_code == 404  # no API in this process
        login(client, make_person("admin"))
        assert client.get("/_dash-layout").status_code == 200


def test_alerts_panel_lists_the_scope_alerts_of_the_selected_fortnight(
    settings: Settings, engine: Engine, make_token: TokenFactory
) -> None:
    from datetime import date

    from core.alerts.rules import AlertDraft, record_alerts
    from core.db import write_session
    from dashboard.pages.risk_map import alerts_list
    from models.snapshot import AlertKind, AlertSource

    day = date(2024, 11, 24)
    drafts = [
        AlertDraft(
            "81.02", AlertKind.TINGGI, date(2024, 11, 18), day, 61.5, "tinggi", 9, AlertSource.SNAPSHOT, "x"
        ),
        AlertDraft(
            "64.01", AlertKind.SURGE, date(2024, 11, 18), day, 30.0, "sedang", 7, AlertSource.SNAPSHOT, "y"
        ),
    ]
    with write_session(engine) as session:
        record_alerts(session=session, drafts=drafts, webhook_urls=[])
        session.commit()
    data = DashboardData(settings)
    analyst = principal_for(engine, make_token("analyst", provinsi="81"))
    shown = data.alerts(analyst, day)
    assert [(a.kabupaten_kode, a.kind) for a in shown] == [("81.02", "tinggi")]
    assert data.alerts(analyst, date(2024, 12, 20)) == []  # outside the fortnight
    rendered = str(alerts_list(shown, day, "id").to_plotly_json())
    assert "Naik ke tinggi" in rendered and "Kabupaten Maluku Tenggara" in rendered


def test_thirty_wrong_logins_from_one_address_get_429_but_not_a_correct_login_from_another(
    settings: Settings, make_person: PersonFactory
) -> None:
    app = dashboard_app(settings)
    person = make_person("admin", username="admin-asli")
    with TestClient(app, follow_redirects=False, client=("203.0.113.5", 40000)) as attacker:
        codes = [
            attacker.post("/masuk", data={"username": f"tebakan-{n}", "password": "salah-salah"}).status_code
            for n in range(30)
        ]
        assert codes == [401] * 30
        refused = attacker.post("/masuk", data={"username": person.username, "password": person.password})
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 600
        assert "Terlalu banyak percobaan masuk" in refused.text
        assert COOKIE_NAME not in refused.headers.get("set-cookie", "")
    with TestClient(app, follow_redirects=False, client=("198.51.100.7", 40000)) as colleague:
        login(colleague, person)
        assert colleague.get("/_dash-layout").status_code == 200


def test_ten_wrong_passwords_for_one_username_block_that_username_from_that_address_only(
    settings: Settings, make_person: PersonFactory
) -> None:
    app = dashboard_app(settings)
    target = make_person("admin", username="admin-sasaran")
    other = make_person("admin", username="admin-lain")
    with TestClient(app, follow_redirects=False, client=("203.0.113.9", 40000)) as attacker:
        wrong = {"username": target.username, "password": "salah-salah"}
        assert [attacker.post("/masuk", data=wrong).status_code for _ in range(10)] == [401] * 10
        right = {"username": target.username, "password": target.password}
        assert attacker.post("/masuk", data=right).status_code == 429
        login(attacker, other)  # the address itself is not blocked (10 of its 30)
    with TestClient(app, follow_redirects=False, client=("198.51.100.8", 40000)) as owner:
        login(owner, target)


def test_a_one_time_password_must_be_changed_before_anything_else(
    dash_client: TestClient, make_person: PersonFactory
) -> None:
    person = make_person("analyst", one_time=True)
    first = dash_client.post(
        "/masuk", data={"username": person.username, "password": person.password, "next": "/kabupaten/81.02"}
    )
    assert first.status_code == 303
    assert first.headers["location"] == "/sandi?next=%2Fkabupaten%2F81.02"
    one_time_cookie = dash_client.cookies[COOKIE_NAME]
    assert dash_client.get("/").headers["location"] == "/sandi?next=%2F"
    assert dash_client.get("/_dash-layout").status_code == 401
    form = dash_client.get("/sandi?next=/kabupaten/81.02")
    assert form.status_code == 200 and "kata sandi sekali pakai" in form.text

    def change(current: str, new: str, confirm: str | None = None) -> httpx.Response:
        data = {"current_password": current, "new_password": new, "confirm_password": confirm or new}
        return dash_client.post("/sandi", data={**data, "next": "/kabupaten/81.02"})

    assert "Kata sandi saat ini salah" in change("bukan-ini-sandinya", "sandi-baru-saya-2024").text
    assert "tidak sama" in change(person.password, "sandi-baru-saya-2024", "sandi-lain-2024").text
    assert "minimal 10 karakter" in change(person.password, "pendek").text
    assert "memuat nama pengguna" in change(person.password, f"xx{person.username}xx").text
    changed = change(person.password, "sandi-baru-saya-2024")
    assert changed.status_code == 303 and changed.headers["location"] == "/kabupaten/81.02"
    new_cookie = dash_client.cookies[COOKIE_NAME]
    assert new_cookie != one_time_cookie
    assert dash_client.get("/_dash-layout").status_code == 200
    dash_client.cookies.clear()
    dash_client.cookies.set(COOKIE_NAME, one_time_cookie)
    assert dash_client.get("/_dash-layout").status_code == 401  # changing ended the old session
    dash_client.cookies.clear()
    old = dash_client.post("/masuk", data={"username": person.username, "password": person.password})
    assert old.status_code == 401
    login(dash_client, Person(person.username, "sandi-baru-saya-2024"))
    assert dash_client.get("/sandi").status_code == 200  # the page stays open to change it again
