"""The one vocabulary: every domain term Waspada stores, scores or shows, with its labels.

Factors, categories (and the factor each feeds), report statuses (and which count as
verified), election stages, planned-event types, source types, severity words and risk
levels are defined here once, each with its Indonesian (`id`) and English (`en`) label.
The schema's enums, the risk engine, the dashboard, the weekly report, the sheet template,
the exports and the field form all read this module (the form through
`GET /api/v1/vocabulary`). Standard library only, so any layer may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a vocabulary with its label in each language."""

    value: str
    id: str
    en: str

    def label(self, lang: str) -> str:
        """The label in `lang`, Indonesian for any language we do not have."""
        return self.en if lang == "en" else self.id


@dataclass(frozen=True, slots=True)
class CategoryTerm(Term):
    """A report category: which risk factor it feeds."""

    factor: str = ""


FACTORS: tuple[Term, ...] = (
    Term("kerumunan", "Kerumunan", "Crowds"),
    Term("kampanye", "Kampanye", "Campaign"),
    Term("isu", "Isu dan hoaks", "Issues and hoaxes"),
    Term("kekerasan", "Kekerasan", "Violence"),
    Term("lainnya", "Lainnya", "Other"),
)

CATEGORIES: tuple[CategoryTerm, ...] = (
    CategoryTerm("kerumunan_massa", "Kerumunan massa", "Mass gathering", factor="kerumunan"),
    CategoryTerm("unjuk_rasa", "Unjuk rasa / demonstrasi", "Demonstration", factor="kerumunan"),
    CategoryTerm("kampanye", "Kegiatan kampanye", "Campaign activity", factor="kampanye"),
    CategoryTerm(
        "perusakan_apk", "Perusakan alat peraga kampanye (APK)", "Damage to campaign props", factor="kampanye"
    ),
    CategoryTerm("politik_uang", "Politik uang", "Vote buying", factor="kampanye"),
    CategoryTerm(
        "netralitas_asn", "Pelanggaran netralitas ASN", "Civil-servant neutrality breach", factor="kampanye"
    ),
    CategoryTerm("isu_tidak_jelas", "Isu tidak jelas", "Unclear rumour", factor="isu"),
    CategoryTerm("hoaks", "Hoaks / disinformasi", "Hoax / disinformation", factor="isu"),
    CategoryTerm(
        "ujaran_kebencian_sara", "Ujaran kebencian / SARA", "Identity-based hate speech", factor="isu"
    ),
    CategoryTerm("intimidasi", "Intimidasi / ancaman", "Intimidation / threats", factor="kekerasan"),
    CategoryTerm("bentrokan", "Bentrokan antarkelompok", "Clash between groups", factor="kekerasan"),
    CategoryTerm("kekerasan", "Kekerasan fisik", "Physical violence", factor="kekerasan"),
    CategoryTerm("lainnya", "Lainnya", "Other", factor="lainnya"),
)

STATUSES: tuple[Term, ...] = (
    Term("baru", "Baru", "New"),
    Term("terverifikasi", "Terverifikasi", "Verified"),
    Term("ditolak", "Ditolak", "Rejected"),
    Term("duplikat", "Duplikat", "Duplicate"),
    Term("ditangani", "Ditangani", "Being handled"),
    Term("selesai", "Selesai", "Closed"),
)
VERIFIED_STATUSES: frozenset[str] = frozenset({"terverifikasi", "ditangani", "selesai"})
UNVERIFIED_STATUSES: frozenset[str] = frozenset({"baru"})
EXCLUDED_STATUSES: frozenset[str] = frozenset({"ditolak", "duplikat"})
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    "baru": frozenset({"terverifikasi", "ditolak", "duplikat"}),
    "terverifikasi": frozenset({"ditangani"}),
    "ditangani": frozenset({"selesai"}),
    "ditolak": frozenset(),
    "duplikat": frozenset(),
    "selesai": frozenset(),
}

# Field officers follow up their own kabupaten's verified reports; the rest is the analysts' triage.
OFFICER_TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {("terverifikasi", "ditangani"), ("ditangani", "selesai")}
)
# A report taken out of the score must say why, so the next reader can check the decision.
NOTE_REQUIRED_STATUSES: frozenset[str] = frozenset({"ditolak", "duplikat"})

SOURCE_TYPES: tuple[Term, ...] = (
    Term("fkdm", "FKDM", "FKDM (community early-warning forum)"),
    Term("aparat", "Aparat (TNI/Polri/Satpol PP)", "Security forces (TNI/Polri/Satpol PP)"),
    Term("media", "Media massa", "News media"),
    Term("media_sosial", "Media sosial", "Social media"),
    Term("masyarakat", "Masyarakat", "Public"),
    Term("intelijen", "Intelijen", "Intelligence"),
    Term("demo", "Data demo (sintetis)", "Demo data (synthetic)"),
)
RESERVED_SOURCE_TYPES: frozenset[str] = frozenset({"demo"})

