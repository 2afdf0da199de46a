"""Weekly snapshots: the weeks frozen so far, one week as JSON/CSV/XLSX/GeoJSON, the printable report.

The file routes (`/{week_start}.csv` ...) are declared before `/{week_start}`, so the plain
route never sees a suffixed path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from api.deps import CurrentAccount, SessionDep, SettingsDep
from api.errors import CONFLICT, ERROR_RESPONSES, NOT_FOUND
from api.report_page import letterhead, render_weekly_report
from core import jobs
from core.accounts.service import Principal
from core.config import Settings
from core.risk.service import risk_params
from core.security_headers import REPORT_POLICY
from core.snapshots.export import (
    CSV_MEDIA_TYPE,
    GEOJSON_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    kecamatan_snapshot_geojson,
    snapshot_csv,
    snapshot_geojson,
    snapshot_xlsx,
)
from core.snapshots.queries import (
    KECAMATAN_SNAPSHOT_FIELDS,
    KecamatanSnapshotRow,
    SnapshotRow,
    SnapshotWeek,
    kecamatan_snapshot_for_scope,
    list_weeks,
    snapshot_for_scope,
)
from core.snapshots.weekly_report import weekly_report
from core.snapshots.weeks import week_end
from models.types import IsoDate

router = APIRouter(prefix="/snapshots", tags=["snapshots"])
AUTH_ERRORS = {k: ERROR_RESPONSES[k] for k in (401, 403, 422)}
WEEK_ERRORS: dict[int | str, dict[str, Any]] = {404: NOT_FOUND, **AUTH_ERRORS}

WeekStart = Annotated[
    IsoDate, Path(description="Monday of the week (YYYY-MM-DD); weeks run Monday-Sunday WIB")
]
Provinsi = Annotated[str | None, Query(pattern=r"^\d{2}$", description="Only this province, e.g. 81")]


class SnapshotWeekList(BaseModel):
    items: list[SnapshotWeek]


class SnapshotOut(BaseModel):
    week_start: date
    as_of: date
    items: list[SnapshotRow]


class SnapshotRunOut(BaseModel):
    week_start: date
    status: str
    rows: int
    forced: bool
    error: str | None
    alerts: int


Position = Annotated[
    list[float], Field(min_length=2, max_length=2, description="[longitude, latitude] (RFC 7946 order)")
]
Ring = Annotated[
    list[Position], Field(min_length=4, description="Closed: the last position repeats the first")
]


class PolygonGeometry(BaseModel):
    type: Literal["Polygon"]
    coordinates: list[Ring] = Field(description="Exterior ring (counterclockwise), then any holes")


class MultiPolygonGeometry(BaseModel):
    type: Literal["MultiPolygon"]
    coordinates: list[list[Ring]] = Field(description="One Polygon's rings per part (islands)")


class SnapshotFeature(BaseModel):
    type: Literal["Feature"]
    id: str = Field(description="The kabupaten code, as in properties.kabupaten_kode")
    geometry: PolygonGeometry | MultiPolygonGeometry | None = Field(
        description="The kabupaten's simplified boundary (the map layer's); null only for a code without one"
    )
    properties: SnapshotRow


class SnapshotFeatureCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946): one feature per kabupaten in scope."""

    type: Literal["FeatureCollection"]
    features: list[SnapshotFeature]


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with every $ref replaced by what it names (self-contained)."""
    schema = model.model_json_schema(mode="serialization")
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[1]])
            return {key: inline(value) for key, value in node.items()}
        return [inline(item) for item in node] if isinstance(node, list) else node

    return inline(schema)


def _file_doc(
    media_type: str, description: str, schema: dict[str, Any] | None = None
) -> dict[int | str, dict[str, Any]]:
    content = {media_type: {"schema": schema or {"type": "string"}}}
    return {200: {"description": description, "content": content}}


def _attachment(week_start: date, provinsi: str | None, suffix: str) -> dict[str, str]:
    name = f"waspada-snapshot-{week_start.isoformat()}{f'-{provinsi}' if provinsi else ''}.{suffix}"
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("", response_model=SnapshotWeekList, responses=AUTH_ERRORS)
def list_snapshot_weeks(account: CurrentAccount, session: SessionDep) -> SnapshotWeekList:
    """Every week with a snapshot run, newest first, with its status."""
    weeks = list_weeks(session=session)
    return SnapshotWeekList(items=list(weeks))


def _scoped_rows(
    session: Session, account: Principal, week_start: date, provinsi: str | None
) -> list[SnapshotRow]:
    return snapshot_for_scope(session=session, account=account, week_start=week_start, provinsi=provinsi)


@dataclass(frozen=True)
class SnapshotFile:
    """One downloadable format of a frozen week: how it is built and how OpenAPI describes it."""

    suffix: str
    media_type: str
    build: Callable[[Settings, date, list[SnapshotRow]], bytes]
    content: str  # what the 200 response holds
    doc: str  # the operation's description
    schema: dict[str, Any] | None = None  # the body's JSON schema, for a format that has one


SNAPSHOT_FILES: tuple[SnapshotFile, ...] = (
    SnapshotFile(
        "csv",
        CSV_MEDIA_TYPE,
        lambda settings, week_start, rows: snapshot_csv(rows),
        "The week in your scope as UTF-8 CSV",
        "The week's rows in your scope as CSV (same values as the JSON).",
    ),
    SnapshotFile(
        "xlsx",
        XLSX_MEDIA_TYPE,
        lambda settings, week_start, rows: snapshot_xlsx(rows, title=week_start.isoformat()),
        "The week in your scope as an Excel workbook",
        "The week's rows in your scope as an Excel workbook.",
    ),
    SnapshotFile(
        "geojson",
        GEOJSON_MEDIA_TYPE,
        lambda settings, week_start, rows: snapshot_geojson(geo_dir=settings.geo_dir, rows=rows),
        "A GeoJSON FeatureCollection: each kabupaten's polygons with the week's values",
        "The week's rows in your scope as GeoJSON: a FeatureCollection of each kabupaten's "
        "(simplified) polygons in lon/lat with the row as its properties, ready for a choropleth in QGIS.",
        inline_schema(SnapshotFeatureCollection),
    ),
)


def _file_endpoint(file: SnapshotFile) -> Callable[..., Response]:
    """The route of one file format: the same scoped rows as the JSON, built into that format."""

    def snapshot_file(
        week_start: WeekStart,
        account: CurrentAccount,
        session: SessionDep,
        settings: SettingsDep,
        provinsi: Provinsi = None,
    ) -> Response:
        rows = _scoped_rows(session, account, week_start, provinsi)
        body = file.build(settings, week_start, rows)
        return Response(
            body, media_type=file.media_type, headers=_attachment(week_start, provinsi, file.suffix)
        )

    return snapshot_file


for _file in SNAPSHOT_FILES:  # before "/{week_start}", which would otherwise take "2024-11-18.csv"
    router.add_api_route(
        f"/{{week_start}}.{_file.suffix}",
        _file_endpoint(_file),
        methods=["GET"],
        name=f"snapshot_{_file.suffix}",
        description=_file.doc,
        response_class=Response,
        responses={**_file_doc(_file.media_type, _file.content, _file.schema), **WEEK_ERRORS},
    )


class KecamatanSnapshotOut(BaseModel):
    week_start: date
    as_of: date
    items: list[KecamatanSnapshotRow]


KabupatenFilter = Annotated[
    str | None, Query(pattern=r"^\d{2}\.?\d{2}$", description="Only this kabupaten's kecamatan, e.g. 81.02")
]


def kecamatan_week_rows(
    week_start: WeekStart,
    account: CurrentAccount,
    session: SessionDep,
    provinsi: Provinsi = None,
    kabupaten: KabupatenFilter = None,
) -> list[KecamatanSnapshotRow]:
    """The week's kecamatan rows in the caller's scope, for the JSON and both files alike."""
    return kecamatan_snapshot_for_scope(
        session=session, account=account, week_start=week_start, provinsi=provinsi, kabupaten=kabupaten
    )


KecamatanRowsDep = Annotated[list[KecamatanSnapshotRow], Depends(kecamatan_week_rows)]


@router.get("/{week_start}/kecamatan", response_model=KecamatanSnapshotOut, responses=WEEK_ERRORS)
def get_kecamatan_snapshot(week_start: WeekStart, rows: KecamatanRowsDep) -> KecamatanSnapshotOut:
    """The frozen week for every kecamatan in your scope (score 0: nothing reported or planned there)."""
    return KecamatanSnapshotOut(week_start=week_start, as_of=week_end(week_start), items=rows)


def _kecamatan_file(suffix: str) -> Callable[..., Response]:
    """The kecamatan rows of a week as CSV or XLSX, the same values as their JSON."""

    def kecamatan_snapshot_file(
        week_start: WeekStart,
        rows: KecamatanRowsDep,
        settings: SettingsDep,
        provinsi: Provinsi = None,
        kabupaten: KabupatenFilter = None,
    ) -> Response:
        if suffix == "geojson":
            body, media_type = (
                kecamatan_snapshot_geojson(geo_dir=settings.geo_dir, rows=rows),
                GEOJSON_MEDIA_TYPE,
            )
        elif suffix == "csv":
            body, media_type = snapshot_csv(rows, KECAMATAN_SNAPSHOT_FIELDS), CSV_MEDIA_TYPE
        else:
            title = f"kecamatan {week_start.isoformat()}"
            body, media_type = (
                snapshot_xlsx(rows, title=title, fields=KECAMATAN_SNAPSHOT_FIELDS),
                XLSX_MEDIA_TYPE,
            )
        scope = kabupaten or provinsi
        return Response(
            body, media_type=media_type, headers=_attachment(week_start, scope, f"kecamatan.{suffix}")
        )

    return kecamatan_snapshot_file


for _suffix, _media_type in (
    ("csv", CSV_MEDIA_TYPE),
    ("xlsx", XLSX_MEDIA_TYPE),
    ("geojson", GEOJSON_MEDIA_TYPE),
):
    router.add_api_route(
        f"/{{week_start}}/kecamatan.{_suffix}",
        _kecamatan_file(_suffix),
        methods=["GET"],
        name=f"kecamatan_snapshot_{_suffix}",
        description=f"The week's kecamatan rows in your scope as {_suffix.upper()} (the JSON's values).",
        response_class=Response,
        responses={**_file_doc(_media_type, f"Kecamatan rows as {_suffix.upper()}"), **WEEK_ERRORS},
    )


@router.get("/{week_start}", response_model=SnapshotOut, responses=WEEK_ERRORS)
def get_snapshot(
    week_start: WeekStart, account: CurrentAccount, session: SessionDep, provinsi: Provinsi = None
) -> SnapshotOut:
    """The frozen week for every kabupaten in your scope; 404 if the week was never frozen."""
    rows = _scoped_rows(session, account, week_start, provinsi)
    return SnapshotOut(
        week_start=week_start,
        as_of=week_end(week_start),
        items=list(rows),
    )


@router.get(
    "/{week_start}/report",
    response_class=Response,
    responses={
        **_file_doc("text/html", "Printable HTML (A4), Bahasa Indonesia or English"),
        **WEEK_ERRORS,
    },
)
def weekly_report_page(
    week_start: WeekStart,
    account: CurrentAccount,
    session: SessionDep,
    settings: SettingsDep,
    provinsi: Annotated[
        str | None,
        Query(
            pattern=r"^\d{2}$",
            description="The province, e.g. 81. Without it: your own province, or for an admin the "
            "national report (every province)",
        ),
    ] = None,
    lang: Annotated[Literal["id", "en"], Query(description="Bahasa Indonesia (default) or English")] = "id",
) -> Response:
    """The weekly report of a province (or, for an admin, the nation), ready to print or save as PDF."""
    report = weekly_report(
        session=session,
        account=account,
        week_start=week_start,
        provinsi=provinsi,
        params=risk_params(settings),
    )
    return HTMLResponse(
        render_weekly_report(report, geo_dir=settings.geo_dir, lang=lang, head=letterhead(settings)),
        headers={"Content-Security-Policy": REPORT_POLICY},
    )


@router.post(
    "/{week_start}/run",
    response_model=SnapshotRunOut,
    responses={
        500: {"model": SnapshotRunOut, "description": "The recompute failed"},
        409: CONFLICT,
        **AUTH_ERRORS,
    },
)
def recompute_snapshot(week_start: WeekStart, account: CurrentAccount, settings: SettingsDep) -> Any:
    """Recompute a complete week now (admin; replaces its rows; audited)."""
    result = jobs.recompute_week(settings=settings, account=account, week_start=week_start)
    body = SnapshotRunOut(
        week_start=result.week_start,
        status=result.status,
        rows=result.rows,
        forced=result.forced,
        error=result.error,
        alerts=len(result.alert_ids),
    )
    if result.error:
        return JSONResponse(status_code=500, content=body.model_dump(mode="json"))
    return body
