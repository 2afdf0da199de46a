"""kecamatan and desa codes on reports, and their daily counts per kecamatan

A report's kecamatan was free text that nothing read. Reports now carry `kecamatan_kode` and
`desa_kode` (checked against their kabupaten), the kecamatan their point lies in, and a flag
when the named kecamatan does not hold the point. Stored reports get their codes from their
points and typed names right after this revision (core.schema's data step, which needs the
data pack that migrations do not read), and `report_daily_kecamatan` is counted from them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The daily count columns, spelled out at the time of this revision (as report_daily has them).
FACTORS = ("kerumunan", "kampanye", "isu", "kekerasan", "lainnya")
COUNT_COLUMNS = (
    'count',
    *(
        f"{factor}_{severity}_{'v' if verified else 'u'}"
        for factor in FACTORS
        for severity in range(1, 6)
        for verified in (False, True)
    ),
    *(f'points_{factor}' for factor in FACTORS),
)


def upgrade() -> None:
    op.add_column('report', sa.Column('kecamatan_kode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
    op.add_column('report', sa.Column('desa_kode', sqlmodel.sql.sqltypes.AutoString(length=13), nullable=True))
    op.add_column(
        'report', sa.Column('kecamatan_mismatch', sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        'report', sa.Column('located_kecamatan_kode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
    )
    op.create_table(
        'report_daily_kecamatan',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kecamatan_kode', sa.String(length=8), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False, server_default='0') for name in COUNT_COLUMNS),
        sa.PrimaryKeyConstraint('day', 'kecamatan_kode'),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table('report_daily_kecamatan')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_column('located_kecamatan_kode')
        batch_op.drop_column('kecamatan_mismatch')
        batch_op.drop_column('desa_kode')
        batch_op.drop_column('kecamatan_kode')
