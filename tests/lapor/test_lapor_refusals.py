"""Every refusal the server gives a report, as the form shows it: the vocabulary's field label and a reason.

Each bad report goes through the real server (the batch a phone's queue sends) and comes back
into the list; the form must word it in Indonesian, or English under the switch, and never
show an internal field name or the server's English.
"""

from __future__ import annotations

import ast
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.conftest import TokenFactory
from tests.factories import report_payload
from tests.lapor.browser import Server, put_in_queue, server_reports, sign_in, states, wait

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("backend", ["sqlite"], indirect=True)]
ROOT = Path(__file__).resolve().parents[2]
TOMORROW = (datetime.now(UTC) + timedelta(days=1)).isoformat()
NUL = "berisi karakter yang tidak boleh dipakai (NUL)"
NUL_EN = "contains a character that may not be used (NUL)"
CHOICE = ("bukan salah satu pilihan yang tersedia", "not one of the choices offered")
OUTSIDE = ("titik berada di luar wilayah Indonesia", "the point lies outside Indonesia")

# (what the report says wrong, the form's rows in Indonesian, the same in English)
CASES: list[tuple[dict[str, Any], list[str], list[str]]] = [
    (
        {"occurred_at": TOMORROW},
        ["Waktu kejadian: lebih dari 10 menit di masa depan; periksa tanggal, jam, dan jam ponsel"],
        [
            "Time of incident: more than 10 minutes in the future; check the date, the time and the phone's "
            "clock"
        ],
    ),
    (
        {"occurred_at": "2101-05-01T10:00:00+07:00"},
        ["Waktu kejadian: harus berupa tanggal dan jam yang sah antara tahun 2000 dan 2100"],
        ["Time of incident: must be a valid date and time between the years 2000 and 2100"],
    ),
    (
        {"occurred_at": "kemarin sore"},
        ["Waktu kejadian: harus berupa tanggal dan jam yang sah antara tahun 2000 dan 2100"],
        ["Time of incident: must be a valid date and time between the years 2000 and 2100"],
    ),
    (
        {"occurred_at": "2024-13-45T10:00"},
        ["Waktu kejadian: bukan tanggal dan jam yang sah"],
        ["Time of incident: not a valid date and time"],
    ),
    ({"title": ...}, ["Judul: wajib diisi"], ["Title: is required"]),
    ({"title": "   "}, ["Judul: tidak boleh kosong"], ["Title: may not be empty"]),
    ({"title": "x" * 201}, ["Judul: paling banyak 200 karakter"], ["Title: at most 200 characters"]),
    ({"title": "a\x00b"}, [f"Judul: {NUL}"], [f"Title: {NUL_EN}"]),
    ({"title": 5}, ["Judul: harus berupa teks"], ["Title: must be text"]),
    ({"severity": 9}, ["Tingkat keparahan: paling besar 5"], ["Severity: at most 5"]),
    ({"severity": 0}, ["Tingkat keparahan: paling kecil 1"], ["Severity: at least 1"]),
    (
        {"severity": "3"},
        ["Tingkat keparahan: harus berupa bilangan bulat"],
        ["Severity: must be a whole number"],
    ),
    ({"category": "perang"}, [f"Kategori: {CHOICE[0]}"], [f"Category: {CHOICE[1]}"]),
    (
        {"source_type": "demo"},
        [f"Sumber informasi: {CHOICE[0]}"],
        [f"Source of information: {CHOICE[1]}"],
    ),
    (
        {"crowd_size": 10**9},
        ["Jumlah massa: paling besar 10.000.000"],
        ["Crowd size: at most 10,000,000"],
    ),
    ({"crowd_size": -1}, ["Jumlah massa: paling kecil 0"], ["Crowd size: at least 0"]),
    (
        {"latitude": -5.6},
        ["Bujur: lintang dan bujur harus diisi bersamaan"],
        ["Longitude: latitude and longitude must be given together"],
    ),
    ({"latitude": 20.0, "longitude": 132.7}, [f"Lintang: {OUTSIDE[0]}"], [f"Latitude: {OUTSIDE[1]}"]),
    (
        {"latitude": -10.0, "longitude": 100.0},  # in the box, but far out in the Indian Ocean
        [f"Lintang: {OUTSIDE[0]}", f"Bujur: {OUTSIDE[0]}"],
        [f"Latitude: {OUTSIDE[1]}", f"Longitude: {OUTSIDE[1]}"],
    ),
    ({"latitude": "x", "longitude": 132.7}, ["Lintang: harus berupa angka"], ["Latitude: must be a number"]),
    (
        {"kabupaten_kode": "51.71"},
        ["Kabupaten/Kota: akun ini tidak boleh melapor untuk kabupaten/kota ini (51.71)"],
        ["Regency/City: this account may not report for this regency/city (51.71)"],
    ),
    (
        {"kabupaten_kode": "99.99"},
        ["Kabupaten/Kota: bukan kode kabupaten/kota yang dikenal (99.99)"],
        ["Regency/City: not a known regency/city code (99.99)"],
    ),
    (
        {"kecamatan_kode": "abc"},
        ["Kode kecamatan: bukan kode wilayah yang sah (abc)"],
        ["District (kecamatan) code: not a valid region code (abc)"],
    ),
    (
        {"kecamatan_kode": "51.71.01"},
        ["Kode kecamatan: tidak berada di kabupaten/kota laporan ini (51.71.01)"],
        ["District (kecamatan) code: not in this report's regency/city (51.71.01)"],
    ),
    (
        {"kecamatan_kode": "81.02.99"},
        ["Kode kecamatan: tidak ada dalam daftar kecamatan Kemendagri (81.02.99)"],
        ["District (kecamatan) code: not in the official list of districts (81.02.99)"],
    ),
    (
        {"desa_kode": "51.71.01.2001"},
        ["Desa/Kelurahan: tidak berada di kabupaten/kota laporan ini (51.71.01.2001)"],
        ["Village (desa/kelurahan): not in this report's regency/city (51.71.01.2001)"],
    ),
    (
        {"desa_kode": "81.02.01.2999"},
        ["Desa/Kelurahan: tidak ada dalam daftar desa/kelurahan Kemendagri (81.02.01.2999)"],
        ["Village (desa/kelurahan): not in the official list of villages (81.02.01.2999)"],
    ),
    (
        {"rahasia": 1},
        ["Laporan: isian ini tidak dikenal server"],
        ["Report: the server does not know this entry"],
    ),
    ({"id": "bukan-uuid"}, ["ID: bukan ID laporan yang sah"], ["ID: not a valid report ID"]),
    (
        {"description": "x" * 10_001},
        ["Uraian: paling banyak 10.000 karakter"],
        ["Description: at most 10,000 characters"],
    ),
    (
        {"kecamatan": "x" * 101},
        ["Kecamatan: paling banyak 100 karakter"],
        ["District (kecamatan): at most 100 characters"],
    ),
]

