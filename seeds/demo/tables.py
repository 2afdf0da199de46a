"""The demo season's shape as tables: its dates, intensity curves, category and severity mixes.

Pure data (and the calendar it is read from): seeds.demo.plan turns it into a season plan.
"""

from __future__ import annotations

from datetime import date

from models.election import Stage
from models.report import Category, ReportStatus
from seeds.elections import pilkada_2024

DEFAULT_SEED = 20241127
DEFAULT_REPORTS = 25_000

# The stages come from the calendar Waspada ships, so the demo cannot drift from it.
_PILKADA = pilkada_2024(provinces=[], kabupaten=[])
_STAGES = {s.stage: (s.start_date, s.end_date) for s in _PILKADA.stages}
REGISTRATION = _STAGES[Stage.PENDAFTARAN]
CAMPAIGN = _STAGES[Stage.KAMPANYE]
VOTING_DAY = _PILKADA.voting_day
RECAP_END = _STAGES[Stage.REKAPITULASI][1]
LAST_CAMPAIGN_WEEKS = date(2024, 11, 3)
SEASON_START = date(2024, 7, 15)
SEASON_END = RECAP_END

# Violence that every season sees somewhere: Papua's highlands, Maluku Utara, Madura.
FIXED_HOT_SPOTS = ("94.02", "95.03", "82.04", "35.27")
RANDOM_HOT_SPOTS = 2
HOT_SPOT_STRENGTH = 60.0  # reports a hot spot draws, in average kabupaten-days
BURST_STRENGTH = 110.0  # same unit, for a province-wide hoax burst at its peak

# Where the KPU Provinsi sits: gubernur registrations, debates and the provincial plenary.
PROVINCE_CAPITALS = {
    "11": "11.71", "12": "12.71", "13": "13.71", "14": "14.71", "15": "15.71",
    "16": "16.71", "17": "17.71", "18": "18.71", "19": "19.71", "21": "21.72",
    "31": "31.71", "32": "32.73", "33": "33.74", "34": "34.71", "35": "35.78",
    "36": "36.73", "51": "51.71", "52": "52.71", "53": "53.71", "61": "61.71",
    "62": "62.71", "63": "63.72", "64": "64.72", "65": "65.01", "71": "71.71",
    "72": "72.71", "73": "73.71", "74": "74.71", "75": "75.71", "76": "76.02",
    "81": "81.71", "82": "82.72", "91": "91.71", "92": "92.02", "93": "93.01",
    "94": "94.01", "95": "95.01", "96": "96.71",
}  # fmt: skip


def _d(month: int, day: int) -> date:
    return date(2024, month, day)


# Relative daily intensity per theme, linear between anchors and flat beyond them.
CURVES: dict[str, tuple[tuple[date, float], ...]] = {
    "kerumunan": (
        (_d(7, 1), 1.0), (_d(8, 20), 1.3), (_d(8, 26), 1.7), (_d(8, 27), 4.0),
        (_d(8, 29), 4.0), (_d(8, 30), 1.6), (_d(9, 21), 1.6), (_d(9, 22), 2.4),
        (_d(9, 23), 1.7), (_d(9, 25), 2.3), (_d(11, 2), 3.3), (_d(11, 23), 5.0),
        (_d(11, 24), 1.0), (_d(11, 26), 1.2), (_d(11, 27), 10.0), (_d(11, 28), 3.2),
        (_d(12, 3), 4.0), (_d(12, 10), 2.0), (_d(12, 16), 1.0), (_d(12, 31), 0.3),
    ),
    "unjuk_rasa": (
        (_d(7, 1), 0.5), (_d(8, 20), 0.6), (_d(8, 22), 3.0), (_d(8, 23), 2.6),
        (_d(8, 25), 0.9), (_d(8, 27), 1.8), (_d(8, 29), 1.8), (_d(8, 30), 0.8),
        (_d(9, 22), 1.4), (_d(9, 24), 0.9), (_d(9, 25), 1.0), (_d(11, 23), 1.8),
        (_d(11, 24), 0.5), (_d(11, 26), 0.5), (_d(11, 27), 1.5), (_d(11, 28), 2.5),
        (_d(12, 2), 5.0), (_d(12, 6), 5.0), (_d(12, 10), 2.2), (_d(12, 16), 1.0),
        (_d(12, 31), 0.2),
    ),
    "kampanye": (
        (_d(7, 1), 0.4), (_d(8, 26), 1.0), (_d(8, 27), 1.8), (_d(8, 29), 1.8),
        (_d(8, 30), 1.0), (_d(9, 24), 1.2), (_d(9, 25), 2.5), (_d(11, 2), 3.6),
        (_d(11, 23), 5.0), (_d(11, 24), 0.8), (_d(11, 26), 0.8), (_d(11, 27), 1.2),
        (_d(11, 28), 0.3), (_d(12, 16), 0.15), (_d(12, 31), 0.03),
    ),
    "politik_uang": (
        (_d(7, 1), 0.15), (_d(9, 24), 0.4), (_d(9, 25), 0.5), (_d(11, 2), 0.9),
        (_d(11, 23), 1.6), (_d(11, 24), 2.0), (_d(11, 26), 2.4), (_d(11, 27), 3.0),
        (_d(11, 28), 0.4), (_d(12, 16), 0.1), (_d(12, 31), 0.02),
    ),
    "isu": (
        (_d(7, 1), 0.6), (_d(8, 26), 0.8), (_d(9, 25), 1.0), (_d(11, 23), 1.6),
        (_d(11, 26), 1.7), (_d(11, 27), 3.0), (_d(12, 5), 1.3), (_d(12, 16), 0.6),
        (_d(12, 31), 0.2),
    ),
    "kekerasan": (
        (_d(7, 1), 0.12), (_d(9, 25), 0.2), (_d(11, 23), 0.5), (_d(11, 26), 0.4),
        (_d(11, 27), 0.9), (_d(12, 5), 0.6), (_d(12, 16), 0.2), (_d(12, 31), 0.06),
    ),
    "lainnya": (
        (_d(7, 1), 0.35), (_d(11, 20), 0.5), (_d(11, 27), 2.0), (_d(12, 5), 0.6),
        (_d(12, 16), 0.35), (_d(12, 31), 0.15),
    ),
    "hot_spot": (
        (_d(11, 9), 0.0), (_d(11, 10), 0.6), (_d(11, 23), 1.0), (_d(11, 24), 0.35),
        (_d(11, 26), 0.5), (_d(11, 27), 1.5), (_d(12, 3), 1.0), (_d(12, 12), 0.2),
        (_d(12, 16), 0.0),
    ),
}  # fmt: skip

