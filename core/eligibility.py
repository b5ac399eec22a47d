"""Qualifications the portal checks from what the applicant typed; the officer checks the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.applicant_types import ApplicantType
from core.schedule import add_months

MIN_DOMICILE_MONTHS = 12

# A leader lives in, and a group is based in, one village; a network and a community span several
# (a community names its villages in its territory instead).
LIVES_IN_A_VILLAGE = frozenset({ApplicantType.LEADER, ApplicantType.GROUP})


@dataclass(frozen=True)
class ApplicantFacts:
    kind: ApplicantType
    name: str = ""
    district_code: str | None = None
    subdistrict_code: str | None = None
    village_no: int | None = None
    village_name: str | None = None
    domiciled_since: date | None = None
    position: str | None = None
    activities_record: str | None = None
    resolution_date: date | None = None
    member_count: int | None = None
    territory_villages: str | None = None
    boundary_description: str | None = None
    lead_team_size: int = 0


def domicile_years_ok(since: date | None, today: date) -> bool:
    return since is not None and since <= add_months(today, -MIN_DOMICILE_MONTHS)


def _leader(f: ApplicantFacts, today: date) -> list[str]:
    problems = []
    if f.domiciled_since is None:
        problems.append("ยังไม่ได้ระบุว่าอาศัยอยู่ในชุมชนตั้งแต่เมื่อใด")
    elif not domicile_years_ok(f.domiciled_since, today):
        problems.append("ต้องมีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า 1 ปี (นับถึงวันนี้ยังไม่ครบ)")
    if not (f.position or "").strip():
        problems.append("ยังไม่ได้กรอกตำแหน่งในชุมชน")
    if not (f.activities_record or "").strip():
        problems.append("ยังไม่ได้เล่าผลงานหรือกิจกรรมที่ทำร่วมกับชุมชน")
    return problems


def _resolution(f: ApplicantFacts, today: date, who: str) -> list[str]:
    if f.resolution_date is None:
        return [f"ยังไม่ได้ระบุวันที่{who}มีมติให้สมัคร"]
    if f.resolution_date > today:
        return [f"วันที่{who}มีมติต้องไม่เป็นวันในอนาคต"]
    return []


def _group(f: ApplicantFacts, today: date, who: str) -> list[str]:
    problems = _resolution(f, today, who)
    if not f.member_count or f.member_count < 1:
        problems.append("ยังไม่ได้ระบุจำนวนสมาชิก")
    return problems


def _community(f: ApplicantFacts, today: date) -> list[str]:
    problems = _resolution(f, today, "ประชาคม")
    if not (f.territory_villages or "").strip() or not (f.boundary_description or "").strip():
        problems.append("ยังไม่ได้ระบุอาณาเขตของชุมชน (หมู่บ้านและแนวเขต)")
    return problems


def _area(f: ApplicantFacts) -> list[str]:
    problems = []
    if not f.district_code:
        problems.append("ยังไม่ได้เลือกพื้นที่ (อำเภอ/ตำบล)")
    elif not f.subdistrict_code:
        problems.append("ยังไม่ได้เลือกตำบล")
    if f.kind in LIVES_IN_A_VILLAGE and f.village_no is None and not (f.village_name or "").strip():
        problems.append("ยังไม่ได้กรอกหมู่ที่หรือชื่อหมู่บ้าน")
    return problems


def qualification_problems(f: ApplicantFacts, today: date) -> list[str]:
    problems: list[str] = []
    if len((f.name or "").strip()) < 2:
        problems.append("ยังไม่ได้กรอกชื่อผู้สมัคร")
    problems += _area(f)
    if f.kind is ApplicantType.LEADER:
        return problems + _leader(f, today)
    if f.lead_team_size == 0:
        problems.append("ยังไม่ได้เพิ่มรายชื่อทีมนำการพัฒนา")
    if f.kind is ApplicantType.COMMUNITY:
        return problems + _community(f, today)
    who = "สมาชิกกลุ่ม" if f.kind is ApplicantType.GROUP else "สมาชิกเครือข่าย"
    return problems + _group(f, today, who)
