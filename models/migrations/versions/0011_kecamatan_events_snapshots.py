"""planned events in a kecamatan, and kecamatan rows in the weekly snapshot

Risk per kecamatan uses the events placed in it, and a frozen week keeps every kecamatan's score
next to its kabupaten's, for the weekly report and its exports.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTORS = ("kerumunan", "kampanye", "isu", "kekerasan", "lainnya")  # as they were at this revision


def upgrade() -> None:
    op.add_column(
        'planned_event', sa.Column('kecamatan_kode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
    )
    op.create_table(
        'risk_snapshot_kecamatan',
        sa.Column('week_start', sa.Date(), nullable=False),
        sa.Column('kecamatan_kode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('kabupaten_kode', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        *(sa.Column(f'score_{factor}', sa.Float(), nullable=False) for factor in FACTORS),
        sa.Column('reports_7d', sa.Integer(), nullable=False),
        sa.Column('surge', sa.Boolean(), nullable=False),
        sa.Column('model_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('params_hash', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.ForeignKeyConstraint(['kabupaten_kode'], ['kabupaten.kode']),
        sa.PrimaryKeyConstraint('week_start', 'kecamatan_kode'),
    )
    op.create_index(
        'ix_risk_snapshot_kecamatan_kab_week', 'risk_snapshot_kecamatan', ['kabupaten_kode', 'week_start']
    )


def downgrade() -> None:
    op.drop_table('risk_snapshot_kecamatan')
    with op.batch_alter_table('planned_event', schema=None) as batch_op:
        batch_op.drop_column('kecamatan_kode')
