"""ฐานข้อมูลผู้ผ่าน มชช.: every unit ever certified, imported or from the portal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.applicant_types import ApplicantType
from db.base import Base, StrEnumType, Timestamp, utcnow


class RegistryEntry(Base):
    __tablename__ = "registry_entries"
    __table_args__ = (
        UniqueConstraint("type", "normalized_name", "fiscal_year", "district_code"),
        Index("ix_registry_entries_area_year", "province_code", "district_code", "fiscal_year"),
        Index("ix_registry_entries_subdistrict_year", "subdistrict_code", "fiscal_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    type: Mapped[ApplicantType] = mapped_column(StrEnumType(ApplicantType, "registry_type"))
    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300), index=True)
    province_code: Mapped[str] = mapped_column(String(2))
    district_code: Mapped[str] = mapped_column(String(4))
    subdistrict_code: Mapped[str | None] = mapped_column(String(6))
    village_no: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[str | None] = mapped_column(String(200))
    coordinator: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    national_id_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    national_id_masked: Mapped[str | None] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))  # portal or import
    source_detail: Mapped[str | None] = mapped_column(Text)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)


# The public list's order (newest year first, then name) without a sort, and "name contains"
# through trigrams on PostgreSQL (a plain index on SQLite); see migration 0004.
Index(
    "ix_registry_entries_listing",
    RegistryEntry.fiscal_year.desc(),
    RegistryEntry.normalized_name,
    RegistryEntry.id,
)
# One type's list in the page's order: a range of this index, however late that type's names
# sort (all networks' names begin "เครือข่าย"); it also serves type + year (migration 0008).
Index(
    "ix_registry_entries_type_listing",
    RegistryEntry.type,
    RegistryEntry.fiscal_year.desc(),
    RegistryEntry.normalized_name,
    RegistryEntry.id,
)
Index(
    "ix_registry_entries_name_trgm",
    RegistryEntry.normalized_name,
    postgresql_using="gin",
    postgresql_ops={"normalized_name": "gin_trgm_ops"},
)
