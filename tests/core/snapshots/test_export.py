"""A frozen week as files: every format carries the JSON's values, in the JSON's field order."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from core.db import read_session
from core.snapshots.export import right_hand, row_json, snapshot_csv, snapshot_geojson, snapshot_xlsx
from core.snapshots.queries import SNAPSHOT_FIELDS, SnapshotRow, snapshot_rows
from core.snapshots.weekly_report import province_features
from tests.core.snapshots.support import WEEK_2, freeze, store_violence

KODES = ["81.01", "81.02", "81.72"]


@pytest.fixture
def rows(engine: Engine) -> list[SnapshotRow]:
    """Three Maluku rows of WEEK_2, 81.02 at tinggi and surging, frozen without a week before."""
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    assert freeze(engine, WEEK_2).succeeded
    with read_session(engine) as session:
        return snapshot_rows(session=session, week_start=WEEK_2, kodes=KODES)


def test_a_row_reads_as_the_json_api_writes_it(rows: list[SnapshotRow]) -> None:
    hot = row_json(rows[1])
    assert list(hot) == list(SNAPSHOT_FIELDS)
    assert (hot["week_start"], hot["as_of"], hot["surge"], hot["level_change"]) == (
        "2024-11-18",
        "2024-11-24",
        True,
        None,
    )
    assert hot["created_at"].endswith("Z") and datetime.fromisoformat(hot["created_at"]) == rows[1].created_at


def test_the_csv_has_a_header_and_one_line_per_row(rows: list[SnapshotRow]) -> None:
    text = snapshot_csv(rows).decode("utf-8")
    header, *lines = text.splitlines()
    assert header == ",".join(SNAPSHOT_FIELDS)
    assert len(lines) == 3
    hot = next(r for r in csv.DictReader(io.StringIO(text)) if r["kabupaten_kode"] == "81.02")
    assert (hot["nama"], hot["level"], hot["surge"], hot["reports_7d"]) == (
        "Kabupaten Maluku Tenggara",
        "tinggi",
        "true",
        "4",
    )
    assert (hot["previous_level"], hot["level_change"]) == ("", "")  # None is an empty cell
    assert float(hot["score"]) == rows[1].score
    assert hot["created_at"] == row_json(rows[1])["created_at"]


def test_the_workbook_has_a_bold_frozen_header_and_real_date_cells(rows: list[SnapshotRow]) -> None:
    workbook = load_workbook(io.BytesIO(snapshot_xlsx(rows, title="2024-11-18")))
    sheet = workbook.active
    assert sheet.title == "2024-11-18" and sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == list(SNAPSHOT_FIELDS)
    assert all(cell.font.bold for cell in sheet[1])
    hot = {name: cell for name, cell in zip(header, sheet[3], strict=True)}
    assert hot["week_start"].value == datetime(2024, 11, 18)
    assert hot["week_start"].number_format == "yyyy-mm-dd"
    assert (hot["kabupaten_kode"].value, hot["surge"].value, hot["reports_7d"].value) == ("81.02", True, 4)
    assert hot["previous_level"].value is None
    assert sheet.max_row == 4


def test_a_long_title_is_cut_to_what_excel_allows(rows: list[SnapshotRow]) -> None:
    sheet = load_workbook(io.BytesIO(snapshot_xlsx(rows, title="x" * 40))).active
    assert sheet.title == "x" * 31


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace: positive for a counterclockwise ring in lon/lat."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def test_the_geojson_carries_each_kabupaten_polygons_with_its_row(
    geo_dir: Path, rows: list[SnapshotRow]
) -> None:
    body = snapshot_geojson(geo_dir=geo_dir, rows=rows)
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == KODES
    display = {f["id"]: f["geometry"] for f in province_features(geo_dir=geo_dir, provinsi="81")}
    for feature, row in zip(collection["features"], rows, strict=True):
        geometry = feature["geometry"]
        assert feature["properties"] == row_json(row)
        assert geometry["type"] in {"Polygon", "MultiPolygon"}
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            exterior, *holes = polygon
            assert _signed_area(exterior) > 0 and all(_signed_area(h) < 0 for h in holes)  # RFC 7946
            for lon, lat in exterior:
                assert 125 < lon < 135 and -9 < lat < -1.5, (lon, lat)  # Maluku, longitude first
        # the map layer's own shapes, only turned to the right-hand rule
        assert right_hand(display[feature["id"]]) == geometry
        assert right_hand(geometry) == display[feature["id"]]
    hot = collection["features"][1]["properties"]
    assert (hot["level"], hot["surge"], hot["as_of"]) == ("tinggi", True, "2024-11-24")
    assert b'": ' not in body  # compact: the file is sent whole
