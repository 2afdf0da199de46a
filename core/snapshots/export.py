"""A frozen week as files: CSV, XLSX and GeoJSON polygons.

Every format is built from the same `SnapshotRow`s the JSON API returns, turned JSON-ready by
the same pydantic serialiser, so a number reads identically in every download.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pydantic_core import to_jsonable_python

from core.regions.service import province_of
from core.sheets.xlsx import workbook_bytes
from core.snapshots.queries import SNAPSHOT_FIELDS, SnapshotRow
from core.snapshots.weekly_report import province_features
from geo.display import get_kecamatan_display

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_MEDIA_TYPE = "application/geo+json"
CSV_MEDIA_TYPE = "text/csv"
DATE_FIELDS = frozenset({"week_start", "as_of"})


def row_json(row: Any) -> dict[str, Any]:
    """A row exactly as the JSON API writes it (ISO dates, Z-suffixed UTC stamps)."""
    return to_jsonable_python(asdict(row))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def snapshot_csv(rows: Sequence[Any], fields: Sequence[str] = SNAPSHOT_FIELDS) -> bytes:
    """UTF-8 CSV with a header row, columns in the JSON API's field order (kabupaten or kecamatan rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        values = row_json(row)
        writer.writerow([_csv_cell(values[name]) for name in fields])
    return buffer.getvalue().encode("utf-8")


def _xlsx_values(row: Any, fields: Sequence[str]) -> list[Any]:
    """Dates as real date cells (so Excel sorts and filters them); everything else as JSON has it."""
    values = row_json(row)
    return [getattr(row, name) if name in DATE_FIELDS else values[name] for name in fields]


def snapshot_xlsx(
    rows: Sequence[Any], *, title: str = "snapshot", fields: Sequence[str] = SNAPSHOT_FIELDS
) -> bytes:
    """One worksheet: a bold header and one line per kabupaten (or kecamatan)."""
    return workbook_bytes(title, fields, (_xlsx_values(row, fields) for row in rows))


def kabupaten_polygons(*, geo_dir: Path, kodes: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each kabupaten's simplified polygons: the map layer the dashboard and the weekly report draw."""
    shapes: dict[str, dict[str, Any]] = {}
    for provinsi in sorted({province_of(kode) for kode in kodes}):
        for feature in province_features(geo_dir=geo_dir, provinsi=provinsi):
            shapes[feature["id"]] = feature["geometry"]
    return shapes


def right_hand(geometry: dict[str, Any]) -> dict[str, Any]:
    """RFC 7946's winding (exterior rings counterclockwise, holes clockwise) for a Polygon or
    MultiPolygon whose rings run the other way, as the map layer's do (the d3/plotly convention)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    turned = [[ring[::-1] for ring in polygon] for polygon in polygons]
    return {"type": geometry["type"], "coordinates": turned[0] if geometry["type"] == "Polygon" else turned}


def snapshot_geojson(*, geo_dir: Path, rows: Sequence[SnapshotRow]) -> bytes:
    """A FeatureCollection of each row's kabupaten polygons (lon/lat), the row as its properties.

    Opens as a choropleth in QGIS or any GIS: colour by `level` or `score`. The polygons are the
    map layer's (simplified, ~11 m grid); a code without boundaries would get a null geometry.
    """
    shapes = kabupaten_polygons(geo_dir=geo_dir, kodes=[r.kabupaten_kode for r in rows])
    return feature_collection([(row.kabupaten_kode, shapes.get(row.kabupaten_kode), row) for row in rows])


def feature_collection(items: Sequence[tuple[str, dict[str, Any] | None, Any]]) -> bytes:
    """(code, map-layer geometry, row) as an RFC 7946 FeatureCollection, the row as properties."""
    features = [
        {
            "type": "Feature",
            "id": kode,
            "geometry": right_hand(geometry) if geometry is not None else None,
            "properties": row_json(row),
        }
        for kode, geometry, row in items
    ]
    body = {"type": "FeatureCollection", "features": features}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def kecamatan_polygons(*, geo_dir: Path, kabupaten: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each kecamatan's polygons from its kabupaten's display layer (the kabupaten page's map)."""
    shapes: dict[str, dict[str, Any]] = {}
    for kode in sorted(set(kabupaten)):
        layer = get_kecamatan_display(geo_dir, kode)
        if layer is None:
            continue
        for feature in json.loads(layer.body)["features"]:
            shapes[feature["id"]] = feature["geometry"]
    return shapes


def kecamatan_snapshot_geojson(*, geo_dir: Path, rows: Sequence[Any]) -> bytes:
    """The week's kecamatan rows as GeoJSON over the kecamatan layer; a kecamatan without a polygon
    in the pack gets a null geometry."""
    shapes = kecamatan_polygons(geo_dir=geo_dir, kabupaten=[r.kabupaten_kode for r in rows])
    return feature_collection([(row.kecamatan_kode, shapes.get(row.kecamatan_kode), row) for row in rows])
