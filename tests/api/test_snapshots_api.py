"""Snapshot API: scoped weeks, files with the JSON's values, the admin recompute, the weekly report page."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import select

from api.main import create_app
from core import jobs
from core.config import Settings
from core.db import read_session, write_session
from core.reports.daily import apply_aggregate_deltas
from models.account import AuditEvent
from models.region import Kabupaten
from tests.conftest import auth
from tests.factories import report_payload

WEEK = date(2024, 11, 18)  # Sunday 2024-11-24
MALUKU = "81"


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    """The API app, snapshot and alert routes included."""
    with TestClient(create_app(settings)) as client:
        yield client


def store_violence(engine: Engine, kode: str, day: date, reports: int) -> None:
    with write_session(engine) as session:
        apply_aggregate_deltas(session, Counter({(kode, day, "kekerasan", 5, True): reports}))
        session.commit()


@pytest.fixture
def frozen(settings: Settings, engine: Engine) -> date:
    """WEEK frozen, with 81.02 at tinggi and surging."""
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    assert jobs.run_week(settings, WEEK, trigger="cli").succeeded
    return WEEK


def province_names(engine: Engine, provinsi: str) -> set[str]:
    with read_session(engine) as session:
        return set(session.exec(select(Kabupaten.nama).where(Kabupaten.kode_prov == provinsi)).all())


# --------------------------------------------------------------------------- JSON


def test_weeks_are_listed_with_their_run_status(api: TestClient, make_token, frozen: date) -> None:  # type: ignore[no-untyped-def]
    response = api.get("/api/v1/snapshots", headers=auth(make_token("officer")))
    assert response.status_code == 200
    (week,) = response.json()["items"]
    assert (week["week_start"], week["as_of"], week["status"], week["rows"]) == (
        "2024-11-18",
        "2024-11-24",
        "succeeded",
        514,
    )
    assert api.get("/api/v1/snapshots").status_code == 401


def test_a_week_is_scoped_to_the_caller(api: TestClient, make_token, engine: Engine, frozen: date) -> None:  # type: ignore[no-untyped-def]
    everything = api.get(f"/api/v1/snapshots/{frozen}", headers=auth(make_token("admin"))).json()["items"]
    assert len(everything) == 514
    maluku = api.get(f"/api/v1/snapshots/{frozen}", headers=auth(make_token("analyst", provinsi=MALUKU)))
    items = maluku.json()["items"]
    assert {i["kode_prov"] for i in items} == {MALUKU}
    assert {i["nama"] for i in items} == province_names(engine, MALUKU)
    hot = next(i for i in items if i["kabupaten_kode"] == "81.02")
    assert (hot["level"], hot["surge"], hot["reports_7d"], hot["as_of"]) == ("tinggi", True, 4, "2024-11-24")
    elsewhere = api.get(
        f"/api/v1/snapshots/{frozen}?provinsi=11", headers=auth(make_token("analyst", provinsi=MALUKU))
    )
    assert elsewhere.json()["items"] == []
    own = api.get(f"/api/v1/snapshots/{frozen}", headers=auth(make_token("officer", kabupaten="81.02")))
    assert [i["kabupaten_kode"] for i in own.json()["items"]] == ["81.02"]


def test_unknown_weeks_are_404_and_other_days_422(api: TestClient, make_token, frozen: date) -> None:  # type: ignore[no-untyped-def]
    headers = auth(make_token("admin"))
    assert api.get("/api/v1/snapshots/2024-11-11", headers=headers).status_code == 404
    assert api.get("/api/v1/snapshots/2024-11-11.csv", headers=headers).status_code == 404
    tuesday = api.get("/api/v1/snapshots/2024-11-19", headers=headers)
    assert tuesday.status_code == 422
    assert tuesday.json()["detail"][0]["field"] == "week_start"
    assert api.get("/api/v1/snapshots/2024-11-19.geojson", headers=headers).status_code == 422
    assert api.get("/api/v1/snapshots/not-a-date", headers=headers).status_code == 422


# --------------------------------------------------------------------------- files


def _csv_value(name: str, text: str, like: Any) -> Any:
    if text == "":
        return None
    if isinstance(like, bool):
        return text == "true"
    if isinstance(like, int):
        return int(text)
    if isinstance(like, float):
        return float(text)
    return text


@pytest.mark.parametrize(
    ("role", "scope", "expected"), [("admin", {}, 514), ("analyst", {"provinsi": MALUKU}, 11)]
)
def test_files_hold_the_same_values_as_the_json(
    api: TestClient, make_token, frozen: date, role: str, scope: dict[str, str], expected: int
) -> None:  # type: ignore[no-untyped-def]
    headers = auth(make_token(role, **scope))
    items = api.get(f"/api/v1/snapshots/{frozen}", headers=headers).json()["items"]
    assert len(items) == expected
    by_kode = {i["kabupaten_kode"]: i for i in items}

    csv_response = api.get(f"/api/v1/snapshots/{frozen}.csv", headers=headers)
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8"))))
    assert len(rows) == expected
    for row in rows:
        item = by_kode[row["kabupaten_kode"]]
        assert {k: _csv_value(k, v, item[k]) for k, v in row.items()} == item

    xlsx_response = api.get(f"/api/v1/snapshots/{frozen}.xlsx", headers=headers)
    sheet = load_workbook(io.BytesIO(xlsx_response.content), read_only=True).active
    header, *lines = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == list(items[0])
    assert len(lines) == expected
    for line in lines:
        values = dict(zip(header, line, strict=True))
        for name in ("week_start", "as_of"):
            assert isinstance(values[name], datetime)
            values[name] = values[name].date().isoformat()
        assert values == by_kode[values["kabupaten_kode"]]

    geojson_response = api.get(f"/api/v1/snapshots/{frozen}.geojson", headers=headers)
    assert geojson_response.headers["content-type"].startswith("application/geo+json")
    collection = json.loads(geojson_response.content)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == expected and {f["id"] for f in features} == set(by_kode)  # one per kabupaten
    for feature in features:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert feature["properties"] == by_kode[feature["id"]]
        assert_inside_indonesia(feature["geometry"])


def polygons_of(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def assert_inside_indonesia(geometry: dict[str, Any]) -> None:
    """[lon, lat] positions (RFC 7946) inside Indonesia's box; lat/lon order would fall outside it."""
    for polygon in polygons_of(geometry):
        for ring in polygon:
            assert len(ring) >= 4 and ring[0] == ring[-1]
            for lon, lat in ring:
                assert 94.5 <= lon <= 141.5 and -11.5 <= lat <= 6.5, (lon, lat)


