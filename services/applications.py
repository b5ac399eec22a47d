"""Step 1: the application form per type, lead team, advisors, and sending it to the officer."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import national_id
from core.applicant_types import TYPE_LABELS, ApplicantType
from core.contact import normalise_optional_phone, normalise_phone
from core.eligibility import ApplicantFacts, qualification_problems
from core.errors import InvalidInput, NotFound, PermissionDenied, StaleData
from core.permission import Actor, Perm, owner_id_of, workflow_role
from core.roles import Role
from core.workflow import Action, Section, Status, can_edit, require_editable, transition
from db.models import Advisor, Applicant, Application, LeadTeamMember, Round
from services import access, areas, audit, documents, invitation_links, notifications, rounds, users


@dataclass
class ApplicationForm:
    kind: ApplicantType
    name: str = ""
    district_code: str = ""
    subdistrict_code: str | None = None
    village_no: int | None = None
    village_name: str | None = None
    phone: str | None = None
    address: str | None = None
    national_id: str | None = None
    position: str | None = None
    position_formal: bool | None = None
    domiciled_since: date | None = None
    activities_record: str | None = None
    founded_on: date | None = None
    member_count: int | None = None
    resolution_date: date | None = None
    territory_villages: str | None = None
    boundary_description: str | None = None
    households: int | None = None


SENT = "ใบสมัครใหม่รอตรวจสอบ: "
SENT_AGAIN = "ใบสมัครที่แก้ไขแล้วรอตรวจสอบ: "

_COPIED = [f.name for f in fields(ApplicationForm) if f.name not in {"kind", "national_id"}]


def id_hash(digits: str, key: str) -> str:
    return hmac.new(key.encode(), digits.encode(), hashlib.sha256).hexdigest()


def _clean(form: ApplicationForm, today: date) -> ApplicationForm:
    form.name = " ".join((form.name or "").split())
    if len(form.name) > 300:
        raise InvalidInput("ชื่อยาวเกิน 300 ตัวอักษร")
    if form.district_code:
        areas.check_area(form.district_code[:2], form.district_code, form.subdistrict_code)
    if form.village_no is not None and not 1 <= form.village_no <= 99:
        raise InvalidInput("หมู่ที่ต้องเป็นตัวเลข 1–99")
    for label, value in (("จำนวนสมาชิก", form.member_count), ("จำนวนครัวเรือน", form.households)):
        if value is not None and value < 0:
            raise InvalidInput(f"{label}ต้องไม่ติดลบ")
    for value in (form.domiciled_since, form.founded_on, form.resolution_date):
        if value is not None and value > today:
            raise InvalidInput("วันที่ที่กรอกต้องไม่เป็นวันในอนาคต")
    form.phone = normalise_optional_phone(form.phone)
    return form


def _apply(applicant: Applicant, form: ApplicationForm, id_key: str) -> None:
    for name in _COPIED:
        setattr(applicant, name, getattr(form, name))
    applicant.province_code = form.district_code[:2] or applicant.province_code
    if form.kind is ApplicantType.LEADER and form.national_id:
        digits = national_id.validate(form.national_id)
        applicant.national_id_hash = id_hash(digits, id_key)
        applicant.national_id_masked = national_id.mask(digits)


def current_application(session: Session, actor: Actor) -> Application | None:
    """The applicant's latest application (an officer acting: that applicant's)."""
    application = session.scalar(
        select(Application)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(Applicant.owner_id == owner_id_of(actor))
        .order_by(Round.fiscal_year.desc(), Application.id.desc())
        .limit(1)
    )
    if application is not None and actor.acting_for is not None:
        access.application_for(session, actor, application.id, Perm.VIEW_APPLICATION)
    return application


def _officer_district_only(actor: Actor, district_code: str) -> None:
    """An officer (acting for a paper applicant) keeps the application in their own district."""
    if actor.role is Role.DISTRICT_OFFICER and district_code != actor.district_code:
        raise InvalidInput(
            f"พัฒนากรกรอกแทนได้เฉพาะผู้สมัครในอำเภอ{areas.district_name(actor.district_code or '')}"
            " ซึ่งเป็นอำเภอของคุณ หากผู้สมัครอยู่อำเภออื่นกรุณาติดต่อสำนักงานพัฒนาชุมชนอำเภอนั้น"
        )


def start(
    session: Session,
    actor: Actor,
    form: ApplicationForm,
    *,
    id_key: str,
    today: date,
    now: datetime,
) -> Application:
    if workflow_role(actor) is not Role.APPLICANT:
        raise PermissionDenied("เฉพาะบัญชีผู้สมัครเท่านั้นที่เริ่มใบสมัครได้")
    if actor.acting_for is not None:
        access.acting_target(session, actor, actor.acting_for)
    form = _clean(form, today)
    if not form.district_code:
        raise InvalidInput("กรุณาเลือกอำเภอที่ตั้งของผู้สมัคร")
    _officer_district_only(actor, form.district_code)
    info = rounds.current_round(session, form.district_code[:2], today)
    if info is None or info.phase is not rounds.RoundPhase.OPEN:
        raise InvalidInput("ขณะนี้จังหวัดยังไม่เปิดรับสมัคร กรุณาติดต่อสำนักงานพัฒนาชุมชนอำเภอ")
    if form.district_code not in info.district_codes:
        raise InvalidInput("อำเภอนี้ไม่ได้ร่วมดำเนินการในรอบนี้ กรุณาติดต่อสำนักงานพัฒนาชุมชนจังหวัด")
    existing = current_application(session, actor)
    if existing is not None and existing.round_id == info.id:
        return existing  # a double click or a second tab: the one application of this round
    applicant = Applicant(
        type=form.kind, owner_id=owner_id_of(actor), province_code="", created_at=now
    )
    _apply(applicant, form, id_key)
    session.add(applicant)
    session.flush()
    application = Application(applicant_id=applicant.id, round_id=info.id, created_at=now)
    session.add(application)
    session.flush()
    audit.record(session, actor, "application_started", at=now, application_id=application.id)
    invitation_links.link_application(session, application, now=now)
    session.commit()
    return application


def update(
    session: Session,
    actor: Actor,
    application_id: int,
    form: ApplicationForm,
    *,
    expected_version: int,
    id_key: str,
    today: date,
    now: datetime,
) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    require_editable(application.status, Section.APPLICATION)
    if application.version != expected_version:
        raise StaleData()
    form = _clean(form, today)
    form.kind = application.applicant.type
    if not form.district_code:
        form.district_code = application.applicant.district_code
    _require_round_district(session, application, form.district_code)
    _officer_district_only(actor, form.district_code)
    _apply(application.applicant, form, id_key)
    application.updated_at = now  # bumps the version: the other tab's save is refused
    session.flush()  # a lost race surfaces here as StaleData, not inside commit()
    audit.record(session, actor, "application_saved", at=now, application_id=application.id)
    invitation_links.link_application(session, application, now=now)
    session.commit()
    return application


def _require_round_district(session: Session, application: Application, district: str) -> None:
    """An application stays in its round's province and districts: else no officer would see it."""
    rnd = session.get(Round, application.round_id)
    taking_part = {d.district_code for d in rnd.districts}
    if district[:2] != rnd.province_code or district not in taking_part:
        raise InvalidInput(
            f"เลือกได้เฉพาะอำเภอที่ร่วมดำเนินการในจังหวัด{areas.province_name(rnd.province_code)}"
            " รอบนี้ หากย้ายจังหวัดกรุณาติดต่อสำนักงานพัฒนาชุมชนอำเภอ"
        )


