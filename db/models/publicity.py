"""Invitations to apply: whom a district office invited, how, what came of it, and the link to
the registration that followed (core/publicity.py)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.applicant_types import ApplicantType
from core.publicity import ContactMethod, LinkMethod, Outcome
from db.base import Base, StrEnumType, Timestamp, utcnow


class Invitation(Base):
    """One unit invited in one fiscal year; inviting it again adds a contact."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("fiscal_year", "district_code", "type", "normalized_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    province_code: Mapped[str] = mapped_column(String(2))
    district_code: Mapped[str] = mapped_column(String(4), index=True)
    type: Mapped[ApplicantType] = mapped_column(StrEnumType(ApplicantType, "invitation_type"))
    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300))  # core.publicity.name_key
    subdistrict_code: Mapped[str | None] = mapped_column(String(6))
    village: Mapped[str | None] = mapped_column(String(200))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    # A unit certified before, invited again from the registry.
    registry_entry_id: Mapped[int | None] = mapped_column(ForeignKey("registry_entries.id"))
    outcome: Mapped[Outcome] = mapped_column(
        StrEnumType(Outcome, "invitation_outcome"), default=Outcome.NO_ANSWER
    )
    outcome_note: Mapped[str | None] = mapped_column(Text)
    # The registration (applicant account) this invitation led to: at most one either way.
    applicant_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    link_method: Mapped[LinkMethod | None] = mapped_column(
        StrEnumType(LinkMethod, "invitation_link_method")
    )
    linked_at: Mapped[datetime | None] = mapped_column(Timestamp())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    contacts: Mapped[list[InvitationContact]] = relationship(
        back_populates="invitation",
        cascade="all, delete-orphan",
        order_by="InvitationContact.contacted_on",
    )

    __mapper_args__ = {"version_id_col": version}


class InvitationContact(Base):
    """One time the office reached out: when and how."""

    __tablename__ = "invitation_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(Date)
    method: Mapped[ContactMethod] = mapped_column(
        StrEnumType(ContactMethod, "invitation_contact_method")
    )
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    invitation: Mapped[Invitation] = relationship(back_populates="contacts")
