"""registry_entries: indexes for the public search (listing order, name contains, type, subdistrict)

The listing index serves the page order (newest year first, then by name) without sorting the
table. On PostgreSQL, "name contains" uses a trigram GIN index (extension pg_trgm, trusted since
PostgreSQL 13, so the database owner may create it); on SQLite the same index is a plain one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    with op.batch_alter_table('registry_entries', schema=None) as batch_op:
        batch_op.create_index(
            'ix_registry_entries_listing',
            [sa.text('fiscal_year DESC'), 'normalized_name', 'id'],
            unique=False,
        )
        batch_op.create_index(
            'ix_registry_entries_name_trgm',
            ['normalized_name'],
            unique=False,
            postgresql_using='gin',
            postgresql_ops={'normalized_name': 'gin_trgm_ops'},
        )
        batch_op.create_index('ix_registry_entries_type_year', ['type', 'fiscal_year'], unique=False)
        batch_op.create_index(
            'ix_registry_entries_subdistrict_year', ['subdistrict_code', 'fiscal_year'], unique=False
        )


def downgrade() -> None:
    # pg_trgm stays installed: other databases' objects or a later revision may use it.
    with op.batch_alter_table('registry_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_registry_entries_subdistrict_year')
        batch_op.drop_index('ix_registry_entries_type_year')
        batch_op.drop_index('ix_registry_entries_name_trgm')
        batch_op.drop_index('ix_registry_entries_listing')
