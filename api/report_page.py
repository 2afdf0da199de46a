"""Render the printable weekly report: Jinja2 (autoescaped) and an inline SVG map drawn server-side.

No JavaScript and nothing fetched from the internet (the letterhead's logo is embedded as a
data: URI), so the page prints the same offline. Bahasa Indonesia by default, English with
lang="en"; the words are in api/report_words.py, numbers and dates from core.snapshots.narrative.
"""

from __future__ import annotations

import base64
import functools
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from shapely.geometry import MultiPolygon, shape

from api.report_words import t
from core.config import Settings
from core.snapshots.narrative import (
    format_date,
    format_moment,
    format_number,
    format_weekday_date,
    language,
    week_narrative,
)
from core.snapshots.weekly_report import WeeklyReport, province_features
from geo.datapack import data_credit
from models import vocab

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
LEVEL_PALETTE = ("#4caf50", "#f9a825", "#d32f2f")  # lowest level first
LEVEL_COLOURS = dict(zip(vocab.values(vocab.LEVELS), LEVEL_PALETTE, strict=True))
NO_DATA_COLOUR = "#e0e0e0"
LEVEL_LABELS = vocab.labels("level", "id")
MAP_WIDTH = 640.0
MAP_MAX_HEIGHT = 440.0
MAP_PADDING = 8.0
LABEL_SIZE = 11.0  # SVG units: about 9 pt once the 640-unit map fills an A4 column
MAX_NATIONAL_NUMBERS = 40
LATE_FREEZE_DAYS = 8  # a snapshot made later than this after its Sunday is explained as late
MAX_LOGO_BYTES = 512 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- words and dates


def h_minus(days: int, lang: str | None = "id") -> str:
    """H-9 before voting day, Hari H on it, H+3 after."""
    if days == 0:
        return t("voting_day", lang)
    return f"H-{days}" if days > 0 else f"H+{-days}"


def perubahan(change: int | None, lang: str | None = "id") -> str:
    """The level change in words."""
    if change is None:
        return "—"
    if change == 0:
        return t("change.same", lang)
    return t("change.up", lang, n=change) if change > 0 else t("change.down", lang, n=-change)


def factor_or_event_type(value: str, lang: str | None = "id") -> str:
    """A contribution's factor (a report) or event type (a planned event) in words."""
    vocabulary = "factor" if value in vocab.values(vocab.FACTORS) else "event_type"
    return vocab.label(vocabulary, value, language(lang))


def freezing_note(report: WeeklyReport, lang: str | None = "id") -> tuple[str, ...]:
    """When the snapshot was made, in the report's zone, and what its figures cover; a snapshot
    made long after its week (a demo loaded later, a recompute) says so."""
    if report.generated_at is None:
        return ()
    notes = [
        t(
            "frozen",
            lang,
            moment=format_moment(report.generated_at, lang),
            zona=report.zona,
            as_of=format_weekday_date(report.as_of, lang),
        )
    ]
    late = (report.generated_at.date() - report.as_of).days
    if late > LATE_FREEZE_DAYS:
        notes.append(
            t(
                "frozen.late",
                lang,
                days=format_number(late, lang),
                start=format_date(report.week_start, lang),
                end=format_date(report.as_of, lang),
            )
        )
    if report.national:
        notes.append(t("frozen.national_zone", lang))
    return tuple(notes)


# --------------------------------------------------------------------------- the letterhead


@dataclass(frozen=True)
class Letterhead:
    """The office heading the report and who signs it (WASPADA_REPORT_*)."""

    office: str
    logo: str | None  # a data: URI
    signatory_name: str
    signatory_title: str


