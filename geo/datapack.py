"""File names, credit line and the missing-file error for the offline boundary/region-code pack."""

from __future__ import annotations

from pathlib import Path

KABUPATEN_GEOJSON = "idn_kabkota_kemendagri2025_cahyadsn.geojson"
KABUPATEN_SIMPLIFIED_GEOJSON = "idn_kabkota_kemendagri2025_cahyadsn_simplified.geojson"
PROVINSI_GEOJSON = "idn_provinsi_kemendagri2025_dissolved_from_cahyadsn_kab.geojson"
KABUPATEN_CODES_CSV = "kode_kabkota_kemendagri2025.csv"
PROVINSI_CODES_CSV = "kode_provinsi_kemendagri2025.csv"
KECAMATAN_GEOJSON = "idn_kecamatan_kemendagri2025_cahyadsn.geojson"
KECAMATAN_CODES_CSV = "kode_kecamatan_kemendagri2025.csv"
DESA_CODES_CSV = "kode_desa_kemendagri2025.csv"

GEO_DIR_ENV_VAR = "WASPADA_GEO_DIR"
EXPECTED_KABUPATEN_COUNT = 514
KABUPATEN_KODE_PATTERN = r"^\d{2}\.\d{2}$"
KECAMATAN_KODE_PATTERN = r"^\d{2}\.\d{2}\.\d{2}$"

DATA_CREDIT = (
    "Boundaries & codes: cahyadsn/wilayah_boundaries and cahyadsn/wilayah (MIT, © Cahya DSN), "
    "per Kepmendagri No. 300.2.2-2138/2025; area: BIG (2024)."
)
# The same credit in Bahasa Indonesia, for pages read in it (the pack's README gives the English one).
DATA_CREDIT_ID = (
    "Batas & kode wilayah: cahyadsn/wilayah_boundaries dan cahyadsn/wilayah (MIT, © Cahya DSN), "
    "sesuai Kepmendagri No. 300.2.2-2138/2025; luas: BIG (2024)."
)


def data_credit(lang: str) -> str:
    """The data pack's credit line in the page's language (English for any but Indonesian)."""
    return DATA_CREDIT_ID if lang == "id" else DATA_CREDIT


class GeoDataMissing(Exception):
    """A file of the data pack is absent, so the service cannot map or locate anything."""


def require_file(geo_dir: Path, name: str) -> Path:
    """Return the pack file's path, failing early with an actionable message when it is absent."""
    path = Path(geo_dir) / name
    if not path.is_file():
        raise GeoDataMissing(
            f"Geo data file not found: {path}. Set {GEO_DIR_ENV_VAR} to the directory of the "
            "boundary/region-code data pack (the one holding "
            f"{KABUPATEN_GEOJSON} and {KABUPATEN_CODES_CSV})."
        )
    return path