SEVERITIES: tuple[Term, ...] = (
    Term("1", "Ringan", "Minor"),
    Term("2", "Sedang", "Moderate"),
    Term("3", "Serius", "Serious"),
    Term("4", "Berat", "Severe"),
    Term("5", "Kritis", "Critical"),
)

STAGES: tuple[Term, ...] = (
    Term("pendaftaran", "Pendaftaran", "Registration"),
    Term("penetapan", "Penetapan", "Candidate designation"),
    Term("kampanye", "Kampanye", "Campaign"),
    Term("masa_tenang", "Masa tenang", "Quiet period"),
    Term("pemungutan", "Pemungutan", "Voting"),
    Term("rekapitulasi", "Rekapitulasi", "Recapitulation"),
)

EVENT_TYPES: tuple[Term, ...] = (
    Term("rapat_umum", "Rapat umum", "Rally"),
    Term("debat", "Debat", "Debate"),
    Term("pendaftaran_calon", "Pendaftaran calon", "Candidate registration"),
    Term("rapat_pleno_rekapitulasi", "Rapat pleno rekapitulasi", "Recapitulation plenary"),
    Term("unjuk_rasa_terjadwal", "Unjuk rasa terjadwal", "Notified demonstration"),
    Term("lainnya", "Lainnya", "Other"),
)

LEVELS: tuple[Term, ...] = (
    Term("rendah", "Rendah", "Low"),
    Term("sedang", "Sedang", "Medium"),
    Term("tinggi", "Tinggi", "High"),
)

# The report's fields as people read them: the field form's refusals, the dashboard's report page.
REPORT_FIELDS: tuple[Term, ...] = (
    Term("id", "ID", "ID"),
    Term("kabupaten_kode", "Kabupaten/Kota", "Regency/City"),
    Term("kecamatan", "Kecamatan", "District (kecamatan)"),
    Term("kecamatan_kode", "Kode kecamatan", "District (kecamatan) code"),
    Term("desa_kode", "Desa/Kelurahan", "Village (desa/kelurahan)"),
    Term("occurred_at", "Waktu kejadian", "Time of incident"),
    Term("received_at", "Waktu diterima", "Time received"),
    Term("category", "Kategori", "Category"),
    Term("factor", "Faktor", "Factor"),
    Term("severity", "Tingkat keparahan", "Severity"),
    Term("title", "Judul", "Title"),
    Term("description", "Uraian", "Description"),
    Term("crowd_size", "Jumlah massa", "Crowd size"),
    Term("latitude", "Lintang", "Latitude"),
    Term("longitude", "Bujur", "Longitude"),
    Term("location_mismatch", "Titik di luar kabupaten/kota", "Point outside the regency/city"),
    Term("located_kabupaten_kode", "Kabupaten/kota menurut titik", "Regency/city of the point"),
    Term("kecamatan_mismatch", "Titik di luar kecamatan", "Point outside the district"),
    Term("located_kecamatan_kode", "Kecamatan menurut titik", "District of the point"),
    Term("source_type", "Sumber informasi", "Source of information"),
    Term("status", "Status", "Status"),
    Term("duplicate_of", "Duplikat dari", "Duplicate of"),
    Term("reporter", "Pelapor", "Reporter"),
    Term("note", "Catatan", "Note"),
    Term("created_at", "Dibuat", "Created"),
    Term("updated_at", "Diperbarui", "Updated"),
)

VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "factor": FACTORS,
    "category": CATEGORIES,
    "status": STATUSES,
    "source_type": SOURCE_TYPES,
    "severity": SEVERITIES,
    "stage": STAGES,
    "event_type": EVENT_TYPES,
    "level": LEVELS,
    "report_field": REPORT_FIELDS,
}


def values(terms: tuple[Term, ...]) -> tuple[str, ...]:
    """The stored values of a vocabulary, in its defined order."""
    return tuple(term.value for term in terms)


def label(vocabulary: str, value: object, lang: str = "id") -> str:
    """The label of one value, or the value itself when it is not a term (never raises)."""
    for term in VOCABULARIES[vocabulary]:
        if term.value == str(value):
            return term.label(lang)
    return str(value)


def labels(vocabulary: str, lang: str = "id") -> dict[str, str]:
    """Every value of a vocabulary mapped to its label in `lang`."""
    return {term.value: term.label(lang) for term in VOCABULARIES[vocabulary]}


CATEGORY_FACTOR: dict[str, str] = {term.value: term.factor for term in CATEGORIES}


def categories_of(factor: str) -> tuple[str, ...]:
    """Every category that feeds a factor, in the vocabulary's order."""
    return tuple(term.value for term in CATEGORIES if term.factor == factor)


def as_json() -> dict[str, object]:
    """The whole vocabulary for clients (the field form): terms, labels, and the category factors."""
    return {
        name: [
            {"value": term.value, "id": term.id, "en": term.en}
            | ({"factor": term.factor} if isinstance(term, CategoryTerm) else {})
            for term in terms
        ]
        for name, terms in VOCABULARIES.items()
    } | {
        "verified_statuses": sorted(VERIFIED_STATUSES),
        "reserved_source_types": sorted(RESERVED_SOURCE_TYPES),  # not for a client to claim
    }
