"""A frozen week as files: every format carries the JSON's values, in the JSON's field order."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import col, select

from core.db import read_session
from core.snapshots.export import row_json, snapshot_csv, snapshot_geojson, snapshot_xlsx
from core.snapshots.queries import SNAPSHOT_FIELDS, SnapshotRow, snapshot_rows
from models.region import Kabupaten
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


def test_the_geojson_places_each_row_on_its_label_point(engine: Engine, rows: list[SnapshotRow]) -> None:
    with read_session(engine) as session:
        body = snapshot_geojson(session=session, rows=rows)
        points = {
            kode: [lng, lat]
            for kode, lng, lat in session.exec(
                select(Kabupaten.kode, Kabupaten.label_lng, Kabupaten.label_lat).where(
                    col(Kabupaten.kode).in_(KODES)
                )
            ).all()
        }
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection"
    assert [f["id"] for f in collection["features"]] == KODES
    for feature in collection["features"]:
        assert feature["geometry"] == {"type": "Point", "coordinates": points[feature["id"]]}
    hot = collection["features"][1]["properties"]
    assert (hot["level"], hot["surge"], hot["as_of"]) == ("tinggi", True, "2024-11-24")
    assert b'": ' not in body  # compact: the file is sent whole
