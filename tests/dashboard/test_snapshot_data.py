"""A frozen snapshot row shows in the live shape; a kabupaten without a row shows 'no data'.

Reading frozen weeks from a real database is covered in test_session.py
(test_week_selector_is_hidden_without_snapshots_and_uses_them_when_frozen).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from core.snapshots.queries import SnapshotRow
from dashboard.snapshot_data import snapshot_values
from dashboard.views import AreaRef

REF = AreaRef("81.02", "Kabupaten Maluku Tenggara", "81", "Maluku")


def frozen_row(**changes: object) -> SnapshotRow:
    values: dict[str, object] = {
        "week_start": date(2024, 11, 11),
        "as_of": date(2024, 11, 17),
        "kabupaten_kode": "81.02",
        "nama": "Kabupaten Maluku Tenggara",
        "kode_prov": "81",
        "nama_prov": "Maluku",
        "score": 55.0,
        "level": "tinggi",
        "score_kerumunan": 0.0,
        "score_kampanye": 0.0,
        "score_isu": 55.0,
        "score_kekerasan": 0.0,
        "score_lainnya": 0.0,
        "reports_7d": 4,
        "reports_28d": 5,
        "surge": True,
        "previous_level": None,
        "level_change": None,
        "model_version": "1.0.0",
        "params_hash": "x",
        "created_at": datetime(2024, 11, 18, tzinfo=UTC),
    }
    return SnapshotRow(**(values | changes))  # type: ignore[arg-type]


def test_a_frozen_row_keeps_its_numbers() -> None:
    values = snapshot_values(REF, frozen_row())
    assert (values.score, values.level, values.reports_7d, values.surge, values.has_data) == (
        55.0,
        "tinggi",
        4,
        True,
        True,
    )
    assert values.factor_scores["isu"] == 55.0
    assert values.factor_has_data == {
        "kerumunan": False,
        "kampanye": False,
        "isu": True,
        "kekerasan": False,
        "lainnya": False,
    }


def test_a_zero_row_and_a_missing_row_show_no_data() -> None:
    assert snapshot_values(REF, frozen_row(score=0.0, score_isu=0.0)).has_data is False
    missing = snapshot_values(REF, None)
    assert (missing.has_data, missing.score, missing.reports_7d, missing.factor_scores) == (False, 0.0, 0, {})
