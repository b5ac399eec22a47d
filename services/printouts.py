"""The three printed documents, built from the database when someone asks for one.

Each function checks that the actor may see the application, gathers what the document shows
(nothing beyond what the same person sees on screen: national IDs only masked), records that a
document was made, and returns the PDF with a file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

import settings
from core.applicant_types import DOCUMENTS, QUALIFICATIONS, TYPE_LABELS, ApplicantType
from core.eligibility import qualification_problems
from core.errors import InvalidInput
from core.permission import Actor, Perm
from core.thai import format_date, format_fiscal_year
from db.models import (
    ActivityLog,
    Applicant,
    Application,
    Certificate,
    DistrictOffice,
    Round,
    User,
)
from reports.application_form import ApplicationFormData, CheckItem, application_form_pdf
from reports.certificate import CertificateData, certificate_pdf
from reports.summary import ActivityDone, IndicatorResult, RoundResult, SummaryData, summary_pdf
from services import access, applications, areas, assessments, audit, development


@dataclass(frozen=True)
class Printout:
    filename: str
    data: bytes
    mime: str = "application/pdf"


def _thai_digits() -> bool:
    return settings.get().pdf_thai_digits


def reference(application: Application, fiscal_year: int) -> str:
    """The application's reference on every paper about it: district / year / number."""
    return f"มชช. {application.applicant.district_code}/{fiscal_year}/{application.id:05d}"


def district_office_name(session: Session, district_code: str) -> str:
    office = session.get(DistrictOffice, district_code)
    if office is not None and office.office_name:
        return office.office_name
    return f"สำนักงานพัฒนาชุมชนอำเภอ{areas.district_name(district_code)}"


def province_office_name(province_code: str) -> str:
    return f"สำนักงานพัฒนาชุมชนจังหวัด{areas.province_name(province_code)}"


def area_text(applicant: Applicant) -> str:
    parts = []
    if applicant.village_no:
        parts.append(f"หมู่ที่ {applicant.village_no}")
    if applicant.village_name:
        parts.append(f"บ้าน{applicant.village_name.removeprefix('บ้าน')}")
    if applicant.subdistrict_code:
        parts.append(f"ตำบล{areas.subdistrict_name(applicant.subdistrict_code)}")
    parts.append(f"อำเภอ{areas.district_name(applicant.district_code)}")
    parts.append(f"จังหวัด{areas.province_name(applicant.province_code)}")
    return " ".join(parts)


def _signer(session: Session, applicant: Applicant) -> str:
    if applicant.type is ApplicantType.LEADER:
        return applicant.name
    owner = session.get(User, applicant.owner_id)
    return owner.display_name if owner else ""


def _opened(
    session: Session, actor: Actor, application_id: int
) -> tuple[Application, Round, dict[str, str]]:
    """The application the actor may see, its round, and what heads each of its documents:
    reference, issuing office, type and fiscal year."""
    application = access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    applicant = application.applicant
    rnd = session.get(Round, application.round_id)
    assert rnd is not None
    return (
        application,
        rnd,
        {
            "reference": reference(application, rnd.fiscal_year),
            "office": district_office_name(session, applicant.district_code),
            "type_label": TYPE_LABELS[applicant.type],
            "fiscal_year": format_fiscal_year(rnd.fiscal_year),
        },
    )


def _made(
    session: Session, actor: Actor, application: Application, kind: str, now: datetime
) -> None:
    audit.record(
        session,
        actor,
        "printout_made",
        at=now,
        application_id=application.id,
        entity="application",
        entity_id=application.id,
        document=kind,
    )
    session.commit()


# ----------------------------------------------------------------------------- summary


def _activities(session: Session, actor: Actor, application_id: int) -> list[ActivityDone]:
    logs: dict[int, list[ActivityLog]] = {}
    for log in development.logs(session, actor, application_id):
        logs.setdefault(log.activity_id, []).append(log)
    done = []
    for activity in development.plan(session, actor, application_id):
        own = sorted(logs.get(activity.id, []), key=lambda g: g.done_on)
        if own:
            latest = own[-1]
            text = (
                f"ดำเนินการ {len(own)} ครั้ง ล่าสุด {format_date(latest.done_on, short=True)}: "
                f"{latest.description}"
            )
        else:
            text = "ยังไม่มีบันทึกการดำเนินการ"
        done.append(
            ActivityDone(
                title=activity.title,
                period=f"{format_date(activity.starts_on, short=True)} – "
                f"{format_date(activity.ends_on, short=True)}",
                responsible=activity.responsible,
                done=text,
            )
        )
    return done


