"""venue and organiser of planned events

The agenda page records where an event is held and who holds it; existing events get empty
text (server default '') so every stored row stays valid and keeps its fingerprint.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for name in ('venue', 'organiser'):
        op.add_column(
            'planned_event',
            sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False, server_default=''),
        )


def downgrade() -> None:
    with op.batch_alter_table('planned_event', schema=None) as batch_op:
        batch_op.drop_column('organiser')
        batch_op.drop_column('venue')
