"""The inbox's URL state and the report page's pure builders: table-driven, and a round trip."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.i18n import format_number
from dashboard.pages.inbox import InboxQuery, inbox_search, parse_inbox_query
from dashboard.pages.report import mismatch_notes, report_id_of, trail_text
from dashboard.views import ReportView, TrailStep
from models import vocab
from models.report import ReportPublic
from tests.factories import report_payload

PARSED = [
    ({}, InboxQuery()),
    ({"status": ["baru"], "cari": ["  hoaks  "]}, InboxQuery(status="baru", text="hoaks")),
    ({"status": ["hilang"]}, InboxQuery()),  # not a status: ignored, not an error
    (
        {"kabupaten": ["81.02"], "kecamatan": ["81.02.05"]},
        InboxQuery(kabupaten="81.02", kecamatan="81.02.05"),
    ),
    ({"kabupaten": ["81.02"], "kecamatan": ["64.01.04"]}, InboxQuery(kabupaten="81.02")),  # not inside it
    ({"kecamatan": ["81.02.05"]}, InboxQuery()),  # a kecamatan needs its kabupaten
    ({"kabupaten": ["8102"]}, InboxQuery()),
    ({"sejak": ["2024-11-18"], "sampai": ["nanti"]}, InboxQuery(since=date(2024, 11, 18))),
    ({"keparahan": ["4"], "sumber": ["media"]}, InboxQuery(severity="4", source_type="media")),
    ({"keparahan": ["9"]}, InboxQuery()),
    ({"kursor": ["abc_-1"]}, InboxQuery(cursor="abc_-1")),
    ({"kursor": ["a b"]}, InboxQuery()),
    ({"cari": ["x" * 201]}, InboxQuery()),
]


@pytest.mark.parametrize(("query", "expected"), PARSED)
def test_the_url_gives_the_state_and_drops_what_it_cannot_use(query: dict, expected: InboxQuery) -> None:
    assert parse_inbox_query(query) == expected


def test_the_unfiltered_first_page_has_a_bare_url() -> None:
    assert inbox_search(InboxQuery()) == ""
    assert inbox_search(InboxQuery(status="baru", text="surat suara")) == "?status=baru&cari=surat+suara"


def _maybe(values: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from(values))


STATES = st.builds(
    InboxQuery,
    status=_maybe(vocab.values(vocab.STATUSES)),
    factor=_maybe(vocab.values(vocab.FACTORS)),
    category=_maybe(vocab.values(vocab.CATEGORIES)),
    severity=_maybe(vocab.values(vocab.SEVERITIES)),
    source_type=_maybe(vocab.values(vocab.SOURCE_TYPES)),
    kabupaten=st.sampled_from([None, "81.02"]),
    since=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2099, 12, 31))),
    text=st.one_of(st.none(), st.text("abc %&=?#+ ", min_size=1, max_size=20).map(str.strip).filter(bool)),
    cursor=st.one_of(st.none(), st.from_regex(r"[A-Za-z0-9_-]{1,30}", fullmatch=True)),
)


@given(STATES)
def test_a_state_survives_its_url(state: InboxQuery) -> None:
    from urllib.parse import parse_qs

    assert parse_inbox_query(parse_qs(inbox_search(state).lstrip("?"))) == state


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (5400, "id", 0, "5.400"),
        (5400, "en", 0, "5,400"),
        (16.5, "id", 1, "16,5"),
        (16.5, "en", 1, "16.5"),
        (1234567.25, "id", 2, "1.234.567,25"),
        (0, "fr", 0, "0"),
        (-3200, "id", 0, "-3.200"),
    ],
)
def test_numbers_are_written_as_the_language_writes_them(
    value: float, lang: str, decimals: int, expected: str
) -> None:
    assert format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/laporan/6f9c1f3e-4d0b-4b7e-9a53-3c1d2e4f5a6b", uuid.UUID("6f9c1f3e-4d0b-4b7e-9a53-3c1d2e4f5a6b")),
        ("/laporan/6f9c1f3e-4d0b-4b7e-9a53-3c1d2e4f5a6b/", uuid.UUID("6f9c1f3e-4d0b-4b7e-9a53-3c1d2e4f5a6b")),
        ("/laporan/", None),
        ("/laporan/not-a-uuid-but-exactly-36-characters!", None),
        ("/laporan/------------------------------------", None),
    ],
)
def test_a_report_path_names_its_report(path: str, expected: uuid.UUID | None) -> None:
    assert report_id_of(path) == expected


AT = datetime(2024, 11, 20, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("step", "lang", "expected"),
    [
        (TrailStep(AT, "x", "created", to_status="baru"), "id", "Laporan diterima"),
        (TrailStep(AT, "x", "status_change", "baru", "terverifikasi"), "id", "Status: Baru → Terverifikasi"),
        (TrailStep(AT, "x", "status_change", "ditangani", "selesai"), "en", "Status: Being handled → Closed"),
        (TrailStep(AT, "x", "note", note="..."), "en", "Note"),
    ],
)
def test_each_step_of_the_trail_says_what_happened(step: TrailStep, lang: str, expected: str) -> None:
    assert trail_text(step, lang) == expected


def _view(**report_fields: object) -> ReportView:
    base = report_payload()
    public = ReportPublic.model_validate(
        {
            **base,
            "factor": "kerumunan",
            "received_at": AT,
            "occurred_at": AT,
            "latitude": None,
            "longitude": None,
            "location_mismatch": False,
            "located_kabupaten_kode": None,
            "kecamatan_mismatch": False,
            "located_kecamatan_kode": None,
            "kecamatan_kode": None,
            "desa_kode": None,
            "status": "baru",
            "duplicate_of": None,
            "reporter": "petugas",
            "created_at": AT,
            "updated_at": AT,
            **report_fields,
        }
    )
    return ReportView(public, "Kabupaten Maluku Tenggara", None, None, "Kota Tual", "Kei Besar", (), (), True)


@pytest.mark.parametrize(
    ("fields", "lang", "expected"),
    [
        ({}, "id", []),
        (
            {"location_mismatch": True},
            "id",
            ["Perhatian: titik lokasi berada di Kota Tual, bukan di kabupaten/kota laporan."],
        ),
        (
            {"kecamatan_mismatch": True},
            "en",
            ["Note: the location lies in kecamatan Kei Besar, not in the one named."],
        ),
    ],
)
def test_a_point_that_disagrees_with_the_named_place_is_said_in_words(
    fields: dict, lang: str, expected: list[str]
) -> None:
    assert mismatch_notes(_view(**fields), lang) == expected
