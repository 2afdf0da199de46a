"""Give reports stored before kecamatan codes existed their codes, from their points and typed names."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update

from core.regions.directory import RegionDirectory
from core.regions.places import KecamatanAreas, settle_kecamatan
from models.report import Report

CHUNK = 5000


@dataclass(frozen=True)
class KecamatanBackfill:
    """What the backfill did, for the operator who ran the upgrade."""

    from_points: int
    by_name: int
    left_empty: int

    def summary(self) -> str:
        return (
            f"kecamatan codes of stored reports: {self.from_points} filled from their points, "
            f"{self.by_name} matched by name, {self.left_empty} left empty"
        )


def fill_report_kecamatan(
    connection: Connection, *, directory: RegionDirectory, areas: KecamatanAreas
) -> KecamatanBackfill:
    """Settle every report without a kecamatan code by the intake rule, in chunks of ids."""
    table = Report.__table__
    columns = (table.c.id, table.c.kabupaten_kode, table.c.kecamatan, table.c.latitude, table.c.longitude)
    pending = select(*columns).where(table.c.kecamatan_kode.is_(None)).order_by(table.c.id).limit(CHUNK)
    write = (
        update(table)
        .where(table.c.id == bindparam("report_id"))
        .values(
            kecamatan_kode=bindparam("kode"),
            located_kecamatan_kode=bindparam("located"),
            kecamatan_mismatch=bindparam("mismatch"),
        )
    )
    from_points = by_name = left_empty = 0
    last: uuid.UUID | None = None
    while True:
        query = pending if last is None else pending.where(table.c.id > last)
        rows = connection.execute(query).all()
        if not rows:
            return KecamatanBackfill(from_points, by_name, left_empty)
        last = rows[-1].id
        changes = []
        for row in rows:
            place = settle_kecamatan(
                kabupaten=row.kabupaten_kode,
                named=None,
                typed_name=row.kecamatan,
                latitude=row.latitude,
                longitude=row.longitude,
                directory=directory,
                areas=areas,
            )
            if place.kecamatan_kode is None:
                left_empty += 1
            elif place.by_name:
                by_name += 1
            else:
                from_points += 1
            if place.kecamatan_kode is not None or place.located_kecamatan_kode is not None:
                changes.append(
                    {
                        "report_id": row.id,
                        "kode": place.kecamatan_kode,
                        "located": place.located_kecamatan_kode,
                        "mismatch": place.kecamatan_mismatch,
                    }
                )
        if changes:
            connection.execute(write, changes)
