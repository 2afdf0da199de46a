"""Exports: the reports in scope as the template's columns, and back in as the same reports."""

from __future__ import annotations

import codecs
import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete
from sqlmodel import select

from core.accounts.service import Principal
from core.db import read_session, write_session
from core.reports.intake import IntakeRules, create_reports_batch
from core.reports.queries import ReportFilter
from core.reports.rows import Outcome
from core.sheets.export import export_csv, export_pages, export_xlsx
from core.writer import report_writer
from models.report import Report, ReportDaily
from tests.core.sheets.conftest import Importer
from tests.core.sheets.files import HEADER, INDONESIAN, count_reports, make_account
from tests.factories import MALUKU_TENGGARA_POINT, TUAL_POINT

COMPARED = (
    "id",
    "kabupaten_kode",
    "kecamatan",
    "occurred_at",
    "category",
    "severity",
    "title",
    "description",
    "crowd_size",
    "latitude",
    "longitude",
    "source_type",
    "location_mismatch",
    "located_kabupaten_kode",
)


def _seed(engine: Engine, rules: IntakeRules) -> Principal:
    officer = make_account(engine, "officer", kabupaten="81.02")
    base = datetime(2024, 11, 20, 1, 2, 3, 456000, tzinfo=UTC)
    items = [
        {
            "kabupaten_kode": "81.02",
            "occurred_at": (base + timedelta(hours=i)).isoformat(),
            "category": category,
            "severity": 1 + i % 5,
            "title": title,
            "description": description,
            **extra,
        }
        for i, (category, title, description, extra) in enumerate(
            [
                ("unjuk_rasa", INDONESIAN, "baris satu\nbaris dua, dengan koma", {"crowd_size": 1200}),
                ("hoaks", '=HYPERLINK("http://x")', "-- bukan rumus", {"kecamatan": "+Kei Besar"}),
                (
                    "bentrokan",
                    "Di Tual, bukan Malra",
                    "",
                    {"latitude": TUAL_POINT[0], "longitude": TUAL_POINT[1]},
                ),
                (
                    "kampanye",
                    "Titik di Malra",
                    "\tdiawali tab",
                    {
                        "latitude": MALUKU_TENGGARA_POINT[0],
                        "longitude": MALUKU_TENGGARA_POINT[1],
                        "source_type": "media_sosial",
                    },
                ),
            ]
        )
    ]
    with read_session(engine) as session:
        results = create_reports_batch(
            session=session, account=officer, items=items, rules=rules, store=report_writer(engine)
        )
    assert all(r.status is Outcome.CREATED for r in results)
    return officer


def _snapshot(engine: Engine) -> dict[uuid.UUID, tuple[Any, ...]]:
    with read_session(engine) as session:
        reports = session.exec(select(Report)).all()
    return {r.id: tuple(getattr(r, name) for name in COMPARED) for r in reports}


def _empty(engine: Engine) -> None:
    with write_session(engine) as session:
        session.exec(delete(ReportDaily.__table__))  # type: ignore[call-overload]
        session.exec(delete(Report))  # type: ignore[call-overload]
        session.commit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reimports_into_an_empty_database_as_the_same_reports(
    fmt: str, engine: Engine, rules: IntakeRules, run_import: Importer, admin: Principal
) -> None:
    officer = _seed(engine, rules)
    before = _snapshot(engine)
    assert sum(1 for v in before.values() if v[COMPARED.index("location_mismatch")]) == 1
    pages = export_pages(engine=engine, account=officer, flt=ReportFilter(), page_size=3)
    if fmt == "csv":
        data = b"".join(export_csv(pages))
        assert data.startswith(codecs.BOM_UTF8)
        text = data.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "+09:00" in text and INDONESIAN in text
    else:
        buffer = io.BytesIO()
        assert export_xlsx(pages, buffer) == 4
        data = buffer.getvalue()
    _empty(engine)
    summary = run_import(data)
    assert (summary.created, summary.invalid, summary.conflict) == (4, 0, 0), summary.problems
    assert _snapshot(engine) == before
    assert run_import(data).replayed == 4 and count_reports(engine) == 4


def test_export_follows_scope_and_filters(engine: Engine, rules: IntakeRules, admin: Principal) -> None:
    officer = _seed(engine, rules)
    other = make_account(engine, "officer", kabupaten="81.72")

    def rows(account: Principal, flt: ReportFilter) -> list[list[str]]:
        data = b"".join(export_csv(export_pages(engine=engine, account=account, flt=flt)))
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))

    everything = rows(officer, ReportFilter())
    assert everything[0] == [*HEADER, "status", "lokasi_tidak_sesuai"]
    assert len(everything) == 5
    assert {r[-1] for r in everything[1:]} == {"true", "false"}
    assert len(rows(other, ReportFilter())) == 1
    assert len(rows(admin, ReportFilter(category="hoaks"))) == 2
    assert len(rows(admin, ReportFilter(since=datetime(2024, 11, 20, 3, tzinfo=UTC)))) == 3
