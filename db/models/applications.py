"""Applicants, their applications (step 1) and uploaded documents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.applicant_types import ApplicantType
from core.workflow import Status
from db.base import Base, StrEnumType, Timestamp, utcnow


class Applicant(Base):
    """A leader, group, network or community, represented by one applicant account."""

    __tablename__ = "applicants"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[ApplicantType] = mapped_column(StrEnumType(ApplicantType, "applicant_type"))
    name: Mapped[str] = mapped_column(String(300))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    district_code: Mapped[str] = mapped_column(String(4), index=True)
    subdistrict_code: Mapped[str | None] = mapped_column(String(6))
    village_no: Mapped[int | None] = mapped_column(Integer)
    village_name: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    # Leaders: national ID kept as a keyed hash (for matching) and a masked form (for showing).
    national_id_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    national_id_masked: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[str | None] = mapped_column(String(200))
    position_formal: Mapped[bool | None] = mapped_column(Boolean)
    domiciled_since: Mapped[date | None] = mapped_column(Date)
    activities_record: Mapped[str | None] = mapped_column(Text)
    # Groups and networks
    founded_on: Mapped[date | None] = mapped_column(Date)
    member_count: Mapped[int | None] = mapped_column(Integer)
    resolution_date: Mapped[date | None] = mapped_column(Date)
    # Communities
    territory_villages: Mapped[str | None] = mapped_column(Text)
    boundary_description: Mapped[str | None] = mapped_column(Text)
    households: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    applications: Mapped[list[Application]] = relationship(back_populates="applicant")


class Application(Base):
    """One applicant's entry in one fiscal-year round; carries the workflow status."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("applicant_id", "round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    status: Mapped[Status] = mapped_column(
        StrEnumType(Status, "application_status"), default=Status.DRAFT, index=True
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    qualifications_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    plan_start: Mapped[date | None] = mapped_column(Date)
    achievements: Mapped[str | None] = mapped_column(Text)
    lessons: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    summary_done_at: Mapped[datetime | None] = mapped_column(Timestamp())
    submitted_at: Mapped[datetime | None] = mapped_column(Timestamp())
    accepted_at: Mapped[datetime | None] = mapped_column(Timestamp())
    to_committee_at: Mapped[datetime | None] = mapped_column(Timestamp())
    officer_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow, onupdate=utcnow)

    applicant: Mapped[Applicant] = relationship(back_populates="applications")
    documents: Mapped[list[Document]] = relationship(back_populates="application")
    lead_team: Mapped[list[LeadTeamMember]] = relationship(cascade="all, delete-orphan")
    advisors: Mapped[list[Advisor]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class LeadTeamMember(Base):
    __tablename__ = "lead_team_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    team_role: Mapped[str | None] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(200))


class Advisor(Base):
    """An advisor named by the applicant or assigned by the officer; may have an account."""

    __tablename__ = "advisors"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    inside_community: Mapped[bool] = mapped_column(Boolean, default=True)
    contact: Mapped[str | None] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)


class Document(Base):
    """An uploaded file: a checklist document or evidence for a log entry or assessment."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    requirement_code: Mapped[str | None] = mapped_column(String(40))
    activity_log_id: Mapped[int | None] = mapped_column(ForeignKey("activity_logs.id"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    # Also the key of its bytes in the document store (services.storage).
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    personal: Mapped[bool] = mapped_column(Boolean, default=False)
    review_status: Mapped[str] = mapped_column(String(16), default="pending")
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    application: Mapped[Application] = relationship(back_populates="documents")


class DocumentContent(Base):
    """Uploaded bytes when DOCUMENT_STORE=database (the default): one row per distinct content,
    so a database backup is a backup of everything. Only services/storage/database.py uses it."""

    __tablename__ = "document_contents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
