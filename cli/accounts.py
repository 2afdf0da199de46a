"""`waspada account ...` and `waspada token ...`: people's accounts and API tokens.

Passwords and tokens are printed once, alone on the last line; refusals are one line each on
stderr with exit code 2 (cli.output).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from cli.output import fail
from core.accounts.people import (
    create_account,
    disable_account,
    enable_account,
    ensure_first_admin,
    list_accounts,
    public_account,
    reset_password,
)
from core.accounts.service import (
    Principal,
    account_by_username,
    create_account_token,
    issue_token,
    list_tokens,
    revoke_token,
)
from core.config import get_settings
from core.db import get_engine, write_session
from core.errors import FieldError, InvalidInput, NotFound, WaspadaError
from models.account import AccountCreate, Role

account_app = typer.Typer(help="People's accounts (argon2id password hashes).", no_args_is_help=True)
token_app = typer.Typer(help="API tokens (only their hashes are stored).", no_args_is_help=True)

OPERATOR = Principal(account_id=0, name="cli", role=Role.ADMIN)  # whoever holds the server's shell
FLAGS = ("--provinsi", "--kabupaten")  # errors name the flag the operator typed
OPTION_OF = {
    "username": "--username",
    "password": "--password-stdin",
    "display_name": "--name",
    "role": "--role",
}


def _password_from_stdin() -> str:
    """The first line of standard input, so a password never shows in the process list or history."""
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        fail(InvalidInput.single("--password-stdin", "no password on standard input"))
    return line


@account_app.command("create")
def account_create(
    username: Annotated[str, typer.Option(help="Login name: 3-40 of a-z 0-9 . _ -")],
    role: Annotated[Role, typer.Option(help="admin, analyst or officer")],
    provinsi: Annotated[str | None, typer.Option(help="Province code, for an analyst")] = None,
    kabupaten: Annotated[str | None, typer.Option(help="Kabupaten code, for an officer")] = None,
    name: Annotated[str | None, typer.Option(help="Display name, e.g. 'Siti Rahma (Kesbangpol)'")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Create a person's account; without --password-stdin a one-time password is printed."""
    password = _password_from_stdin() if password_stdin else None
    try:
        account_in = AccountCreate.model_validate(
            {
                "username": username,
                "role": role,
                "provinsi_kode": provinsi,
                "kabupaten_kode": kabupaten,
                "display_name": name,
                "password": password,
            }
        )
    except ValidationError as exc:
        fail(
            InvalidInput(
                [FieldError(OPTION_OF.get(str(e["loc"][0]), "--username"), e["msg"]) for e in exc.errors()]
            )
        )
    with write_session(get_engine(get_settings())) as session:
        try:
            account, one_time = create_account(
                session=session, actor=OPERATOR, account_in=account_in, scope_fields=FLAGS
            )
        except WaspadaError as exc:
            fail(exc)
    if one_time is None:
        typer.echo(f"account {account.username} ({role.value}) created")
        return
    typer.echo(
        f"account {account.username} ({role.value}) created; one-time password, to change at first login:"
    )
    typer.echo(one_time)


@account_app.command("list")
def account_list() -> None:
    """Every account with its role, scope and state."""
    with write_session(get_engine(get_settings())) as session:
        rows = [public_account(a) for a in list_accounts(session=session, actor=OPERATOR)]
    typer.echo(f"{'username':<24} {'role':<8} {'scope':<6} {'password':<13} {'state':<9} name")
    for row in rows:
        scope = row.kabupaten_kode or row.provinsi_kode or "*"
        password = ("one-time" if row.must_change_password else "set") if row.has_password else "none (API)"
        state = "disabled" if row.disabled else "active"
        typer.echo(
            f"{row.username:<24} {row.role.value:<8} {scope:<6} {password:<13} {state:<9} "
            f"{row.display_name or ''}"
        )


def _change_account(change: Callable[..., Any], username: str) -> Any:
    """Run one account change as the operator; a refusal ends the command (exit code 2)."""
    with write_session(get_engine(get_settings())) as session:
        try:
            return change(session=session, actor=OPERATOR, username=username)
        except WaspadaError as exc:
            fail(exc)


