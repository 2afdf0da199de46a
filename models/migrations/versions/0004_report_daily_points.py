"""report_daily points per factor

Adds, per factor, a column for the day's reports weighted by the risk engine's default
severity weights and status multipliers (integer units of 0.5 point), so a risk window under
those weights sums 5 columns instead of 50. The columns start at 0: the weights belong to the
engine (core.risk.params), so the points are filled from the stored counts by
core.schema.upgrade_database after the migrations, recorded in report_daily_points_basis (0005).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 01:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The column names as they were at this revision.
FACTORS = ("kerumunan", "kampanye", "isu", "kekerasan", "lainnya")


def upgrade() -> None:
    for factor in FACTORS:  # plain ADD COLUMN on both backends: no table rebuild
        op.add_column('report_daily', sa.Column(f'points_{factor}', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    for factor in FACTORS:  # SQLite >= 3.35 and PostgreSQL both drop a column in place
        op.execute(f"ALTER TABLE report_daily DROP COLUMN points_{factor}")