def summary(
    session: Session, actor: Actor, application_id: int, *, today: date, now: datetime
) -> Printout:
    application, rnd, heading = _opened(session, actor, application_id)
    applicant = application.applicant
    views = assessments.rounds_of(session, actor, application_id, today)
    indicators = []
    for indicator in development.indicators(session, actor, application_id):
        results = []
        for view in views:
            score = view.scores.get(indicator.id)
            submitted = view.assessment is not None and view.assessment.submitted_at is not None
            results.append(
                RoundResult(
                    label=f"ครั้งที่ {view.number}",
                    progress_percent=score.progress_percent if score and submitted else None,
                    value=score.result_value if score and submitted else None,
                )
            )
        indicators.append(
            IndicatorResult(
                indicator.title, indicator.measure, indicator.baseline, indicator.target, results
            )
        )
    round_labels = [
        f"ครั้งที่ {v.number} ครบกำหนด {format_date(v.due)}"
        + (
            f" ส่งผลแล้ว {format_date(v.assessment.submitted_at.date())}"
            if v.assessment is not None and v.assessment.submitted_at is not None
            else " ยังไม่ส่งผล"
        )
        for v in views
    ]
    data = SummaryData(
        **heading,
        name=applicant.name,
        area=area_text(applicant),
        cadence=f"ทุก {rnd.cadence_months} เดือน",
        lead_team=[(m.name, m.team_role) for m in application.lead_team],
        advisors=[
            (a.name, "ในชุมชน" if a.inside_community else "นอกชุมชน") for a in application.advisors
        ],
        indicators=indicators,
        round_labels=round_labels,
        activities=_activities(session, actor, application_id),
        achievements=application.achievements,
        lessons=application.lessons,
        next_steps=application.next_steps,
        signer=_signer(session, applicant),
        printed_on=format_date(today),
        thai_digits=_thai_digits(),
    )
    pdf = summary_pdf(data)
    _made(session, actor, application, "summary", now)
    return Printout(f"summary-{application.id}.pdf", pdf)


# ----------------------------------------------------------------------------- application form


def _type_fields(applicant: Applicant) -> list[tuple[str, str | None]]:
    def day(d: date | None) -> str | None:
        return format_date(d) if d else None

    def number(n: int | None, unit: str) -> str | None:
        return f"{n:,} {unit}" if n is not None else None

    name_label = {
        ApplicantType.LEADER: "ชื่อ - สกุล",
        ApplicantType.GROUP: "ชื่อกลุ่ม/องค์กร",
        ApplicantType.NETWORK: "ชื่อเครือข่าย",
        ApplicantType.COMMUNITY: "ชื่อชุมชน",
    }[applicant.type]
    fields: list[tuple[str, str | None]] = [(name_label, applicant.name)]
    if applicant.type is ApplicantType.LEADER:
        position = applicant.position
        if position and applicant.position_formal is not None:
            position += " (ตำแหน่งทางการ)" if applicant.position_formal else " (ไม่เป็นทางการ)"
        fields += [
            ("เลขประจำตัวประชาชน", applicant.national_id_masked),
            ("ตำแหน่งในชุมชน", position),
            ("อยู่ในชุมชนตั้งแต่", day(applicant.domiciled_since)),
            ("ผลงานกิจกรรมกับชุมชน", applicant.activities_record),
        ]
    elif applicant.type in (ApplicantType.GROUP, ApplicantType.NETWORK):
        fields += [
            ("ก่อตั้งเมื่อ", day(applicant.founded_on)),
            (
                "จำนวนสมาชิก",
                number(
                    applicant.member_count,
                    "คน" if applicant.type is ApplicantType.GROUP else "กลุ่ม/องค์กร",
                ),
            ),
            ("วันที่มีมติสมัคร", day(applicant.resolution_date)),
        ]
    else:
        fields += [
            ("หมู่บ้านในอาณาเขต", applicant.territory_villages),
            ("อาณาเขต", applicant.boundary_description),
            ("จำนวนครัวเรือน", number(applicant.households, "ครัวเรือน")),
            ("วันที่มีมติประชาคม", day(applicant.resolution_date)),
        ]
    fields += [
        ("ที่ตั้ง", area_text(applicant)),
        ("ที่อยู่ติดต่อ", applicant.address),
        ("โทรศัพท์", applicant.phone),
    ]
    return fields


