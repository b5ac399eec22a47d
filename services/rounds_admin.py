"""The province opens, changes, closes and reopens its yearly round.

Rules decided here (see tests/integration/test_province_admin.py):
- A round is for this fiscal year or the next; its application window lies inside that fiscal
  year (rounds.current_round finds a round by the fiscal year of today, so a window opening
  before its year would never show as open) and must not be over already.
- A round can be edited until it is closed; once any application exists its cadence is fixed,
  and a district with applications stays in it. Closing twice is harmless. A closed round of
  this or next fiscal year can be reopened (an accidental close could otherwise never be undone:
  there is one round per province and year).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import thai
from core.errors import InvalidInput, NotFound, StaleData
from core.permission import Actor, Perm, Scope, require
from core.schedule import CADENCES
from db.models import Applicant, Application, Round, RoundDistrict
from services import areas, audit, data_versions, rounds


@dataclass(frozen=True)
class RoundRow:
    info: rounds.RoundInfo
    closed_at: datetime | None
    applications_by_district: dict[str, int]
    stamp: int  # what the screen saw; update_round refuses if the round changed since

    @property
    def applications(self) -> int:
        return sum(self.applications_by_district.values())


def _province_for(actor: Actor, perm: Perm) -> str:
    province = actor.province_code or ""
    require(actor, perm, Scope(province_code=province))
    return province


def _round_for(session: Session, actor: Actor, round_id: int) -> Round:
    r = session.get(Round, round_id)
    if r is None:
        raise NotFound("ไม่พบรอบการดำเนินงานนี้")
    require(actor, Perm.MANAGE_ROUND, Scope(province_code=r.province_code))
    return r


def round_stamp(r: Round) -> int:
    seen = (
        r.opens_on.isoformat(),
        r.closes_on.isoformat(),
        r.cadence_months,
        sorted(d.district_code for d in r.districts),
        r.closed_at.isoformat() if r.closed_at else None,
    )
    return zlib.crc32(repr(seen).encode())


def _applications_by_district(session: Session, round_id: int) -> dict[str, int]:
    rows = session.execute(
        select(Applicant.district_code, func.count(Application.id))
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(Application.round_id == round_id)
        .group_by(Applicant.district_code)
    )
    return {district: count for district, count in rows}


def _row(session: Session, r: Round, today: date) -> RoundRow:
    info = rounds.RoundInfo(
        id=r.id,
        fiscal_year=r.fiscal_year,
        province_code=r.province_code,
        opens_on=r.opens_on,
        closes_on=r.closes_on,
        cadence_months=r.cadence_months,
        phase=rounds.phase_of(r, today),
        district_codes=tuple(sorted(d.district_code for d in r.districts)),
    )
    return RoundRow(info, r.closed_at, _applications_by_district(session, r.id), round_stamp(r))


def list_rounds(session: Session, actor: Actor, *, today: date) -> list[RoundRow]:
    province = _province_for(actor, Perm.MANAGE_ROUND)
    found = session.scalars(
        select(Round).where(Round.province_code == province).order_by(Round.fiscal_year.desc())
    )
    return [_row(session, r, today) for r in found]


def years_to_open(session: Session, actor: Actor, *, today: date) -> list[int]:
    """This and next fiscal year, less those the province already has a round for."""
    province = _province_for(actor, Perm.MANAGE_ROUND)
    taken = set(session.scalars(select(Round.fiscal_year).where(Round.province_code == province)))
    this_year = thai.fiscal_year(today)
    return [fy for fy in (this_year, this_year + 1) if fy not in taken]


def _check_year(fy: int, today: date) -> None:
    this_year = thai.fiscal_year(today)
    if fy not in (this_year, this_year + 1):
        raise InvalidInput(
            f"เปิดรอบได้เฉพาะ{thai.format_fiscal_year(this_year)}"
            f" หรือ{thai.format_fiscal_year(this_year + 1)}"
        )


def _check_cadence(cadence_months: int) -> None:
    if cadence_months not in CADENCES:
        raise InvalidInput("กรุณาเลือกความถี่การประเมินตนเอง ทุก 3 เดือน หรือทุก 6 เดือน")


def _check_window(fy: int, opens_on: date | None, closes_on: date | None, today: date) -> None:
    if opens_on is None or closes_on is None:
        raise InvalidInput("กรุณากรอกทั้งวันเปิดและวันปิดรับสมัคร")
    if opens_on > closes_on:
        raise InvalidInput("วันเปิดรับสมัครต้องไม่อยู่หลังวันปิดรับสมัคร")
    start, end = thai.fiscal_year_bounds(fy)
    if opens_on < start or closes_on > end:
        raise InvalidInput(
            f"ช่วงรับสมัครต้องอยู่ภายใน{thai.format_fiscal_year(fy)}"
            f" คือ {thai.format_date(start)} ถึง {thai.format_date(end)}"
        )
    if closes_on < today:
        raise InvalidInput("วันปิดรับสมัครผ่านมาแล้ว กรุณาเลือกวันปิดตั้งแต่วันนี้เป็นต้นไป")


def _check_districts(province: str, district_codes: list[str] | tuple[str, ...]) -> list[str]:
    codes = sorted(set(district_codes or ()))
    if not codes:
        raise InvalidInput("กรุณาเลือกอำเภอที่ร่วมดำเนินการอย่างน้อยหนึ่งอำเภอ")
    if set(codes) - set(areas.districts(province)):
        raise InvalidInput(f"เลือกได้เฉพาะอำเภอในจังหวัด{areas.province_name(province)}")
    return codes


def _year_taken(fy: int) -> InvalidInput:
    return InvalidInput(
        f"{thai.format_fiscal_year(fy)} มีรอบการดำเนินงานอยู่แล้ว กรุณาแก้ไขรอบเดิมแทนการเปิดใหม่"
    )


def open_round(
    session: Session,
    actor: Actor,
    *,
    fiscal_year: int,
    opens_on: date | None,
    closes_on: date | None,
    cadence_months: int,
    district_codes: list[str],
    today: date,
    now: datetime,
) -> Round:
    province = _province_for(actor, Perm.MANAGE_ROUND)
    _check_year(fiscal_year, today)
    _check_cadence(cadence_months)
    _check_window(fiscal_year, opens_on, closes_on, today)
    codes = _check_districts(province, district_codes)
    taken = select(Round.id).where(
        Round.province_code == province, Round.fiscal_year == fiscal_year
    )
    if session.scalar(taken) is not None:
        raise _year_taken(fiscal_year)
    r = Round(
        fiscal_year=fiscal_year,
        province_code=province,
        opens_on=opens_on,
        closes_on=closes_on,
        cadence_months=cadence_months,
        created_by_id=actor.user_id,
        created_at=now,
    )
    r.districts = [RoundDistrict(district_code=c) for c in codes]
    session.add(r)
    try:
        session.flush()
    except (IntegrityError, StaleData):  # another officer opened the same year a moment ago
        session.rollback()
        raise _year_taken(fiscal_year) from None
    audit.record(
        session,
        actor,
        "round_opened",
        at=now,
        entity="round",
        entity_id=r.id,
        fiscal_year=fiscal_year,
        opens_on=opens_on,
        closes_on=closes_on,
        cadence_months=cadence_months,
        districts=codes,
    )
    data_versions.bump(session, data_versions.ROUNDS)  # the public page renews
    session.commit()
    return r


def _refuse_removing_districts(r: Round, keep: list[str], counts: dict[str, int]) -> None:
    removed = sorted({d.district_code for d in r.districts} - set(keep))
    blocked = [f"อำเภอ{areas.district_name(d)} {counts[d]} ราย" for d in removed if counts.get(d)]
    if blocked:
        raise InvalidInput("นำอำเภอออกจากรอบไม่ได้ เพราะมีใบสมัครในรอบนี้แล้ว: " + ", ".join(blocked))


def update_round(
    session: Session,
    actor: Actor,
    round_id: int,
    *,
    opens_on: date | None,
    closes_on: date | None,
    cadence_months: int,
    district_codes: list[str],
    expected_stamp: int,
    today: date,
    now: datetime,
) -> Round:
    r = _round_for(session, actor, round_id)
    if round_stamp(r) != expected_stamp:
        raise StaleData()
    if r.closed_at is not None:
        raise InvalidInput("รอบนี้ปิดรับสมัครแล้ว หากต้องการแก้ไข กรุณาเปิดรับสมัครอีกครั้งก่อน")
    _check_cadence(cadence_months)
    _check_window(r.fiscal_year, opens_on, closes_on, today)
    codes = _check_districts(r.province_code, district_codes)
    counts = _applications_by_district(session, r.id)
    if cadence_months != r.cadence_months and counts:
        raise InvalidInput(
            f"รอบนี้มีใบสมัครแล้ว {sum(counts.values())} ราย จึงเปลี่ยนความถี่การประเมินตนเองไม่ได้"
            f" (ผู้สมัครวางแผนประเมินทุก {r.cadence_months} เดือนไว้แล้ว)"
        )
    _refuse_removing_districts(r, codes, counts)
    before = round_stamp(r)
    old = {d.district_code: d for d in r.districts}
    r.opens_on, r.closes_on, r.cadence_months = opens_on, closes_on, cadence_months
    r.districts = [old.get(c) or RoundDistrict(district_code=c) for c in codes]
    if round_stamp(r) == before:
        return r  # nothing changed: no audit event, no write
    session.flush()
    audit.record(
        session,
        actor,
        "round_updated",
        at=now,
        entity="round",
        entity_id=r.id,
        opens_on=opens_on,
        closes_on=closes_on,
        cadence_months=cadence_months,
        districts=codes,
    )
    data_versions.bump(session, data_versions.ROUNDS)  # the public page renews
    session.commit()
    return r


def close_round(session: Session, actor: Actor, round_id: int, *, now: datetime) -> Round:
    """Stops new applications; those already in the round go on. A second click changes nothing."""
    r = _round_for(session, actor, round_id)
    if r.closed_at is not None:
        return r
    r.closed_at = now
    audit.record(session, actor, "round_closed", at=now, entity="round", entity_id=r.id)
    data_versions.bump(session, data_versions.ROUNDS)  # the public page renews
    session.commit()
    return r


def reopen_round(
    session: Session, actor: Actor, round_id: int, *, today: date, now: datetime
) -> Round:
    """Undoes a close; whether it then takes applications still depends on its dates."""
    r = _round_for(session, actor, round_id)
    if r.closed_at is None:
        return r
    if r.fiscal_year < thai.fiscal_year(today):
        raise InvalidInput("รอบของปีงบประมาณที่ผ่านมาแล้วเปิดรับสมัครอีกไม่ได้")
    r.closed_at = None
    audit.record(session, actor, "round_reopened", at=now, entity="round", entity_id=r.id)
    data_versions.bump(session, data_versions.ROUNDS)  # the public page renews
    session.commit()
    return r
