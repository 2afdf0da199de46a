"""Every string the dashboard shows, in Bahasa Indonesia (default) and English, in one catalogue."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("id", "en")
DEFAULT_LANGUAGE: Final = "id"

CATALOGUE: Final[dict[str, dict[str, str]]] = {
    # shell
    "app.title": {"id": "Waspada", "en": "Waspada"},
    "app.tagline": {
        "id": "Deteksi dini kerawanan sosial pemilu",
        "en": "Early warning of election-related social conflict",
    },
    "nav.map": {"id": "Peta kerawanan", "en": "Risk map"},
    "nav.logout": {"id": "Keluar", "en": "Log out"},
    "nav.signed_in_as": {"id": "Masuk sebagai {name} ({role})", "en": "Signed in as {name} ({role})"},
    "lang.switch": {"id": "Bahasa", "en": "Language"},
    "role.admin": {"id": "admin", "en": "admin"},
    "role.analyst": {"id": "analis", "en": "analyst"},
    "role.officer": {"id": "petugas", "en": "officer"},
    "footer.credit": {"id": "Sumber batas & kode wilayah", "en": "Boundary & region-code source"},
    "footer.demo": {"id": "Data demo sintetis", "en": "Synthetic demo data"},
    "loading": {"id": "Memuat…", "en": "Loading…"},
    # login
    "login.title": {"id": "Masuk ke Waspada", "en": "Sign in to Waspada"},
    "login.token": {"id": "Token akses", "en": "Access token"},
    "login.submit": {"id": "Masuk", "en": "Sign in"},
    "login.help": {
        "id": "Gunakan token dari `waspada token create` (peran admin atau analis).",
        "en": "Use a token from `waspada token create` (admin or analyst role).",
    },
    "login.invalid": {
        "id": "Token tidak dikenal atau sudah dicabut.",
        "en": "The token is unknown or has been revoked.",
    },
    "login.missing": {"id": "Isi token terlebih dahulu.", "en": "Enter a token first."},
    "login.other_language": {"id": "English", "en": "Bahasa Indonesia"},
    # header: election in focus
    "election.label": {"id": "Pemilihan", "en": "Election"},
    "election.none": {"id": "Belum ada pemilihan di kalender", "en": "No election in the calendar"},
    "election.voting_day": {"id": "Hari pemungutan {day}", "en": "Voting day {day}"},
    "countdown.title": {"id": "Hitung mundur ke hari pemungutan", "en": "Countdown to voting day"},
    "stage.label": {"id": "Tahapan", "en": "Stage"},
    "stage.none": {"id": "Di luar tahapan", "en": "Outside the stages"},
    "stage.pendaftaran": {"id": "Pendaftaran", "en": "Registration"},
    "stage.penetapan": {"id": "Penetapan", "en": "Candidate designation"},
    "stage.kampanye": {"id": "Kampanye", "en": "Campaign"},
    "stage.masa_tenang": {"id": "Masa tenang", "en": "Quiet period"},
    "stage.pemungutan": {"id": "Pemungutan", "en": "Voting"},
    "stage.rekapitulasi": {"id": "Rekapitulasi", "en": "Recapitulation"},
    # controls
    "control.factor": {"id": "Faktor", "en": "Factor"},
    "control.province": {"id": "Provinsi", "en": "Province"},
    "control.all_provinces": {"id": "Semua provinsi", "en": "All provinces"},
    "control.date": {"id": "Tanggal", "en": "Date"},
    "control.quick_date": {"id": "Lompat ke…", "en": "Jump to…"},
    "control.today": {"id": "Hari ini", "en": "Today"},
    "control.points": {"id": "Tampilkan titik laporan 7 hari", "en": "Show report points (7 days)"},
    "control.week": {"id": "Rekap mingguan", "en": "Weekly snapshot"},
    "control.week_live": {"id": "Langsung (tanggal dipilih)", "en": "Live (selected date)"},
    "control.week_of": {"id": "Minggu {start} s.d. {end}", "en": "Week {start} to {end}"},
    "factor.semua": {"id": "Semua", "en": "All"},
    "factor.kerumunan": {"id": "Kerumunan", "en": "Crowds"},
    "factor.kampanye": {"id": "Kampanye", "en": "Campaign"},
    "factor.isu": {"id": "Isu", "en": "Issues"},
    "factor.kekerasan": {"id": "Kekerasan", "en": "Violence"},
    "factor.lainnya": {"id": "Lainnya", "en": "Other"},
    "factor.agenda": {"id": "Agenda", "en": "Planned events"},
    # levels
    "level.rendah": {"id": "Rendah", "en": "Low"},
    "level.sedang": {"id": "Sedang", "en": "Medium"},
    "level.tinggi": {"id": "Tinggi", "en": "High"},
    "level.none": {"id": "Tidak ada data", "en": "No data"},
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
    # kabupaten page
    "kab.back": {"id": "← Kembali ke peta", "en": "← Back to the map"},
    "kab.not_found": {"id": "Kabupaten/kota tidak ditemukan", "en": "Regency/city not found"},
    "kab.not_found_help": {
        "id": "Wilayah ini tidak ada atau berada di luar cakupan akun Anda.",
        "en": "This area does not exist or lies outside your account's scope.",
    },
    "kab.as_of": {"id": "Per {day}", "en": "As of {day}"},
    "kab.score": {"id": "Skor kerawanan", "en": "Risk score"},
    "kab.factors": {"id": "Skor per faktor", "en": "Score per factor"},
    "kab.explanation": {"id": "Penyumbang skor terbesar", "en": "Largest contributions"},
    "kab.no_contributions": {
        "id": "Tidak ada laporan atau agenda yang menyumbang skor.",
        "en": "No report or planned event contributes to the score.",
    },
    "kab.kind.report": {"id": "Laporan", "en": "Report"},
    "kab.kind.event": {"id": "Agenda", "en": "Planned event"},
    "kab.share": {"id": "Porsi", "en": "Share"},
    "kab.kind": {"id": "Jenis", "en": "Kind"},
    "kab.title": {"id": "Judul", "en": "Title"},
    "kab.factor_or_type": {"id": "Faktor/jenis agenda", "en": "Factor/event type"},
    "kab.trend": {"id": "Tren mingguan skor per faktor", "en": "Weekly score per factor"},
    "kab.trend_total": {"id": "Total", "en": "Total"},
    "kab.trend_week": {"id": "Minggu", "en": "Week"},
    "kab.reports": {"id": "Laporan terbaru", "en": "Recent reports"},
    "kab.no_reports": {"id": "Belum ada laporan.", "en": "No reports yet."},
    "kab.time": {"id": "Waktu", "en": "Time"},
    "kab.category": {"id": "Kategori", "en": "Category"},
    "kab.severity": {"id": "Keparahan", "en": "Severity"},
    "kab.status": {"id": "Status", "en": "Status"},
    "kab.description": {"id": "Uraian", "en": "Description"},
    "kab.events": {"id": "Agenda mendatang", "en": "Upcoming planned events"},
    "kab.no_events": {"id": "Tidak ada agenda terjadwal.", "en": "No planned events."},
    "kab.event_type": {"id": "Jenis agenda", "en": "Event type"},
    "kab.crowd": {"id": "Perkiraan massa", "en": "Expected crowd"},
    "kab.stage_context": {"id": "{election}: {countdown}, {stage}", "en": "{election}: {countdown}, {stage}"},
    "kab.zone": {"id": "Zona waktu {zone}", "en": "Time zone {zone}"},
    # report categories
    "category.kerumunan_massa": {"id": "Kerumunan massa", "en": "Mass gathering"},
    "category.unjuk_rasa": {"id": "Unjuk rasa", "en": "Demonstration"},
    "category.kampanye": {"id": "Kampanye", "en": "Campaign"},
    "category.perusakan_apk": {"id": "Perusakan APK", "en": "Damage to campaign props"},
    "category.politik_uang": {"id": "Politik uang", "en": "Vote buying"},
    "category.netralitas_asn": {"id": "Netralitas ASN", "en": "Civil-servant neutrality"},
    "category.isu_tidak_jelas": {"id": "Isu tidak jelas", "en": "Unclear rumour"},
    "category.hoaks": {"id": "Hoaks", "en": "Hoax"},
    "category.ujaran_kebencian_sara": {"id": "Ujaran kebencian SARA", "en": "Identity-based hate speech"},
    "category.intimidasi": {"id": "Intimidasi", "en": "Intimidation"},
    "category.bentrokan": {"id": "Bentrokan", "en": "Clash"},
    "category.kekerasan": {"id": "Kekerasan", "en": "Violence"},
    "category.lainnya": {"id": "Lainnya", "en": "Other"},
    # report statuses
    "status.baru": {"id": "Baru", "en": "New"},
    "status.terverifikasi": {"id": "Terverifikasi", "en": "Verified"},
    "status.ditolak": {"id": "Ditolak", "en": "Rejected"},
    "status.duplikat": {"id": "Duplikat", "en": "Duplicate"},
    "status.ditangani": {"id": "Ditangani", "en": "Being handled"},
    "status.selesai": {"id": "Selesai", "en": "Closed"},
    # planned event types
    "event.rapat_umum": {"id": "Rapat umum", "en": "Rally"},
    "event.debat": {"id": "Debat", "en": "Debate"},
    "event.pendaftaran_calon": {"id": "Pendaftaran calon", "en": "Candidate registration"},
    "event.rapat_pleno_rekapitulasi": {"id": "Rapat pleno rekapitulasi", "en": "Recapitulation plenary"},
    "event.unjuk_rasa_terjadwal": {"id": "Unjuk rasa terjadwal", "en": "Notified demonstration"},
    "event.lainnya": {"id": "Lainnya", "en": "Other"},
    # errors
    "page.not_found": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
}


def normalize_language(value: str | None) -> str:
    """Anything but a known language code falls back to Bahasa Indonesia."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for key in lang, formatted; a missing key fails loudly in tests, not silently."""
    text = CATALOGUE[key][normalize_language(lang)]
    return text.format(**values) if values else text


def label(prefix: str, code: str | None, lang: str | None) -> str:
    """A vocabulary label (stage, level, category...) or the raw code when the catalogue lacks it."""
    if code is None:
        return t(f"{prefix}.none", lang) if f"{prefix}.none" in CATALOGUE else ""
    key = f"{prefix}.{code}"
    return t(key, lang) if key in CATALOGUE else code