def test_openapi_declares_the_file_media_types(api: TestClient) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    media = {
        suffix: set(paths[f"/api/v1/snapshots/{{week_start}}.{suffix}"]["get"]["responses"]["200"]["content"])
        for suffix in ("csv", "xlsx", "geojson")
    }
    assert media == {
        "csv": {"text/csv"},
        "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        "geojson": {"application/geo+json"},
    }
    assert set(paths["/api/v1/snapshots/{week_start}/report"]["get"]["responses"]["200"]["content"]) == {
        "text/html"
    }


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("geojson", "application/geo+json"),
    ],
)
def test_each_file_is_an_attachment_named_after_its_week_and_province(
    api: TestClient, make_token, frozen: date, suffix: str, content_type: str
) -> None:  # type: ignore[no-untyped-def]
    headers = auth(make_token("admin"))
    whole = api.get(f"/api/v1/snapshots/{frozen}.{suffix}", headers=headers)
    maluku = api.get(f"/api/v1/snapshots/{frozen}.{suffix}?provinsi=81", headers=headers)
    assert (whole.status_code, maluku.status_code) == (200, 200)
    assert whole.headers["content-type"] == maluku.headers["content-type"] == content_type
    assert (
        whole.headers["content-disposition"] == f'attachment; filename="waspada-snapshot-2024-11-18.{suffix}"'
    )
    assert maluku.headers["content-disposition"] == (
        f'attachment; filename="waspada-snapshot-2024-11-18-81.{suffix}"'
    )
    assert len(maluku.content) < len(whole.content)


