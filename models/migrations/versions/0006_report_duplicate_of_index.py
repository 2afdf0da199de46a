"""index report.duplicate_of

Deleting reports (the demo season's --reset) made SQLite check the self-referencing foreign
key report.duplicate_of with a full scan for every deleted row: minutes for 25,000 reports.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_report_duplicate_of", "report", ["duplicate_of"])


def downgrade() -> None:
    op.drop_index("ix_report_duplicate_of", table_name="report")
