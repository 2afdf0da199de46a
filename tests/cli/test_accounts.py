"""`waspada account` and `waspada token --username`: what they print works, refusals are one line, exit 2."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select
from typer.testing import CliRunner

from cli import app
from core.accounts.people import authenticate_password
from core.config import Settings
from core.db import get_engine, write_session
from core.errors import Unauthenticated
from models.account import Account
from tests.conftest import auth

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def can_log_in(settings: Settings, username: str, password: str) -> bool:
    with write_session(get_engine(settings)) as session:
        try:
            authenticate_password(session=session, username=username, password=password)
        except Unauthenticated:
            return False
    return True


def test_create_prints_a_one_time_password_that_logs_in_and_must_be_changed(cli_env: Settings) -> None:
    output = invoke(
        "account",
        "create",
        "--username",
        "siti",
        "--role",
        "analyst",
        "--provinsi",
        "81",
        "--name",
        "Siti Rahma (Kesbangpol)",
    )
    one_time = output.strip().splitlines()[-1]
    assert can_log_in(cli_env, "siti", one_time)
    with write_session(get_engine(cli_env)) as session:
        account = session.exec(select(Account).where(Account.username == "siti")).one()
    assert account.must_change_password and account.display_name == "Siti Rahma (Kesbangpol)"
    assert one_time not in (account.password_hash or "")
    listing = invoke("account", "list")
    assert "siti" in listing and "one-time" in listing and one_time not in listing


def test_password_from_stdin_reset_disable_enable(cli_env: Settings) -> None:
    invoke(
        "account",
        "create",
        "--username",
        "budi",
        "--role",
        "admin",
        "--password-stdin",
        stdin="sandi-rahasia-panjang-saya\n",
    )
    assert can_log_in(cli_env, "budi", "sandi-rahasia-panjang-saya")
    one_time = invoke("account", "reset-password", "budi").strip().splitlines()[-1]
    assert not can_log_in(cli_env, "budi", "sandi-rahasia-panjang-saya")
    assert can_log_in(cli_env, "budi", one_time)
    invoke("account", "disable", "budi")
    assert not can_log_in(cli_env, "budi", one_time)
    assert "disabled" in invoke("account", "list")
    invoke("account", "enable", "budi")
    assert can_log_in(cli_env, "budi", one_time)


def test_token_for_an_existing_account_works_and_today_s_flags_still_do(
    cli_env: Settings, client: TestClient
) -> None:
    invoke("account", "create", "--username", "petugas-malra", "--role", "officer", "--kabupaten", "81.02")
    token = (
        invoke("token", "create", "--username", "petugas-malra", "--name", "ponsel").strip().splitlines()[-1]
    )
    assert client.get("/api/v1/accounts/me", headers=auth(token)).json()["username"] == "petugas-malra"
    assert "ponsel" in invoke("token", "list")
    legacy = invoke("token", "create", "--role", "admin", "--name", "mesin-impor").strip().splitlines()[-1]
    assert client.get("/api/v1/accounts/me", headers=auth(legacy)).json()["has_password"] is False
    invoke("account", "disable", "petugas-malra")
    assert client.get("/api/v1/accounts/me", headers=auth(token)).status_code == 401


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["account", "create", "--username", "Siti Rahma", "--role", "admin"], None, "--username"),
        (["account", "create", "--username", "x1", "--role", "admin"], None, "--username"),
        (["account", "create", "--username", "siti", "--role", "officer"], None, "--kabupaten"),
        (
            ["account", "create", "--username", "siti", "--role", "admin", "--password-stdin"],
            "pendek\n",
            "password: a password needs at least 10 characters",
        ),
        (
            ["account", "create", "--username", "siti", "--role", "admin", "--password-stdin"],
            "",
            "no password",
        ),
        (["account", "disable", "tidak-ada"], None, "no account 'tidak-ada'"),
        (["account", "reset-password", "tidak-ada"], None, "no account 'tidak-ada'"),
        (["token", "create", "--username", "tidak-ada"], None, "no account 'tidak-ada'"),
        (["token", "create", "--username", "x", "--role", "admin"], None, "either --username or --role"),
        (["token", "create"], None, "give --username, or --role and --name"),
    ],
)
def test_refusals_are_one_line_with_exit_code_2(
    cli_env: Settings, args: list[str], stdin: str | None, message: str
) -> None:
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("error:")]) == 1


def test_first_admin_is_made_once(cli_env: Settings) -> None:
    first = invoke("account", "first-admin")
    assert "administrator username: admin" in first
    one_time = first.strip().splitlines()[-1]
    assert can_log_in(cli_env, "admin", one_time)
    assert "accounts exist already" in invoke("account", "first-admin")