@account_app.command("disable")
def account_disable(username: Annotated[str, typer.Argument(help="The account's username")]) -> None:
    """Disable at once: no login, no API token of the account works, its sessions end."""
    _change_account(disable_account, username)
    typer.echo(f"account {username} disabled")


@account_app.command("enable")
def account_enable(username: Annotated[str, typer.Argument(help="The account's username")]) -> None:
    """Allow a disabled account again."""
    _change_account(enable_account, username)
    typer.echo(f"account {username} enabled")


@account_app.command("reset-password")
def account_reset_password(username: Annotated[str, typer.Argument(help="The account's username")]) -> None:
    """Print a new one-time password (to change at first login); the account's sessions end."""
    _, one_time = _change_account(reset_password, username)
    typer.echo(f"one-time password for {username}, to change at first login:")
    typer.echo(one_time)


@account_app.command("first-admin")
def account_first_admin() -> None:
    """On a fresh installation, create the administrator 'admin' and print its one-time password."""
    with write_session(get_engine(get_settings())) as session:
        created = ensure_first_admin(session=session)
    if created is None:
        typer.echo("accounts exist already; `waspada account reset-password USERNAME` gives a new password")
        return
    account, one_time = created
    typer.echo(f"administrator username: {account.username}; one-time password (change it at first login):")
    typer.echo(one_time)


@token_app.command("create")
def token_create(
    username: Annotated[str | None, typer.Option(help="An existing account to issue the token for")] = None,
    role: Annotated[Role | None, typer.Option(help="admin, analyst or officer (API-only account)")] = None,
    name: Annotated[
        str | None, typer.Option(help="With --username: the token's label; with --role: the account's name")
    ] = None,
    provinsi: Annotated[str | None, typer.Option(help="Province code, for an analyst")] = None,
    kabupaten: Annotated[str | None, typer.Option(help="Kabupaten code, for an officer")] = None,
) -> None:
    """Issue a token; it is printed once, alone on the last line."""
    with write_session(get_engine(get_settings())) as session:
        try:
            if username is not None:
                if role is not None or provinsi or kabupaten:
                    raise InvalidInput.single("--username", "give either --username or --role with its scope")
                account = account_by_username(session=session, username=username)
                if account is None:
                    raise NotFound(f"no account '{username}'")
                token, plaintext = issue_token(session=session, account=account, token_name=name)
                owner, owner_role = account.username, Role(account.role)
            else:
                if role is None or not name:
                    raise InvalidInput.single("--username", "give --username, or --role and --name")
                token, plaintext = create_account_token(
                    session=session,
                    name=name,
                    role=role,
                    provinsi=provinsi,
                    kabupaten=kabupaten,
                    fields=FLAGS,
                )
                owner, owner_role = name, role
        except WaspadaError as exc:
            fail(exc)
    typer.echo(f"token {token.id} for {owner} ({owner_role.value}); store it now, it is not shown again:")
    typer.echo(plaintext)


@token_app.command("list")
def token_list() -> None:
    """Every token with its account, role, scope and whether it is revoked."""
    with write_session(get_engine(get_settings())) as session:
        rows = list_tokens(session=session)
    typer.echo(
        f"{'id':>4}  {'prefix':<12} {'account':<24} {'role':<8} {'scope':<6} {'created':<20} "
        f"{'state':<8} label"
    )
    for row in rows:
        state = "revoked" if row.revoked else "active"
        typer.echo(
            f"{row.id:>4}  {row.prefix:<12} {row.account:<24} {row.role:<8} {row.scope:<6} "
            f"{row.created_at:<20} {state:<8} {row.name}"
        )


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(help="Token id from `token list`")]) -> None:
    """Revoke a token at once."""
    with write_session(get_engine(get_settings())) as session:
        try:
            revoke_token(session=session, token_id=token_id)
        except WaspadaError as exc:
            fail(exc)
    typer.echo(f"token {token_id} revoked")
