"""A frozen week as files: CSV, XLSX and GeoJSON label points.

Every format is built from the same `SnapshotRow`s the JSON API returns, turned JSON-ready by
the same pydantic serialiser, so a number reads identically in every download.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from pydantic_core import to_jsonable_python
from sqlmodel import Session, col, select

from core.sheets.xlsx import workbook_bytes
from core.snapshots.queries import SNAPSHOT_FIELDS, SnapshotRow
from models.region import Kabupaten

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON_MEDIA_TYPE = "application/geo+json"
CSV_MEDIA_TYPE = "text/csv"
DATE_FIELDS = frozenset({"week_start", "as_of"})


def row_json(row: SnapshotRow) -> dict[str, Any]:
    """A row exactly as the JSON API writes it (ISO dates, Z-suffixed UTC stamps)."""
    return to_jsonable_python(asdict(row))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def snapshot_csv(rows: Sequence[SnapshotRow]) -> bytes:
    """UTF-8 CSV with a header row, columns in the JSON API's field order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SNAPSHOT_FIELDS)
    for row in rows:
        values = row_json(row)
        writer.writerow([_csv_cell(values[name]) for name in SNAPSHOT_FIELDS])
    return buffer.getvalue().encode("utf-8")


def _xlsx_values(row: SnapshotRow) -> list[Any]:
    """Dates as real date cells (so Excel sorts and filters them); everything else as JSON has it."""
    values = row_json(row)
    return [getattr(row, name) if name in DATE_FIELDS else values[name] for name in SNAPSHOT_FIELDS]


def snapshot_xlsx(rows: Sequence[SnapshotRow], *, title: str = "snapshot") -> bytes:
    """One worksheet: a bold header and one line per kabupaten."""
    return workbook_bytes(title, SNAPSHOT_FIELDS, map(_xlsx_values, rows))


def label_points(*, session: Session, kodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """(lon, lat) of each kabupaten's label point: inside its largest part."""
    query = select(Kabupaten.kode, Kabupaten.label_lng, Kabupaten.label_lat).where(
        col(Kabupaten.kode).in_(list(kodes))
    )
    return {kode: (lng, lat) for kode, lng, lat in session.exec(query).all()}


def snapshot_geojson(*, session: Session, rows: Sequence[SnapshotRow]) -> bytes:
    """A FeatureCollection of label points (not polygons: the map layer has those), row as properties."""
    points = label_points(session=session, kodes=[r.kabupaten_kode for r in rows])
    features = [
        {
            "type": "Feature",
            "id": row.kabupaten_kode,
            "geometry": {"type": "Point", "coordinates": list(points[row.kabupaten_kode])},
            "properties": row_json(row),
        }
        for row in rows
    ]
    body = {"type": "FeatureCollection", "features": features}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
