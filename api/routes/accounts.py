"""People's accounts: who may log in, with which role and scope; one's own password.

Admins manage every account; analysts the officer accounts of their province; officers only
their own password. Generated one-time passwords appear once, in the answer that made them.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import CurrentAccount, SessionDep, WriteSessionDep
from api.errors import CONFLICT, ERROR_RESPONSES, NOT_FOUND
from core.accounts import people
from models.account import AccountCreate, AccountCreated, AccountPublic, PasswordChange

router = APIRouter(prefix="/accounts", tags=["accounts"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 422)}
NO_STORE = "no-store"  # answers can carry a one-time password


@router.get("", response_model=list[AccountPublic], responses=AUTH_ERRORS)
def list_accounts(account: CurrentAccount, session: SessionDep) -> list[AccountPublic]:
    """The accounts you may see (admins all, analysts their province), by username."""
    return [people.public_account(a) for a in people.list_accounts(session=session, actor=account)]


@router.post(
    "",
    status_code=201,
    response_model=AccountCreated,
    responses={409: CONFLICT, **AUTH_ERRORS},
)
def create_account(
    account_in: AccountCreate, account: CurrentAccount, session: WriteSessionDep, response: Response
) -> AccountCreated:
    """Create an account; without `password` a one-time password is generated and returned once."""
    created, one_time = people.create_account(session=session, actor=account, account_in=account_in)
    response.headers["Location"] = f"/api/v1/accounts/{created.username}"
    response.headers["Cache-Control"] = NO_STORE
    return AccountCreated(**people.public_account(created).model_dump(), one_time_password=one_time)


@router.get("/me", response_model=AccountPublic, responses=AUTH_ERRORS)
def my_account(account: CurrentAccount, session: SessionDep) -> AccountPublic:
    """The account behind your token."""
    return people.public_account(people.own_account(session=session, actor=account))


@router.post("/me/password", status_code=204, responses=AUTH_ERRORS)
def change_my_password(body: PasswordChange, account: CurrentAccount, session: WriteSessionDep) -> Response:
    """Change your own password (the current one is checked); your dashboard sessions end."""
    people.change_own_password(
        session=session, account_id=account.account_id, current=body.current_password, new=body.new_password
    )
    return Response(status_code=204)


@router.post("/{username}/disable", response_model=AccountPublic, responses={404: NOT_FOUND, **AUTH_ERRORS})
def disable_account(username: str, account: CurrentAccount, session: WriteSessionDep) -> AccountPublic:
    """Disable now: no login, none of its tokens work, its sessions end."""
    return people.public_account(people.disable_account(session=session, actor=account, username=username))


@router.post("/{username}/enable", response_model=AccountPublic, responses={404: NOT_FOUND, **AUTH_ERRORS})
def enable_account(username: str, account: CurrentAccount, session: WriteSessionDep) -> AccountPublic:
    """Allow a disabled account again."""
    return people.public_account(people.enable_account(session=session, actor=account, username=username))


@router.post(
    "/{username}/reset-password",
    response_model=AccountCreated,
    responses={404: NOT_FOUND, **AUTH_ERRORS},
)
def reset_password(
    username: str, account: CurrentAccount, session: WriteSessionDep, response: Response
) -> AccountCreated:
    """A new one-time password, returned once; the old password and its sessions end."""
    changed, one_time = people.reset_password(session=session, actor=account, username=username)
    response.headers["Cache-Control"] = NO_STORE
    return AccountCreated(**people.public_account(changed).model_dump(), one_time_password=one_time)
