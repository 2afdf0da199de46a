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
    # guide: how to read a score, beside the map and on the model page
    "guide.title": {"id": "Cara membaca skor", "en": "How to read the score"},
    "guide.scale": {
        "id": "Skor berjalan dari 0 (tenang) sampai 100 (paling rawan) untuk tiap kabupaten/kota dan hari.",
        "en": "The score runs from 0 (calm) to 100 (most tense) for each kabupaten/kota and day.",
    },
    "guide.levels": {
        "id": "{low} di bawah {cut_low}; {mid} dari {cut_low}; {high} dari {cut_high} (batas IKP).",
        "en": "{low} below {cut_low}; {mid} from {cut_low}; {high} from {cut_high} (the IKP cut-offs).",
    },
    "guide.factors": {
        "id": (
            "Skor faktor adalah skor dari faktor itu saja, pada skala yang sama; karena itu skor "
            "faktor tidak dijumlahkan menjadi skor total."
        ),
        "en": (
            "A factor score is the score from that factor alone, on the same scale; so the factor "
            "scores do not add up to the total."
        ),
    },
    "guide.version": {"id": "Versi model: {version}.", "en": "Model version: {version}."},
    "guide.document": {"id": "Dokumen model risiko", "en": "The risk model document"},
    "guide.document_language": {
        "id": "Dokumen teknis di bawah ini ditulis dalam bahasa Inggris.",
        "en": "The technical document below is in English.",
    },
    # agenda: planned events, listed and planned in the dashboard
    "nav.agenda": {"id": "Agenda", "en": "Agenda"},
    "agenda.title": {"id": "Agenda kegiatan", "en": "Planned events"},
    "agenda.help": {
        "id": "Kegiatan terjadwal di wilayah Anda, yang terdekat lebih dulu. Waktu ditulis dalam zona "
        "kabupaten/kota masing-masing. Agenda baru langsung dihitung dalam skor dan peta.",
        "en": "Planned events in your area, soonest first. Times are in each regency's own zone. "
        "A new event counts in the score and the map at once.",
    },
    "agenda.show_past": {"id": "Tampilkan juga 3 bulan terakhir", "en": "Also show the past 3 months"},
    "agenda.show_cancelled": {"id": "Tampilkan yang dibatalkan", "en": "Show cancelled events"},
    "agenda.empty": {"id": "Tidak ada agenda.", "en": "No planned events."},
    "agenda.limited": {
        "id": "Hanya {count} agenda pertama yang ditampilkan; pilih kabupaten/kota untuk mempersempit.",
        "en": "Only the first {count} events are shown; pick a regency to narrow the list.",
    },
    "agenda.col.time": {"id": "Waktu mulai", "en": "Starts"},
    "agenda.col.kabupaten_kode": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "agenda.col.event_type": {"id": "Jenis", "en": "Type"},
    "agenda.col.title": {"id": "Judul", "en": "Title"},
    "agenda.col.venue": {"id": "Tempat", "en": "Venue"},
    "agenda.col.organiser": {"id": "Penyelenggara", "en": "Organiser"},
    "agenda.col.expected_crowd": {"id": "Perkiraan massa", "en": "Expected crowd"},
    "agenda.col.status": {"id": "Status", "en": "Status"},
    "agenda.planned": {"id": "Terjadwal", "en": "Planned"},
    "agenda.cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "agenda.edit": {"id": "Ubah agenda ini", "en": "Edit this event"},
    "agenda.form_new": {"id": "Agenda baru", "en": "New planned event"},
    "agenda.form_edit": {"id": "Ubah agenda: {title}", "en": "Edit event: {title}"},
    "agenda.zone": {
        "id": "Waktu diketik dalam waktu setempat ({zone}).",
        "en": "Times are typed in local time ({zone}).",
    },
    "agenda.zone_pick": {
        "id": "Pilih kabupaten/kota dulu: waktu diketik dalam zona waktunya (WIB, WITA atau WIT).",
        "en": "Pick the regency first: times are typed in its zone (WIB, WITA or WIT).",
    },
    "agenda.read_only": {
        "id": "Anda tidak dapat menambah agenda di wilayah ini.",
        "en": "You cannot plan events in this area.",
    },
    "agenda.save": {"id": "Simpan", "en": "Save"},
    "agenda.new": {"id": "Agenda baru", "en": "New event"},
    "agenda.cancel_event": {"id": "Batalkan agenda", "en": "Cancel the event"},
    "agenda.restore_event": {"id": "Pulihkan agenda", "en": "Restore the event"},
    "agenda.saved": {"id": "Agenda tersimpan: {title}", "en": "Event saved: {title}"},
    "agenda.updated": {"id": "Perubahan tersimpan: {title}", "en": "Changes saved: {title}"},
    "agenda.cancelled_done": {"id": "Agenda dibatalkan: {title}", "en": "Event cancelled: {title}"},
    "agenda.restored_done": {"id": "Agenda dipulihkan: {title}", "en": "Event restored: {title}"},
    "agenda.error.fields": {"id": "Belum tersimpan. {fields}", "en": "Not saved. {fields}"},
    "agenda.error.forbidden": {
        "id": "Belum tersimpan: Anda tidak dapat mengatur agenda kabupaten/kota ini.",
        "en": "Not saved: you may not plan events for this regency.",
    },
    "agenda.error.not_found": {"id": "Agenda tidak ditemukan.", "en": "Event not found."},
    "agenda.error.other": {
        "id": "Belum tersimpan: periksa isian formulir.",
        "en": "Not saved: check the form.",
    },
    "agenda.field.kabupaten_kode": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "agenda.field.kecamatan_kode": {"id": "Kecamatan (tidak wajib)", "en": "District (optional)"},
    "agenda.field.event_type": {"id": "Jenis agenda", "en": "Event type"},
    "agenda.field.title": {"id": "Judul", "en": "Title"},
    "agenda.field.starts_at": {"id": "Mulai", "en": "Starts"},
    "agenda.field.ends_at": {"id": "Selesai", "en": "Ends"},
    "agenda.field.venue": {"id": "Tempat", "en": "Venue"},
    "agenda.field.organiser": {"id": "Penyelenggara", "en": "Organiser"},
    "agenda.field.expected_crowd": {"id": "Perkiraan massa", "en": "Expected crowd"},
    "agenda.field.source": {"id": "Sumber informasi", "en": "Source"},
    "agenda.field.other": {"id": "Isian", "en": "A field"},
    "agenda.reason.required": {"id": "wajib diisi", "en": "is required"},
    "agenda.reason.too_long": {
        "id": "terlalu panjang (paling banyak 200 huruf)",
        "en": "is too long (200 characters at most)",
    },
    "agenda.reason.number": {"id": "harus bilangan bulat", "en": "must be a whole number"},
    "agenda.reason.range": {"id": "di luar rentang yang diterima", "en": "is out of the accepted range"},
    "agenda.reason.time": {"id": "bukan tanggal dan jam yang sah", "en": "is not a valid date and time"},
    "agenda.reason.choice": {"id": "pilihan tidak dikenal", "en": "is not a known choice"},
    "agenda.reason.kecamatan": {
        "id": "bukan kecamatan di kabupaten/kota ini",
        "en": "is not a district of this regency",
    },
    "agenda.reason.before_start": {"id": "lebih awal dari waktu mulai", "en": "is before the start"},
    "agenda.reason.too_long_event": {
        "id": "agenda paling lama 90 hari",
        "en": "an event lasts 90 days at most",
    },
    "agenda.reason.too_early": {"id": "sebelum tahun 2000", "en": "is before the year 2000"},
    "agenda.reason.invalid": {"id": "isian tidak sah", "en": "is not valid"},
    # kabupaten page: planned events on the trend and in the list
    "kab.trend_agenda": {"id": "Agenda", "en": "Agenda"},
    "kab.venue": {"id": "Tempat", "en": "Venue"},
    "kab.organiser": {"id": "Penyelenggara", "en": "Organiser"},
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
