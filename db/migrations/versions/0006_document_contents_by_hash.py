"""document_contents keyed by the bytes' SHA-256, not by the document: a content store

Uploaded bytes now sit behind services.storage (the database by default, or an S3-compatible
bucket); documents.sha256 is the key. Identical bytes are kept once, so on upgrade the rows of
documents with the same hash become one. The index on documents.sha256 serves the "does any
document still name these bytes" check made on removal and by `manage.py gc-documents`.

Downgrade gives each document its own row again. Bytes kept in a bucket (DOCUMENT_STORE=s3)
are not in this table: copy them back before a downgrade, or those documents have no content.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('document_contents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sha256', sa.String(length=64), nullable=True))
    op.execute(
        'UPDATE document_contents SET sha256 = (SELECT documents.sha256 FROM documents'
        ' WHERE documents.id = document_contents.document_id)'
    )
    op.execute(
        'DELETE FROM document_contents WHERE document_id NOT IN'
        ' (SELECT MIN(document_id) FROM document_contents GROUP BY sha256)'
    )
    with op.batch_alter_table('document_contents', schema=None) as batch_op:
        batch_op.drop_constraint('fk_document_contents_document_id_documents', type_='foreignkey')
        batch_op.drop_constraint('pk_document_contents', type_='primary')
        batch_op.drop_column('document_id')
        batch_op.alter_column('sha256', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_primary_key('pk_document_contents', ['sha256'])
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_sha256'))
    with op.batch_alter_table('document_contents', schema=None) as batch_op:
        batch_op.drop_constraint('pk_document_contents', type_='primary')
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
    # The first document of each content takes its row; every other one gets a copy.
    op.execute(
        'UPDATE document_contents SET document_id = (SELECT MIN(documents.id) FROM documents'
        ' WHERE documents.sha256 = document_contents.sha256)'
    )
    op.execute(
        'INSERT INTO document_contents (document_id, sha256, data)'
        ' SELECT documents.id, c.sha256, c.data FROM documents'
        ' JOIN document_contents c ON c.sha256 = documents.sha256'
        ' WHERE c.document_id IS NOT NULL AND documents.id <> c.document_id'
    )
    op.execute('DELETE FROM document_contents WHERE document_id IS NULL')
    with op.batch_alter_table('document_contents', schema=None) as batch_op:
        batch_op.alter_column('document_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('sha256')
        batch_op.create_primary_key('pk_document_contents', ['document_id'])
        batch_op.create_foreign_key(
            batch_op.f('fk_document_contents_document_id_documents'),
            'documents',
            ['document_id'],
            ['id'],
        )
