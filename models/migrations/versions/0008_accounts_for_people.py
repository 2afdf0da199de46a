"""accounts for people: username, display name, argon2id password, disabling

People log in to the dashboard with a username and password instead of pasting an API token.
The account's `name` becomes its `username`; tokens get an optional label. Dashboard sessions
no longer hang on a token, so the table is rebuilt without `token_id` (open sessions end: they
were token logins, and the person logs in again with a password).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _session_table(with_token: bool) -> None:
    """(Re)create dashboard_session, with the token column of 0007 or without it."""
    token = (
        [sa.Column('token_id', sa.Integer(), nullable=False), sa.ForeignKeyConstraint(['token_id'], ['api_token.id'])]
        if with_token
        else []
    )
    op.create_table(
        'dashboard_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('created_at', models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', models.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('ended_at', models.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('session_hash'),
        *token,
    )
    op.create_index('ix_dashboard_session_account_id', 'dashboard_session', ['account_id'])
    if with_token:
        op.create_index('ix_dashboard_session_token_id', 'dashboard_session', ['token_id'])


def upgrade() -> None:
    op.alter_column('account', 'name', new_column_name='username')
    op.add_column('account', sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.add_column(
        'account', sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column('account', sa.Column('password_changed_at', models.types.UTCDateTime(timezone=True), nullable=True))
    op.add_column('account', sa.Column('disabled_at', models.types.UTCDateTime(timezone=True), nullable=True))
    op.add_column('api_token', sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.drop_table('dashboard_session')
    _session_table(with_token=False)


def downgrade() -> None:
    op.drop_table('dashboard_session')
    _session_table(with_token=True)
    op.drop_column('api_token', 'name')
    for column in ('disabled_at', 'password_changed_at', 'must_change_password', 'display_name'):
        op.drop_column('account', column)
    op.alter_column('account', 'username', new_column_name='name')