C = Category
CATEGORY_CURVE: dict[Category, tuple[str, float]] = {
    C.KERUMUNAN_MASSA: ("kerumunan", 1.0),
    C.UNJUK_RASA: ("unjuk_rasa", 1.0),
    C.KAMPANYE: ("kampanye", 0.45),
    C.PERUSAKAN_APK: ("kampanye", 0.33),
    C.NETRALITAS_ASN: ("kampanye", 0.22),
    C.POLITIK_UANG: ("politik_uang", 1.0),
    C.ISU_TIDAK_JELAS: ("isu", 0.4),
    C.HOAKS: ("isu", 0.4),
    C.UJARAN_KEBENCIAN_SARA: ("isu", 0.2),
    C.INTIMIDASI: ("kekerasan", 0.5),
    C.BENTROKAN: ("kekerasan", 0.3),
    C.KEKERASAN: ("kekerasan", 0.2),
    C.LAINNYA: ("lainnya", 1.0),
}
ELECTION_CURVES = {"kampanye", "politik_uang"}
BURST_MIX = {C.HOAKS: 0.5, C.ISU_TIDAK_JELAS: 0.3, C.UJARAN_KEBENCIAN_SARA: 0.2}
HOT_SPOT_MIX = {
    C.INTIMIDASI: 0.3,
    C.BENTROKAN: 0.3,
    C.KEKERASAN: 0.2,
    C.UNJUK_RASA: 0.1,
    C.KERUMUNAN_MASSA: 0.1,
}

SEVERITY: dict[Category, dict[int, float]] = {
    C.KERUMUNAN_MASSA: {1: 0.45, 2: 0.35, 3: 0.17, 4: 0.03},
    C.UNJUK_RASA: {1: 0.2, 2: 0.45, 3: 0.3, 4: 0.05},
    C.KAMPANYE: {1: 0.55, 2: 0.35, 3: 0.1},
    C.PERUSAKAN_APK: {1: 0.3, 2: 0.5, 3: 0.2},
    C.POLITIK_UANG: {2: 0.5, 3: 0.42, 4: 0.08},
    C.NETRALITAS_ASN: {1: 0.35, 2: 0.5, 3: 0.15},
    C.ISU_TIDAK_JELAS: {1: 0.5, 2: 0.4, 3: 0.1},
    C.HOAKS: {1: 0.25, 2: 0.5, 3: 0.22, 4: 0.03},
    C.UJARAN_KEBENCIAN_SARA: {2: 0.4, 3: 0.5, 4: 0.1},
    C.INTIMIDASI: {2: 0.4, 3: 0.5, 4: 0.1},
    C.BENTROKAN: {2: 0.3, 3: 0.55, 4: 0.13, 5: 0.02},
    C.KEKERASAN: {2: 0.2, 3: 0.6, 4: 0.17, 5: 0.03},
    C.LAINNYA: {1: 0.6, 2: 0.35, 3: 0.05},
}
HOT_SEVERITY = {4: 0.6, 5: 0.4}
HOT_CROWD_SEVERITY = {3: 0.5, 4: 0.5}
VIOLENT = {C.INTIMIDASI, C.BENTROKAN, C.KEKERASAN}

STATUS_MIX = {
    ReportStatus.BARU: 0.45,
    ReportStatus.TERVERIFIKASI: 0.30,
    ReportStatus.DITANGANI: 0.08,
    ReportStatus.SELESAI: 0.05,
    ReportStatus.DITOLAK: 0.08,
    ReportStatus.DUPLIKAT: 0.04,
}
NOT_ORIGINALS = {ReportStatus.DUPLIKAT.value, ReportStatus.DITOLAK.value}
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9, 9, 9, 9, 8, 8, 8, 8, 7, 5, 3, 2)
POINT_SHARE = 1 / 3
KECAMATAN_SHARE = 0.5
MAX_JITTER_DEG = 0.01