ROWS_SCRIPT = """
const rows = {};
document.querySelectorAll('#items > li.item').forEach((li) => {
  rows[li.dataset.id] = [...li.querySelectorAll('.errs li')].map((row) => row.textContent);
});
return rows;
"""


def _queued(payload: dict[str, Any], account: str, **extra: Any) -> dict[str, Any]:
    """A queue item as the form keeps it (its own id even when the payload's is unusable)."""
    item = {"id": str(uuid.uuid4()), "seq": 1, "attempts": 0, "account": account, "payload": payload}
    return item | {"state": "menunggu", "kind": None, "errors": []} | extra


def _rows(browser: WebDriver) -> dict[str, list[str]]:
    return browser.execute_script(ROWS_SCRIPT)


def test_every_refusal_is_worded_with_the_vocabulary_label_and_a_reason(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    token = make_token("officer", kabupaten="81.02", name="fkdm-kei")
    sign_in(driver, server, token)
    queued = [_queued(report_payload(**bad), "fkdm-kei") for bad, _, _ in CASES]
    unknown = _queued(  # a type this version of the form has no words for, and a 422's own shape
        report_payload(),
        "fkdm-kei",
        state="ditolak",
        kind="invalid",
        errors=[
            {"field": "occurred_at", "type": "brand_new_rule", "reason": "occurred_at breaks a new rule"},
            {
                "field": "severity",
                "type": "less_than_equal",
                "msg": "Input should be less than or equal to 5",
            },
        ],
    )
    for item in [*queued, unknown]:
        put_in_queue(driver, item)
    driver.refresh()
    wait(driver, lambda b: states(b) == ["ditolak"] * (len(CASES) + 1), timeout=30)
    assert server_reports(server, token) == []
    status = driver.find_element(By.ID, "syncMsg")
    assert f"{len(CASES) + 1} laporan ditolak server dan perlu dibetulkan" in status.text
    assert "Terkirim semua" not in status.text and "bad" in status.get_attribute("class")

    rows = _rows(driver)
    assert [rows[item["id"]] for item in queued] == [indonesian for _, indonesian, _ in CASES]
    assert rows[unknown["id"]] == [
        "Waktu kejadian: ditolak server karena isinya tidak sah",
        "Tingkat keparahan: paling besar 5",
    ]
    driver.find_element(By.ID, "lang").click()
    rows = _rows(driver)
    assert [rows[item["id"]] for item in queued] == [english for _, _, english in CASES]
    assert rows[unknown["id"]][0] == "Time of incident: refused by the server: the value is not valid"
    assert "refused by the server and need correcting" in driver.find_element(By.ID, "syncMsg").text


# Where a report's refusals are raised: intake, the store (an id taken), the region checks.
REPORT_PATH = ("core/errors.py", "core/reports/intake.py", "core/reports/store.py", "core/regions/*.py")


def _field_error_types() -> set[str]:
    """Every error type a report's path names in a FieldError or InvalidInput.single (and the default)."""
    found = {"value_error"}
    for path in (p for pattern in REPORT_PATH for p in ROOT.glob(pattern)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("FieldError", "single"):
                continue
            given = [k.value for k in node.keywords if k.arg == "type"] + node.args[2:3]
            found |= {g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)}
    return found


def test_every_error_type_core_can_give_has_words_in_both_languages(
    server: Server, driver: WebDriver, make_token: TokenFactory
) -> None:
    types = _field_error_types()
    assert {"future", "out_of_area", "not_in_kecamatan", "conflict", "forbidden"} <= types  # the scan works
    sign_in(driver, server, make_token("officer", kabupaten="81.02", name="fkdm-kei"))
    errors = [{"field": "title", "type": kind, "reason": "some English words 7"} for kind in sorted(types)]
    put_in_queue(
        driver, _queued(report_payload(), "fkdm-kei", state="ditolak", kind="invalid", errors=errors)
    )
    driver.refresh()
    wait(driver, lambda b: states(b) == ["ditolak"])
    for lang, generic in (("id", "ditolak server karena isinya tidak sah"), ("en", "refused by the server")):
        [rows] = _rows(driver).values()
        unworded = [kind for kind, row in zip(sorted(types), rows, strict=True) if generic in row]
        assert unworded == [], lang
        assert not any("English" in row for row in rows)
        driver.find_element(By.ID, "lang").click()
