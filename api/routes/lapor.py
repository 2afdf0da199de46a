"""The field report form (/lapor, offline-first) and GET /api/v1/me, the cheap call it signs in with.

`page_router` is included at the application root, `router` under /api/v1. The page's files
live in api/static/lapor; `__VERSION__` in index.html, sw.js and the manifest becomes a hash of
all of them, so versioned asset URLs can be cached for a year and a changed file installs a
new service worker.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlmodel import Session

from api.deps import CurrentAccount, SessionDep, SettingsDep
from api.errors import ERROR_RESPONSES
from core.accounts.service import Principal
from core.regions.service import get_kabupaten, list_provinces
from core.security_headers import FORM_POLICY
from models.account import Role

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "lapor"
PLACEHOLDER = b"__VERSION__"
MEDIA_TYPES = {
    "index.html": "text/html; charset=utf-8",
    "sw.js": "text/javascript; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "manifest.webmanifest": "application/manifest+json",
    "icon.svg": "image/svg+xml",
}
UNVERSIONED = frozenset({"index.html", "sw.js"})  # fetched by fixed URL: always revalidated
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes
    etag: str
    media_type: str


@dataclass(frozen=True)
class Shell:
    version: str
    assets: dict[str, Asset]


@functools.cache
def shell() -> Shell:
    """Read the page's files once, stamp the version into them, and pre-compress them."""
    sources = {name: (STATIC_DIR / name).read_bytes() for name in MEDIA_TYPES}
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name] + b"\0")
    version = digest.hexdigest()[:12]
    assets = {}
    for name, raw in sources.items():
        body = raw.replace(PLACEHOLDER, version.encode())
        assets[name] = Asset(
            body=body,
            gzipped=gzip.compress(body, compresslevel=9, mtime=0),
            etag=hashlib.sha256(body).hexdigest()[:16],
            media_type=MEDIA_TYPES[name],
        )
    return Shell(version, assets)


def _serve(request: Request, name: str, cache_control: str) -> Response:
    """One file with its ETag (304 when unchanged), gzip when the client accepts it."""
    asset = shell().assets[name]
    compressed = "gzip" in request.headers.get("accept-encoding", "")
    etag = f'"{asset.etag}{"-gz" if compressed else ""}"'
    headers = {
        "Cache-Control": cache_control,
        "ETag": etag,
        "Vary": "Accept-Encoding",
        "X-Content-Type-Options": "nosniff",
    }
    # The form's policy on every file of it: a service worker runs under its own script's CSP,
    # and the API's default-src 'none' would stop it from caching the form and sending reports.
    headers |= {"Content-Security-Policy": FORM_POLICY, "Referrer-Policy": "no-referrer"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    if compressed:
        headers["Content-Encoding"] = "gzip"
    return Response(asset.gzipped if compressed else asset.body, media_type=asset.media_type, headers=headers)


page_router = APIRouter(include_in_schema=False)


@page_router.api_route("/lapor", methods=["GET", "HEAD"])
def lapor_redirect() -> RedirectResponse:
    """The page lives at /lapor/ so that it falls inside the service worker's scope."""
    return RedirectResponse("/lapor/", status_code=308, headers={"Cache-Control": "public, max-age=31536000"})


@page_router.api_route("/lapor/", methods=["GET", "HEAD"])
def lapor_page(request: Request) -> Response:
    return _serve(request, "index.html", REVALIDATE)


@page_router.api_route("/lapor/{name}", methods=["GET", "HEAD"])
def lapor_asset(name: str, request: Request) -> Response:
    """The page's own files; a URL carrying the current version may be cached for a year."""
    if name not in MEDIA_TYPES:
        raise HTTPException(status_code=404, detail="Not Found")
    versioned = name not in UNVERSIONED and request.query_params.get("v") == shell().version
    return _serve(request, name, IMMUTABLE if versioned else REVALIDATE)


class RegionBrief(BaseModel):
    kode: str
    nama: str
    timezone: str
    zona: str
    utc_offset: str


class Me(BaseModel):
    """Who the token belongs to and where it acts: what the report form needs to start."""

    name: str
    role: Role
    provinsi: RegionBrief | None
    kabupaten: RegionBrief | None
    future_tolerance_minutes: int = Field(
        description="How far past the server's clock occurred_at may lie; the form checks it before sending"
    )


def _offset(timezone: str) -> str:
    """'+09:00' for Asia/Jayapura (Indonesia has no daylight saving time)."""
    raw = datetime.now(ZoneInfo(timezone)).strftime("%z")
    return f"{raw[:3]}:{raw[3:]}"


def _brief(kode: str, nama: str, timezone: str, zona: str) -> RegionBrief:
    return RegionBrief(kode=kode, nama=nama, timezone=timezone, zona=zona, utc_offset=_offset(timezone))


def whoami(session: Session, account: Principal, future_tolerance_minutes: int) -> Me:
    """The account with its kabupaten (officers) or province (analysts), names and time zones."""
    kabupaten = provinsi = None
    if account.kabupaten_kode:
        kab = get_kabupaten(session=session, kode=account.kabupaten_kode)
        kabupaten = _brief(kab.kode, kab.nama, kab.timezone, kab.zona)
        provinsi = _brief(kab.kode_prov, kab.nama_prov, kab.timezone, kab.zona)
    elif account.provinsi_kode:
        prov = next(p for p in list_provinces(session=session) if p.kode == account.provinsi_kode)
        provinsi = _brief(prov.kode, prov.nama, prov.timezone, prov.zona)
    return Me(
        name=account.name,
        role=account.role,
        provinsi=provinsi,
        kabupaten=kabupaten,
        future_tolerance_minutes=future_tolerance_minutes,
    )


router = APIRouter(tags=["accounts"])


@router.get("/me", response_model=Me, responses={401: ERROR_RESPONSES[401]})
def me(account: CurrentAccount, session: SessionDep, settings: SettingsDep) -> Me:
    """Check a token and learn its scope and the intake rule the form checks on the phone."""
    return whoami(session, account, settings.future_tolerance_minutes)
