"""data_versions: a counter per kind of shared data (the registry; the rounds and district
offices the public page announces), moved on by each write, so
every process's cache of it is invalidated at once

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 21:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table('data_versions',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_data_versions'))
    )
    op.bulk_insert(table, [{'name': 'registry', 'version': 0}, {'name': 'rounds', 'version': 0}])


def downgrade() -> None:
    op.drop_table('data_versions')
