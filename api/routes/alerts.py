"""Alerts in the caller's scope: who rose to tinggi or surged, and (admins) how delivery went."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import CurrentAccount, SessionDep
from api.errors import ERROR_RESPONSES
from core.alerts import queries as alerts
from core.alerts.queries import AlertView
from models.types import IsoDateTime

router = APIRouter(prefix="/alerts", tags=["alerts"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 422)}


class AlertList(BaseModel):
    items: list[AlertView]


@router.get("", response_model=AlertList, responses=AUTH_ERRORS)
def list_alerts(
    account: CurrentAccount,
    session: SessionDep,
    since: Annotated[
        IsoDateTime | None,
        Query(description="Only alerts raised at or after this instant (UTC if no offset)"),
    ] = None,
    provinsi: Annotated[str | None, Query(pattern=r"^\d{2}$", description="Province code, e.g. 81")] = None,
    kabupaten: Annotated[
        str | None, Query(pattern=r"^\d{2}\.?\d{2}$", description="Kabupaten/kota code, e.g. 81.02")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> AlertList:
    """Alerts in your scope, newest first (webhook delivery details for admins only).

    `provinsi` and `kabupaten` narrow your scope; outside it they match nothing.
    """
    views = alerts.list_alerts(
        session=session, account=account, since=since, provinsi=provinsi, kabupaten=kabupaten, limit=limit
    )
    return AlertList(items=list(views))