def facts(application: Application) -> ApplicantFacts:
    a = application.applicant
    return ApplicantFacts(
        kind=a.type,
        name=a.name,
        district_code=a.district_code,
        subdistrict_code=a.subdistrict_code,
        village_no=a.village_no,
        village_name=a.village_name,
        domiciled_since=a.domiciled_since,
        position=a.position,
        activities_record=a.activities_record,
        resolution_date=a.resolution_date,
        member_count=a.member_count,
        territory_villages=a.territory_villages,
        boundary_description=a.boundary_description,
        lead_team_size=len(application.lead_team),
    )


def problems(session: Session, application: Application, today: date) -> list[str]:
    """Everything that blocks sending, in Thai; a draft may be saved with any of them.
    A document the officer marked wrong must be replaced first (while the officer is still
    checking, those marks are the officer's work in progress, not the applicant's to do)."""
    found = qualification_problems(facts(application), today)
    found += [f"ยังไม่ได้แนบ: {d.label}" for d in documents.missing_required(session, application)]
    if can_edit(application.status, Section.APPLICATION):
        found += [
            f"พัฒนากรส่งเอกสารกลับ ต้องอัปโหลดไฟล์ใหม่แทน: {d.label}"
            for d in documents.returned(session, application)
        ]
    return found


def _titled(prefix: str, application: Application) -> str:
    """A notification title naming the unit (name and type); notifications.notify cuts it."""
    a = application.applicant
    return f"{prefix}{a.name} ({TYPE_LABELS[a.type]})"


