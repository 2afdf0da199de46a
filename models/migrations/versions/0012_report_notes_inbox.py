"""notes on the report trail, and the inbox's newest-received order

A status change or a note alone carries its note in the audit trail; the inbox lists reports by
when they arrived, a page at a time, so (received_at, id) is indexed, also per kabupaten and per
status (which replaces the plain status index: a tab of one status no longer sorts all of it).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('audit_event', sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True))
    op.create_index('ix_report_received', 'report', ['received_at', 'id'])
    op.create_index('ix_report_kab_received', 'report', ['kabupaten_kode', 'received_at', 'id'])
    op.create_index('ix_report_status_received', 'report', ['status', 'received_at', 'id'])
    op.drop_index('ix_report_status', table_name='report')


def downgrade() -> None:
    op.create_index('ix_report_status', 'report', ['status'])
    op.drop_index('ix_report_status_received', table_name='report')
    op.drop_index('ix_report_kab_received', table_name='report')
    op.drop_index('ix_report_received', table_name='report')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('note')