def application_form(
    session: Session, actor: Actor, application_id: int, *, today: date, now: datetime
) -> Printout:
    application, _, heading = _opened(session, actor, application_id)
    applicant = application.applicant
    meets = not qualification_problems(applications.facts(application), today)
    attached = {d.requirement_code for d in application.documents if d.requirement_code}
    data = ApplicationFormData(
        **heading,
        district_name=areas.district_name(applicant.district_code),
        fields=_type_fields(applicant),
        qualifications=[CheckItem(q.text, meets) for q in QUALIFICATIONS[applicant.type]],
        lead_team=[(m.name, m.team_role, m.contact) for m in application.lead_team],
        advisors=[
            (a.name, "ในชุมชน" if a.inside_community else "นอกชุมชน", a.contact)
            for a in application.advisors
        ],
        documents=[
            CheckItem(
                d.label + ("" if d.required or "ถ้ามี" in d.label else " (ถ้ามี)"),
                d.code in attached,
            )
            for d in DOCUMENTS[applicant.type]
        ],
        signer=_signer(session, applicant),
        signer_role="ผู้สมัคร"
        if applicant.type is ApplicantType.LEADER
        else f"ผู้แทน{TYPE_LABELS[applicant.type]}",
        written_on=format_date(today),
        thai_digits=_thai_digits(),
    )
    pdf = application_form_pdf(data)
    _made(session, actor, application, "application_form", now)
    return Printout(f"application-{application.id}.pdf", pdf)


# ----------------------------------------------------------------------------- certificate


def certificate_of(session: Session, actor: Actor, application_id: int) -> Certificate | None:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    return session.scalar(select(Certificate).where(Certificate.application_id == application_id))


def verify_url(code: str) -> str:
    base = settings.get().public_base_url.rstrip("/")
    return f"{base}/certificate?code={code}"


def certificate(session: Session, actor: Actor, application_id: int, *, now: datetime) -> Printout:
    found = certificate_of(session, actor, application_id)
    if found is None:
        raise InvalidInput("หน่วยนี้ยังไม่ได้รับใบประกาศ (จังหวัดยังไม่ได้ประกาศผล)")
    application = session.get(Application, application_id)
    applicant = application.applicant
    rnd = session.get(Round, application.round_id)
    data = CertificateData(
        office=province_office_name(applicant.province_code),
        number=found.number,
        verification_code=found.verification_code,
        verify_url=verify_url(found.verification_code),
        name=applicant.name,
        type_label=TYPE_LABELS[applicant.type],
        area=area_text(applicant),
        fiscal_year=format_fiscal_year(rnd.fiscal_year),
        announced_on=format_date(found.announced_on),
        signer_title=f"พัฒนาการจังหวัด{areas.province_name(applicant.province_code)}",
        thai_digits=_thai_digits(),
    )
    pdf = certificate_pdf(data)
    _made(session, actor, application, "certificate", now)
    return Printout(f"certificate-{found.number.split()[-1].replace('/', '-')}.pdf", pdf)


# ----------------------------------------------------------------------------- public check


@dataclass(frozen=True)
class PublicCertificate:
    """What anyone may read about a certificate: no person's data beyond the unit's name."""

    number: str
    name: str
    type_label: str
    area: str
    fiscal_year: int
    announced_on: date


def check_certificate(session: Session, code: str) -> PublicCertificate | None:
    """The certificate with this verification code (as printed and in its QR code), if any."""
    cleaned = "".join(code.split()).upper()[:40]
    if not cleaned:
        return None
    found = session.scalar(select(Certificate).where(Certificate.verification_code == cleaned))
    if found is None:
        return None
    application = session.get(Application, found.application_id)
    applicant = application.applicant
    rnd = session.get(Round, application.round_id)
    return PublicCertificate(
        number=found.number,
        name=applicant.name,
        type_label=TYPE_LABELS[applicant.type],
        area=area_text(applicant),
        fiscal_year=rnd.fiscal_year,
        announced_on=found.announced_on,
    )
