"""kecamatan and desa/kelurahan in the region registry

Officers and the Tim Kewaspadaan Dini work below the kabupaten; the registry now holds the
7,285 kecamatan and 83,762 desa/kelurahan of the data pack (loaded by `waspada seed regions`),
each with a folded name for the pickers' search.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'kecamatan',
        sa.Column('kode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('kode_kab', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column('nama', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('label_lat', sa.Float(), nullable=False),
        sa.Column('label_lng', sa.Float(), nullable=False),
        sa.Column('search_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(['kode_kab'], ['kabupaten.kode']),
        sa.PrimaryKeyConstraint('kode'),
    )
    op.create_index('ix_kecamatan_kode_kab', 'kecamatan', ['kode_kab'])
    op.create_index('ix_kecamatan_search_name', 'kecamatan', ['search_name'])
    op.create_table(
        'desa',
        sa.Column('kode', sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column('kode_kec', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('nama', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('jenis', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('search_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(['kode_kec'], ['kecamatan.kode']),
        sa.PrimaryKeyConstraint('kode'),
    )
    op.create_index('ix_desa_kode_kec', 'desa', ['kode_kec'])
    op.create_index('ix_desa_search_name', 'desa', ['search_name'])


def downgrade() -> None:
    op.drop_table('desa')
    op.drop_table('kecamatan')