def test_openapi_describes_each_file_route_as_its_own_operation(api: TestClient) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    operations = {
        suffix: paths[f"/api/v1/snapshots/{{week_start}}.{suffix}"]["get"]
        for suffix in ("csv", "xlsx", "geojson")
    }
    assert {suffix: (op["operationId"], op["summary"]) for suffix, op in operations.items()} == {
        "csv": ("snapshot_csv_api_v1_snapshots__week_start__csv_get", "Snapshot Csv"),
        "xlsx": ("snapshot_xlsx_api_v1_snapshots__week_start__xlsx_get", "Snapshot Xlsx"),
        "geojson": ("snapshot_geojson_api_v1_snapshots__week_start__geojson_get", "Snapshot Geojson"),
    }
    assert {suffix: op["description"] for suffix, op in operations.items()} == {
        "csv": "The week's rows in your scope as CSV (same values as the JSON).",
        "xlsx": "The week's rows in your scope as an Excel workbook.",
        "geojson": "The week's rows in your scope as GeoJSON: a FeatureCollection of each kabupaten's "
        "(simplified) polygons in lon/lat with the row as its properties, ready for a choropleth in QGIS.",
    }
    assert {suffix: op["responses"]["200"]["description"] for suffix, op in operations.items()} == {
        "csv": "The week in your scope as UTF-8 CSV",
        "xlsx": "The week in your scope as an Excel workbook",
        "geojson": "A GeoJSON FeatureCollection: each kabupaten's polygons with the week's values",
    }
    for op in operations.values():
        assert [p["name"] for p in op["parameters"]] == ["week_start", "provinsi"]
        assert sorted(op["responses"]) == ["200", "401", "403", "404", "422", "429", "503"]


