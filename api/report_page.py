"""Render the printable weekly report: Jinja2 (autoescaped) and an inline SVG map drawn server-side.

No JavaScript and nothing fetched from the internet, so the page prints the same offline.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from core.snapshots.weekly_report import WeeklyReport, province_features
from geo.datapack import DATA_CREDIT_ID
from models import vocab

TEMPLATES = Path(__file__).resolve().parent / "templates"
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
LEVEL_PALETTE = ("#4caf50", "#f9a825", "#d32f2f")  # lowest level first
LEVEL_COLOURS = dict(zip(vocab.values(vocab.LEVELS), LEVEL_PALETTE, strict=True))
NO_DATA_COLOUR = "#e0e0e0"
LEVEL_LABELS = vocab.labels("level", "id")  # the report is in Bahasa Indonesia
REASON_LABELS = {"tinggi": "tingkat tinggi", "naik": "naik tingkat", "lonjakan": "lonjakan laporan"}
MAP_WIDTH = 640.0
MAP_MAX_HEIGHT = 440.0
MAP_PADDING = 8.0


# --------------------------------------------------------------------------- words and dates


def tanggal(day: date) -> str:
    """18 November 2024."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def hari_tanggal(day: date) -> str:
    """Senin, 18 November 2024."""
    return f"{WEEKDAYS[day.weekday()]}, {tanggal(day)}"


def waktu(moment: datetime) -> str:
    """Senin, 18 November 2024 06:00 (already in the province's zone)."""
    return f"{hari_tanggal(moment.date())} {moment:%H:%M}"


def h_minus(days: int) -> str:
    """H-9 before voting day, Hari H on it, H+3 after."""
    if days == 0:
        return "Hari H"
    return f"H-{days}" if days > 0 else f"H+{-days}"


def perubahan(change: int | None) -> str:
    """The level change in words."""
    if change is None:
        return "—"
    if change == 0:
        return "tetap"
    return f"naik {change} tingkat" if change > 0 else f"turun {-change} tingkat"


def angka(value: float, decimals: int = 1) -> str:
    """Indonesian decimal comma: 49,3."""
    return f"{value:.{decimals}f}".replace(".", ",")


def factor_or_event_type(value: str) -> str:
    """A contribution's factor (a report) or event type (a planned event) in words."""
    vocabulary = "factor" if value in vocab.values(vocab.FACTORS) else "event_type"
    return vocab.label(vocabulary, value)


# --------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class MapShape:
    kode: str
    nama: str
    path: str
    fill: str
    label: str


@dataclass(frozen=True)
class MapView:
    width: float
    height: float
    shapes: tuple[MapShape, ...]


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _all_points(features: Iterable[dict[str, Any]]) -> list[list[float]]:
    return [
        point for f in features for polygon in _polygons(f["geometry"]) for ring in polygon for point in ring
    ]


def map_view(features: Sequence[dict[str, Any]], levels: dict[str, str]) -> MapView | None:
    """Project the province equirectangularly (x scaled by cos of the mid latitude) into the box."""
    points = _all_points(features)
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    x_scale = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * x_scale, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((MAP_WIDTH - 2 * MAP_PADDING) / span_x, (MAP_MAX_HEIGHT - 2 * MAP_PADDING) / span_y)
    left, top = min(lons), max(lats)

    def xy(point: list[float]) -> str:
        x = MAP_PADDING + (point[0] - left) * x_scale * scale
        y = MAP_PADDING + (top - point[1]) * scale
        return f"{x:.1f},{y:.1f}"

    shapes = []
    for feature in features:
        kode = feature["properties"]["kode"]
        rings = (ring for polygon in _polygons(feature["geometry"]) for ring in polygon)
        path = " ".join("M" + " L".join(xy(p) for p in ring) + "Z" for ring in rings)
        level = levels.get(kode)
        fill = LEVEL_COLOURS.get(level or "", NO_DATA_COLOUR)
        label = LEVEL_LABELS.get(level or "", "tidak ada data / di luar cakupan")
        shapes.append(MapShape(kode, feature["properties"]["nama"], path, fill, label))
    height = span_y * scale + 2 * MAP_PADDING
    return MapView(MAP_WIDTH, round(height, 1), tuple(shapes))


# --------------------------------------------------------------------------- rendering


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        tanggal=tanggal,
        hari_tanggal=hari_tanggal,
        waktu=waktu,
        h_minus=h_minus,
        perubahan=perubahan,
        angka=angka,
        tingkat=lambda level: LEVEL_LABELS.get(level or "", "—"),
        tahapan=lambda stage: vocab.label("stage", stage),
        faktor=factor_or_event_type,
        jenis_agenda=lambda kind: vocab.label("event_type", kind),
        alasan=lambda reasons: ", ".join(REASON_LABELS.get(r, r) for r in reasons),
    )
    return environment


def render_weekly_report(report: WeeklyReport, *, geo_dir: Path) -> str:
    """The report as one self-contained HTML page."""
    levels = {row.kabupaten_kode: row.level for row in report.rows}
    features = province_features(geo_dir=geo_dir, provinsi=report.provinsi_kode)
    counts = {level: sum(1 for r in report.rows if r.level == level) for level in LEVEL_COLOURS}
    template = _environment().get_template("weekly_report.html")
    return template.render(
        r=report,
        title=(
            f"Laporan Mingguan Kewaspadaan Dini — Provinsi {report.provinsi_nama} — minggu "
            f"{tanggal(report.week_start)} s.d. {tanggal(report.as_of)}"
        ),
        map=map_view(features, levels),
        counts=counts,
        colours=LEVEL_COLOURS,
        level_labels=LEVEL_LABELS,
        no_data_colour=NO_DATA_COLOUR,
        credit=DATA_CREDIT_ID,  # the weekly report is in Bahasa Indonesia
    )
