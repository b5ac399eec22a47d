"""The fiscal years a province's screens offer: those it ran a round in, and this one."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.thai import fiscal_year
from db.models import Round


def offered(session: Session, province_code: str, today: date) -> list[int]:
    """Newest first. Only years, no applicant data: no permission to check."""
    years = set(
        session.scalars(select(Round.fiscal_year).where(Round.province_code == province_code))
    )
    return sorted(years | {fiscal_year(today)}, reverse=True)
