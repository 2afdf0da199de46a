"""report_daily points basis

A one-row table recording a hash of the class weights report_daily's points_* columns were
computed with. core.schema.upgrade_database compares it with the risk engine's current default
weights after the migrations and recomputes the points from the stored counts when it is
missing or differs, so no migration carries a copy of a weight.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'report_daily_points_basis',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('class_weights_hash', sa.String(length=64), nullable=False),
        sa.CheckConstraint('id = 1', name='ck_report_daily_points_basis_one_row'),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('report_daily_points_basis')