def submit(
    session: Session, actor: Actor, application_id: int, *, today: date, now: datetime
) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    resent = application.status is Status.RETURNED
    target = transition(application.status, Action.SUBMIT_APPLICATION, workflow_role(actor))
    found = problems(session, application, today)
    if found:
        raise InvalidInput("ยังส่งใบสมัครไม่ได้ เพราะ: " + " · ".join(found))
    application.status, application.submitted_at = target, now
    audit.record(session, actor, "application_submitted", at=now, application_id=application.id)
    officers = notifications.district_staff(
        session, application.applicant.district_code, Role.DISTRICT_OFFICER
    )
    notifications.notify(
        session,
        [uid for uid in officers if uid != actor.user_id],  # not the officer who sent it for them
        kind="submitted",
        title=_titled(SENT_AGAIN if resent else SENT, application),
        application_id=application.id,
        now=now,
    )
    session.commit()
    return application


def _editable(session: Session, actor: Actor, application_id: int) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    require_editable(application.status, Section.APPLICATION)
    return application


def _required_text(value: str | None, label: str, limit: int = 200) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise InvalidInput(f"กรุณากรอก{label}")
    if len(text) > limit:
        raise InvalidInput(f"{label}ยาวเกิน {limit} ตัวอักษร")
    return text


def _add_person(
    session: Session,
    actor: Actor,
    application_id: int,
    row: LeadTeamMember | Advisor,
    *,
    action: str,
    now: datetime,
) -> None:
    application = _editable(session, actor, application_id)
    row.application_id = application.id
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        action,
        at=now,
        application_id=application.id,
        entity=row.__tablename__,
        entity_id=row.id,
    )
    session.commit()


def _remove_person(
    session: Session,
    actor: Actor,
    application_id: int,
    model: type[LeadTeamMember | Advisor],
    row_id: int,
    *,
    action: str,
    now: datetime,
) -> None:
    application = _editable(session, actor, application_id)
    row = session.get(model, row_id)
    if row is None or row.application_id != application.id:
        raise NotFound()
    session.delete(row)
    audit.record(
        session,
        actor,
        action,
        at=now,
        application_id=application.id,
        entity=model.__tablename__,
        entity_id=row_id,
    )
    session.commit()


def add_team_member(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    name: str,
    team_role: str | None,
    contact: str | None,
    now: datetime,
) -> LeadTeamMember:
    member = LeadTeamMember(
        name=_required_text(name, "ชื่อ"),
        team_role=(team_role or "").strip() or None,
        contact=(contact or "").strip() or None,
    )
    _add_person(session, actor, application_id, member, action="lead_team_added", now=now)
    return member


def remove_team_member(
    session: Session, actor: Actor, application_id: int, member_id: int, *, now: datetime
) -> None:
    _remove_person(
        session,
        actor,
        application_id,
        LeadTeamMember,
        member_id,
        action="lead_team_removed",
        now=now,
    )


def add_advisor(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    name: str,
    inside_community: bool,
    contact: str | None,
    now: datetime,
) -> Advisor:
    advisor = Advisor(
        name=_required_text(name, "ชื่อที่ปรึกษา"),
        inside_community=inside_community,
        contact=(contact or "").strip() or None,
    )
    _add_person(session, actor, application_id, advisor, action="advisor_added", now=now)
    return advisor


def remove_advisor(
    session: Session, actor: Actor, application_id: int, advisor_id: int, *, now: datetime
) -> None:
    _remove_person(
        session, actor, application_id, Advisor, advisor_id, action="advisor_removed", now=now
    )


def the_application(session: Session, actor: Actor, application_id: int) -> Application:
    return access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)


def _phone_or_none(contact: str | None) -> str | None:
    """The advisor's contact as the account's phone when it is a phone number (written the
    portal's one way), else nothing: it was typed freely when the advisor was added."""
    try:
        return normalise_phone(contact or "")
    except InvalidInput:
        return None


def invite_advisor(
    session: Session,
    actor: Actor,
    application_id: int,
    advisor_id: int,
    *,
    username: str,
    now: datetime,
) -> str:
    """Creates the advisor's account and returns a one-time password to pass on in person."""
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    advisor = session.get(Advisor, advisor_id)
    if advisor is None or advisor.application_id != application.id:
        raise NotFound()
    if advisor.user_id is not None:
        raise InvalidInput("ที่ปรึกษาท่านนี้มีบัญชีแล้ว")
    user, password = users.open_account(
        session,
        actor,
        username=username,
        display_name=advisor.name,
        role=Role.ADVISOR,
        phone=_phone_or_none(advisor.contact),
        email=advisor.contact if advisor.contact and "@" in advisor.contact else None,
        now=now,
    )
    advisor.user_id = user.id
    audit.record(
        session,
        actor,
        "advisor_invited",
        at=now,
        application_id=application.id,
        entity="user",
        entity_id=user.id,
    )
    session.commit()
    return password
