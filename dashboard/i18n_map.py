"""The map page's words (header, controls, map, ranking, first view, reading the score), ID and EN.

Kept apart from `dashboard.i18n.UI_STRINGS` so the map page's catalogue stays readable; the two
are merged into one `CATALOGUE` there, and `t()` is the only way to read either.
"""

from __future__ import annotations

from typing import Final

MAP_STRINGS: Final[dict[str, dict[str, str]]] = {
    # header: election in focus
    "election.label": {"id": "Pemilihan", "en": "Election"},
    "election.none": {"id": "Belum ada pemilihan di kalender", "en": "No election in the calendar"},
    "election.voting_day": {"id": "Hari pemungutan {day}", "en": "Voting day {day}"},
    "countdown.title": {"id": "Hitung mundur ke hari pemungutan", "en": "Countdown to voting day"},
    "election.stage": {"id": "Tahapan", "en": "Stage"},
    "election.no_stage": {"id": "Di luar tahapan", "en": "Outside the stages"},
    # controls
    "control.factor": {"id": "Faktor", "en": "Factor"},
    "control.province": {"id": "Provinsi", "en": "Province"},
    "control.all_provinces": {"id": "Semua provinsi", "en": "All provinces"},
    "control.date": {"id": "Tanggal", "en": "Date"},
    "control.quick_date": {"id": "Lompat ke…", "en": "Jump to…"},
    "control.today": {"id": "Hari ini", "en": "Today"},
    "control.points": {"id": "Tampilkan titik laporan 7 hari", "en": "Show report points (7 days)"},
    "control.week": {"id": "Rekap mingguan", "en": "Weekly snapshot"},
    "control.fold": {
        "id": "Atur peta: faktor, provinsi, tanggal",
        "en": "Map settings: factor, province, date",
    },
    "control.week_live": {"id": "Langsung (tanggal dipilih)", "en": "Live (selected date)"},
    "control.week_of": {"id": "Minggu {start} s.d. {end}", "en": "Week {start} to {end}"},
    "control.all_factors": {"id": "Semua", "en": "All"},
    "map.no_data": {"id": "Tidak ada data", "en": "No data"},
    # map
    "map.title": {"id": "Peta kerawanan kabupaten/kota", "en": "Risk map of regencies/cities"},
    "map.legend": {"id": "Tingkat", "en": "Level"},
    "map.score": {"id": "Skor", "en": "Score"},
    "map.reports_7d": {"id": "Laporan 7 hari", "en": "Reports, 7 days"},
    "map.surge": {"id": "Lonjakan", "en": "Surge"},
    "map.no_surge": {"id": "Tidak ada lonjakan", "en": "No surge"},
    "map.point": {"id": "Laporan", "en": "Report"},
    "map.hint": {
        "id": "Klik wilayah atau baris tabel untuk membuka rinciannya.",
        "en": "Click an area or a table row to open its details.",
    },
    # ranking
    "rank.title": {"id": "Kabupaten/kota paling rawan", "en": "Highest-risk regencies/cities"},
    "alerts.title": {"id": "Peringatan dua minggu terakhir", "en": "Alerts in the last two weeks"},
    "alerts.empty": {"id": "Tidak ada peringatan.", "en": "No alerts."},
    "alerts.tinggi": {"id": "Naik ke tinggi", "en": "Rose to tinggi"},
    "alerts.surge": {"id": "Lonjakan laporan", "en": "Surge in reports"},
    "alerts.line": {"id": "skor {score} · {day}", "en": "score {score} · {day}"},
    "rank.rank": {"id": "#", "en": "#"},
    "rank.name": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "rank.score": {"id": "Skor", "en": "Score"},
    "rank.level": {"id": "Tingkat", "en": "Level"},
    "rank.change": {"id": "Perubahan 7 hari", "en": "Change over 7 days"},
    "rank.reports": {"id": "Laporan 7 hari", "en": "Reports, 7 days"},
    "rank.surge": {"id": "lonjakan", "en": "surge"},
    "rank.empty": {"id": "Belum ada skor di atas nol.", "en": "No score above zero yet."},
    "rank.up": {"id": "naik", "en": "up"},
    "rank.down": {"id": "turun", "en": "down"},
    "rank.same": {"id": "tetap", "en": "unchanged"},
    # the first view: the day the map opens on when today has nothing to show
    "focus.demo": {
        "id": "Data demo sintetis, ditampilkan per {day}.",
        "en": "Synthetic demo data, shown as of {day}.",
    },
    "focus.latest": {
        "id": "Belum ada data untuk hari ini; ditampilkan per {day}, hari terakhir dengan data.",
        "en": "No data for today yet; shown as of {day}, the latest day with data.",
    },
    "focus.today": {"id": "Lihat hari ini", "en": "Show today"},
    # the date picker's formats (its month and day names: assets/date_locale.js)
    "date.picker": {"id": "D MMMM YYYY", "en": "MMM D, YYYY"},
    "date.picker_month": {"id": "MMMM YYYY", "en": "MMMM YYYY"},
    # which score the map shows (the hover's first line)
    "map.score_total": {"id": "Skor total", "en": "Total score"},
    "map.score_factor": {
        "id": "Skor dari faktor {factor} saja",
        "en": "Score from the {factor} factor alone",
    },
    "map.as_of": {"id": "Nilai per {day}", "en": "Values as of {day}"},
    "map.as_of_week": {
        "id": "Nilai per {day} (akhir rekap mingguan)",
        "en": "Values as of {day} (end of the weekly snapshot)",
    },
}
