"""Every string the dashboard shows, in Bahasa Indonesia (default) and English, in one catalogue.

The catalogue holds the dashboard's own words (`UI_STRINGS`) and, under `<vocabulary>.<value>`
(`factor.isu`, `stage.kampanye`, `event_type.debat`...), every term of `models.vocab` with the
vocabulary's own labels: a term is never worded here.
"""

from __future__ import annotations

from typing import Final

from core.snapshots.narrative import format_number as format_number  # one rule for numbers, core's
from dashboard.i18n_map import MAP_STRINGS
from models import vocab

LANGUAGES: Final = vocab.LANGUAGES
DEFAULT_LANGUAGE: Final = "id"

UI_STRINGS: Final[dict[str, dict[str, str]]] = {
    # shell
    "app.title": {"id": "Waspada", "en": "Waspada"},
    "app.tagline": {
        "id": "Deteksi dini kerawanan sosial pemilu",
        "en": "Early warning of election-related social conflict",
    },
    "nav.map": {"id": "Peta kerawanan", "en": "Risk map"},
    "nav.logout": {"id": "Keluar", "en": "Log out"},
    "nav.password": {"id": "Ganti kata sandi", "en": "Change password"},
    "nav.admin": {"id": "Pengelolaan akun", "en": "Accounts"},
    # admin console
    "admin.title": {"id": "Pengelolaan akun", "en": "Account management"},
    "admin.forbidden": {
        "id": "Hanya admin dan analis yang dapat mengelola akun.",
        "en": "Only admins and analysts manage accounts.",
    },
    "admin.rule.admin": {
        "id": "Sebagai admin Anda mengelola semua akun.",
        "en": "As an admin you manage every account.",
    },
    "admin.rule.analyst": {
        "id": "Sebagai analis Anda mengelola akun petugas di provinsi Anda.",
        "en": "As an analyst you manage the officer accounts of your province.",
    },
    "admin.accounts": {"id": "Akun", "en": "Accounts"},
    "admin.col.username": {"id": "Nama pengguna", "en": "Username"},
    "admin.col.name": {"id": "Nama tampilan", "en": "Display name"},
    "admin.col.role": {"id": "Peran", "en": "Role"},
    "admin.col.scope": {"id": "Wilayah", "en": "Scope"},
    "admin.col.password": {"id": "Kata sandi", "en": "Password"},
    "admin.col.state": {"id": "Status", "en": "State"},
    "admin.col.actions": {"id": "Tindakan", "en": "Actions"},
    "admin.password.none": {"id": "tidak ada (hanya API)", "en": "none (API only)"},
    "admin.password.one_time": {"id": "sekali pakai", "en": "one-time"},
    "admin.password.set": {"id": "sudah diatur", "en": "set"},
    "admin.state.active": {"id": "aktif", "en": "active"},
    "admin.state.disabled": {"id": "nonaktif", "en": "disabled"},
    "admin.state.revoked": {"id": "dicabut", "en": "revoked"},
    "admin.enable": {"id": "Aktifkan", "en": "Enable"},
    "admin.disable": {"id": "Nonaktifkan", "en": "Disable"},
    "admin.reset": {"id": "Atur ulang sandi", "en": "Reset password"},
    "admin.create": {"id": "Buat akun", "en": "Create an account"},
    "admin.create.submit": {"id": "Buat akun", "en": "Create account"},
    # inbox (laporan masuk)
    "nav.inbox": {"id": "Laporan masuk", "en": "Inbox"},
    "inbox.title": {"id": "Laporan masuk", "en": "Incoming reports"},
    "inbox.help": {
        "id": "Laporan di wilayah Anda, yang terbaru diterima di atas. "
        "Daftar diperbarui sendiri tiap 10 detik.",
        "en": "Reports in your area, newest arrival first. The list refreshes itself every 10 seconds.",
    },
    "inbox.all": {"id": "Semua", "en": "All"},
    "inbox.any": {"id": "— semua —", "en": "— any —"},
    "inbox.filters": {"id": "Saring laporan", "en": "Filter reports"},
    "inbox.search_label": {"id": "Cari", "en": "Search"},
    "inbox.matches": {"id": "{count} laporan cocok", "en": "{count} matching reports"},
    "inbox.matches_more": {
        "id": "lebih dari {count} laporan cocok",
        "en": "more than {count} matching reports",
    },
    "inbox.search": {"id": "Cari judul atau uraian…", "en": "Search title or description…"},
    "inbox.since": {"id": "Sejak tanggal", "en": "From"},
    "inbox.until": {"id": "Sampai tanggal", "en": "To"},
    "inbox.reset": {"id": "Hapus filter", "en": "Clear filters"},
    "inbox.empty": {"id": "Tidak ada laporan yang cocok.", "en": "No reports match."},
    "inbox.first_page": {"id": "« Terbaru", "en": "« Newest"},
    "inbox.next_page": {"id": "Berikutnya »", "en": "Next »"},
    "inbox.col.received": {"id": "Diterima", "en": "Received"},
    "inbox.col.occurred": {"id": "Kejadian", "en": "Occurred"},
    "inbox.col.place": {"id": "Wilayah", "en": "Place"},
    "inbox.col.report": {"id": "Laporan", "en": "Report"},
    "inbox.col.pick": {"id": "Pilih", "en": "Pick"},
    "inbox.selection": {"id": "Laporan terpilih", "en": "Selected reports"},
    "inbox.note": {"id": "Catatan (wajib untuk menolak)", "en": "Note (needed to reject)"},
    "inbox.verify": {"id": "Verifikasi terpilih", "en": "Verify selected"},
    "inbox.reject": {"id": "Tolak terpilih", "en": "Reject selected"},
    "inbox.pick_first": {"id": "Pilih laporan dulu.", "en": "Pick reports first."},
    "inbox.done": {
        "id": "{changed} laporan diubah, {refused} tidak dapat diubah.",
        "en": "{changed} reports changed, {refused} could not be changed.",
    },
    "inbox.refresh_paused": {
        "id": "Pembaruan otomatis berhenti selama ada laporan terpilih.",
        "en": "Automatic refresh pauses while reports are selected.",
    },
    "inbox.mismatch": {"id": "titik di luar wilayah", "en": "point outside the area"},
    # one report
    "report.back": {"id": "← Laporan masuk", "en": "← Inbox"},
    "report.not_found": {"id": "Laporan tidak ditemukan", "en": "Report not found"},
    "report.details": {"id": "Rincian", "en": "Details"},
    "report.location": {"id": "Lokasi", "en": "Location"},
    "report.no_point": {
        "id": "Laporan ini tidak membawa titik lokasi.",
        "en": "This report carries no location.",
    },
    "report.mismatch_kabupaten": {
        "id": "Perhatian: titik lokasi berada di {located}, bukan di kabupaten/kota laporan.",
        "en": "Note: the location lies in {located}, not in the report's regency/city.",
    },
    "report.mismatch_outside": {
        "id": "Perhatian: titik lokasi berada di luar kabupaten/kota laporan.",
        "en": "Note: the location lies outside the report's regency/city.",
    },
    "report.mismatch_kecamatan": {
        "id": "Perhatian: titik lokasi berada di Kecamatan {located}, bukan di kecamatan yang disebut.",
        "en": "Note: the location lies in kecamatan {located}, not in the one named.",
    },
    "report.trail": {"id": "Riwayat", "en": "Trail"},
    "report.trail.created": {"id": "Laporan diterima", "en": "Report received"},
    "report.trail.status_change": {"id": "Status: {from_} → {to}", "en": "Status: {from_} → {to}"},
    "report.trail.note": {"id": "Catatan", "en": "Note"},
    "report.col.when": {"id": "Waktu", "en": "When"},
    "report.col.who": {"id": "Oleh", "en": "By"},
    "report.col.what": {"id": "Apa", "en": "What"},
    "report.col.note": {"id": "Catatan", "en": "Note"},
    "report.actions": {"id": "Tindak lanjut", "en": "Actions"},
    "report.note": {
        "id": "Catatan (wajib untuk Ditolak dan Duplikat)",
        "en": "Note (needed for Rejected and Duplicate)",
    },
    "report.move_to": {"id": "Ubah ke: {status}", "en": "Move to: {status}"},
    "report.add_note": {"id": "Simpan catatan saja", "en": "Save the note only"},
    "report.no_actions": {
        "id": "Tidak ada perubahan status yang dapat Anda lakukan pada laporan ini.",
        "en": "There is no status change you may make to this report.",
    },
    "report.saved": {"id": "Tersimpan.", "en": "Saved."},
    "report.duplicates": {"id": "Mungkin duplikat dari", "en": "Possibly a duplicate of"},
    "report.duplicates_none": {
        "id": "Tidak ada laporan serupa dalam 48 jam.",
        "en": "No similar report within 48 hours.",
    },
    "report.mark_duplicate": {
        "id": "Tandai duplikat dari laporan ini",
        "en": "Mark as a duplicate of this one",
    },
    "report.hours_apart": {"id": "selisih {hours} jam", "en": "{hours} hours apart"},
    "report.distance": {"id": "berjarak {km} km", "en": "{km} km away"},
    "report.likely": {"id": "kemungkinan besar sama", "en": "likely the same"},
    "report.similarity": {"id": "kemiripan {share}", "en": "similarity {share}"},
    "report.error.note": {
        "id": "Tulis catatan dulu: alasan wajib untuk status ini.",
        "en": "Write a note first: this status needs a reason.",
    },
    "report.error.forbidden": {"id": "Anda tidak dapat melakukan ini.", "en": "You may not do this."},
    "report.error.transition": {
        "id": "Status laporan sudah berubah; muat ulang halaman.",
        "en": "The report's status has changed meanwhile; reload the page.",
    },
    "report.error.duplicate": {
        "id": "Laporan asal tidak dapat dipakai (mungkin ia sendiri duplikat).",
        "en": "That original cannot be used (it may itself be a duplicate).",
    },
    "report.error.other": {"id": "Perubahan tidak tersimpan: {reason}", "en": "Not saved: {reason}"},
    "admin.secret.created": {
        "id": "Akun {username} dibuat. Kata sandi sekali pakai (hanya ditampilkan sekarang):",
        "en": "Account {username} created. One-time password (shown only now):",
    },
    "admin.secret.reset": {
        "id": "Kata sandi sekali pakai baru untuk {username} (hanya ditampilkan sekarang):",
        "en": "New one-time password for {username} (shown only now):",
    },
    "admin.secret.token": {
        "id": "Token API baru untuk {username}. Simpan sekarang, tidak akan ditampilkan lagi:",
        "en": "New API token for {username}. Store it now, it is not shown again:",
    },
    "admin.tokens": {"id": "Token API", "en": "API tokens"},
    "admin.tokens.pick": {
        "id": "Pilih \u201cToken API\u201d pada sebuah akun untuk melihat dan membuat tokennya.",
        "en": "Choose \u201cAPI tokens\u201d on an account to see and make its tokens.",
    },
    "admin.tokens.of": {"id": "Token API milik {username}", "en": "API tokens of {username}"},
    "admin.tokens.label": {"id": "Label token (mis. ponsel)", "en": "Token label (e.g. phone)"},
    "admin.tokens.create": {"id": "Buat token", "en": "Create token"},
    "admin.tokens.revoke": {"id": "Cabut", "en": "Revoke"},
    "admin.tokens.none": {"id": "Belum ada token.", "en": "No tokens yet."},
    "admin.webhook": {"id": "Webhook peringatan", "en": "Alert webhooks"},
    "admin.webhook.none": {
        "id": "Belum ada webhook (WASPADA_WEBHOOK_URLS).",
        "en": "No webhooks yet (WASPADA_WEBHOOK_URLS).",
    },
    "admin.webhook.not_configured": {"id": "tidak lagi dikonfigurasi", "en": "no longer configured"},
    "admin.webhook.col.url": {"id": "Alamat", "en": "URL"},
    "admin.webhook.col.delivered": {"id": "Terkirim", "en": "Delivered"},
    "admin.webhook.col.pending": {"id": "Menunggu", "en": "Pending"},
    "admin.webhook.col.failed": {"id": "Gagal", "en": "Failed"},
    "admin.webhook.col.last": {"id": "Terakhir terkirim", "en": "Last delivered"},
    "admin.webhook.col.error": {"id": "Galat terakhir", "en": "Last error"},
    "admin.audit": {"id": "Jejak audit", "en": "Audit trail"},
    "admin.audit.all": {"id": "Semua jenis", "en": "All kinds"},
    "admin.audit.actor": {"id": "Pelaku (nama pengguna)", "en": "Actor (username)"},
    "admin.audit.entity.account": {"id": "akun", "en": "account"},
    "admin.audit.entity.report": {"id": "laporan", "en": "report"},
    "admin.audit.entity.event": {"id": "agenda", "en": "event"},
    "admin.audit.col.at": {"id": "Waktu", "en": "When"},
    "admin.audit.col.actor": {"id": "Pelaku", "en": "Actor"},
    "admin.audit.col.entity": {"id": "Data", "en": "Record"},
    "admin.audit.col.action": {"id": "Tindakan", "en": "Action"},
    "admin.audit.col.change": {"id": "Perubahan", "en": "Change"},
    "admin.error.username": {
        "id": "Nama pengguna: 3\u201340 huruf kecil, angka, titik, garis bawah atau tanda hubung.",
        "en": "Username: 3-40 lower-case letters, digits, dots, underscores or hyphens.",
    },
    "admin.error.taken": {"id": "Nama pengguna itu sudah dipakai.", "en": "That username is taken."},
    "admin.error.forbidden": {
        "id": "Anda tidak berhak mengelola akun ini.",
        "en": "You may not manage this account.",
    },
    "admin.error.scope": {
        "id": "Pilih wilayah yang sesuai: provinsi untuk analis, kabupaten/kota untuk petugas, "
        "tanpa wilayah untuk admin.",
        "en": "Choose a matching scope: a province for an analyst, a kabupaten/kota for an officer, "
        "none for an admin.",
    },
    "admin.error.other": {"id": "Perubahan tidak dapat disimpan.", "en": "The change could not be saved."},
    "nav.signed_in_as": {"id": "Masuk sebagai {name} ({role})", "en": "Signed in as {name} ({role})"},
    "lang.switch": {"id": "Bahasa", "en": "Language"},
    "role.admin": {"id": "admin", "en": "admin"},
    "role.analyst": {"id": "analis", "en": "analyst"},
    "role.officer": {"id": "petugas", "en": "officer"},
    "footer.demo": {"id": "Data demo sintetis", "en": "Synthetic demo data"},
    "loading": {"id": "Memuat…", "en": "Loading…"},
    # login
    "login.title": {"id": "Masuk ke Waspada", "en": "Sign in to Waspada"},
    "login.username": {"id": "Nama pengguna", "en": "Username"},
    "login.password": {"id": "Kata sandi", "en": "Password"},
    "login.submit": {"id": "Masuk", "en": "Sign in"},
    "login.help": {
        "id": "Belum punya akun? Minta administrator membuatnya (waspada account create).",
        "en": "No account yet? Ask an administrator to create one (waspada account create).",
    },
    "login.invalid": {
        "id": "Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.",
        "en": "Wrong username or password, or the account is disabled.",
    },
    "login.missing": {
        "id": "Isi nama pengguna dan kata sandi.",
        "en": "Enter your username and password.",
    },
    # changing one's own password
    "password.title": {"id": "Ganti kata sandi", "en": "Change password"},
    "password.must_change": {
        "id": "Kata sandi Anda adalah kata sandi sekali pakai. Buat kata sandi baru untuk melanjutkan.",
        "en": "Your password is a one-time password. Choose a new one to continue.",
    },
    "password.current": {"id": "Kata sandi saat ini", "en": "Current password"},
    "password.new": {"id": "Kata sandi baru", "en": "New password"},
    "password.confirm": {"id": "Ulangi kata sandi baru", "en": "Repeat the new password"},
    "password.submit": {"id": "Simpan kata sandi", "en": "Save password"},
    "password.rule": {
        "id": "Minimal {min} karakter, tidak memuat nama pengguna. Semua sesi lain akan berakhir.",
        "en": "At least {min} characters, not containing the username. Every other session will end.",
    },
    "password.mismatch": {
        "id": "Kata sandi baru dan ulangannya tidak sama.",
        "en": "The new password and its repetition differ.",
    },
    "password.wrong_password": {
        "id": "Kata sandi saat ini salah.",
        "en": "The current password is not correct.",
    },
    "password.too_short": {
        "id": "Kata sandi baru minimal {min} karakter.",
        "en": "The new password needs at least {min} characters.",
    },
    "password.too_long": {
        "id": "Kata sandi baru terlalu panjang (maksimal {max} karakter).",
        "en": "The new password is too long (at most {max} characters).",
    },
    "password.contains_username": {
        "id": "Kata sandi baru tidak boleh memuat nama pengguna.",
        "en": "The new password must not contain the username.",
    },
    "password.too_uniform": {
        "id": "Kata sandi baru perlu minimal 4 karakter yang berbeda.",
        "en": "The new password needs at least 4 different characters.",
    },
    "password.unchanged": {
        "id": "Kata sandi baru harus berbeda dari yang sekarang.",
        "en": "The new password must differ from the current one.",
    },
    "password.back": {"id": "Kembali ke peta", "en": "Back to the map"},
    "login.throttled": {
        "id": "Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam {minutes} menit.",
        "en": "Too many failed sign-in attempts from this address. Try again in {minutes} minutes.",
    },
    "login.other_language": {"id": "English", "en": "Bahasa Indonesia"},
    "kab.agenda": {"id": "Agenda", "en": "Planned events"},
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
    "kab.day": {"id": "Tanggal", "en": "Date"},
    "kab.trend_x": {"id": "Akhir minggu (Minggu)", "en": "Week ending (Sunday)"},
    "kab.trend_y": {"id": "Skor kerawanan (0-100)", "en": "Risk score (0-100)"},
    "kab.zone": {"id": "Zona waktu {zone}", "en": "Time zone {zone}"},
    "kab.kecamatan": {"id": "Kerawanan per kecamatan", "en": "Risk per kecamatan (district)"},
    "kab.kecamatan_help": {
        "id": "Dari laporan dan agenda yang menyebut kecamatannya (kode, nama, atau titik lokasi). "
        "Kecamatan tidak memakai skor dasar (IKP hanya ada per kabupaten).",
        "en": "From the reports and planned events placed in a kecamatan (by code, name or location). "
        "Kecamatan carry no baseline score (IKP exists per kabupaten only).",
    },
    "kab.kecamatan_none": {
        "id": "Belum ada laporan atau agenda dengan kecamatan.",
        "en": "No reports or planned events placed in a kecamatan yet.",
    },
    "kab.kecamatan_name": {"id": "Kecamatan", "en": "Kecamatan"},
    # errors
    "page.not_found": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
    # dates written out: "30 November 2024" / "November 30, 2024"
    "date.long": {"id": "{day} {month} {year}", "en": "{month} {day}, {year}"},
    "month.1": {"id": "Januari", "en": "January"},
    "month.2": {"id": "Februari", "en": "February"},
    "month.3": {"id": "Maret", "en": "March"},
    "month.4": {"id": "April", "en": "April"},
    "month.5": {"id": "Mei", "en": "May"},
    "month.6": {"id": "Juni", "en": "June"},
    "month.7": {"id": "Juli", "en": "July"},
    "month.8": {"id": "Agustus", "en": "August"},
    "month.9": {"id": "September", "en": "September"},
    "month.10": {"id": "Oktober", "en": "October"},
    "month.11": {"id": "November", "en": "November"},
    "month.12": {"id": "Desember", "en": "December"},
}


def term_entries() -> dict[str, dict[str, str]]:
    """Every vocabulary term as a catalogue entry, labelled by models.vocab."""
    return {
        f"{name}.{term.value}": {"id": term.id, "en": term.en}
        for name, terms in vocab.VOCABULARIES.items()
        for term in terms
    }


CATALOGUE: Final[dict[str, dict[str, str]]] = UI_STRINGS | MAP_STRINGS | term_entries()


def normalize_language(value: str | None) -> str:
    """Anything but a known language code falls back to Bahasa Indonesia."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string for key in lang, formatted; a missing key fails loudly in tests, not silently."""
    text = CATALOGUE[key][normalize_language(lang)]
    return text.format(**values) if values else text


def label(vocabulary: str, code: str, lang: str | None) -> str:
    """A term's label (vocabulary 'stage', 'level', 'category'...) or the raw code when it is no term."""
    return vocab.label(vocabulary, code, normalize_language(lang))
