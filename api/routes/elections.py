"""The election calendar: every role reads it, admins change it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import CurrentAccount, SessionDep, WriteSessionDep
from api.errors import CONFLICT, ERROR_RESPONSES, NOT_FOUND
from core.calendar import service as calendar
from models.election import ElectionCreate, ElectionPublic

router = APIRouter(prefix="/elections", tags=["elections"])
ElectionId = Annotated[int, Path(ge=1, le=2_147_483_647)]
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 413, 422)}


@router.get("", response_model=list[ElectionPublic], responses=AUTH_ERRORS)
def list_elections(account: CurrentAccount, session: SessionDep) -> list[ElectionPublic]:
    return calendar.list_elections(session=session)


@router.get("/{election_id}", response_model=ElectionPublic, responses={404: NOT_FOUND, **AUTH_ERRORS})
def get_election(election_id: ElectionId, account: CurrentAccount, session: SessionDep) -> ElectionPublic:
    return calendar.get_election(session=session, election_id=election_id)


@router.post("", status_code=201, response_model=ElectionPublic, responses={409: CONFLICT, **AUTH_ERRORS})
def create_election(
    election_in: ElectionCreate,
    account: CurrentAccount,
    session: WriteSessionDep,
    response: Response,
) -> ElectionPublic:
    """Add an election with its stages and the regions that hold it (admin)."""
    election = calendar.create_election(session=session, account=account, election_in=election_in)
    response.headers["Location"] = f"/api/v1/elections/{election.id}"
    return election


@router.put(
    "/{election_id}",
    response_model=ElectionPublic,
    responses={404: NOT_FOUND, 409: CONFLICT, **AUTH_ERRORS},
)
def replace_election(
    election_id: ElectionId, election_in: ElectionCreate, account: CurrentAccount, session: WriteSessionDep
) -> ElectionPublic:
    """Replace an election's dates, stages and regions (admin)."""
    return calendar.replace_election(
        session=session, account=account, election_id=election_id, election_in=election_in
    )


@router.delete("/{election_id}", status_code=204, responses={404: NOT_FOUND, **AUTH_ERRORS})
def delete_election(election_id: ElectionId, account: CurrentAccount, session: WriteSessionDep) -> Response:
    calendar.delete_election(session=session, account=account, election_id=election_id)
    return Response(status_code=204)
