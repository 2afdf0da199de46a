"""Structural baseline scores (e.g. a Bawaslu IKP table), imported from CSV `kode,score,source`."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlmodel import Session, select

from core.accounts.service import Principal
from core.errors import FieldError, InvalidInput
from core.regions.service import existing_kabupaten, normalize_kabupaten_kode
from models.event import BaselineScore
from models.types import utc_now

REQUIRED_COLUMNS = ("kode", "score", "source")


@dataclass(frozen=True)
class BaselineRow:
    kode: str
    score: float
    source: str


def parse_baseline_csv(text: str) -> list[BaselineRow]:
    """Parse and check every row; all problems are reported at once with their row numbers."""
    try:
        return _parse_rows(text)
    except csv.Error as exc:
        raise InvalidInput.single("file", f"not a readable CSV file: {exc}") from exc


def _parse_rows(text: str) -> list[BaselineRow]:
    normalized = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.DictReader(io.StringIO(normalized))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InvalidInput.single("file", f"missing columns: {', '.join(missing)} (need kode,score,source)")
    reader.fieldnames = header
    rows, errors = [], []
    for number, record in enumerate(reader, start=2):
        try:
            rows.append(_parse_row(record))
        except InvalidInput as exc:
            errors += [FieldError(f"row {number}: {e.field}", e.reason, e.type) for e in exc.errors]
    if errors:
        raise InvalidInput(errors)
    if not rows:
        raise InvalidInput.single("file", "the file has no data rows")
    return rows


def _parse_row(record: dict[str, str]) -> BaselineRow:
    kode = normalize_kabupaten_kode((record.get("kode") or "").strip(), "kode")
    try:
        score = float((record.get("score") or "").replace(",", "."))
    except ValueError as exc:
        raise InvalidInput.single("score", f"score '{record.get('score')}' is not a number") from exc
    if not 0 <= score <= 100:
        raise InvalidInput.single("score", f"score {score} is outside 0-100")
    source = (record.get("source") or "").strip()[:200]
    if "\x00" in source:
        raise InvalidInput.single("source", "source must not contain NUL characters")
    return BaselineRow(kode=kode, score=score, source=source)


def import_baseline(*, session: Session, account: Principal, text: str) -> int:
    """Store the scores of a valid file (all rows or none); returns how many were stored."""
    account.require_admin()
    rows = parse_baseline_csv(text)
    known = existing_kabupaten(session=session, kodes={r.kode for r in rows})
    unknown = sorted({r.kode for r in rows} - known)
    if unknown:
        raise InvalidInput.single("kode", f"unknown kabupaten/kota codes: {', '.join(unknown)}")
    stamp = utc_now()
    for row in rows:
        session.merge(
            BaselineScore(kabupaten_kode=row.kode, score=row.score, source=row.source, imported_at=stamp)
        )
    session.commit()
    return len(rows)


def list_baseline(*, session: Session) -> list[BaselineScore]:
    return list(session.exec(select(BaselineScore).order_by(BaselineScore.kabupaten_kode)).all())
