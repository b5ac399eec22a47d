"""invitations and invitation_contacts: whom a district office invited to apply, and how

A registration links to at most one invitation (unique applicant_user_id), so the follow-up
numbers count nobody twice.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('district_code', sa.String(length=4), nullable=False),
    sa.Column('type', sa.Enum('leader', 'group', 'network', 'community', name='invitation_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('normalized_name', sa.String(length=300), nullable=False),
    sa.Column('subdistrict_code', sa.String(length=6), nullable=True),
    sa.Column('village', sa.String(length=200), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('registry_entry_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.Enum('no_answer', 'applied', 'declined', name='invitation_outcome', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('applicant_user_id', sa.Integer(), nullable=True),
    sa.Column('link_method', sa.Enum('phone', 'name', 'officer', name='invitation_link_method', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('linked_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['applicant_user_id'], ['users.id'], name=op.f('fk_invitations_applicant_user_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_invitations_created_by_id_users')),
    sa.ForeignKeyConstraint(['registry_entry_id'], ['registry_entries.id'], name=op.f('fk_invitations_registry_entry_id_registry_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('applicant_user_id', name=op.f('uq_invitations_applicant_user_id')),
    sa.UniqueConstraint('fiscal_year', 'district_code', 'type', 'normalized_name', name=op.f('uq_invitations_fiscal_year_district_code_type_normalized_name'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_district_code'), ['district_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_phone'), ['phone'], unique=False)

    op.create_table('invitation_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('contacted_on', sa.Date(), nullable=False),
    sa.Column('method', sa.Enum('visit', 'phone', 'meeting', 'letter', 'line', name='invitation_contact_method', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_invitation_contacts_invitation_id_invitations')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_invitation_contacts_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_contacts'))
    )
    with op.batch_alter_table('invitation_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_contacts_invitation_id'), ['invitation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('invitation_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_contacts_invitation_id'))

    op.drop_table('invitation_contacts')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_phone'))
        batch_op.drop_index(batch_op.f('ix_invitations_district_code'))

    op.drop_table('invitations')
