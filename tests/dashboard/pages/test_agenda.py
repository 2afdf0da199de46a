"""The agenda page: its pure parts table-driven, and its callbacks' work on a real database
(scope of reading and writing, refusals named in ID and EN, local time typed in WITA)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from core.accounts.service import Principal
from core.config import Settings
from core.errors import Forbidden, WaspadaError
from dashboard.data import DashboardData
from dashboard.pages import agenda, agenda_callbacks, kabupaten
from dashboard.pages.agenda import Refusal
from models.account import Role
from tests.dashboard.conftest import components, find_component

ADMIN = Principal(account_id=1, name="admin-uji", role=Role.ADMIN)
ANALYST = Principal(account_id=2, name="analis-maluku", role=Role.ANALYST, provinsi_kode="81")
OFFICER = Principal(account_id=3, name="fkdm-malra", role=Role.OFFICER, kabupaten_kode="81.02")
NOW = datetime(2024, 11, 18, 0, 0, tzinfo=UTC)
FORM = {
    "kabupaten_kode": "81.02",
    "event_type": "rapat_umum",
    "title": "Rapat umum paslon 2",
    "starts_at": "2024-11-20T09:00",
    "ends_at": "2024-11-20T12:00",
    "venue": "Lapangan Watdek",
    "organiser": "Tim paslon 2",
    "expected_crowd": 5400.0,
    "source": "Surat ke Polres",
}


@pytest.fixture
def data(settings: Settings) -> DashboardData:
    return DashboardData(settings, now=lambda: NOW)


@pytest.mark.parametrize(
    ("refusals", "lang", "expected"),
    [
        ([Refusal("title", "string_too_short")], "id", "Judul: wajib diisi"),
        ([Refusal("title", "string_too_short")], "en", "Title: is required"),
        ([Refusal("starts_at", "missing")], "id", "Mulai: wajib diisi"),
        ([Refusal("venue", "string_too_long")], "en", "Venue: is too long (200 characters at most)"),
        ([Refusal("expected_crowd", "int_type")], "id", "Perkiraan massa: harus bilangan bulat"),
        ([Refusal("ends_at", "before_start")], "id", "Selesai: lebih awal dari waktu mulai"),
        ([Refusal("ends_at", "before_start")], "en", "Ends: is before the start"),
        (
            [Refusal("kecamatan_kode", "not_in_kabupaten"), Refusal("title", "missing")],
            "en",
            "District (optional): is not a district of this regency; Title: is required",
        ),
        ([Refusal("internal_thing", "weird_type")], "en", "A field: is not valid"),  # never a raw name
    ],
)
def test_a_refusal_names_the_field_by_its_label_and_the_reason(
    refusals: list[Refusal], lang: str, expected: str
) -> None:
    assert agenda.refusal_text(refusals, lang) == expected


@pytest.mark.parametrize(
    ("kode", "zone"), [("81.02", "WIT"), ("73.71", "WITA"), ("31.71", "WIB"), (None, None), ("", None)]
)
def test_the_form_names_the_kabupatens_zone(kode: str | None, zone: str | None) -> None:
    assert agenda.zone_name(kode) == zone
    assert (zone or "WIB, WITA atau WIT") in agenda.zone_help(kode, "id")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(500.0, 500), (500, 500), (2.5, 2.5), ("", None), (None, None), ("banyak", "banyak")],
)
def test_the_crowd_input_goes_to_the_schema_as_typed(value: object, expected: object) -> None:
    assert agenda.crowd_value(value) == expected


def test_a_new_event_form_leaves_out_what_is_empty_and_an_edit_keeps_the_kabupaten_out() -> None:
    new = agenda.form_payload({**FORM, "ends_at": "", "expected_crowd": None, "kecamatan_kode": None}, False)
    assert "expected_crowd" not in new and new["kabupaten_kode"] == "81.02"
    assert new["ends_at"] == new["starts_at"]  # an event without an end ends as it starts
    edit = agenda.form_payload(FORM, True)
    assert "kabupaten_kode" not in edit and edit["kecamatan_kode"] is None and edit["expected_crowd"] == 5400
    assert agenda.form_payload({**FORM, "ends_at": ""}, True)["ends_at"] == "2024-11-20T09:00"  # as it starts


def test_a_local_time_typed_in_wita_is_stored_as_utc(data: DashboardData) -> None:
    form = {**FORM, "kabupaten_kode": "73.71", "starts_at": "2024-11-20T09:00", "ends_at": "2024-11-20T11:30"}
    event = agenda_callbacks.save(data, ADMIN, form, None)
    assert event.starts_at == datetime(2024, 11, 20, 1, 0, tzinfo=UTC)  # 09:00 WITA is UTC+8
    assert event.ends_at == datetime(2024, 11, 20, 3, 30, tzinfo=UTC)
    assert agenda.form_values(event)["starts_at"] == "2024-11-20T09:00"  # shown back as typed


def test_an_officer_sees_and_writes_only_its_kabupaten(data: DashboardData) -> None:
    assert agenda_callbacks.plan_names(data, OFFICER) == {"81.02": "Kabupaten Maluku Tenggara"}
    own = agenda_callbacks.save(data, OFFICER, FORM, None)
    other = agenda_callbacks.save(data, ADMIN, {**FORM, "kabupaten_kode": "81.72", "title": "Debat"}, None)
    with pytest.raises(Forbidden):  # a crafted callback with another kabupaten is refused in core
        agenda_callbacks.save(data, OFFICER, {**FORM, "kabupaten_kode": "81.72"}, None)
    with pytest.raises(WaspadaError):  # nor may it change or cancel another kabupaten's event
        agenda_callbacks.set_cancelled(data, OFFICER, str(other.id), True)
    listed = agenda_callbacks.events_in_scope(data, OFFICER, None, past=False, cancelled=False)
    assert [e.id for e in listed] == [own.id]
    assert agenda_callbacks.events_in_scope(data, OFFICER, "81.72", False, False) == []


def test_an_analyst_sees_and_writes_only_its_province(data: DashboardData) -> None:
    names = agenda_callbacks.plan_names(data, ANALYST)
    assert names and all(kode.startswith("81.") for kode in names)
    inside = agenda_callbacks.save(data, ANALYST, {**FORM, "kabupaten_kode": "81.72"}, None)
    agenda_callbacks.save(data, ADMIN, {**FORM, "kabupaten_kode": "64.01"}, None)
    with pytest.raises(Forbidden):
        agenda_callbacks.save(data, ANALYST, {**FORM, "kabupaten_kode": "64.01"}, None)
    listed = agenda_callbacks.events_in_scope(data, ANALYST, None, False, False)
    assert [e.kabupaten_kode for e in listed] == ["81.72"] and listed[0].id == inside.id
    page = agenda_callbacks.page(data, ANALYST, "id")
    picker = find_component(page, "agenda-kabupaten")
    assert {o["value"] for o in picker.options} == set(names)


def test_refused_input_is_named_in_the_page_language(data: DashboardData) -> None:
    with pytest.raises(ValidationError) as schema:
        agenda_callbacks.save(data, ADMIN, {**FORM, "title": "  ", "starts_at": ""}, None)
    assert agenda_callbacks.refusal_message(schema.value, "id") == (
        "Belum tersimpan. Judul: wajib diisi; Mulai: wajib diisi"
    )
    assert agenda_callbacks.refusal_message(schema.value, "en") == (
        "Not saved. Title: is required; Starts: is required"
    )
    with pytest.raises(WaspadaError) as core:
        agenda_callbacks.save(data, ADMIN, {**FORM, "ends_at": "2024-11-20T08:00"}, None)
    assert agenda_callbacks.refusal_message(core.value, "en") == "Not saved. Ends: is before the start"
    with pytest.raises(Forbidden) as forbidden:
        agenda_callbacks.save(data, OFFICER, {**FORM, "kabupaten_kode": "81.72"}, None)
    assert "81.72" not in agenda_callbacks.refusal_message(forbidden.value, "id")


def test_edit_cancel_restore_and_the_switches(data: DashboardData) -> None:
    event = agenda_callbacks.save(data, OFFICER, FORM, None)
    edited = agenda_callbacks.save(
        data,
        OFFICER,
        {**FORM, "venue": "Gedung Ohoi", "starts_at": "2024-11-21T10:00", "ends_at": ""},
        str(event.id),
    )
    assert (edited.id, edited.venue, edited.starts_at) == (
        event.id,
        "Gedung Ohoi",
        datetime(2024, 11, 21, 1, tzinfo=UTC),
    )
    assert agenda_callbacks.set_cancelled(data, OFFICER, str(event.id), True).cancelled
    assert agenda_callbacks.events_in_scope(data, OFFICER, None, False, False) == []
    assert len(agenda_callbacks.events_in_scope(data, OFFICER, None, False, True)) == 1
    assert not agenda_callbacks.set_cancelled(data, OFFICER, str(event.id), False).cancelled
    past = {**FORM, "title": "Lalu", "starts_at": "2024-10-01T09:00", "ends_at": "2024-10-01T12:00"}
    agenda_callbacks.save(data, OFFICER, past, None)
    assert len(agenda_callbacks.events_in_scope(data, OFFICER, None, past=False, cancelled=False)) == 1
    assert len(agenda_callbacks.events_in_scope(data, OFFICER, None, past=True, cancelled=False)) == 2


def test_the_table_formats_the_crowd_and_names_type_and_status_per_language(data: DashboardData) -> None:
    agenda_callbacks.save(data, OFFICER, FORM, None)
    for lang, crowd, kind, status in (
        ("id", "5.400", "Rapat umum", "Terjadwal"),
        ("en", "5,400", "Rally", "Planned"),
    ):
        table = agenda_callbacks.table(data, OFFICER, lang, None, False, False)
        texts = [getattr(c, "children", None) for c in components(table)]
        assert {crowd, kind, status, "Lapangan Watdek", "Tim paslon 2", "2024-11-20 09:00 WIT"} <= {
            x for x in texts if isinstance(x, str)
        }


def test_a_write_clears_the_dashboards_caches(data: DashboardData) -> None:
    before = {a.kode: a.score for a in data.scores(OFFICER, NOW.date())}["81.02"]
    agenda_callbacks.save(data, OFFICER, {**FORM, "expected_crowd": 50_000}, None)
    after = {a.kode: a.score for a in data.scores(OFFICER, NOW.date())}["81.02"]
    assert after > before


def test_a_crafted_edit_of_a_foreign_or_unknown_event_loads_nothing(data: DashboardData) -> None:
    other = agenda_callbacks.save(data, ADMIN, {**FORM, "kabupaten_kode": "81.72"}, None)
    assert agenda_callbacks.load(data, OFFICER, str(other.id)) is None
    assert agenda_callbacks.load(data, OFFICER, str(uuid.uuid4())) is None
    assert agenda_callbacks.load(data, OFFICER, "not-a-uuid") is None
    assert agenda_callbacks.load(data, ANALYST, str(other.id)) is not None


@pytest.mark.parametrize(("lang", "crowd"), [("id", "5.400"), ("en", "5,400")])
def test_the_kabupaten_page_marks_the_agenda_on_its_trend_and_lists_venue_and_organiser(
    data: DashboardData, lang: str, crowd: str
) -> None:
    agenda_callbacks.save(data, OFFICER, FORM, None)
    agenda_callbacks.save(data, OFFICER, {**FORM, "title": "Debat", "starts_at": "2024-11-05T19:00"}, None)
    page = kabupaten.layout(data, OFFICER, lang, "81.02", {"tanggal": ["2024-11-18"]})
    marks = [trace for trace in find_component(page, "trend").figure.data if trace.name == "Agenda"]
    assert len(marks) == 1 and {"Debat", "Rapat umum paslon 2"} <= set(marks[0].text)
    listed = find_component(page, "events")
    texts = {c.children for c in components(listed) if isinstance(getattr(c, "children", None), str)}
    assert {"Lapangan Watdek", "Tim paslon 2", crowd} <= texts
