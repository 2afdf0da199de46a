"""The election calendar: admin edits, reads for everyone, and what the risk engine needs of it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import delete
from sqlmodel import Session, col, select

from core.accounts.service import Principal
from core.errors import Conflict, InvalidInput, NotFound
from core.regions.service import existing_kabupaten, normalize_kabupaten_kode, province_of
from core.risk.engine import election_context
from core.risk.inputs import ElectionInput, StageWindow
from core.risk.params import DEFAULT_PARAMS, RiskParams
from models.election import (
    Election,
    ElectionCreate,
    ElectionKabupaten,
    ElectionProvince,
    ElectionPublic,
    ElectionStage,
    StagePublic,
)
from models.region import Kabupaten, Province
from models.types import utc_now


def _check_regions(session: Session, election_in: ElectionCreate) -> tuple[list[str], list[str]]:
    """Every named province and kabupaten must exist; codes come back normalised and sorted."""
    provinces = sorted(set(election_in.provinces))
    known_prov = set(session.exec(select(Province.kode).where(col(Province.kode).in_(provinces))).all())
    unknown = [p for p in provinces if p not in known_prov]
    if unknown:
        raise InvalidInput.single("provinces", f"unknown province codes: {', '.join(unknown)}")
    kabupaten = sorted({normalize_kabupaten_kode(k, "kabupaten") for k in election_in.kabupaten})
    missing = sorted(set(kabupaten) - existing_kabupaten(session=session, kodes=set(kabupaten)))
    if missing:
        raise InvalidInput.single("kabupaten", f"unknown kabupaten/kota codes: {', '.join(missing)}")
    stages = [s.stage for s in election_in.stages]
    if len(stages) != len(set(stages)):
        raise InvalidInput.single("stages", "each stage may appear once")
    return provinces, kabupaten


def _write_children(session: Session, election_id: int, election_in: ElectionCreate) -> None:
    provinces, kabupaten = _check_regions(session, election_in)
    for table in (ElectionStage, ElectionProvince, ElectionKabupaten):
        session.exec(delete(table).where(table.election_id == election_id))  # type: ignore[attr-defined]
    session.add_all(
        ElectionStage(
            election_id=election_id,
            stage=s.stage.value,
            start_date=s.start_date,
            end_date=s.end_date,
        )
        for s in election_in.stages
    )
    session.add_all(ElectionProvince(election_id=election_id, provinsi_kode=p) for p in provinces)
    session.add_all(ElectionKabupaten(election_id=election_id, kabupaten_kode=k) for k in kabupaten)


def upsert_election(*, session: Session, election_in: ElectionCreate) -> ElectionPublic:
    """Create or replace an election by slug (seeding and admin edits share this)."""
    election = session.exec(select(Election).where(Election.slug == election_in.slug)).first()
    if election is None:
        election = Election(slug=election_in.slug, name="", kind="", voting_day=election_in.voting_day)
    election.name = election_in.name
    election.kind = election_in.kind.value
    election.voting_day = election_in.voting_day
    election.nationwide = election_in.nationwide
    election.updated_at = utc_now()
    session.add(election)
    session.flush()
    _write_children(session, election.id or 0, election_in)
    session.commit()
    return get_election(session=session, election_id=election.id or 0)


def create_election(*, session: Session, account: Principal, election_in: ElectionCreate) -> ElectionPublic:
    """Admins add elections; a slug already in use is a conflict, not a silent overwrite."""
    account.require_admin()
    if session.exec(select(Election.id).where(Election.slug == election_in.slug)).first() is not None:
        raise Conflict(f"an election with slug '{election_in.slug}' already exists")
    return upsert_election(session=session, election_in=election_in)


def replace_election(
    *, session: Session, account: Principal, election_id: int, election_in: ElectionCreate
) -> ElectionPublic:
    """Admins correct an election (dates move: PSU, postponements)."""
    account.require_admin()
    election = session.get(Election, election_id)
    if election is None:
        raise NotFound(f"election {election_id} not found")
    clash = session.exec(
        select(Election.id).where(Election.slug == election_in.slug, Election.id != election_id)
    ).first()
    if clash is not None:
        raise Conflict(f"an election with slug '{election_in.slug}' already exists")
    election.slug = election_in.slug
    session.add(election)
    session.flush()
    return upsert_election(session=session, election_in=election_in)


def delete_election(*, session: Session, account: Principal, election_id: int) -> None:
    account.require_admin()
    election = session.get(Election, election_id)
    if election is None:
        raise NotFound(f"election {election_id} not found")
    for table in (ElectionStage, ElectionProvince, ElectionKabupaten):
        session.exec(delete(table).where(table.election_id == election_id))  # type: ignore[attr-defined]
    session.delete(election)
    session.commit()


def _publics(session: Session, elections: list[Election]) -> list[ElectionPublic]:
    ids = [e.id for e in elections]
    stages: dict[int, list[StagePublic]] = defaultdict(list)
    provinces: dict[int, list[str]] = defaultdict(list)
    kabupaten: dict[int, list[str]] = defaultdict(list)
    for s in session.exec(
        select(ElectionStage)
        .where(col(ElectionStage.election_id).in_(ids))
        .order_by(ElectionStage.start_date)
    ):
        stages[s.election_id].append(StagePublic(stage=s.stage, start_date=s.start_date, end_date=s.end_date))
    for p in session.exec(select(ElectionProvince).where(col(ElectionProvince.election_id).in_(ids))):
        provinces[p.election_id].append(p.provinsi_kode)
    for k in session.exec(select(ElectionKabupaten).where(col(ElectionKabupaten.election_id).in_(ids))):
        kabupaten[k.election_id].append(k.kabupaten_kode)
    return [
        ElectionPublic(
            id=e.id or 0,
            slug=e.slug,
            name=e.name,
            kind=e.kind,
            voting_day=e.voting_day,
            nationwide=e.nationwide,
            provinces=sorted(provinces[e.id or 0]),
            kabupaten=sorted(kabupaten[e.id or 0]),
            stages=stages[e.id or 0],
        )
        for e in elections
    ]


def list_elections(*, session: Session) -> list[ElectionPublic]:
    return _publics(session, list(session.exec(select(Election).order_by(Election.voting_day)).all()))


def get_election(*, session: Session, election_id: int) -> ElectionPublic:
    election = session.get(Election, election_id)
    if election is None:
        raise NotFound(f"election {election_id} not found")
    return _publics(session, [election])[0]


def holds_election(election: ElectionPublic, kabupaten_kode: str) -> bool:
    """Whether a kabupaten takes part: nationwide, its province's contest, or its own."""
    return (
        election.nationwide
        or province_of(kabupaten_kode) in election.provinces
        or kabupaten_kode in election.kabupaten
    )


def to_engine_input(election: ElectionPublic) -> ElectionInput:
    """An election as the risk engine reads it (ids become strings, stages become windows)."""
    return ElectionInput(
        id=str(election.id),
        name=election.name,
        kind=election.kind.value,
        voting_day=election.voting_day,
        stages=tuple(
            StageWindow(stage=s.stage.value, start=s.start_date, end=s.end_date) for s in election.stages
        ),
    )


def stage_on(*, election: ElectionInput, day: date, params: RiskParams = DEFAULT_PARAMS) -> str | None:
    """The stage of this election on day, decided by the score's own rule (one rule for every view).

    On overlapping windows the stage with the highest multiplier wins, as in the score.
    """
    return election_context([election], day, params).stage


def elections_by_kabupaten(*, session: Session) -> dict[str, tuple[ElectionInput, ...]]:
    """For every kabupaten, the elections it takes part in, as the risk engine reads them."""
    elections = list_elections(session=session)
    inputs = [(e, to_engine_input(e)) for e in elections]
    kodes = session.exec(select(Kabupaten.kode)).all()
    return {k: tuple(i for e, i in inputs if holds_election(e, k)) for k in kodes}
