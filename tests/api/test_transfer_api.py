"""Spreadsheet routes, GET /me and the /lapor page over HTTP: scope, row errors, round trip, caching."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.routes.lapor import shell
from core.config import Settings
from tests.conftest import TokenFactory, auth
from tests.core.sheets.files import HEADER, INDONESIAN, csv_bytes, mixed_rows, sheet_row, xlsx_bytes
from tests.factories import report_payload
from tests.lapor import lapor_app

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(lapor_app(settings)) as test_client:
        yield test_client


def _upload(client: TestClient, token: str, data: bytes, name: str = "laporan.csv", **form: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/reports/import",
        files={"file": (name, data)},
        data=form,
        headers=auth(token) if token else {},
    )


def _ids(client: TestClient, token: str) -> set[str]:
    body = client.get("/api/v1/reports", params={"limit": 500}, headers=auth(token)).json()
    return {item["id"] for item in body["items"]}


def test_templates_are_public_and_in_indonesian(client: TestClient) -> None:
    response = client.get("/api/v1/reports/template.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == HEADER
    response = client.get("/api/v1/reports/template.xlsx")
    assert response.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["laporan"]
    assert list(next(sheet.iter_rows(values_only=True))) == HEADER


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_reports_rows_and_a_second_import_adds_nothing(
    fmt: str, client: TestClient, make_token: TokenFactory
) -> None:
    token = make_token("admin")
    data = csv_bytes(mixed_rows()) if fmt == "csv" else xlsx_bytes(mixed_rows())
    response = _upload(client, token, data, f"laporan.{fmt}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["rows"], body["created"], body["replayed"], body["conflict"], body["invalid"]) == (
        8,
        2,
        1,
        1,
        4,
    )
    assert [p["row"] for p in body["problems"]] == [3, 4, 5, 9, 10]
    assert {e["field"] for e in body["problems"][3]["errors"]} == {"tingkat_keparahan", "jumlah_massa"}
    stored = _ids(client, token)
    assert len(stored) == 2
    titles = {client.get(f"/api/v1/reports/{i}", headers=auth(token)).json()["title"] for i in stored}
    assert INDONESIAN in titles
    again = _upload(client, token, data, f"laporan.{fmt}").json()
    assert (again["created"], again["replayed"]) == (0, 3)
    assert _ids(client, token) == stored


def test_officer_imports_for_its_own_kabupaten_only(client: TestClient, make_token: TokenFactory) -> None:
    officer = make_token("officer", kabupaten="81.02")
    rows = csv_bytes([sheet_row(kode_kabupaten="")])
    assert _upload(client, officer, rows).json()["created"] == 1
    assert _upload(client, officer, rows, kabupaten="81.72").status_code == 403
    assert _upload(client, "", rows).status_code == 401
    response = _upload(client, make_token("admin"), rows, kabupaten="99.99")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "kabupaten"
    analyst = make_token("analyst", provinsi="81")
    assert _upload(client, analyst, rows, kabupaten="71.01").status_code == 403
    assert _upload(client, analyst, csv_bytes([sheet_row(kode_kabupaten="81.72")])).json()["created"] == 1


def test_an_unreadable_file_is_a_422_naming_the_file(client: TestClient, make_token: TokenFactory) -> None:
    token = make_token("admin")
    for data in (b"\x81\x8d\x8f\x90\x9d", b"PK\x03\x04junk", b"judul,apa_ini\nx,y\n"):
        response = _upload(client, token, data)
        assert response.status_code == 422, data
        assert response.json()["detail"][0]["field"] == "file"


def test_an_import_over_the_size_limit_is_413(settings: Settings, make_token: TokenFactory) -> None:
    small = settings.model_copy(update={"max_import_bytes": 2000})
    with TestClient(lapor_app(small)) as client:
        data = csv_bytes([sheet_row(judul=f"Laporan {i}") for i in range(100)])
        assert _upload(client, make_token("admin"), data).status_code == 413


def _export(client: TestClient, token: str, fmt: str, **params: str):  # type: ignore[no-untyped-def]
    return client.get(f"/api/v1/reports.{fmt}", params=params, headers=auth(token))


def test_export_is_scoped_filtered_and_reimportable(client: TestClient, make_token: TokenFactory) -> None:
    officer = make_token("officer", kabupaten="81.02")
    for category in ("hoaks", "bentrokan", "hoaks"):
        assert (
            client.post(
                "/api/v1/reports", json=report_payload(category=category), headers=auth(officer)
            ).status_code
            == 201
        )
    other = make_token("officer", kabupaten="81.72")
    response = _export(client, officer, "csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [*HEADER, "status", "lokasi_tidak_sesuai"] and len(rows) == 4
    assert all(re.search(r"\+09:00$", r[3]) for r in rows[1:])  # WIT, with its offset
    assert len(list(csv.reader(io.StringIO(_export(client, officer, "csv", category="hoaks").text)))) == 3
    assert len(list(csv.reader(io.StringIO(_export(client, other, "csv").text)))) == 1
    workbook = _export(client, officer, "xlsx", factor="kekerasan")
    assert workbook.headers["content-type"] == XLSX
    assert len(list(load_workbook(io.BytesIO(workbook.content), read_only=True).active.values)) == 2
    assert _upload(client, officer, response.content).json()["replayed"] == 3


@pytest.mark.parametrize(
    ("params", "status"),
    [({"provinse": "81"}, 422), ({"kabupaten": "8x"}, 422), ({"since": "kemarin"}, 422)],
)
def test_export_refuses_bad_filters_before_streaming(
    client: TestClient, make_token: TokenFactory, params: dict[str, str], status: int
) -> None:
    token = make_token("admin")
    for fmt in ("csv", "xlsx"):
        assert _export(client, token, fmt, **params).status_code == status
    assert client.get("/api/v1/reports.csv").status_code == 401


def test_me_names_the_account_and_its_zone(client: TestClient, make_token: TokenFactory) -> None:
    body = client.get(
        "/api/v1/me", headers=auth(make_token("officer", kabupaten="81.02", name="fkdm-malra"))
    ).json()
    assert (body["name"], body["role"]) == ("fkdm-malra", "officer")
    assert body["kabupaten"]["kode"] == "81.02" and body["kabupaten"]["zona"] == "WIT"
    assert body["kabupaten"]["utc_offset"] == "+09:00" and body["provinsi"]["kode"] == "81"
    analyst = client.get("/api/v1/me", headers=auth(make_token("analyst", provinsi="51"))).json()
    assert analyst["kabupaten"] is None and analyst["provinsi"]["utc_offset"] == "+08:00"
    admin = client.get("/api/v1/me", headers=auth(make_token("admin"))).json()
    assert admin["provinsi"] is None and admin["kabupaten"] is None
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers=auth("wsp_nope")).status_code == 401


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_lapor_page_is_small_versioned_and_revalidated(client: TestClient) -> None:
    redirect = client.get("/lapor", follow_redirects=False)
    assert redirect.status_code == 308 and redirect.headers["location"] == "/lapor/"
    page = client.get("/lapor/")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-cache"
    assert (
        page.headers["content-encoding"] == "gzip"
        and "script-src 'self'" in page.headers["content-security-policy"]
    )
    assert client.get("/lapor/", headers={"If-None-Match": page.headers["etag"]}).status_code == 304
    version = shell().version
    assets = re.findall(r'(?:href|src)="(/lapor/[^"]+)"', page.text)
    assert len(assets) == 4 and all(a.endswith(f"?v={version}") for a in assets)
    for url in assets:
        asset = client.get(url)
        assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"], url
    assert client.get("/lapor/app.js?v=old").headers["cache-control"] == "no-cache"
    worker = client.get("/lapor/sw.js")
    assert worker.headers["cache-control"] == "no-cache" and "javascript" in worker.headers["content-type"]
    assert f"'{version}'" in worker.text
    assert client.get("/lapor/secret.py").status_code == 404
    plain = client.get("/lapor/", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == page.text
    total_gzip = sum(len(gzip.compress(a.body)) for a in shell().assets.values())
    assert total_gzip < 40_000
