"""Risk per kabupaten: the map's numbers and one kabupaten's explanation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query
from pydantic import BaseModel, Field

from api.deps import CurrentAccount, SessionDep, SettingsDep, WriteSessionDep
from api.errors import ERROR_RESPONSES, NOT_FOUND
from core.risk import baseline
from core.risk import service as risk_service
from core.risk.engine import RiskResult
from core.risk.params import MODEL_VERSION, RiskParams
from core.risk.points import level_for
from core.risk.service import KabupatenRef
from models.report import Factor
from models.types import IsoDate

router = APIRouter(prefix="/risk", tags=["risk"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 413, 422)}


async def get_risk_params(settings: SettingsDep) -> RiskParams:
    """The deployment's risk parameters (defaults unless WASPADA_RISK_PARAMS overrides some)."""
    return risk_service.risk_params(settings)


RiskParamsDep = Annotated[RiskParams, Depends(get_risk_params)]


class UnitScore(BaseModel):
    """What every scored unit shows, kabupaten or kecamatan."""

    as_of: date
    score: float
    level: str
    factor: Factor | None = None
    value: float
    value_level: str
    factor_scores: dict[str, float]
    surge: bool
    reports_7d: int
    weekly_avg_prev_4w: float
    stage: str | None
    dynamic_score: float
    model_version: str
    params_hash: str


class RiskItem(UnitScore):
    kabupaten_kode: str
    nama: str
    kode_prov: str
    election_name: str | None
    voting_day: date | None
    days_to_election: int | None
    baseline: float | None


class ContributionOut(BaseModel):
    kind: str
    id: str
    title: str
    factor_or_type: str
    points: float
    share: float
    day: date | None = Field(default=None, description="the report's local day, or the event's first day")


class RiskDetail(RiskItem):
    factor_points: dict[str, float]
    event_points: float
    event_score: float
    stage_multiplier: float
    contributions: list[ContributionOut]


class KecamatanRiskItem(UnitScore):
    kecamatan_kode: str
    nama: str
    event_points: float


class KecamatanRiskList(BaseModel):
    kabupaten_kode: str
    nama: str
    model_version: str
    params_hash: str
    items: list[KecamatanRiskItem]


class RiskList(BaseModel):
    model_version: str
    params_hash: str
    items: list[RiskItem]


def _score_fields(result: RiskResult, factor: Factor | None, params: RiskParams) -> dict:
    """What every scored unit shows, kabupaten or kecamatan: the score, its level, the factors."""
    value = result.factor_scores[factor.value] if factor else result.score
    return {
        "as_of": result.as_of,
        "score": result.score,
        "level": result.level,
        "factor": factor,
        "value": value,
        "value_level": level_for(value, params) if factor else result.level,
        "factor_scores": result.factor_scores,
        "surge": result.surge,
        "reports_7d": result.reports_7d,
        "weekly_avg_prev_4w": result.weekly_avg_prev_4w,
        "stage": result.stage,
        "dynamic_score": result.dynamic_score,
        "model_version": result.model_version,
        "params_hash": result.params_hash,
    }


def _item_fields(ref: KabupatenRef, result: RiskResult, factor: Factor | None, params: RiskParams) -> dict:
    return {
        **_score_fields(result, factor, params),
        "kabupaten_kode": ref.kode,
        "nama": ref.nama,
        "kode_prov": ref.kode_prov,
        "election_name": result.election_name,
        "voting_day": result.voting_day,
        "days_to_election": result.days_to_election,
        "baseline": result.baseline,
    }


AsOf = Annotated[IsoDate | None, Query(description="Day to score; default: today in each region's zone")]


@router.get("", response_model=RiskList, responses=AUTH_ERRORS)
def list_risk(
    account: CurrentAccount,
    session: SessionDep,
    params: RiskParamsDep,
    as_of: AsOf = None,
    provinsi: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
    factor: Factor | None = None,
) -> RiskList:
    """Every kabupaten in your scope with its score, level and factor breakdown."""
    rows = risk_service.risk_for_scope(
        session=session, account=account, as_of=as_of, provinsi=provinsi, params=params
    )
    items = [RiskItem(**_item_fields(ref, result, factor, params)) for ref, result in rows]
    return RiskList(model_version=MODEL_VERSION, params_hash=params.params_hash(), items=items)


@router.get("/baseline", response_model=list[dict[str, str | float]], responses=AUTH_ERRORS)
def get_baseline(account: CurrentAccount, session: SessionDep) -> list[dict[str, str | float]]:
    """The imported structural scores (empty until a table is imported)."""
    return [
        {"kode": b.kabupaten_kode, "score": b.score, "source": b.source}
        for b in baseline.list_baseline(session=session)
        if account.can_read_kabupaten(b.kabupaten_kode)
    ]


class BaselineImported(BaseModel):
    imported: int


@router.post("/baseline", response_model=BaselineImported, responses=AUTH_ERRORS)
def import_baseline(
    account: CurrentAccount,
    session: WriteSessionDep,
    csv_text: Annotated[str, Body(media_type="text/csv", description="CSV with columns kode,score,source")],
) -> BaselineImported:
    """Import structural scores (admin); a file with any bad row stores nothing."""
    return BaselineImported(
        imported=baseline.import_baseline(session=session, account=account, text=csv_text)
    )


@router.get("/{kode}", response_model=RiskDetail, responses={404: NOT_FOUND, **AUTH_ERRORS})
def get_risk(
    kode: str,
    account: CurrentAccount,
    session: SessionDep,
    params: RiskParamsDep,
    as_of: AsOf = None,
    factor: Factor | None = None,
) -> RiskDetail:
    """One kabupaten's score with the reports and events that drive it."""
    ref, result = risk_service.risk_for_kabupaten(
        session=session, account=account, kode=kode, as_of=as_of, params=params
    )
    return RiskDetail(
        **_item_fields(ref, result, factor, params),
        factor_points=result.factor_points,
        event_points=result.event_points,
        event_score=result.event_score,
        stage_multiplier=result.stage_multiplier,
        contributions=[ContributionOut(**c.__dict__) for c in result.contributions],
    )


@router.get("/{kode}/kecamatan", response_model=KecamatanRiskList, responses={404: NOT_FOUND, **AUTH_ERRORS})
def get_kecamatan_risk(
    kode: str,
    account: CurrentAccount,
    session: SessionDep,
    params: RiskParamsDep,
    as_of: AsOf = None,
    factor: Factor | None = None,
) -> KecamatanRiskList:
    """Every kecamatan of a kabupaten, scored from the reports and events placed in it.

    A report counts here when it carries a kecamatan (named, matched by name or located by its
    point); the kecamatan share the kabupaten's election stage but have no baseline.
    """
    ref, rows = risk_service.risk_for_kecamatan(
        session=session, account=account, kabupaten=kode, as_of=as_of, params=params
    )
    items = [
        KecamatanRiskItem(
            **_score_fields(result, factor, params),
            kecamatan_kode=kec.kode,
            nama=kec.nama,
            event_points=result.event_points,
        )
        for kec, result in rows
    ]
    return KecamatanRiskList(
        kabupaten_kode=ref.kode,
        nama=ref.nama,
        model_version=MODEL_VERSION,
        params_hash=params.params_hash(),
        items=items,
    )
