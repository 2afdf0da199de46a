"""How a second officer words the same incident: synonyms, another order, his own framing (Indonesian).

A catalogue and two pure functions over it; seeds.demo.rereports decides what is re-reported.
Each phrase is replaced as a whole word or phrase, case-insensitively, keeping a capital start.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from seeds.demo.texts import CLOSERS
from seeds.demo.words import pick

SYNONYMS: dict[str, tuple[str, ...]] = {
    "massa": ("sekelompok warga", "kerumunan orang", "ratusan orang"),
    "berkumpul": ("berkerumun", "mengumpul", "berdatangan"),
    "kerumunan warga": ("warga berkerumun", "konsentrasi massa"),
    "kerumunan": ("konsentrasi massa", "keramaian"),
    "memadati": ("memenuhi", "menyesaki"),
    "konvoi": ("iring-iringan", "pawai kendaraan"),
    "simpatisan": ("pendukung", "loyalis"),
    "pendukung": ("simpatisan", "massa pendukung"),
    "unjuk rasa": ("demonstrasi", "aksi massa"),
    "demonstrasi": ("unjuk rasa", "aksi demo"),
    "menggelar aksi": ("berdemonstrasi", "melakukan unjuk rasa"),
    "aksi": ("demo", "unjuk rasa"),
    "menuntut": ("meminta", "mendesak"),
    "terkait": ("soal", "mengenai", "berkaitan dengan"),
    "tanpa pemberitahuan": ("tanpa izin", "tidak diberitahukan"),
    "kampanye": ("kegiatan kampanye", "acara kampanye"),
    "tatap muka": ("langsung", "dialogis"),
    "di luar jadwal": ("tidak sesuai jadwal", "di luar jadwal resmi"),
    "pertemuan terbatas": ("pertemuan tertutup", "rapat kecil"),
    "dugaan": ("indikasi", "diduga ada"),
    "diduga": ("disinyalir", "dicurigai"),
    "baliho": ("papan reklame calon", "billboard"),
    "dirusak": ("dirobek", "dirusakkan"),
    "orang tak dikenal": ("OTK", "pelaku yang belum diketahui"),
    "dicopot paksa": ("diturunkan paksa", "dibongkar"),
    "dibakar": ("dibakar massa", "hangus dibakar"),
    "spanduk": ("banner", "spanduk kampanye"),
    "hilang": ("raib", "lenyap"),
    "pembagian uang": ("bagi-bagi uang", "pemberian uang"),
    "pembagian": ("penyaluran", "pemberian"),
    "sembako": ("paket bahan pokok", "bingkisan sembako"),
    "politik uang": ("money politics", "praktik uang"),
    "diiming-imingi": ("dijanjikan", "dibujuk dengan"),
    "amplop": ("uang dalam amplop", "amplop berisi uang"),
    "serangan fajar": ("bagi-bagi uang subuh", "politik uang menjelang pencoblosan"),
    "ikut kampanye": ("terlibat kampanye", "hadir di kampanye"),
    "mengarahkan": ("menggiring", "mengajak"),
    "kepala desa": ("kades", "kepala kampung"),
    "beredar": ("tersebar", "menyebar"),
    "kabar": ("informasi", "berita"),
    "isu": ("desas-desus", "rumor"),
    "meresahkan": ("membuat resah", "menggelisahkan"),
    "hoaks": ("berita bohong", "kabar palsu"),
    "informasi palsu": ("berita bohong", "disinformasi"),
    "pesan berantai": ("pesan viral", "broadcast"),
    "ujaran kebencian": ("konten kebencian", "pernyataan bernada benci"),
    "selebaran": ("pamflet", "lembaran"),
    "provokatif": ("menghasut", "memancing emosi"),
    "diintimidasi": ("ditekan", "diancam"),
    "diancam": ("diteror", "mendapat ancaman"),
    "ancaman": ("teror", "intimidasi"),
    "didatangi": ("disambangi", "didatangi paksa oleh"),
    "bentrokan": ("bentrok", "perkelahian massal"),
    "bentrok": ("bentrokan", "adu fisik"),
    "saling lempar": ("saling serang", "lempar-lemparan batu"),
    "keributan": ("kericuhan", "kegaduhan"),
    "dianiaya": ("dipukuli", "dikeroyok"),
    "penyerangan": ("serangan", "aksi penyerangan"),
    "pembakaran": ("aksi membakar", "pembakaran sengaja"),
    "petugas": ("personel", "aparat"),
    "terlambat": ("telat", "belum"),
    "logistik": ("perlengkapan", "distribusi logistik"),
    "warga": ("masyarakat", "penduduk"),
    "sekitar": ("kurang lebih", "lebih kurang"),
    "pelapor": ("saksi", "sumber"),
    "melihat": ("menyaksikan", "mendapati"),
    "berlangsung": ("terjadi", "berjalan"),
    "sejak": ("mulai", "dari"),
    "korban": ("yang bersangkutan", "si korban"),
    "mengalami luka": ("terluka", "menderita luka"),
    "depan kantor": ("halaman kantor", "muka kantor"),
    "alun-alun": ("lapangan kota", "alun-alun kota"),
    "pasar": ("kawasan pasar", "area pasar"),
    "lapangan": ("tanah lapang", "area lapangan"),
}
TITLE_OPENERS = ("Laporan warga: ", "Info lapangan: ", "Susulan: ", "Pantauan: ", "")
OWN_SENTENCES = (
    "Informasi diperoleh dari warga setempat.",
    "Disampaikan oleh ketua RT setempat.",
    "Dilaporkan anggota Linmas yang berada di lokasi.",
    "Kejadian juga dipantau Babinsa.",
    "Foto dari lokasi sudah dikirim ke grup koordinasi.",
)
_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(SYNONYMS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def swap_synonyms(text: str, rng: random.Random, share: float = 0.8) -> str:
    """Most known phrases replaced by one of their synonyms, a capital start kept."""

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if rng.random() >= share:
            return found
        other = str(pick(rng, SYNONYMS[found.lower()]))
        return other[0].upper() + other[1:] if found[0].isupper() else other

    return _PATTERN.sub(replace, text)


def reword_title(title: str, rng: random.Random) -> str:
    """The headline in other words, the place often put first, perhaps with the officer's label."""
    words = swap_synonyms(title, rng)
    if words == title:  # every phrase kept by chance: he still words it his own way
        words = swap_synonyms(title, rng, share=1.0)
    head, sep, place = words.partition(" di ")
    if sep and rng.random() < 0.5:
        words = f"Di {place}, {head[0].lower()}{head[1:]}"
    reworded = f"{pick(rng, TITLE_OPENERS)}{words}"
    return (reworded if reworded != title else f"Susulan: {reworded}")[:200]


def reword_description(description: str, rng: random.Random) -> str:
    """The same facts reordered and reworded, the original's closing line swapped for his own."""
    sentences = [s for s in _SENTENCE_END.split(description) if s]
    facts = [swap_synonyms(s, rng) for s in sentences if s not in CLOSERS] or sentences[:1]
    rng.shuffle(facts)
    closers: Sequence[str] = [c for c in CLOSERS if c not in sentences]
    facts.append(str(pick(rng, OWN_SENTENCES if rng.random() < 0.5 else closers)))
    return " ".join(facts)
