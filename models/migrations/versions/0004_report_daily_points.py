"""report_daily points per factor

Adds, per factor, the day's reports weighted by the default severity weights and status
multipliers (integer units of 0.5 point), and fills them from the stored counts, so a risk
window under the default weights sums 5 columns instead of 50.

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

# Spelled out as they were at this revision (risk model 1.0.0 defaults, in half points).
FACTORS = ("kerumunan", "kampanye", "isu", "kekerasan", "lainnya")
SEVERITY_UNITS = {1: 1, 2: 2, 3: 4, 4: 7, 5: 10}  # unverified; verified counts twice


def _points_expression(factor: str) -> str:
    terms = [
        f"{units * (2 if verified else 1)} * {factor}_{severity}_{'v' if verified else 'u'}"
        for severity, units in SEVERITY_UNITS.items()
        for verified in (False, True)
    ]
    return " + ".join(terms)


def upgrade() -> None:
    for factor in FACTORS:  # plain ADD COLUMN on both backends: no table rebuild
        op.add_column('report_daily', sa.Column(f'points_{factor}', sa.Integer(), server_default='0', nullable=False))
    assignments = ", ".join(f"points_{factor} = {_points_expression(factor)}" for factor in FACTORS)
    op.execute(f"UPDATE report_daily SET {assignments}")


def downgrade() -> None:
    for factor in FACTORS:  # SQLite >= 3.35 and PostgreSQL both drop a column in place
        op.execute(f"ALTER TABLE report_daily DROP COLUMN points_{factor}")