def logo_data_uri(path: Path | None) -> str | None:
    """The logo file as a data: URI, or None (with a warning) for a missing, oversized or non-image file."""
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError as error:
        logger.warning("report logo %s is not readable (%s); the letterhead goes without it", path, error)
        return None
    return _logo_data_uri(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _logo_data_uri(path: str, mtime_ns: int, size: int) -> str | None:
    """Read and check the logo once per version of the file."""
    if size > MAX_LOGO_BYTES:
        logger.warning("report logo %s is %d bytes (at most %d); ignored", path, size, MAX_LOGO_BYTES)
        return None
    try:
        body = Path(path).read_bytes()
    except OSError as error:
        logger.warning("report logo %s is not readable (%s); ignored", path, error)
        return None
    if body.startswith(PNG_MAGIC):
        media_type = "image/png"
    elif _is_svg(body):
        media_type = "image/svg+xml"
    else:
        logger.warning("report logo %s is neither a PNG nor an SVG file; ignored", path)
        return None
    return f"data:{media_type};base64,{base64.b64encode(body).decode('ascii')}"


def _is_svg(body: bytes) -> bool:
    try:
        head = body[:4096].decode("utf-8").lstrip("\ufeff").lstrip()
    except UnicodeDecodeError:
        return False
    return head.startswith(("<svg", "<?xml", "<!--", "<!DOCTYPE svg")) and "<svg" in body.decode(
        "utf-8", "replace"
    )


def letterhead(settings: Settings) -> Letterhead:
    """The deployment's letterhead from its settings."""
    return Letterhead(
        office=settings.report_office,
        logo=logo_data_uri(settings.report_logo),
        signatory_name=settings.report_signatory_name,
        signatory_title=settings.report_signatory_title,
    )


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class MapShape:
    kode: str
    nama: str
    path: str
    fill: str
    label: str
    number: int | None
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapView:
    width: float
    height: float
    shapes: tuple[MapShape, ...]

    @property
    def numbered(self) -> tuple[MapShape, ...]:
        """The shapes carrying a number, in number order: the key's rows."""
        return tuple(sorted((s for s in self.shapes if s.number is not None), key=lambda s: s.number or 0))


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _all_points(features: Iterable[dict[str, Any]]) -> list[list[float]]:
    return [
        point for f in features for polygon in _polygons(f["geometry"]) for ring in polygon for point in ring
    ]


def label_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """A point surely inside the kabupaten (lon, lat): on its largest part for an island group."""
    geom = shape(geometry)
    if isinstance(geom, MultiPolygon):
        geom = max(geom.geoms, key=lambda part: part.area)
    point = geom.representative_point()
    return point.x, point.y


def _spread(points: list[tuple[float, float]], gap: float = LABEL_SIZE) -> list[tuple[float, float]]:
    """Nudge labels that would print on top of one another apart (down, then up), keeping order."""
    placed: list[tuple[float, float]] = []
    for x, y in points:
        for dy in (0.0, gap, -gap, 2 * gap, -2 * gap):
            if all(abs(x - px) >= gap * 1.4 or abs(y + dy - py) >= gap for px, py in placed):
                y += dy
                break
        placed.append((x, y))
    return placed


def map_view(
    features: Sequence[dict[str, Any]],
    levels: Mapping[str, str],
    numbers: Mapping[str, int] | None = None,
    lang: str | None = "id",
) -> MapView | None:
    """Project the region equirectangularly (x scaled by cos of the mid latitude) into the box; the
    kabupaten in `numbers` carry their number at a point inside them."""
    points = _all_points(features)
    if not points:
        return None
    numbers = numbers or {}
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    x_scale = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * x_scale, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((MAP_WIDTH - 2 * MAP_PADDING) / span_x, (MAP_MAX_HEIGHT - 2 * MAP_PADDING) / span_y)
    left, top = min(lons), max(lats)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return MAP_PADDING + (lon - left) * x_scale * scale, MAP_PADDING + (top - lat) * scale

    def xy(point: list[float]) -> str:
        x, y = project(point[0], point[1])
        return f"{x:.1f},{y:.1f}"

    ordered = sorted(features, key=lambda f: numbers.get(f["properties"]["kode"], math.inf))
    anchors = [
        project(*label_point(f["geometry"])) if f["properties"]["kode"] in numbers else (0.0, 0.0)
        for f in ordered
    ]
    numbered = [i for i, f in enumerate(ordered) if f["properties"]["kode"] in numbers]
    for i, spot in zip(numbered, _spread([anchors[i] for i in numbered]), strict=True):
        anchors[i] = spot
    labels = vocab.labels("level", language(lang))
    shapes = []
    for feature, (label_x, label_y) in zip(ordered, anchors, strict=True):
        kode = feature["properties"]["kode"]
        rings = (ring for polygon in _polygons(feature["geometry"]) for ring in polygon)
        path = " ".join("M" + " L".join(xy(p) for p in ring) + "Z" for ring in rings)
        level = levels.get(kode)
        fill = LEVEL_COLOURS.get(level or "", NO_DATA_COLOUR)
        label = labels.get(level or "", t("map.no_data", lang))
        shapes.append(
            MapShape(
                kode,
                feature["properties"]["nama"],
                path,
                fill,
                label,
                numbers.get(kode),
                round(label_x, 1),
                round(label_y, 1),
            )
        )
    height = span_y * scale + 2 * MAP_PADDING
    return MapView(MAP_WIDTH, round(height, 1), tuple(shapes))


def map_numbers(report: WeeklyReport, features: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Which kabupaten carry a number: every one of a province (in code order); in the national
    report only those called out (tinggi, rose, surged), highest score first."""
    if report.national:
        called = [r for r in report.rows if r.level == "tinggi" or (r.level_change or 0) > 0 or r.surge]
        called.sort(key=lambda r: (-r.score, r.kabupaten_kode))
        kodes = [r.kabupaten_kode for r in called[:MAX_NATIONAL_NUMBERS]]
    else:
        kodes = sorted(f["properties"]["kode"] for f in features)
    return {kode: number for number, kode in enumerate(kodes, start=1)}


# --------------------------------------------------------------------------- rendering


def _lang(context: Context) -> str:
    return language(context.get("lang"))


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        tanggal=pass_context(lambda c, day: format_date(day, _lang(c))),
        hari_tanggal=pass_context(lambda c, day: format_weekday_date(day, _lang(c))),
        waktu=pass_context(lambda c, moment: format_moment(moment, _lang(c))),
        h_minus=pass_context(lambda c, days: h_minus(days, _lang(c))),
        perubahan=pass_context(lambda c, change: perubahan(change, _lang(c))),
        angka=pass_context(lambda c, value, decimals=1: format_number(value, _lang(c), decimals)),
        tingkat=pass_context(lambda c, level: vocab.labels("level", _lang(c)).get(level or "", "—")),
        tahapan=pass_context(lambda c, stage: vocab.label("stage", stage, _lang(c))),
        faktor=pass_context(lambda c, value: factor_or_event_type(value, _lang(c))),
        jenis_agenda=pass_context(lambda c, kind: vocab.label("event_type", kind, _lang(c))),
        alasan=pass_context(lambda c, reasons: ", ".join(t(f"reason.{r}", _lang(c)) for r in reasons)),
    )
    return environment


def report_title(report: WeeklyReport, lang: str | None = "id") -> str:
    """The report's heading (and the page's title)."""
    start, end = format_date(report.week_start, lang), format_date(report.as_of, lang)
    if report.national:
        return t("title.national", lang, start=start, end=end)
    return t("title.province", lang, provinsi=report.provinsi_nama, start=start, end=end)


def render_weekly_report(
    report: WeeklyReport, *, geo_dir: Path, lang: str | None = "id", head: Letterhead | None = None
) -> str:
    """The report as one self-contained HTML page."""
    lang = language(lang)
    levels = {row.kabupaten_kode: row.level for row in report.rows}
    features = province_features(geo_dir=geo_dir, provinsi=report.provinsi_kode)
    counts = {level: sum(1 for r in report.rows if r.level == level) for level in LEVEL_COLOURS}
    template = _environment().get_template("weekly_report.html")
    return template.render(
        r=report,
        lang=lang,
        t=functools.partial(t, lang=lang),
        title=report_title(report, lang),
        head=head,
        narrative=week_narrative(report.rows, previous=report.previous_rows, events=report.events, lang=lang),
        frozen=freezing_note(report, lang),
        map=map_view(features, levels, map_numbers(report, features), lang),
        counts=counts,
        colours=LEVEL_COLOURS,
        level_labels=vocab.labels("level", lang),
        no_data_colour=NO_DATA_COLOUR,
        signed_on=format_date(report.generated_at.date() if report.generated_at else report.as_of, lang),
        credit=data_credit(lang),
    )
