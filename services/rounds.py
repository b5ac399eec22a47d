"""The province's yearly round: which one is current and whether it takes applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.thai import fiscal_year
from db.models import Round


class RoundPhase(StrEnum):
    FUTURE = "future"
    OPEN = "open"
    CLOSED = "closed"


ROUND_PHASE_LABELS = {
    RoundPhase.FUTURE: "ยังไม่เปิดรับสมัคร",
    RoundPhase.OPEN: "เปิดรับสมัคร",
    RoundPhase.CLOSED: "ปิดรับสมัครแล้ว",
}


@dataclass(frozen=True)
class RoundInfo:
    id: int
    fiscal_year: int
    province_code: str
    opens_on: date
    closes_on: date
    cadence_months: int
    phase: RoundPhase
    district_codes: tuple[str, ...]


def phase_of(r: Round, today: date) -> RoundPhase:
    if r.closed_at is not None or today > r.closes_on:
        return RoundPhase.CLOSED
    return RoundPhase.FUTURE if today < r.opens_on else RoundPhase.OPEN


def _info(r: Round, today: date) -> RoundInfo:
    return RoundInfo(
        id=r.id,
        fiscal_year=r.fiscal_year,
        province_code=r.province_code,
        opens_on=r.opens_on,
        closes_on=r.closes_on,
        cadence_months=r.cadence_months,
        phase=phase_of(r, today),
        district_codes=tuple(sorted(d.district_code for d in r.districts)),
    )


def current_round(session: Session, province_code: str, today: date) -> RoundInfo | None:
    """This fiscal year's round, else the latest one the province has run."""
    rounds = session.scalars(
        select(Round)
        .where(Round.province_code == province_code, Round.fiscal_year <= fiscal_year(today) + 1)
        .order_by(Round.fiscal_year.desc())
    ).all()
    this_year = [r for r in rounds if r.fiscal_year == fiscal_year(today)]
    chosen = this_year[0] if this_year else (rounds[0] if rounds else None)
    return _info(chosen, today) if chosen else None


def rounds_of_year(session: Session, fy: int, today: date) -> list[RoundInfo]:
    rounds = session.scalars(select(Round).where(Round.fiscal_year == fy)).all()
    return [_info(r, today) for r in sorted(rounds, key=lambda r: r.province_code)]


def provinces_with_rounds(session: Session) -> set[str]:
    return set(session.scalars(select(Round.province_code).distinct()))
