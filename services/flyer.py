"""The district's publicity flyer for the province's current round (issue 7, "Publicity kit").

A district officer prints their own district's; the province officer any district of the
province. Only a district taking part in a round that is not closed has one.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

import settings
from core.applicant_types import QUALIFICATIONS, TYPE_LABELS
from core.errors import InvalidInput
from core.permission import Actor, Perm, Scope, require
from core.steps import STEP_TITLES
from core.thai import format_date, format_fiscal_year
from reports.flyer import FlyerData, flyer_pdf
from services import areas, audit, offices, printouts, rounds


def register_url(district_code: str) -> str:
    """The registration page with the district already chosen (views/register.py reads it)."""
    base = settings.get().public_base_url.rstrip("/")
    return f"{base}/register?district={district_code}"


def address_only_here() -> bool:
    """True when the portal's address (PORTAL_BASE_URL) names this machine: a QR code printed
    with it opens nothing on a villager's phone."""
    host = urlsplit(settings.get().public_base_url).hostname or ""
    return host in {"localhost", "127.0.0.1", "0.0.0.0", "::1"} or host.endswith(".local")


def _round_for(session: Session, district_code: str, today: date) -> rounds.RoundInfo:
    found = rounds.current_round(session, district_code[:2], today)
    if found is None:
        raise InvalidInput("จังหวัดยังไม่ได้เปิดรอบ มชช. จึงยังไม่มีใบประชาสัมพันธ์ให้พิมพ์")
    if found.phase is rounds.RoundPhase.CLOSED:
        raise InvalidInput(
            f"รอบ มชช. {format_fiscal_year(found.fiscal_year)} ปิดรับสมัครแล้ว จึงไม่มีใบประชาสัมพันธ์ให้พิมพ์"
        )
    if district_code not in found.district_codes:
        raise InvalidInput(
            f"อำเภอ{areas.district_name(district_code)}ไม่ได้อยู่ในรอบ มชช. "
            f"{format_fiscal_year(found.fiscal_year)} ของจังหวัด"
        )
    return found


def why_none(session: Session, actor: Actor, district_code: str, *, today: date) -> str | None:
    """Why this district has no flyer to print now (None: it has one), checked before a button
    is offered: the button builds the PDF only when tapped."""
    require(
        actor, Perm.VIEW_AREA, Scope(province_code=district_code[:2], district_code=district_code)
    )
    try:
        _round_for(session, district_code, today)
    except InvalidInput as error:
        return error.message
    return None


def flyer(
    session: Session, actor: Actor, district_code: str, *, today: date, now: datetime
) -> printouts.Printout:
    district = (district_code or "").strip()
    require(actor, Perm.VIEW_AREA, Scope(province_code=district[:2], district_code=district))
    rnd = _round_for(session, district, today)
    office = offices.office_info(session, district)
    data = FlyerData(
        office=office.office_name,
        phone=office.phone,
        address=office.address,
        fiscal_year=format_fiscal_year(rnd.fiscal_year),
        opens_on=format_date(rnd.opens_on),
        closes_on=format_date(rnd.closes_on),
        cadence_months=rnd.cadence_months,
        register_url=register_url(district),
        applicant_types=[
            (TYPE_LABELS[kind], [q.text for q in qualifications])
            for kind, qualifications in QUALIFICATIONS.items()
        ],
        steps=STEP_TITLES,
        thai_digits=settings.get().pdf_thai_digits,
    )
    pdf = flyer_pdf(data)
    audit.record(
        session,
        actor,
        "printout_made",
        at=now,
        entity="district",
        entity_id=int(district),
        document="flyer",
        district_code=district,
        round_id=rnd.id,
    )
    session.commit()
    return printouts.Printout(f"flyer-{district}-{rnd.fiscal_year}.pdf", pdf)
