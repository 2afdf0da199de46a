"""Spreadsheet routes, GET /me and the /lapor page over HTTP: scope, row errors, round trip, caching."""

from __future__ import annotations

import csv
import gzip
import io
import logging
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.exc import OperationalError

from api.routes.lapor import shell
from core.config import Settings
from core.sheets import export
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
    assert rows[0] == [*HEADER, "status", "lokasi_tidak_sesuai", "kecamatan_tidak_sesuai"] and len(rows) == 4
    when, kecamatan = rows[0].index("waktu_kejadian"), rows[0].index("kode_kecamatan")
    assert all(re.search(r"\+09:00$", r[when]) for r in rows[1:])  # WIT, with its offset
    assert {r[kecamatan] for r in rows[1:]} == {"81.02.01"}  # matched from the typed "Kei Kecil"
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


def _post_reports(client: TestClient, token: str, count: int) -> None:
    for i in range(count):
        title = '=HYPERLINK("http://x")' if i == 0 else f"Laporan {i}"
        payload = report_payload(title=title, description="baris\r\ndua" if i == 1 else "", crowd_size=None)
        assert client.post("/api/v1/reports", json=payload, headers=auth(token)).status_code == 201


def _as_csv_text(value: object, column: str) -> str:
    """What the CSV holds for a workbook value (the CSV writes booleans and escapes formulas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in {"kecamatan", "judul", "deskripsi"} and str(value).startswith(
        ("=", "+", "-", "@", "\t", "\r")
    ):
        return "'" + str(value)
    return str(value)


def test_the_workbook_holds_the_same_values_as_the_csv(client: TestClient, make_token: TokenFactory) -> None:
    officer = make_token("officer", kabupaten="81.02")
    _post_reports(client, officer, 3)
    rows = list(
        csv.reader(io.StringIO(_export(client, officer, "csv").content.decode("utf-8-sig"), newline=""))
    )
    workbook = load_workbook(io.BytesIO(_export(client, officer, "xlsx").content))
    sheet = workbook["laporan"]
    assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
    cells = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert cells[0] == rows[0]
    assert [[_as_csv_text(v, c) for v, c in zip(line, rows[0], strict=True)] for line in cells[1:]] == rows[
        1:
    ]
    titles = {line[rows[0].index("judul")] for line in cells[1:]}
    assert '=HYPERLINK("http://x")' in titles  # a string in the workbook, never a formula
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)
    assert "baris\r\ndua" in {line[rows[0].index("deskripsi")] for line in cells[1:]}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_streams_its_first_bytes_before_reading_the_last_page(
    fmt: str, client: TestClient, make_token: TokenFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drive the app over ASGI by hand and note how many pages were read when the first bytes left."""
    officer = make_token("officer", kabupaten="81.02")
    _post_reports(client, officer, 7)
    pages_read: list[int] = []
    original = export.export_pages

    def counted(**kwargs: Any) -> Iterator[Any]:
        for page in original(**{**kwargs, "page_size": 2}):
            pages_read.append(len(page))
            yield page

    monkeypatch.setattr(export, "export_pages", counted)
    sent: list[tuple[str, int, int]] = []  # (message type, body bytes, pages read by then)

    async def receive() -> dict[str, Any]:
        await anyio.sleep(60)  # the client never disconnects during the test
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append((message["type"], len(message.get("body", b"")), len(pages_read)))

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/api/v1/reports.{fmt}",
        "raw_path": f"/api/v1/reports.{fmt}".encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"authorization", f"Bearer {officer}".encode())],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
        "state": {},
        "app": client.app,
    }
    anyio.run(client.app, scope, receive, send)  # type: ignore[arg-type]
    assert sent[0][0] == "http.response.start"
    bodies = [(size, pages) for kind, size, pages in sent if kind == "http.response.body" and size]
    assert bodies[0][1] == 1  # only the page read before the response started
    assert pages_read == [2, 2, 2, 1] and bodies[-1][1] == 4
    assert sum(size for size, _ in bodies) > 0


def _failing_after(monkeypatch: pytest.MonkeyPatch, good_reads: int) -> None:
    """Each export's read after its first `good_reads` fails as if the database had gone away."""
    original = export.read_session
    reads: list[int] = []

    def flaky(engine: Any) -> Any:
        reads.append(1)
        if len(reads) % (good_reads + 1) == 0:
            raise OperationalError("SELECT", {}, sqlite3.OperationalError("unable to open database file"))
        return original(engine)

    monkeypatch.setattr(export, "read_session", flaky)
    original_pages = export.export_pages
    monkeypatch.setattr(export, "export_pages", lambda **kwargs: original_pages(**{**kwargs, "page_size": 2}))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_storage_fault_before_the_first_byte_is_a_503(
    fmt: str, client: TestClient, make_token: TokenFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = make_token("officer", kabupaten="81.02")
    _failing_after(monkeypatch, 0)
    response = _export(client, officer, fmt)
    assert response.status_code == 503 and response.json()["type"] == "storage_unavailable"
    assert response.headers["retry-after"] == "30"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_storage_fault_mid_export_cuts_the_download_with_one_log_line_and_no_traceback(
    fmt: str,
    client: TestClient,
    make_token: TokenFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    officer = make_token("officer", kabupaten="81.02")
    _post_reports(client, officer, 7)
    _failing_after(monkeypatch, 2)
    with caplog.at_level(logging.ERROR):
        answers = [_export(client, officer, fmt) for _ in range(3)]
    assert all(a.status_code == 200 for a in answers)  # the status was sent before the fault
    if fmt == "csv":
        lines = answers[0].content.decode("utf-8-sig").splitlines()
        assert len(lines) == 1 + 4  # the header and two pages of two: the rest never came
    else:
        with pytest.raises(zipfile.BadZipFile):  # no central directory: visibly broken
            zipfile.ZipFile(io.BytesIO(answers[0].content))
    storage_lines = [r for r in caplog.records if r.name == "waspada.storage"]
    assert len(storage_lines) == 1 and "unable to open database file" in storage_lines[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info]  # no traceback, however many downloads fail
    assert client.get("/api/v1/health").json()["database"] == "unreachable"
