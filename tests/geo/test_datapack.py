"""The pack loader: missing files are actionable, the boundaries are complete, valid and checked."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.boundaries import load_kabupaten_boundaries, repair_polygons, validate_kabupaten
from geo.datapack import (
    DATA_CREDIT,
    GEO_DIR_ENV_VAR,
    KABUPATEN_CODES_CSV,
    KABUPATEN_GEOJSON,
    GeoDataMissing,
    data_credit,
    require_file,
)


def test_data_credit_is_the_packs_credit_line() -> None:
    assert DATA_CREDIT == (
        "Boundaries & codes: cahyadsn/wilayah_boundaries and cahyadsn/wilayah (MIT, © Cahya DSN), "
        "per Kepmendagri No. 300.2.2-2138/2025; area: BIG (2024)."
    )


@pytest.mark.parametrize("name", [KABUPATEN_GEOJSON, KABUPATEN_CODES_CSV])
def test_require_file_returns_the_existing_path(geo_dir: Path, name: str) -> None:
    assert require_file(geo_dir, name) == geo_dir / name


def test_require_file_names_the_missing_path_and_the_setting(tmp_path: Path) -> None:
    with pytest.raises(GeoDataMissing) as raised:
        require_file(tmp_path, KABUPATEN_GEOJSON)
    message = str(raised.value)
    assert str(tmp_path / KABUPATEN_GEOJSON) in message
    assert GEO_DIR_ENV_VAR in message


def test_loading_from_a_wrong_directory_raises_geo_data_missing(tmp_path: Path) -> None:
    wrong = tmp_path / "not-the-pack"
    with pytest.raises(GeoDataMissing, match="not-the-pack"):
        load_kabupaten_boundaries(wrong)


def test_boundaries_are_514_unique_well_formed_codes(boundaries: gpd.GeoDataFrame) -> None:
    assert len(boundaries) == 514
    assert boundaries["kode"].is_unique
    assert boundaries["kode"].str.fullmatch(r"\d{2}\.\d{2}").all()
    assert list(boundaries.columns) == ["kode", "kode_prov", "nama", "geometry"]
    assert boundaries.crs.to_epsg() == 4326


def test_boundaries_cover_exactly_the_code_list(
    boundaries: gpd.GeoDataFrame, kabupaten_codes: pd.DataFrame
) -> None:
    assert set(boundaries["kode"]) == set(kabupaten_codes["kode"])
    assert (boundaries["kode_prov"] == boundaries["kode"].str[:2]).all()


def test_boundary_geometries_are_valid_polygonal_and_non_empty(
    boundaries: gpd.GeoDataFrame,
) -> None:
    geometries = boundaries.geometry.to_numpy()
    assert shapely.is_valid(geometries).all()
    assert not shapely.is_empty(geometries).any()
    assert set(boundaries.geom_type) <= {"Polygon", "MultiPolygon"}


def test_repair_turns_a_bow_tie_into_valid_polygons() -> None:
    bow_tie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    (repaired,) = repair_polygons(np.array([bow_tie], dtype=object))
    assert repaired.is_valid
    assert repaired.geom_type in {"Polygon", "MultiPolygon"}
    assert repaired.area == pytest.approx(2.0)


def _altered(boundaries: gpd.GeoDataFrame, row: int, kode: str) -> gpd.GeoDataFrame:
    """A copy of the boundaries with one code replaced."""
    altered = boundaries.copy()
    altered.loc[row, "kode"] = kode
    return altered


def test_validation_rejects_a_malformed_code(boundaries: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="8102"):
        validate_kabupaten(_altered(boundaries, 0, "8102"))


def test_validation_rejects_a_duplicate_code(boundaries: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        validate_kabupaten(_altered(boundaries, 0, boundaries["kode"].iloc[1]))


def test_validation_rejects_a_missing_unit(boundaries: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="expected 514"):
        validate_kabupaten(boundaries.iloc[1:])


def test_validation_accepts_the_pack(boundaries: gpd.GeoDataFrame) -> None:
    validate_kabupaten(boundaries)


@pytest.mark.parametrize(("lang", "start"), [("id", "Batas & kode wilayah"), ("en", "Boundaries & codes")])
def test_the_credit_line_is_in_one_language(lang: str, start: str) -> None:
    credit = data_credit(lang)
    assert credit.startswith(start)
    assert "cahyadsn/wilayah_boundaries" in credit and "Kepmendagri No. 300.2.2-2138/2025" in credit
