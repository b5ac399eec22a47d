"""Advisors' comments, the committee's evaluations and resolution, certificates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Timestamp, utcnow


class Comment(Base):
    """A comment on part of an application; a root comment (thread_id None) opens a thread."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(20))  # indicator, activity, assessment, summary
    target_id: Mapped[int | None] = mapped_column(Integer)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(Timestamp())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class CommitteeEvaluation(Base):
    """One committee member's evaluation of one submission."""

    __tablename__ = "committee_evaluations"
    __table_args__ = (UniqueConstraint("application_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opinion: Mapped[str] = mapped_column(String(20))  # pass, revise, not_pass
    comments: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow, onupdate=utcnow)

    items: Mapped[list[EvaluationItem]] = relationship(cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class EvaluationItem(Base):
    __tablename__ = "evaluation_items"
    __table_args__ = (UniqueConstraint("evaluation_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("committee_evaluations.id"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    reached: Mapped[bool] = mapped_column(Boolean)
    how: Mapped[str | None] = mapped_column(Text)


class Resolution(Base):
    """The committee's decision, recorded by the district's chair; one per review cycle."""

    __tablename__ = "resolutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))  # pass, revise, not_pass
    reasons: Mapped[str | None] = mapped_column(Text)
    revision_items: Mapped[str | None] = mapped_column(Text)
    meeting_on: Mapped[date | None] = mapped_column(Date)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)


class Certificate(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    verification_code: Mapped[str] = mapped_column(String(40), unique=True)
    announced_on: Mapped[date] = mapped_column(Date)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sequence: Mapped[int] = mapped_column(Integer)
