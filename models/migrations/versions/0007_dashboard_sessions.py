"""dashboard sessions on the server

The dashboard cookie was signed with a secret that was the same in every checkout, so anyone
could forge it, and logging out could not end a copied cookie. A session is now a row: the
cookie holds a random id, /keluar ends the row, idle rows expire.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'dashboard_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('token_id', sa.Integer(), nullable=False),
        sa.Column('created_at', models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('ended_at', models.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id']),
        sa.ForeignKeyConstraint(['token_id'], ['api_token.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('session_hash'),
    )
    with op.batch_alter_table('dashboard_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dashboard_session_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dashboard_session_token_id'), ['token_id'], unique=False)


def downgrade() -> None:
    op.drop_table('dashboard_session')
