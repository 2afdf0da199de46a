"""Valid-by-default payloads, so each test states only what it changes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

# Label points from the data pack: inside their kabupaten.
TUAL_POINT = (-5.622796, 132.773145)
MALUKU_TENGGARA_POINT = (-5.643328, 133.026444)


def report_payload(**overrides: Any) -> dict[str, Any]:
    """A report an officer of 81.02 (Kabupaten Maluku Tenggara) may send."""
    payload: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "kabupaten_kode": "81.02",
        "kecamatan": "Kei Kecil",
        "occurred_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
        "category": "kerumunan_massa",
        "severity": 3,
        "title": "Massa berkumpul di depan kantor KPU",
        "description": "Sekitar 200 orang berkumpul menuntut penghitungan ulang.",
        "crowd_size": 200,
        "source_type": "fkdm",
    }
    payload.update(overrides)
    return {k: v for k, v in payload.items() if v is not ...}
