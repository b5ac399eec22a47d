"""The follow-up numbers of a round's publicity: invited → registered → applied → accepted →
submitted to the committee → passed, per district and type, and the province's workbook.

Each unit is counted once per stage: an invitation counts as invited; an account counts from
registration on, under its unit's type (the invitation's type before step 1, "not yet known"
when neither exists). An invitation linked to its registration is the same unit, so the
"came through an invitation" numbers are a part of each stage, never added to it.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.permission import Actor, Perm, Scope, require
from core.publicity import STAGE_LABELS, UNKNOWN_TYPE, UNKNOWN_TYPE_LABEL, Stage, stages_reached
from core.thai import format_datetime, format_fiscal_year
from db.models import Invitation, Round
from services import areas, audit, registrations

TYPE_KEYS: tuple[str, ...] = (*(t.value for t in ApplicantType), UNKNOWN_TYPE)


def type_key_label(key: str) -> str:
    return UNKNOWN_TYPE_LABEL if key == UNKNOWN_TYPE else TYPE_LABELS[ApplicantType(key)]


Key = tuple[str, str, Stage]  # district code, type key, stage


@dataclass(frozen=True)
class Funnel:
    fiscal_year: int
    province_code: str
    district_codes: tuple[str, ...]  # the districts shown (the round's, and any with numbers)
    counts: dict[Key, int]
    invited_part: dict[Key, int]  # of counts: units that came through an invitation

    def total(
        self, stage: Stage, *, district: str | None = None, type_key: str | None = None
    ) -> int:
        return sum(
            n
            for (d, t, s), n in self.counts.items()
            if s is stage and district in (None, d) and type_key in (None, t)
        )

    def through_invitation(self, stage: Stage, *, district: str | None = None) -> int:
        return sum(
            n for (d, _, s), n in self.invited_part.items() if s is stage and district in (None, d)
        )


def _scope(actor: Actor, province_code: str, district_code: str | None) -> None:
    """A district's numbers: its own staff or the province; the province's: the province."""
    require(actor, Perm.VIEW_AREA, Scope(province_code=province_code, district_code=district_code))


def funnel(
    session: Session,
    actor: Actor,
    *,
    province_code: str,
    fiscal_year: int,
    district_code: str | None = None,
) -> Funnel:
    """The province's numbers (district None) or one district's."""
    _scope(actor, province_code, district_code)
    counts: Counter[Key] = Counter()
    invited_part: Counter[Key] = Counter()
    invitation_query = select(Invitation).where(
        Invitation.fiscal_year == fiscal_year, Invitation.province_code == province_code
    )
    if district_code:
        invitation_query = invitation_query.where(Invitation.district_code == district_code)
    invitation_of_user: dict[int, Invitation] = {}
    for i in session.scalars(invitation_query):
        counts[(i.district_code, i.type.value, Stage.INVITED)] += 1
        invited_part[(i.district_code, i.type.value, Stage.INVITED)] += 1
        if i.applicant_user_id is not None:
            invitation_of_user[i.applicant_user_id] = i
    for r in registrations.of_year(session, fiscal_year, district_code, province_code):
        invitation = invitation_of_user.get(r.user_id)
        if r.match.unit_type is not None:
            kind = r.match.unit_type.value
        elif invitation is not None:
            kind = invitation.type.value
        else:
            kind = UNKNOWN_TYPE
        reached = {Stage.REGISTERED} | stages_reached(
            r.status, sent=r.sent, accepted=r.accepted, to_committee=r.to_committee
        )
        for stage in reached:
            counts[(r.district_code, kind, stage)] += 1
            if invitation is not None:
                invited_part[(r.district_code, kind, stage)] += 1
    round_districts = _round_districts(session, province_code, fiscal_year)
    shown = {d for d, _, _ in counts} | set(round_districts)
    if district_code:
        shown = {district_code}
    return Funnel(
        fiscal_year=fiscal_year,
        province_code=province_code,
        district_codes=tuple(sorted(shown)),
        counts=dict(counts),
        invited_part=dict(invited_part),
    )


def _round_districts(session: Session, province_code: str, fiscal_year: int) -> list[str]:
    found = session.scalar(
        select(Round).where(Round.province_code == province_code, Round.fiscal_year == fiscal_year)
    )
    return [d.district_code for d in found.districts] if found else []


# ----------------------------------------------------------------------------- workbook


def _bold_row(sheet, values: list[object]) -> None:  # type: ignore[no-untyped-def]
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _stage_headings() -> list[object]:
    return [STAGE_LABELS[s] for s in Stage]


def workbook(f: Funnel, *, made_at: str) -> bytes:
    """Numbers only (no names or phone numbers): the province's own reports."""
    book = Workbook()
    title = f"ผลการประชาสัมพันธ์และเชิญชวน มชช. {format_fiscal_year(f.fiscal_year)}"
    where = f"จังหวัด{areas.province_name(f.province_code)}"
    if len(f.district_codes) == 1:
        where = f"อำเภอ{areas.district_name(f.district_codes[0])} {where}"

    by_type = book.active
    by_type.title = "ตามประเภท"
    by_type.append([title])
    by_type.append([where, f"ข้อมูล ณ {made_at}"])
    _bold_row(by_type, ["ประเภท", *_stage_headings()])
    for key in TYPE_KEYS:
        by_type.append([type_key_label(key), *(f.total(s, type_key=key) for s in Stage)])
    _bold_row(by_type, ["รวม", *(f.total(s) for s in Stage)])
    by_type.append(["มาจากการเชิญ", *(f.through_invitation(s) for s in Stage)])

    by_district = book.create_sheet("ตามอำเภอ")
    _bold_row(by_district, ["รหัสอำเภอ", "อำเภอ", *_stage_headings(), "ลงทะเบียนจากการเชิญ"])
    for d in f.district_codes:
        by_district.append(
            [
                d,
                areas.district_name(d),
                *(f.total(s, district=d) for s in Stage),
                f.through_invitation(Stage.REGISTERED, district=d),
            ]
        )
    _bold_row(
        by_district,
        ["", "รวม", *(f.total(s) for s in Stage), f.through_invitation(Stage.REGISTERED)],
    )

    detail = book.create_sheet("อำเภอและประเภท")
    _bold_row(detail, ["รหัสอำเภอ", "อำเภอ", "ประเภท", *_stage_headings()])
    for d in f.district_codes:
        for key in TYPE_KEYS:
            row = [f.total(s, district=d, type_key=key) for s in Stage]
            if any(row):
                detail.append([d, areas.district_name(d), type_key_label(key), *row])
    for sheet in (by_type, by_district, detail):
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(
    session: Session,
    actor: Actor,
    *,
    province_code: str,
    fiscal_year: int,
    district_code: str | None = None,
    now: datetime,
) -> bytes:
    f = funnel(
        session,
        actor,
        province_code=province_code,
        fiscal_year=fiscal_year,
        district_code=district_code,
    )
    data = workbook(f, made_at=format_datetime(now.replace(tzinfo=UTC)))
    audit.record(
        session,
        actor,
        "funnel_exported",
        at=now,
        entity="round",
        fiscal_year=fiscal_year,
        district_code=district_code,
    )
    session.commit()
    return data
