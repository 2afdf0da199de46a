"""Which kecamatan and desa exist, under which parent, and which kecamatan a typed name means.

Held in memory from the data pack (the same files `waspada seed regions` loads into the
registry), so intake checks a batch of 500 codes without a query per item.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import FieldError
from core.regions.kecamatan import desa_rows, fold_name, kecamatan_rows

# Words officers put before the name itself: "Kec. Teramang Jaya", "Distrik Wamena" (Papua).
_LEVEL_WORD = re.compile(r"^(kecamatan|kec|distrik|dist)\s+")


def name_key(text: str) -> str:
    """A typed name reduced to what tells it apart: 'Kec. Muko-Muko Bathin VII' -> 'mukomukobathinvii'."""
    return _LEVEL_WORD.sub("", fold_name(text)).replace(" ", "")


@dataclass(frozen=True)
class RegionDirectory:
    """Parents of every kecamatan and desa code, and the kecamatan codes by (kabupaten, name key)."""

    kecamatan_kabupaten: dict[str, str]
    desa_kecamatan: dict[str, str]
    kecamatan_by_name: dict[tuple[str, str], tuple[str, ...]]

    def match_kecamatan(self, kabupaten: str, text: str) -> str | None:
        """The kecamatan of this kabupaten a free-text name means, when exactly one fits."""
        found = self.kecamatan_by_name.get((kabupaten, name_key(text)), ())
        return found[0] if len(found) == 1 else None


def kecamatan_problem(
    kecamatan: str, kabupaten: str, directory: RegionDirectory | None, field: str = "kecamatan_kode"
) -> FieldError | None:
    """Why a dotted kecamatan code cannot go with this kabupaten, or None when it can."""
    if not kecamatan.startswith(f"{kabupaten}."):
        return FieldError(field, f"kecamatan {kecamatan} is not in kabupaten {kabupaten}", "not_in_kabupaten")
    if directory is not None and kecamatan not in directory.kecamatan_kabupaten:
        return FieldError(field, f"kecamatan {kecamatan} is not in the region registry", "unknown_kecamatan")
    return None


def build_directory(kecamatan: list[tuple[str, str, str]], desa: list[tuple[str, str]]) -> RegionDirectory:
    """From (kode, kode_kab, nama) kecamatan and (kode, kode_kec) desa rows."""
    by_name: dict[tuple[str, str], list[str]] = {}
    for kode, kode_kab, nama in kecamatan:
        by_name.setdefault((kode_kab, name_key(nama)), []).append(kode)
    return RegionDirectory(
        kecamatan_kabupaten={kode: kode_kab for kode, kode_kab, _ in kecamatan},
        desa_kecamatan=dict(desa),
        kecamatan_by_name={key: tuple(sorted(kodes)) for key, kodes in by_name.items()},
    )


@functools.lru_cache
def get_directory(geo_dir: Path) -> RegionDirectory:
    """Read the pack's kecamatan and desa lists once per process (about half a second)."""
    kecamatan = [(row["kode"], row["kode_kab"], row["nama"]) for row in kecamatan_rows(geo_dir)]
    desa = [(row["kode"], row["kode_kec"]) for row in desa_rows(geo_dir)]
    return build_directory(kecamatan, desa)