def test_openapi_describes_the_geojson_as_a_feature_collection_of_polygons(api: TestClient) -> None:
    document = api.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        return schemas[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema

    content = document["paths"]["/api/v1/snapshots/{week_start}.geojson"]["get"]["responses"]["200"][
        "content"
    ]
    collection = resolve(content["application/geo+json"]["schema"])
    assert collection["type"] == "object" and collection["properties"]["type"]["const"] == "FeatureCollection"
    feature = resolve(collection["properties"]["features"]["items"])
    assert feature["type"] == "object" and feature["properties"]["type"]["const"] == "Feature"
    shapes = [resolve(s) for s in feature["properties"]["geometry"]["anyOf"]]
    assert {s["properties"]["type"]["const"] for s in shapes if s.get("type") == "object"} == {
        "Polygon",
        "MultiPolygon",
    }
    polygon = next(s for s in shapes if s.get("properties", {}).get("type", {}).get("const") == "Polygon")
    position = polygon["properties"]["coordinates"]["items"]["items"]
    assert (position["type"], position["minItems"], position["maxItems"]) == ("array", 2, 2)
    properties = resolve(feature["properties"]["properties"])
    assert properties["type"] == "object"
    assert set(properties["properties"]) == set(schemas["SnapshotRow"]["properties"])  # the JSON's row


# --------------------------------------------------------------------------- admin recompute, alerts


def test_only_an_admin_recomputes_a_complete_week_and_it_is_audited(
    api: TestClient, make_token, engine: Engine, frozen: date
) -> None:  # type: ignore[no-untyped-def]
    analyst = auth(make_token("analyst", provinsi=MALUKU))
    admin = auth(make_token("admin", name="ops-admin"))
    assert api.post(f"/api/v1/snapshots/{frozen}/run", headers=analyst).status_code == 403
    assert api.post("/api/v1/snapshots/2024-11-19/run", headers=admin).status_code == 422
    assert api.post("/api/v1/snapshots/2099-01-05/run", headers=admin).status_code == 409  # not over yet
    response = api.post(f"/api/v1/snapshots/{frozen}/run", headers=admin)
    assert response.status_code == 200
    assert response.json() == {
        "week_start": "2024-11-18",
        "status": "succeeded",
        "rows": 514,
        "forced": True,
        "error": None,
        "alerts": 0,  # raised already when the week was first frozen
    }
    with read_session(engine) as session:
        audits = session.exec(select(AuditEvent).where(AuditEvent.entity == "snapshot")).all()
    assert [(a.entity_id, a.action, a.actor) for a in audits] == [("2024-11-18", "recompute", "ops-admin")]


def test_alerts_are_listed_in_scope(api: TestClient, make_token, engine: Engine, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    store_violence(engine, "11.01", date(2024, 11, 22), 4)
    jobs.run_week(settings, WEEK, trigger="cli")
    maluku = api.get("/api/v1/alerts", headers=auth(make_token("analyst", provinsi=MALUKU))).json()["items"]
    assert {(a["kabupaten_kode"], a["kind"]) for a in maluku} == {("81.02", "tinggi"), ("81.02", "surge")}
    assert all(a["deliveries"] is None for a in maluku)
    everything = api.get("/api/v1/alerts", headers=auth(make_token("admin"))).json()["items"]
    assert {a["kabupaten_kode"] for a in everything} == {"81.02", "11.01"}
    assert all(a["deliveries"] == [] for a in everything)


def test_alerts_filter_by_province_and_kabupaten_within_scope(  # type: ignore[no-untyped-def]
    api: TestClient, make_token, engine: Engine, settings: Settings
) -> None:
    store_violence(engine, "81.02", date(2024, 11, 22), 4)
    store_violence(engine, "11.01", date(2024, 11, 22), 4)
    jobs.run_week(settings, WEEK, trigger="cli")
    admin, analyst = auth(make_token("admin")), auth(make_token("analyst", provinsi=MALUKU))

    def kodes(params: dict[str, str], headers: dict[str, str]) -> set[str]:
        response = api.get("/api/v1/alerts", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {a["kabupaten_kode"] for a in response.json()["items"]}

    assert kodes({"provinsi": "11"}, admin) == {"11.01"}
    assert kodes({"kabupaten": "8102"}, admin) == {"81.02"}
    assert kodes({"provinsi": "81"}, analyst) == {"81.02"}
    assert kodes({"provinsi": "11"}, analyst) == set()  # a filter never widens the scope
    refused = api.get("/api/v1/alerts", params={"provinsi": "Maluku"}, headers=admin)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "provinsi"


# --------------------------------------------------------------------------- the weekly report page


@pytest.mark.slow  # the first call builds the display layer of the map (a few seconds per process)
def test_the_weekly_report_escapes_report_text_and_names_the_province(
    api: TestClient, make_token, engine: Engine, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    officer = auth(make_token("officer", kabupaten="81.02"))
    reports = [
        report_payload(
            occurred_at=f"2024-11-2{day}T10:00:00",
            category="bentrokan",
            severity=5,
            title="<script>alert('x')</script> Bentrokan massa di Langgur",
        )
        for day in (0, 1, 2)
    ]
    batch = api.post("/api/v1/reports/batch", json={"reports": reports}, headers=officer)
    assert batch.status_code == 200, batch.text
    assert jobs.run_week(settings, WEEK, trigger="cli").succeeded
    response = api.get(f"/api/v1/snapshots/{WEEK}/report?provinsi=81", headers=auth(make_token("analyst")))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Bentrokan massa di Langgur" in page
    assert "Laporan Mingguan Kewaspadaan Dini — Provinsi Maluku — minggu 18 November 2024" in page
    assert all(name in page for name in province_names(engine, MALUKU))
    assert "<svg" in page and page.count("<path ") == 11
    assert "@page" in page and "A4" in page
    assert "Pilkada Serentak 2024" in page and "H-2" in page  # voting on Wednesday of the coming week


def test_the_weekly_report_keeps_to_the_caller_s_scope(api: TestClient, make_token, frozen: date) -> None:  # type: ignore[no-untyped-def]
    analyst = auth(make_token("analyst", provinsi=MALUKU))
    assert api.get(f"/api/v1/snapshots/{frozen}/report?provinsi=11", headers=analyst).status_code == 403
    officer = auth(make_token("officer", kabupaten="81.02"))
    assert api.get(f"/api/v1/snapshots/{frozen}/report?provinsi=11", headers=officer).status_code == 403
    assert api.get("/api/v1/snapshots/2024-11-11/report?provinsi=81", headers=analyst).status_code == 404
    admin = auth(make_token("admin"))
    assert api.get(f"/api/v1/snapshots/{frozen}/report?provinsi=00", headers=admin).status_code == 404
    refused = api.get(f"/api/v1/snapshots/{frozen}/report?lang=fr", headers=admin)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "lang"


@pytest.mark.slow  # builds the display layer of the map
def test_without_a_province_an_analyst_gets_their_own_and_an_admin_the_national_report(
    api: TestClient, make_token, engine: Engine, frozen: date
) -> None:  # type: ignore[no-untyped-def]
    analyst = api.get(
        f"/api/v1/snapshots/{frozen}/report", headers=auth(make_token("analyst", provinsi=MALUKU))
    )
    assert analyst.status_code == 200
    assert "Provinsi Maluku" in analyst.text and "Nasional" not in analyst.text
    officer = api.get(
        f"/api/v1/snapshots/{frozen}/report", headers=auth(make_token("officer", kabupaten="81.02"))
    )
    assert officer.status_code == 200 and "Provinsi Maluku" in officer.text

    national = api.get(f"/api/v1/snapshots/{frozen}/report", headers=auth(make_token("admin")))
    assert national.status_code == 200
    page = national.text
    assert "Laporan Mingguan Kewaspadaan Dini — Nasional (semua provinsi) — minggu 18 November 2024" in page
    assert "Ringkasan per provinsi" in page and "Peringkat kabupaten/kota" in page
    assert page.count("<path ") == 514
    ranking = page[page.index("Peringkat kabupaten/kota") :]
    assert ranking.index("Kabupaten Maluku Tenggara") < ranking.index("Kota Ambon")  # ranked by score
    assert page.count("<text ") == 1  # only the kabupaten called out carry a number
    assert "Waktu dalam laporan nasional ditulis dalam WIB." in page
    assert " WIB; angka mencerminkan kejadian sampai Minggu, 24 November 2024" in page


@pytest.mark.slow  # builds the display layer of the map
def test_the_province_report_numbers_every_kabupaten_and_tells_the_week(
    api: TestClient, make_token, engine: Engine, frozen: date
) -> None:  # type: ignore[no-untyped-def]
    response = api.get(f"/api/v1/snapshots/{frozen}/report?provinsi=81", headers=auth(make_token("admin")))
    page = response.text
    names = sorted(province_names(engine, MALUKU))
    assert page.count("<text ") == len(names) == 11
    key = page[page.index('<div class="key">') :]
    with read_session(engine) as session:
        by_code = session.exec(
            select(Kabupaten.nama).where(Kabupaten.kode_prov == MALUKU).order_by(Kabupaten.kode)
        ).all()
    positions = [key.index(f"<span>{name} — ") for name in by_code]
    assert positions == sorted(positions)  # the key runs in code order, numbered 1 to 11
    assert "<b>1</b>" in key and "<b>11</b>" in key and "<b>12</b>" not in key
    assert "1 kabupaten/kota pada tingkat tinggi: Kabupaten Maluku Tenggara." in page  # the narrative
    assert "Lonjakan laporan di Kabupaten Maluku Tenggara (4 laporan dalam 7 hari)." in page
    # the freezing time in the province's zone, the parameter hash only in the footer
    assert " WIT; angka mencerminkan kejadian sampai Minggu, 24 November 2024" in page
    params_hash = api.get(f"/api/v1/snapshots/{frozen}", headers=auth(make_token("admin"))).json()["items"][
        0
    ]["params_hash"]
    assert page.count(params_hash) == 1 and page.index(params_hash) > page.index("<footer>")


@pytest.mark.slow  # builds the display layer of the map
def test_the_weekly_report_in_english_with_a_letterhead_and_signatory(
    settings: Settings, engine: Engine, make_token, frozen: date, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>')
    configured = settings.model_copy(
        update={
            "report_office": "Badan Kesbangpol Provinsi Maluku",
            "report_logo": logo,
            "report_signatory_name": "Dr. Siti <Rahma>",
            "report_signatory_title": "Kepala Badan",
        }
    )
    with TestClient(create_app(configured)) as api:
        response = api.get(
            f"/api/v1/snapshots/{frozen}/report?provinsi=81&lang=en", headers=auth(make_token("admin"))
        )
    assert response.status_code == 200
    page = response.text
    assert '<html lang="en">' in page
    assert "Weekly Early-Warning Report — Maluku Province — week 18 November 2024 to 24 November 2024" in page
    assert "1 kabupaten/kota at the high level: Kabupaten Maluku Tenggara." in page
    assert "Next week: Monday, 25 November 2024" in page and "Masa tenang" not in page and "H-2" in page
    assert page.count("Badan Kesbangpol Provinsi Maluku") == 2  # the letterhead and the signature block
    assert '<img src="data:image/svg+xml;base64,' in page
    assert '<div class="system">Maluku Province</div>' in page
    assert "Kepala Badan" in page and "Dr. Siti &lt;Rahma&gt;" in page
    assert page.index('class="letterhead"') < page.index("<h1>") < page.index('class="signature"')


def test_a_missing_logo_leaves_the_letterhead_without_it(
    settings: Settings, make_token, frozen: date, tmp_path, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    configured = settings.model_copy(update={"report_logo": tmp_path / "none.png"})
    with TestClient(create_app(configured)) as api, caplog.at_level("WARNING", logger="api.report_page"):
        response = api.get(
            f"/api/v1/snapshots/{frozen}/report?provinsi=81", headers=auth(make_token("admin"))
        )
    assert response.status_code == 200
    assert "<img" not in response.text and "Badan Kesatuan Bangsa dan Politik" in response.text
    assert "none.png" in caplog.text
