"""Accounts, district offices and the yearly round."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.roles import Role
from db.base import Base, StrEnumType, Timestamp, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(StrEnumType(Role, "user_role"))
    province_code: Mapped[str | None] = mapped_column(String(2), index=True)
    district_code: Mapped[str | None] = mapped_column(String(4), index=True)
    password_hash: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    failed_window_start: Mapped[datetime | None] = mapped_column(Timestamp())
    sessions_valid_after: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    # A one-time password (set by someone else) must be replaced before anything else is done.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    privacy_acknowledged_at: Mapped[datetime | None] = mapped_column(Timestamp())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(Timestamp())


class DistrictOffice(Base):
    """Per district: the office's contact and the committee chair."""

    __tablename__ = "district_offices"

    district_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    office_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    chair_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Round(Base):
    """A province's fiscal-year round of มชช."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("province_code", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    province_code: Mapped[str] = mapped_column(String(2), index=True)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    cadence_months: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    districts: Mapped[list[RoundDistrict]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )


class RoundDistrict(Base):
    __tablename__ = "round_districts"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), primary_key=True)
    district_code: Mapped[str] = mapped_column(String(4), primary_key=True)

    round: Mapped[Round] = relationship(back_populates="districts")
