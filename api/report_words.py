# ruff: noqa: RUF001  (an en dash is the typographic range in both languages)
"""Every string of the printable weekly report, in Bahasa Indonesia (default) and English.

The report is served by the API, which never imports the dashboard, so its words live here;
terms (levels, stages, event types, factors) still come from models.vocab.
"""

from __future__ import annotations

from typing import Final

from core.snapshots.narrative import language

WORDS: Final[dict[str, dict[str, str]]] = {
    "title.province": {
        "id": "Laporan Mingguan Kewaspadaan Dini — Provinsi {provinsi} — minggu {start} s.d. {end}",
        "en": "Weekly Early-Warning Report — {provinsi} Province — week {start} to {end}",
    },
    "title.national": {
        "id": "Laporan Mingguan Kewaspadaan Dini — Nasional (semua provinsi) — minggu {start} s.d. {end}",
        "en": "Weekly Early-Warning Report — National (all provinces) — week {start} to {end}",
    },
    "letterhead.province": {"id": "Provinsi {provinsi}", "en": "{provinsi} Province"},
    "letterhead.national": {"id": "Laporan nasional", "en": "National report"},
    "period": {
        "id": "Periode {start} – {end} (minggu dihitung Senin–Minggu, WIB).",
        "en": "Period {start} – {end} (weeks run Monday–Sunday, WIB).",
    },
    "frozen": {
        "id": "Snapshot minggu ini dibuat pada {moment} {zona}; angka mencerminkan kejadian sampai "
        "{as_of} yang sudah dilaporkan pada saat itu. Laporan yang masuk kemudian tidak mengubahnya.",
        "en": "This week's snapshot was made on {moment} {zona}; the figures reflect incidents up to "
        "{as_of} reported by then. Reports arriving later do not change them.",
    },
    "frozen.late": {
        "id": "Snapshot dibuat {days} hari setelah minggu ini berakhir (misalnya saat data dimuat atau "
        "dihitung ulang); angkanya tetap menggambarkan minggu {start} – {end}.",
        "en": "The snapshot was made {days} days after this week ended (for example when the data was "
        "loaded or recomputed); its figures still describe the week {start} – {end}.",
    },
    "frozen.national_zone": {
        "id": "Waktu dalam laporan nasional ditulis dalam WIB.",
        "en": "Times in the national report are in WIB.",
    },
    "print_hint": {
        "id": "Untuk mencetak atau menyimpan sebagai PDF: menu Cetak di peramban (Ctrl+P / ⌘P), "
        "ukuran kertas A4.",
        "en": "To print or save as PDF: the browser's Print menu (Ctrl+P / ⌘P), paper size A4.",
    },
    "summary": {"id": "Ringkasan", "en": "Summary"},
    "summary.level": {"id": "tingkat {level}", "en": "{level} level"},
    "summary.rose": {"id": "naik tingkat", "en": "rose a level"},
    "summary.surges": {"id": "lonjakan laporan", "en": "report surges"},
    "narrative.title": {"id": "Ringkasan minggu ini", "en": "This week in brief"},
    "map.title": {
        "id": "Peta tingkat kerawanan per kabupaten/kota",
        "en": "Risk level per kabupaten/kota",
    },
    "map.aria.province": {"id": "Peta Provinsi {provinsi}", "en": "Map of {provinsi} Province"},
    "map.aria.national": {"id": "Peta Indonesia", "en": "Map of Indonesia"},
    "map.none": {"id": "Peta tidak tersedia.", "en": "Map not available."},
    "map.no_data": {"id": "Tanpa data / di luar cakupan", "en": "No data / outside scope"},
    "key.title": {"id": "Keterangan nomor pada peta", "en": "Key to the numbers on the map"},
    "key.national": {
        "id": "Pada peta nasional hanya kabupaten/kota yang disorot (tinggi, naik tingkat atau lonjakan) "
        "diberi nomor.",
        "en": "On the national map only the kabupaten/kota called out (high, rose a level or surged) "
        "are numbered.",
    },
    "key.none": {
        "id": "Tidak ada kabupaten/kota yang disorot untuk diberi nomor.",
        "en": "No kabupaten/kota is called out to be numbered.",
    },
    "col.no": {"id": "No.", "en": "No."},
    "col.rank": {"id": "Peringkat", "en": "Rank"},
    "col.code": {"id": "Kode", "en": "Code"},
    "col.kabupaten": {"id": "Kabupaten/kota", "en": "Kabupaten/kota"},
    "col.provinsi": {"id": "Provinsi", "en": "Province"},
    "col.level": {"id": "Tingkat", "en": "Level"},
    "col.score": {"id": "Skor", "en": "Score"},
    "col.change": {"id": "Perubahan", "en": "Change"},
    "col.reports_7d": {"id": "Laporan 7 hari", "en": "Reports, 7 days"},
    "col.reports_28d": {"id": "Laporan 28 hari", "en": "Reports, 28 days"},
    "col.surge": {"id": "Lonjakan", "en": "Surge"},
    "col.from": {"id": "Dari", "en": "From"},
    "col.to": {"id": "Menjadi", "en": "To"},
    "col.kabupaten_count": {"id": "Kab/kota", "en": "Kab/kota"},
    "col.rose": {"id": "Naik", "en": "Rose"},
    "col.top": {"id": "Tertinggi", "en": "Highest"},
    "yes": {"id": "ya", "en": "yes"},
    "provinces.title": {"id": "Ringkasan per provinsi", "en": "Summary by province"},
    "tinggi.title": {
        "id": "Kabupaten/kota dengan kerawanan tinggi",
        "en": "Kabupaten/kota at the high level",
    },
    "tinggi.none": {
        "id": "Tidak ada kabupaten/kota pada tingkat tinggi minggu ini.",
        "en": "No kabupaten/kota is at the high level this week.",
    },
    "rose.title": {
        "id": "Naik tingkat dibanding minggu sebelumnya",
        "en": "Rose a level since the week before",
    },
    "rose.none": {"id": "Tidak ada yang naik tingkat.", "en": "None rose a level."},
    "surge.title": {"id": "Lonjakan laporan", "en": "Report surges"},
    "surge.rule": {
        "id": "Lonjakan: laporan 7 hari terakhir sedikitnya dua kali rata-rata mingguan empat minggu "
        "sebelumnya (minimal 3 laporan).",
        "en": "Surge: the last 7 days' reports are at least twice the weekly average of the four weeks "
        "before (at least 3 reports).",
    },
    "surge.none": {"id": "Tidak ada lonjakan laporan.", "en": "No report surges."},
    "flagged.title": {"id": "Laporan utama di balik skor", "en": "The main reports behind the scores"},
    "flagged.score": {"id": "skor", "en": "score"},
    "flagged.share": {"id": "{share}% dari poin", "en": "{share}% of the points"},
    "flagged.no_reports": {
        "id": "Skor didorong agenda terjadwal atau tahapan, bukan laporan individual.",
        "en": "The score is driven by planned events or election stages, not individual reports.",
    },
    "flagged.none": {
        "id": "Tidak ada kabupaten/kota yang perlu disorot.",
        "en": "No kabupaten/kota needs calling out.",
    },
    "next.title": {"id": "Minggu depan: {start} – {end}", "en": "Next week: {start} – {end}"},
    "elections.title": {"id": "Tahapan pemilihan", "en": "Election stages"},
    "col.election": {"id": "Pemilihan", "en": "Election"},
    "col.stages_next": {"id": "Tahapan minggu depan", "en": "Stages next week"},
    "col.voting_day": {"id": "Pemungutan suara", "en": "Voting day"},
    "col.countdown": {"id": "Hitung mundur (Senin)", "en": "Countdown (Monday)"},
    "elections.none": {
        "id": "Tidak ada tahapan pemilihan minggu depan.",
        "en": "No election stage next week.",
    },
    "agenda.title": {"id": "Agenda terjadwal", "en": "Planned events"},
    "col.when": {"id": "Waktu ({zona})", "en": "Time ({zona})"},
    "col.event_type": {"id": "Jenis", "en": "Type"},
    "col.event": {"id": "Kegiatan", "en": "Event"},
    "col.crowd": {"id": "Perkiraan massa", "en": "Expected crowd"},
    "agenda.more": {
        "id": (
            "Ditampilkan {listed} agenda dengan perkiraan massa terbesar; "
            "{more} agenda lain tidak dicantumkan."
        ),
        "en": "Showing the {listed} events with the largest expected crowds; {more} more are not listed.",
    },
    "agenda.none": {"id": "Tidak ada agenda terjadwal minggu depan.", "en": "No planned events next week."},
    "rows.title.province": {"id": "Semua kabupaten/kota", "en": "Every kabupaten/kota"},
    "rows.title.national": {
        "id": "Peringkat kabupaten/kota (skor tertinggi dahulu)",
        "en": "Kabupaten/kota ranked (highest score first)",
    },
    "change.same": {"id": "tetap", "en": "same"},
    "change.up": {"id": "naik {n} tingkat", "en": "up {n} level(s)"},
    "change.down": {"id": "turun {n} tingkat", "en": "down {n} level(s)"},
    "voting_day": {"id": "Hari H", "en": "Voting day"},
    "reason.tinggi": {"id": "tingkat tinggi", "en": "high level"},
    "reason.naik": {"id": "naik tingkat", "en": "rose a level"},
    "reason.lonjakan": {"id": "lonjakan laporan", "en": "report surge"},
    "signature.aria": {"id": "Penandatangan", "en": "Signatory"},
    "footer.about": {
        "id": "Waspada — sistem peringatan dini konflik sosial sekitar pemilihan. Skor 0–100; tingkat "
        "rendah/sedang/tinggi mengikuti ambang IKP (docs/risk-model.md). Angka minggu ini dibekukan dan "
        "tidak berubah oleh laporan yang masuk kemudian.",
        "en": "Waspada — early warning of election-related social conflict. Scores 0–100; the "
        "low/medium/high levels follow the IKP thresholds (docs/risk-model.md). This week's figures are "
        "frozen and do not change with reports that arrive later.",
    },
    "footer.model": {
        "id": "Model {model}, hash parameter {hash}.",
        "en": "Model {model}, parameter hash {hash}.",
    },
}


def t(key: str, lang: str | None = "id", **values: object) -> str:
    """The report's string for key in lang, formatted; an unknown key fails loudly."""
    text = WORDS[key][language(lang)]
    return text.format(**values) if values else text
