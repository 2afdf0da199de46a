// Waspada · Lapor: an offline-first incident report form for district officers.
// Every report gets its id on the phone and waits in IndexedDB until the server acknowledges it.
// The terms (categories by factor, source types, severities) and their labels come from
// GET /api/v1/vocabulary, kept in localStorage so the form still works with no signal; so are
// the kecamatan and desa of each kabupaten used (GET /api/v1/regions/kabupaten/{kode}/places).
(() => {
  'use strict';
  const API = '/api/v1';
  const CHUNK = 500;
  const FLUSH_EVERY_MS = 30000;
  const TIMEOUT_MS = 60000;
  const KEEP_SENT_MS = 7 * 864e5;
  const OFFSETS = { WIB: '+07:00', WITA: '+08:00', WIT: '+09:00' };
  const FUTURE_TOLERANCE_MIN = 10; // the server's default, until /me says what it is configured to
  const VOCAB_KEY = 'wsp.vocab';
  const PLACES_KEY = 'wsp.places.'; // + kabupaten code: { etag, data } as the server sent it
  const PLACES_INDEX = 'wsp.places'; // the kabupaten kept, most recently fetched first
  const KEEP_PLACES = 8; // an admin may report for many; the largest list is about 50 kB

  // The form's own words, Bahasa Indonesia first (the terms' labels come with the vocabulary).
  const S = {
    id: {
      report: 'Lapor', signin: 'Masuk', token: 'Token API', signinBtn: 'Masuk',
      signinHelp: 'Masukkan token API dari admin. Cukup sekali: token disimpan di ponsel ini.',
      badToken: 'Token tidak dikenal atau sudah dicabut.',
      needNet: 'Masuk memerlukan sinyal satu kali. Coba lagi saat ada koneksi.',
      expired: 'Token tidak berlaku lagi. Masuk kembali; laporan yang menunggu tetap tersimpan.',
      online: 'daring', offline: 'luring',
      editing: 'Mengubah laporan yang ditolak.', cancel: 'Batal',
      kab: 'Kabupaten/Kota', choose: '— pilih —', category: 'Kategori kejadian',
      severity: 'Tingkat keparahan',
      when: 'Waktu kejadian', kecamatan: 'Kecamatan', crowd: 'Perkiraan jumlah massa',
      desa: 'Desa/Kelurahan', filter: 'Ketik untuk menyaring…', kecFirst: '— pilih kecamatan dulu —',
      title: 'Judul singkat', desc: 'Uraian kejadian', source: 'Sumber informasi',
      geo: 'Lampirkan lokasi saya', geoWait: 'Mencari lokasi…', geoOk: 'Lokasi terlampir',
      geoDenied: 'Izin lokasi ditolak. Laporan tetap bisa dikirim tanpa lokasi.',
      geoFail: 'Lokasi tidak dapat ditentukan. Laporan tetap bisa dikirim tanpa lokasi.',
      geoNone: 'Perangkat ini tidak memberi lokasi. Laporan tetap bisa dikirim tanpa lokasi.',
      save: 'Simpan & kirim', saved: 'Laporan disimpan di ponsel dan akan dikirim.',
      queue: 'Antrean laporan', sendNow: 'Kirim sekarang',
      clearSent: 'Hapus yang sudah terkirim dari daftar',
      menunggu: 'menunggu', terkirim: 'terkirim', ditolak: 'ditolak',
      edit: 'Ubah', del: 'Hapus', delAsk: 'Hapus laporan ini dari ponsel?',
      sending: 'Mengirim…', syncOk: 'Terkirim semua', syncFail: 'Gagal mengirim; dicoba lagi otomatis',
      syncOff: 'Tidak ada sinyal: laporan menunggu di ponsel dan dikirim otomatis.',
      signout: 'Keluar', signoutAsk: 'Keluar? Laporan yang menunggu tetap tersimpan di ponsel.',
      analyst: 'Catatan: server hanya menerima laporan dari petugas dan admin.',
      other: 'akun lain', empty: 'Belum ada laporan.',
      roles: { officer: 'petugas', analyst: 'analis', admin: 'admin' },
      field: 'Laporan', // a refusal naming no field of the vocabulary
      whenFuture:
        'Waktu kejadian tidak boleh lebih dari {n} menit setelah saat ini ({now} {zona} menurut jam ponsel).',
      syncRefused: '{n} laporan ditolak server dan perlu dibetulkan: lihat alasannya di daftar',
    },
    en: {
      report: 'Report', signin: 'Sign in', token: 'API token', signinBtn: 'Sign in',
      signinHelp: 'Enter the API token from your administrator. Once only: it is kept on this phone.',
      badToken: 'Unknown or revoked token.',
      needNet: 'Signing in needs a connection once. Try again when you have signal.',
      expired: 'The token is no longer valid. Sign in again; waiting reports are kept.',
      online: 'online', offline: 'offline',
      editing: 'Correcting a rejected report.', cancel: 'Cancel',
      kab: 'Regency/City', choose: '— choose —', category: 'Incident category',
      severity: 'Severity',
      when: 'Time of incident', kecamatan: 'District (kecamatan)', crowd: 'Estimated crowd size',
      desa: 'Village (desa/kelurahan)', filter: 'Type to filter…', kecFirst: '— choose a district first —',
      title: 'Short title', desc: 'Description', source: 'Source of information',
      geo: 'Attach my location', geoWait: 'Finding location…', geoOk: 'Location attached',
      geoDenied: 'Location permission refused. The report can still be sent without it.',
      geoFail: 'Location could not be found. The report can still be sent without it.',
      geoNone: 'This device gives no location. The report can still be sent without it.',
      save: 'Save & send', saved: 'Report saved on the phone; it will be sent.',
      queue: 'Report queue', sendNow: 'Send now', clearSent: 'Remove sent reports from the list',
      menunggu: 'waiting', terkirim: 'sent', ditolak: 'rejected',
      edit: 'Edit', del: 'Delete', delAsk: 'Delete this report from the phone?',
      sending: 'Sending…', syncOk: 'All sent', syncFail: 'Sending failed; will retry automatically',
      syncOff: 'No signal: reports wait on the phone and are sent automatically.',
      signout: 'Sign out', signoutAsk: 'Sign out? Waiting reports stay on the phone.',
      analyst: 'Note: the server accepts reports from officers and admins only.',
      other: 'other account', empty: 'No reports yet.',
      roles: { officer: 'officer', analyst: 'analyst', admin: 'admin' },
      field: 'Report',
      whenFuture:
        "The time of the incident may not be more than {n} minutes from now ({now} {zona} by the phone's clock).",
      syncRefused: '{n} report(s) refused by the server and need correcting: see the reasons in the list',
    },
  };

  // The server's refusals of a report by error type (`type|field` first), [Bahasa Indonesia, English];
  // {n} is the limit the server's own reason names.
  const TOGETHER = [
    'lintang dan bujur harus diisi bersamaan',
    'latitude and longitude must be given together',
  ];
  const WHOLE = ['harus berupa bilangan bulat', 'must be a whole number'];
  const NUMBER = ['harus berupa angka', 'must be a number'];
  const CHOICE = ['bukan salah satu pilihan yang tersedia', 'not one of the choices offered'];
  const REPORT_ID = ['bukan ID laporan yang sah', 'not a valid report ID'];
  const DATETIME = ['bukan tanggal dan jam yang sah', 'not a valid date and time'];
  const NUL = [
    'berisi karakter yang tidak boleh dipakai (NUL)',
    'contains a character that may not be used (NUL)',
  ];
  const REASONS = {
    missing: ['wajib diisi', 'is required'],
    'missing|latitude': TOGETHER,
    'missing|longitude': TOGETHER,
    extra_forbidden: ['isian ini tidak dikenal server', 'the server does not know this entry'],
    string_type: ['harus berupa teks', 'must be text'],
    string_too_short: ['tidak boleh kosong', 'may not be empty'],
    too_short: ['terlalu pendek', 'too short'],
    string_too_long: ['paling banyak {n} karakter', 'at most {n} characters'],
    string_pattern_mismatch: ['bukan kode wilayah yang sah', 'not a valid region code'],
    int_type: WHOLE,
    int_parsing: WHOLE,
    int_from_float: WHOLE,
    float_type: NUMBER,
    float_parsing: NUMBER,
    finite_number: ['harus berupa angka yang terhingga', 'must be a finite number'],
    greater_than_equal: ['paling kecil {n}', 'at least {n}'],
    less_than_equal: ['paling besar {n}', 'at most {n}'],
    greater_than: ['harus lebih dari {n}', 'must be more than {n}'],
    less_than: ['harus kurang dari {n}', 'must be less than {n}'],
    enum: CHOICE,
    literal_error: CHOICE,
    uuid_type: REPORT_ID,
    uuid_parsing: REPORT_ID,
    datetime_type: DATETIME,
    datetime_parsing: DATETIME,
    datetime_from_date_parsing: DATETIME,
    value_error: ['isinya tidak sah', 'not a valid value'],
    'value_error|occurred_at': [
      'harus berupa tanggal dan jam yang sah antara tahun 2000 dan 2100',
      'must be a valid date and time between the years 2000 and 2100',
    ],
    'value_error|title': NUL,
    'value_error|description': NUL,
    'value_error|kecamatan': NUL,
    future: [
      'lebih dari {n} menit di masa depan; periksa tanggal, jam, dan jam ponsel',
      "more than {n} minutes in the future; check the date, the time and the phone's clock",
    ],
    too_old: ['sebelum tahun 2000', 'before the year 2000'],
    out_of_area: ['titik berada di luar wilayah Indonesia', 'the point lies outside Indonesia'],
    unknown: ['bukan kode kabupaten/kota yang dikenal', 'not a known regency/city code'],
    forbidden: [
      'akun ini tidak boleh melapor untuk kabupaten/kota ini',
      'this account may not report for this regency/city',
    ],
    not_in_kabupaten: ['tidak berada di kabupaten/kota laporan ini', "not in this report's regency/city"],
    unknown_kecamatan: [
      'tidak ada dalam daftar kecamatan Kemendagri',
      'not in the official list of districts',
    ],
    not_in_kecamatan: ['tidak berada di kecamatan yang dipilih', 'not in the chosen district'],
    unknown_desa: [
      'tidak ada dalam daftar desa/kelurahan Kemendagri',
      'not in the official list of villages',
    ],
    invalid_code: ['kode wilayah tidak sah', 'not a valid region code'],
    conflict: [
      'laporan lain dengan ID ini sudah tersimpan di server; tidak ada yang diubah',
      'a different report with this ID is already stored on the server; nothing was changed',
    ],
    generic: ['ditolak server karena isinya tidak sah', 'refused by the server: the value is not valid'],
  };

  const $ = (id) => document.getElementById(id);
  const ls = window.localStorage;
  const read = (key, fallback) => {
    try { return JSON.parse(ls.getItem(key)) ?? fallback; } catch (e) { return fallback; }
  };
  let lang = ls.getItem('wsp.lang') === 'en' ? 'en' : 'id';
  let token = ls.getItem('wsp.token');
  let me = read('wsp.me', null);
  let regions = read('wsp.regions', []);
  let vocab = read(VOCAB_KEY, null);
  let items = [];
  let editing = null;
  let geo = null;
  let flushing = false;
  let again = false;
  let seq = Date.now();
  let sync = null;
  const placesMemo = new Map(); // kabupaten code -> its places ready for the pickers, or null
  const t = (key) => S[lang][key];
  const fmt = (text, vars) => text.replace(/\{(\w+)\}/g, (all, name) => (name in vars ? vars[name] : all));
  const terms = (name) => (vocab && vocab[name]) || [];
  const termLabel = (name, value) => {
    const term = terms(name).find((x) => x.value === String(value));
    return term ? term[lang] : String(value);
  };

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // ---- the queue: IndexedDB, or localStorage where IndexedDB is unavailable
  const store = {
    db: null,
    open() {
      return new Promise((resolve) => {
        let req;
        try { req = indexedDB.open('waspada-lapor', 1); } catch (e) { resolve(); return; }
        req.onupgradeneeded = () => req.result.createObjectStore('queue', { keyPath: 'id' });
        req.onsuccess = () => { this.db = req.result; resolve(); };
        req.onerror = req.onblocked = () => resolve();
      });
    },
    run(mode, work) {
      return new Promise((resolve, reject) => {
        const tx = this.db.transaction('queue', mode, { durability: 'strict' });
        const req = work(tx.objectStore('queue'));
        tx.oncomplete = () => resolve(req && req.result);
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
    },
    all() {
      return this.db ? this.run('readonly', (s) => s.getAll()) : Promise.resolve(read('wsp.queue', []));
    },
    put(list) {
      if (this.db) return this.run('readwrite', (s) => { list.forEach((item) => s.put(item)); });
      const byId = new Map(read('wsp.queue', []).map((i) => [i.id, i]));
      list.forEach((item) => byId.set(item.id, item));
      ls.setItem('wsp.queue', JSON.stringify([...byId.values()]));
      return Promise.resolve();
    },
    del(ids) {
      if (this.db) return this.run('readwrite', (s) => { ids.forEach((id) => s.delete(id)); });
      ls.setItem('wsp.queue', JSON.stringify(read('wsp.queue', []).filter((i) => !ids.includes(i.id))));
      return Promise.resolve();
    },
  };

  // ---- regions and time
  function kabOf(kode) {
    if (me && me.kabupaten && me.kabupaten.kode === kode) return me.kabupaten;
    return regions.find((r) => r.kode === kode) || null;
  }
  const currentKab = () => kabOf($('kab').value);
  const offsetOf = (kab) => (kab && (kab.utc_offset || OFFSETS[kab.zona])) || '+07:00';

  function offsetMs(kab) {
    const [sign, hh, mm] = offsetOf(kab).match(/([+-])(\d\d):(\d\d)/).slice(1);
    return (sign === '-' ? -1 : 1) * (hh * 60 + +mm) * 60000;
  }

  // The form's time field holds local time in the kabupaten's zone, to the minute.
  const inputAt = (ms, kab) => new Date(ms + offsetMs(kab)).toISOString().slice(0, 16);
  const localNow = (kab) => inputAt(Date.now(), kab);
  const occurredAt = (value, kab) => `${value.length === 16 ? `${value}:00` : value}${offsetOf(kab)}`;
  // A stored time as the kabupaten's clock read it, whatever offset it was written with.
  function localTime(iso, kab) {
    const at = Date.parse(iso);
    return Number.isFinite(at) ? inputAt(at, kab) : '';
  }
  const toleranceMin = () => (me && me.future_tolerance_minutes) ?? FUTURE_TOLERANCE_MIN;

  // Stop a future time on the phone by the server's rule (later than now + tolerance is refused),
  // read in the kabupaten's zone against the device clock; the message stands at the field.
  function checkWhen() {
    const input = $('when');
    const kab = currentKab();
    const limit = Date.now() + toleranceMin() * 60000;
    input.max = inputAt(limit, kab); // the picker offers no later time
    const future = input.value !== '' && Date.parse(occurredAt(input.value, kab)) > limit;
    const vars = { n: toleranceMin(), now: localNow(kab).replace('T', ' '), zona: kab ? kab.zona : '' };
    const text = future ? fmt(t('whenFuture'), vars) : '';
    input.setCustomValidity(text);
    $('whenMsg').textContent = text;
    return !future;
  }

  async function loadRegions() {
    if (!me || me.kabupaten || !navigator.onLine) return;
    const query = me.provinsi ? `?provinsi=${me.provinsi.kode}` : '';
    try {
      const res = await fetch(`${API}/regions/kabupaten${query}`);
      if (!res.ok) return;
      regions = (await res.json()).map((k) => ({ kode: k.kode, nama: k.nama, zona: k.zona }));
      ls.setItem('wsp.regions', JSON.stringify(regions));
      fillKabupaten();
    } catch (e) { /* offline: keep the cached list */ }
  }

  // ---- the vocabulary: fetched when there is signal, the last copy kept for offline use
  async function loadVocabulary() {
    if (navigator.onLine === false) return;
    try {
      const res = await fetch(`${API}/vocabulary`);
      if (!res.ok) return;
      const fresh = await res.text();
      if (fresh === ls.getItem(VOCAB_KEY)) return;
      vocab = JSON.parse(fresh);
      ls.setItem(VOCAB_KEY, fresh);
      fillChoices();
      render();
    } catch (e) { /* offline: keep the stored copy */ }
  }

  // ---- kecamatan and desa: a kabupaten's list fetched when there is signal, kept for offline use
  // Folded as the server's search folds names: case, accents and punctuation do not matter.
  const fold = (text) => String(text).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/['\u2019`]/g, '').replace(/[^0-9a-z]+/g, ' ').trim();
  const matches = (entry, q) => !q || entry.fold.startsWith(q) || entry.fold.includes(` ${q}`);

  function prepare(data) {
    const desa = new Map();
    const kecamatan = data.kecamatan.map((k) => {
      const kec = { ...k, fold: fold(k.nama), desa: k.desa.map((d) => ({ ...d, fold: fold(d.nama) })) };
      kec.desa.forEach((d) => desa.set(d.kode, d));
      return kec;
    });
    return { kecamatan, byKode: new Map(kecamatan.map((k) => [k.kode, k])), desa };
  }

  function placesOf(kode) {
    if (!kode) return null;
    if (!placesMemo.has(kode)) {
      const kept = read(PLACES_KEY + kode, null);
      placesMemo.set(kode, kept && kept.data ? prepare(kept.data) : null);
    }
    return placesMemo.get(kode);
  }

  function keepPlaces(kode, entry) {
    const index = [kode, ...read(PLACES_INDEX, []).filter((k) => k !== kode)];
    while (index.length > KEEP_PLACES) ls.removeItem(PLACES_KEY + index.pop());
    for (;;) {
      try { ls.setItem(PLACES_KEY + kode, JSON.stringify(entry)); break; } catch (e) {
        if (index.length <= 1) return; // full even alone: the form falls back to typing the name
        ls.removeItem(PLACES_KEY + index.pop());
      }
    }
    ls.setItem(PLACES_INDEX, JSON.stringify(index));
  }

  async function loadPlaces(kode) {
    if (!kode || navigator.onLine === false) return;
    const kept = read(PLACES_KEY + kode, null);
    try {
      const headers = kept && kept.etag ? { 'If-None-Match': kept.etag } : {};
      const res = await fetch(`${API}/regions/kabupaten/${kode}/places`, { headers });
      if (!res.ok) return; // 304: the kept copy is current
      const data = await res.json();
      keepPlaces(kode, { etag: res.headers.get('ETag'), data });
      placesMemo.set(kode, prepare(data));
      if (kode === $('kab').value) { fillPlaces(); render(); }
    } catch (e) { /* offline: keep the stored copy */ }
  }

  // Refill a picker with the entries the filter matches; `auto` (while typing) picks the one whose
  // whole name was typed, or the only match; otherwise the choice stays while it is still listed.
  function fillPicker(id, entries, query, auto, label, placeholder) {
    const select = $(id);
    const q = fold(query);
    const shown = entries.filter((e) => matches(e, q));
    const keep = select.value;
    select.textContent = '';
    option('', placeholder || `${t('choose')} (${shown.length})`, select);
    shown.forEach((e) => option(e.kode, label(e), select));
    const typed = auto && q && (shown.find((e) => e.fold === q) || (shown.length === 1 && shown[0]));
    const chosen = typed || shown.find((e) => e.kode === keep);
    select.value = chosen ? chosen.kode : '';
    return chosen || null;
  }

  function fillPlaces(auto) {
    const places = placesOf($('kab').value);
    $('places').hidden = !places;
    $('kecText').hidden = !!places;
    if (!places) return;
    const kec = fillPicker('kecPick', places.kecamatan, $('kecFilter').value, auto === 'kec', (k) => k.nama);
    $('desaFilter').disabled = $('desaPick').disabled = !kec;
    const desaLabel = (d) => (d.jenis === 'kelurahan' ? `${d.nama} (kelurahan)` : d.nama);
    fillPicker('desaPick', kec ? kec.desa : [], $('desaFilter').value, auto === 'desa', desaLabel,
      kec ? null : t('kecFirst'));
  }

  function choosePlace(kecamatanKode, desaKode) {
    $('kecFilter').value = $('desaFilter').value = '';
    fillPlaces();
    $('kecPick').value = kecamatanKode || '';
    fillPlaces(); // the chosen kecamatan's desa
    $('desaPick').value = desaKode || '';
  }

  // What the form says of the place: the picked codes with the kecamatan's name, or the typed name.
  function placeFromForm() {
    const places = placesOf($('kab').value);
    if (places) {
      const kec = places.byKode.get($('kecPick').value);
      const desa = $('desaPick').value;
      return kec ? { kecamatan: kec.nama, kecamatan_kode: kec.kode, ...(desa ? { desa_kode: desa } : {}) } : {};
    }
    const kecamatan = $('kecamatan').value.trim();
    if (!kecamatan) return {};
    const old = editing && items.find((i) => i.id === editing);
    const same = old && old.payload.kabupaten_kode === $('kab').value && old.payload.kecamatan === kecamatan;
    const codes = same ? ['kecamatan_kode', 'desa_kode'].filter((k) => old.payload[k]) : [];
    return Object.fromEntries([['kecamatan', kecamatan], ...codes.map((k) => [k, old.payload[k]])]);
  }

  function onFilterKey(event, target) {
    if (event.key !== 'Enter' && event.key !== 'ArrowDown') return;
    event.preventDefault(); // Enter would submit the report
    $(target).focus();
  }

  // ---- rendering
  function option(value, label, parent) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    parent.appendChild(o);
    return o;
  }

  function fillSelect(id, build) {
    const select = $(id);
    const keep = select.value;
    select.textContent = '';
    build(select);
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  }

  function fillKabupaten() {
    fillSelect('kab', (select) => {
      if (me && me.kabupaten) { option(me.kabupaten.kode, me.kabupaten.nama, select); return; }
      option('', t('choose'), select);
      regions.forEach((r) => option(r.kode, `${r.kode} ${r.nama}`, select));
    });
    $('kabRow').hidden = !!(me && me.kabupaten);
    showZone();
    fillPlaces();
  }

  function showZone() {
    const kab = currentKab();
    $('zone').textContent = kab ? `(${kab.zona}, UTC${offsetOf(kab)})` : '';
  }

  function fillChoices() {
    fillSelect('category', (select) => {
      option('', t('choose'), select);
      terms('factor').forEach((factor) => {
        const group = document.createElement('optgroup');
        group.label = factor[lang];
        terms('category').filter((c) => c.factor === factor.value).forEach((c) => option(c.value, c[lang], group));
        select.appendChild(group);
      });
    });
    const reserved = (vocab && vocab.reserved_source_types) || [];
    fillSelect('source', (select) => terms('source_type')
      .filter((s) => !reserved.includes(s.value))
      .forEach((s) => option(s.value, s[lang], select)));
    const box = $('severity');
    const checked = box.querySelector('input:checked');
    box.querySelectorAll('label').forEach((l) => l.remove());
    terms('severity').forEach((term) => {
      const label = document.createElement('label');
      label.className = 'sev';
      label.innerHTML = '<input type="radio" name="severity" required><span><b></b></span>';
      const input = label.querySelector('input');
      input.value = term.value;
      input.checked = !!checked && checked.value === input.value;
      label.querySelector('b').textContent = term.value;
      label.querySelector('span').appendChild(document.createTextNode(term[lang]));
      box.appendChild(label);
    });
  }

  function translate() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
    document.querySelectorAll('[data-tp]').forEach((el) => { el.placeholder = t(el.dataset.tp); });
    $('lang').textContent = lang === 'id' ? 'EN' : 'ID';
    $('lang').lang = lang === 'id' ? 'en' : 'id';
    fillChoices();
    if (me) { fillKabupaten(); checkWhen(); showEditErrors(); }
    showNet();
    render();
  }

  function showNet() {
    const on = navigator.onLine !== false;
    $('net').textContent = t(on ? 'online' : 'offline');
    $('net').className = on ? 'net' : 'net off';
  }

  function describe(item) {
    const p = item.payload;
    const kab = kabOf(p.kabupaten_kode);
    const places = p.desa_kode && placesOf(p.kabupaten_kode);
    const desa = places && places.desa.get(p.desa_kode);
    return [
      `${localTime(p.occurred_at, kab).replace('T', ' ')} ${kab ? kab.zona : ''}`,
      desa ? desa.nama : p.desa_kode,
      p.kecamatan,
      termLabel('category', p.category),
      `${t('severity')} ${p.severity}`,
    ].filter(Boolean).join(' · ');
  }

  const editable = (item) =>
    item.account === (me && me.name) &&
    ((item.state === 'ditolak' && item.kind === 'invalid') || (item.state === 'menunggu' && !item.attempts));

  function renderItem(item) {
    const li = document.createElement('li');
    li.className = `item ${item.state}`;
    li.dataset.id = item.id;
    li.dataset.state = item.state;
    li.innerHTML = '<div class="top"><strong></strong><span class="badge"></span></div><div class="meta"></div>';
    li.querySelector('strong').textContent = item.payload.title ?? '';
    li.querySelector('.badge').textContent = t(item.state);
    const other = item.account !== (me && me.name) ? ` · ${t('other')}: ${item.account}` : '';
    li.querySelector('.meta').textContent = describe(item) + other;
    if (item.errors && item.errors.length) li.appendChild(refusalList(item));
    const acts = document.createElement('div');
    acts.className = 'acts';
    if (editable(item)) acts.appendChild(button('edit', () => startEdit(item)));
    if (item.state !== 'menunggu' || !item.attempts) acts.appendChild(button('del', () => remove(item)));
    li.appendChild(acts);
    return li;
  }

  // ---- the server's refusals in the user's words: the field's label from the vocabulary, a reason
  // by error type, never the server's English; the region codes a refusal is about are shown.
  const SHOWS_VALUE = new Set(['unknown', 'forbidden', 'not_in_kabupaten', 'unknown_kecamatan',
    'not_in_kecamatan', 'unknown_desa', 'invalid_code', 'string_pattern_mismatch']);
  const number = (text) => Number(text).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB');

  // 'occurred_at', or 'reports.3.severity' in a 422 of the batch: the last part the vocabulary names.
  function reportField(path) {
    const names = String(path || '').split('.').reverse();
    return names.map((name) => terms('report_field').find((x) => x.value === name)).find(Boolean) || null;
  }

  // One refusal, as a batch item's error ({field, type, reason}) or a 422's ({field, type, msg}).
  function refusal(error, payload) {
    const field = reportField(error.field);
    const limit = String(error.reason ?? error.msg ?? '').match(/-?\d+(?:\.\d+)?/);
    const words = (field && REASONS[`${error.type}|${field.value}`]) || REASONS[error.type];
    let reason = words && words[lang === 'id' ? 0 : 1];
    if (!reason || (reason.includes('{n}') && !limit)) reason = REASONS.generic[lang === 'id' ? 0 : 1];
    reason = fmt(reason, { n: limit ? number(limit[0]) : '' });
    const value = field && payload && payload[field.value];
    const shown = SHOWS_VALUE.has(error.type) && typeof value === 'string' ? ` (${value})` : '';
    return `${field ? field[lang] : t('field')}: ${reason}${shown}`;
  }

  function refusalList(item) {
    const ul = document.createElement('ul');
    ul.className = 'errs';
    (item.errors || []).forEach((e) => {
      const row = document.createElement('li');
      row.textContent = refusal(e, item.payload);
      ul.appendChild(row);
    });
    return ul;
  }

  function button(key, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.act = key;
    b.textContent = t(key);
    b.addEventListener('click', onClick);
    return b;
  }

  function render() {
    const list = $('items');
    list.textContent = '';
    const sorted = [...items].sort((a, b) => b.seq - a.seq);
    sorted.forEach((item) => list.appendChild(renderItem(item)));
    const n = (state) => items.filter((i) => i.state === state).length;
    $('counts').textContent = items.length
      ? ['menunggu', 'ditolak', 'terkirim'].map((s) => `${n(s)} ${t(s)}`).join(' · ')
      : t('empty');
    $('clearSent').hidden = !n('terkirim');
    const line = statusLine(n('ditolak'));
    $('syncMsg').textContent = line.text;
    $('syncMsg').className = `msg ${line.bad ? 'bad' : 'ok'}`;
  }

  // What the last sending did, in the current language, but never "all sent" while one is refused.
  function statusLine(refused) {
    const quiet = !sync || sync.key === 'syncOk';
    const shown = quiet && refused ? { key: 'syncRefused', bad: true, at: sync && sync.at } : sync;
    if (!shown) return { text: '', bad: false };
    const detail = `${shown.detail ? ` (${shown.detail})` : ''}${shown.at ? ` · ${shown.at}` : ''}`;
    return { text: `${fmt(t(shown.key), { n: refused })}${detail}`, bad: !!shown.bad };
  }

  function setSync(key, detail, bad) {
    sync = { key, detail, bad, at: new Date().toTimeString().slice(0, 5) };
    render();
  }

  // ---- the form
  function payloadFromForm(id) {
    const kab = currentKab();
    const p = {
      id,
      kabupaten_kode: kab.kode,
      occurred_at: occurredAt($('when').value, kab),
      category: $('category').value,
      severity: Number(document.querySelector('input[name=severity]:checked').value),
      title: $('title').value.trim(),
      source_type: $('source').value,
    };
    const description = $('desc').value.trim();
    const crowd = $('crowd').value;
    Object.assign(p, placeFromForm());
    if (description) p.description = description;
    if (crowd !== '') p.crowd_size = Math.round(Number(crowd));
    if (geo) Object.assign(p, { latitude: geo.latitude, longitude: geo.longitude });
    return p;
  }

  function resetForm() {
    editing = null;
    geo = null;
    const kab = $('kab').value; // an admin keeps the kabupaten it picked
    $('report').reset();
    $('kab').value = kab;
    $('editing').hidden = true;
    showEditErrors();
    $('geoMsg').textContent = '';
    fillKabupaten();
    $('when').value = localNow(currentKab());
    checkWhen();
  }

  async function submit(event) {
    event.preventDefault();
    checkWhen(); // the form is novalidate: a time checked minutes ago is checked again first
    if (!$('report').reportValidity()) return;
    const id = editing || uuid();
    const old = items.find((i) => i.id === id);
    const item = {
      ...(old || { id, seq: ++seq, attempts: 0, created: Date.now() }),
      account: me.name,
      payload: payloadFromForm(id),
      state: 'menunggu',
      kind: null,
      errors: [],
    };
    if (old && old.kind === 'invalid') item.attempts = 0; // refused, so never stored: free to change
    await store.put([item]);
    items = [...items.filter((i) => i.id !== id), item];
    remember(item.payload.kecamatan);
    resetForm();
    $('formMsg').textContent = t('saved');
    render();
    flush();
  }

  function remember(kecamatan) {
    if (!kecamatan) return;
    const known = [kecamatan, ...read('wsp.kec', []).filter((k) => k !== kecamatan)].slice(0, 20);
    ls.setItem('wsp.kec', JSON.stringify(known));
    fillKecamatan();
  }

  function fillKecamatan() {
    const list = $('kecList');
    list.textContent = '';
    read('wsp.kec', []).forEach((k) => option(k, k, list));
  }

  function startEdit(item) {
    const p = item.payload;
    resetForm();
    editing = item.id;
    if ([...$('kab').options].some((o) => o.value === p.kabupaten_kode)) $('kab').value = p.kabupaten_kode;
    showZone();
    choosePlace(p.kecamatan_kode || (p.desa_kode && p.desa_kode.slice(0, 8)), p.desa_kode);
    $('category').value = p.category;
    const sev = document.querySelector(`input[name=severity][value="${p.severity}"]`);
    if (sev) sev.checked = true;
    $('when').value = localTime(p.occurred_at, currentKab());
    checkWhen();
    $('kecamatan').value = p.kecamatan || '';
    $('crowd').value = p.crowd_size ?? '';
    $('title').value = p.title ?? '';
    $('desc').value = p.description || '';
    $('source').value = p.source_type;
    if (p.latitude != null) {
      geo = { latitude: p.latitude, longitude: p.longitude };
      $('geo').checked = true;
    }
    $('editing').hidden = false;
    showEditErrors();
    $('formMsg').textContent = '';
    $('report').scrollIntoView();
  }

  // Beside the form, why the server refused the report being corrected.
  function showEditErrors() {
    const item = editing && items.find((i) => i.id === editing);
    const list = item ? refusalList(item) : document.createElement('ul');
    list.id = 'editErrs';
    $('editErrs').replaceWith(list);
  }

  async function remove(item) {
    if (!window.confirm(t('delAsk'))) return;
    await store.del([item.id]);
    items = items.filter((i) => i.id !== item.id);
    if (editing === item.id) resetForm();
    render();
  }

  async function clearSent() {
    const sent = items.filter((i) => i.state === 'terkirim').map((i) => i.id);
    await store.del(sent);
    items = items.filter((i) => i.state !== 'terkirim');
    render();
  }

  function locate() {
    const msg = $('geoMsg');
    geo = null;
    if (!$('geo').checked) { msg.textContent = ''; return; }
    if (!navigator.geolocation) { $('geo').checked = false; msg.textContent = t('geoNone'); return; }
    msg.textContent = t('geoWait');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        if (!$('geo').checked) return;
        const { latitude, longitude, accuracy } = pos.coords;
        geo = { latitude: +latitude.toFixed(6), longitude: +longitude.toFixed(6) };
        msg.textContent = `${t('geoOk')}: ${geo.latitude}, ${geo.longitude} (±${Math.round(accuracy)} m)`;
      },
      (err) => {
        $('geo').checked = false;
        msg.textContent = t(err.code === 1 ? 'geoDenied' : 'geoFail');
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  }

  // ---- sending: in order, at most 500 per request; only the server's answer settles an item
  async function post(reports) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const res = await fetch(`${API}/reports/batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ reports }),
        cache: 'no-store',
        signal: abort.signal,
      });
      if (res.status === 401) throw Object.assign(new Error('401'), { expired: true });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.json();
    } finally {
      clearTimeout(timer);
    }
  }

  function settle(item, result) {
    if (result.status === 'created' || result.status === 'replayed') {
      Object.assign(item, { state: 'terkirim', kind: result.status, errors: [], sent: Date.now() });
    } else {
      const errors = (result.errors || []).map((e) => ({ field: e.field, reason: e.reason, type: e.type }));
      Object.assign(item, { state: 'ditolak', kind: result.status, errors });
    }
  }

  async function sendChunk(chunk) {
    chunk.forEach((item) => { item.attempts = (item.attempts || 0) + 1; });
    await store.put(chunk);
    render();
    const answer = await post(chunk.map((item) => item.payload));
    answer.results.forEach((result) => settle(chunk[result.index], result));
    await store.put(chunk);
  }

  async function flush() {
    if (!token || !me) return;
    if (flushing) { again = true; return; }
    flushing = true;
    try {
      do {
        again = false;
        const waiting = items
          .filter((i) => i.state === 'menunggu' && i.account === me.name && i.id !== editing)
          .sort((a, b) => a.seq - b.seq);
        if (!waiting.length) break;
        if (navigator.onLine === false) { setSync('syncOff', '', true); break; }
        setSync('sending');
        for (let k = 0; k < waiting.length; k += CHUNK) await sendChunk(waiting.slice(k, k + CHUNK));
        setSync('syncOk');
      } while (again);
    } catch (err) {
      if (err.expired) signOut(t('expired'));
      else setSync(navigator.onLine === false ? 'syncOff' : 'syncFail', err.name === 'AbortError' ? 'timeout' : '', true);
    } finally {
      flushing = false;
      render();
    }
  }

  async function prune() {
    const old = items.filter((i) => i.state === 'terkirim' && Date.now() - (i.sent || 0) > KEEP_SENT_MS);
    if (!old.length) return;
    await store.del(old.map((i) => i.id));
    items = items.filter((i) => !old.includes(i));
  }

  // ---- signing in
  async function fetchMe(candidate) {
    const res = await fetch(`${API}/me`, { headers: { Authorization: `Bearer ${candidate}` }, cache: 'no-store' });
    if (res.status === 401) return null;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }

  async function signIn(event) {
    event.preventDefault();
    const candidate = $('token').value.trim();
    const msg = $('loginMsg');
    msg.className = 'msg bad';
    try {
      const who = await fetchMe(candidate);
      if (!who) { msg.textContent = t('badToken'); return; }
      token = candidate;
      ls.setItem('wsp.token', token);
      $('token').value = '';
      msg.textContent = '';
      start(who);
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
    } catch (e) {
      msg.textContent = t('needNet');
    }
  }

  function signOut(message) {
    token = null;
    ls.removeItem('wsp.token');
    $('app').hidden = true;
    $('login').hidden = false;
    $('loginMsg').className = 'msg bad';
    $('loginMsg').textContent = message || '';
  }

  function start(who) {
    if (who) {
      me = who;
      ls.setItem('wsp.me', JSON.stringify(me));
    }
    $('login').hidden = true;
    $('app').hidden = false;
    const scope = me.kabupaten || me.provinsi;
    $('who').textContent = `${me.name} · ${t('roles')[me.role] || me.role}${scope ? ` · ${scope.nama} (${scope.zona})` : ''}`;
    if (me.role === 'analyst') $('who').textContent += ` — ${t('analyst')}`;
    fillKabupaten();
    if (!editing) $('when').value = localNow(currentKab());
    checkWhen();
    loadRegions();
    loadPlaces($('kab').value);
    render();
    flush();
  }

  async function refreshMe() {
    if (!token || !navigator.onLine) return;
    try {
      const who = await fetchMe(token);
      if (who) start(who);
      else signOut(t('expired'));
    } catch (e) { /* no signal: carry on with the stored account */ }
  }

  // ---- wiring
  async function boot() {
    $('lang').addEventListener('click', () => {
      lang = lang === 'id' ? 'en' : 'id';
      ls.setItem('wsp.lang', lang);
      translate();
    });
    $('loginForm').addEventListener('submit', signIn);
    $('report').addEventListener('submit', submit);
    $('kab').addEventListener('change', () => {
      showZone();
      $('when').value = localNow(currentKab());
      checkWhen();
      choosePlace();
      loadPlaces($('kab').value);
    });
    $('kecFilter').addEventListener('input', () => fillPlaces('kec'));
    $('desaFilter').addEventListener('input', () => fillPlaces('desa'));
    $('kecPick').addEventListener('change', () => { $('desaFilter').value = ''; fillPlaces(); });
    $('kecFilter').addEventListener('keydown', (e) => onFilterKey(e, 'kecPick'));
    $('desaFilter').addEventListener('keydown', (e) => onFilterKey(e, 'desaPick'));
    ['input', 'change', 'focus'].forEach((type) => $('when').addEventListener(type, checkWhen));
    $('geo').addEventListener('change', locate);
    $('cancelEdit').addEventListener('click', resetForm);
    $('sendNow').addEventListener('click', flush);
    $('clearSent').addEventListener('click', clearSent);
    $('logout').addEventListener('click', () => { if (window.confirm(t('signoutAsk'))) signOut(); });
    window.addEventListener('online', () => { showNet(); loadVocabulary(); loadPlaces($('kab').value); flush(); });
    window.addEventListener('offline', () => { showNet(); render(); });
    document.addEventListener('visibilitychange', () => { if (!document.hidden) flush(); });
    setInterval(flush, FLUSH_EVERY_MS);
    if (!vocab) await loadVocabulary(); // the first visit: the form needs its terms
    else loadVocabulary(); // later visits: use the stored copy at once, refresh it quietly
    translate();
    fillKecamatan();
    await store.open();
    items = await store.all();
    await prune();
    if (token && me) start();
    else signOut();
    refreshMe();
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('/lapor/sw.js', { scope: '/lapor/' });
  }

  boot();
})();
