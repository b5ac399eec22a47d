"""Demo data for Sa Kaeo: accounts of every role and applications in several states."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import schedule
from core.applicant_types import ApplicantType, required_documents
from core.roles import Role
from core.thai import fiscal_year, fiscal_year_bounds
from core.workflow import Status
from db.models import (
    ActivityLog,
    Advisor,
    Applicant,
    Application,
    Assessment,
    AssessmentScore,
    AuditEvent,
    CommitteeEvaluation,
    DistrictOffice,
    Document,
    EvaluationItem,
    Indicator,
    LeadTeamMember,
    PlanActivity,
    Resolution,
    Round,
    RoundDistrict,
    User,
)
from services import areas, demo_publicity, demo_registry, storage
from services.auth import hash_password

PROVINCE = "27"
MUANG, ARAN = "2701", "2706"


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    district: str | None


DEMO_USERS = (
    DemoUser("applicant-leader", "นายสมชาย ใจดี", Role.APPLICANT, MUANG),
    DemoUser("applicant-group", "นางสาวมาลี ทองดี", Role.APPLICANT, MUANG),
    DemoUser("applicant-network", "นายประเสริฐ รักถิ่น", Role.APPLICANT, ARAN),
    DemoUser("applicant-community", "นางบุญมี ศรีสุข", Role.APPLICANT, MUANG),
    DemoUser("applicant-savings", "นายบุญส่ง ออมดี", Role.APPLICANT, MUANG),
    DemoUser("advisor", "นายวิชัย ปัญญาดี", Role.ADVISOR, None),
    DemoUser("officer-muang", "นางสาวพิมพ์ใจ พัฒนากร", Role.DISTRICT_OFFICER, MUANG),
    DemoUser("committee-muang", "นายสุรชัย ประธานกรรมการ", Role.COMMITTEE, MUANG),
    DemoUser("committee-muang-2", "นางสาวรัตนา เที่ยงธรรม", Role.COMMITTEE, MUANG),
    DemoUser("officer-aran", "นายธนา พัฒนากร", Role.DISTRICT_OFFICER, ARAN),
    DemoUser("committee-aran", "นางจันทร์เพ็ญ กรรมการ", Role.COMMITTEE, ARAN),
    DemoUser("province", "นางอรุณี พัฒนาชุมชนจังหวัด", Role.PROVINCE_OFFICER, None),
)

# Each demo applicant its own phone: a registration is linked to its invitation by phone.
DEMO_PHONES = {
    "applicant-leader": "081-234-5601",
    "applicant-group": "081-234-5602",
    "applicant-network": "081-234-5603",
    "applicant-community": "081-234-5604",
    "applicant-savings": "081-234-5605",
}


def is_empty(session: Session) -> bool:
    return (session.scalar(select(func.count(User.id))) or 0) == 0


def seed(session: Session, *, password: str, today: date, now: datetime) -> dict[str, int]:
    password_hash = hash_password(password)
    users = {u.username: _user(u, password_hash, now) for u in DEMO_USERS}
    session.add_all(users.values())
    session.flush()
    _offices(session, users)
    this_round = _round(session, fiscal_year(today), today, open_now=True)
    last_round = _round(session, fiscal_year(today) - 1, today, open_now=False)
    session.flush()
    _leader(session, users, this_round, today)
    _group(session, users, this_round, today)
    _network(session, users, this_round, today)
    _community(session, users, last_round, today)
    _savings(session, users, last_round, today)
    demo_registry.seed(session, this_year=fiscal_year(today), now=now)
    session.commit()
    demo_publicity.seed(session, today=today, now=now)
    return {"users": len(users), "rounds": 2}


def _user(u: DemoUser, password_hash: str, now: datetime) -> User:
    return User(
        username=u.username,
        display_name=u.display_name,
        role=u.role,
        province_code=PROVINCE if u.role is not Role.ADVISOR else None,
        district_code=u.district,
        password_hash=password_hash,
        phone=DEMO_PHONES.get(u.username),
        sessions_valid_after=now - timedelta(days=1),
        privacy_acknowledged_at=now if u.role is Role.APPLICANT else None,
        # Accounts from before this fiscal year: the year's registrations are its applications.
        created_at=now - timedelta(days=400),
    )


def _offices(session: Session, users: dict[str, User]) -> None:
    chairs = {MUANG: users["committee-muang"].id, ARAN: users["committee-aran"].id}
    for i, (code, name) in enumerate(areas.districts(PROVINCE).items(), start=1):
        session.add(
            DistrictOffice(
                district_code=code,
                province_code=PROVINCE,
                office_name=f"สำนักงานพัฒนาชุมชนอำเภอ{name}",
                phone=f"03-742-{5100 + i:04d}",
                address=f"ที่ว่าการอำเภอ{name} จังหวัดสระแก้ว",
                chair_user_id=chairs.get(code),
            )
        )


def _round(session: Session, fy: int, today: date, *, open_now: bool) -> Round:
    start, _ = fiscal_year_bounds(fy)
    r = Round(
        fiscal_year=fy,
        province_code=PROVINCE,
        opens_on=start,
        closes_on=date(start.year + 1, 3, 31),
        cadence_months=3,
        closed_at=None if open_now else datetime(start.year + 1, 4, 1),
    )
    r.districts = [RoundDistrict(district_code=c) for c in areas.districts(PROVINCE)]
    session.add(r)
    return r


def _applicant(
    session: Session, owner: User, kind: ApplicantType, name: str, sub: str, **kw
) -> Applicant:  # type: ignore[no-untyped-def]
    a = Applicant(
        type=kind,
        name=name,
        owner_id=owner.id,
        province_code=PROVINCE,
        district_code=owner.district_code or MUANG,
        subdistrict_code=sub,
        village_no=kw.pop("village_no", 3),
        village_name=kw.pop("village_name", "บ้านหนองบัว"),
        phone=owner.phone,
        **kw,
    )
    session.add(a)
    session.flush()
    return a


def _application(
    session: Session, applicant: Applicant, rnd: Round, status: Status, **kw
) -> Application:  # type: ignore[no-untyped-def]
    app = Application(applicant_id=applicant.id, round_id=rnd.id, status=status, **kw)
    session.add(app)
    session.flush()
    session.add(
        LeadTeamMember(
            application_id=app.id, name="นายเอก สมัครใจ", team_role="ประธาน", contact="08-1111-2222"
        )
    )
    return app


def _history(session: Session, app: Application, steps: list[tuple[str, User, datetime]]) -> None:
    """The audit trail the real services would have left, so timelines are not empty."""
    for action, actor, at in steps:
        session.add(AuditEvent(at=at, actor_id=actor.id, action=action, application_id=app.id))


def _event(
    session: Session,
    app: Application,
    action: str,
    actor: User,
    at: datetime,
    *,
    entity: str | None = None,
    entity_id: int | None = None,
    **detail: object,
) -> None:
    """One audit event with the details the real service writes."""
    session.add(
        AuditEvent(
            at=at,
            actor_id=actor.id,
            action=action,
            application_id=app.id,
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps(detail, ensure_ascii=False) if detail else None,
        )
    )


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=3)  # 10:00 in Bangkok


DEMO_PDF = b"%PDF-1.4\n% demo document of the mchch portal\n%%EOF\n"


def _documents(session: Session, app: Application, owner: User, *, accepted: bool) -> None:
    """Every required document, as a tiny PDF, so the demo states are consistent."""
    store = storage.for_session(session)
    for requirement in required_documents(app.applicant.type):
        data = DEMO_PDF + requirement.code.encode()
        doc = Document(
            application_id=app.id,
            requirement_code=requirement.code,
            filename=f"{requirement.code}.pdf",
            content_type="application/pdf",
            size=len(data),
            sha256=store.put(data, "application/pdf"),
            personal=requirement.personal,
            review_status="accepted" if accepted else "pending",
            uploaded_by_id=owner.id,
        )
        session.add(doc)


def _leader(session: Session, users: dict[str, User], rnd: Round, today: date) -> None:
    a = _applicant(
        session,
        users["applicant-leader"],
        ApplicantType.LEADER,
        "นายสมชาย ใจดี",
        "270101",
        position="ผู้ใหญ่บ้าน",
        position_formal=True,
        domiciled_since=date(2010, 5, 1),
        activities_record="ประสานงานกองทุนหมู่บ้านและจัดเวทีประชาคมทุกปี",
        national_id_masked="x-xxxx-xxxxx-70-8",
    )
    app = _application(session, a, rnd, Status.DRAFT)
    owner = users["applicant-leader"]
    _history(session, app, [("application_started", owner, _at(today - timedelta(days=2)))])


@dataclass(frozen=True)
class DemoPlan:
    """A unit's indicators (title, dimension, measure, baseline, target), its activities
    (title, months, responsible, resources, positions of the indicators served), the first
    activity's log (what was done, who came) and the reflection written each round."""

    indicators: tuple[tuple[str, str, str, str, str], ...]
    evidence: str
    activities: tuple[tuple[str, int, str, str, tuple[int, ...]], ...]
    first_log: tuple[str, str]
    reflection: str


GROUP_PLAN = DemoPlan(
    indicators=(
        (
            "สมาชิกเข้าร่วมประชุมประจำเดือน",
            "การบริหารจัดการที่ดี",
            "นับจากบันทึกของกลุ่ม",
            "ร้อยละ 50",
            "ร้อยละ 80",
        ),
        (
            "มีบัญชีรายรับรายจ่ายที่เป็นปัจจุบัน",
            "การบริหารจัดการที่ดี",
            "นับจากบันทึกของกลุ่ม",
            "ไม่มี",
            "ทุกเดือน",
        ),
        (
            "ถ่ายทอดความรู้การทอผ้าให้เยาวชน",
            "การถ่ายทอดสู่คนรุ่นใหม่",
            "นับจากบันทึกของกลุ่ม",
            "0 คน",
            "10 คน",
        ),
    ),
    evidence="สมุดบันทึกและภาพถ่าย",
    activities=(
        ("ประชุมสมาชิกและทำบัญชีทุกเดือน", 12, "เหรัญญิกกลุ่ม", "สมุดบัญชี", (0, 1)),
        ("สอนทอผ้าให้เยาวชนวันเสาร์", 6, "ประธานกลุ่ม", "กี่ทอผ้า 2 หลัง", (2,)),
    ),
    first_log=("ประชุมสมาชิกและสรุปบัญชีเดือนแรก", "สมาชิก 18 คน"),
    reflection="สมาชิกเข้าร่วมมากขึ้น ยังต้องฝึกทำบัญชี",
)

COMMUNITY_PLAN = DemoPlan(
    indicators=(
        (
            "ครัวเรือนทำบัญชีครัวเรือน",
            "การพึ่งตนเอง",
            "ร้อยละของครัวเรือนที่ทำบัญชีครบทุกเดือน",
            "ร้อยละ 20",
            "ร้อยละ 60",
        ),
        (
            "จัดเวทีประชาคมหมู่บ้านทุกไตรมาส",
            "ผู้นำ",
            "จำนวนครั้งที่จัดเวทีประชาคมในหนึ่งปี",
            "ปีละ 1 ครั้ง",
            "ปีละ 4 ครั้ง",
        ),
        (
            "กลุ่มในชุมชนประชุมและทำบัญชีสม่ำเสมอ",
            "กลุ่ม/องค์กร",
            "จำนวนกลุ่มที่มีบัญชีและประชุมทุกเดือน",
            "2 กลุ่ม",
            "5 กลุ่ม",
        ),
    ),
    evidence="สมุดบัญชีครัวเรือน บันทึกการประชุม และภาพถ่าย",
    activities=(
        (
            "อบรมและติดตามการทำบัญชีครัวเรือนทุกเดือน",
            12,
            "อาสาสมัครพัฒนาชุมชน",
            "สมุดบัญชีครัวเรือน 186 เล่ม",
            (0,),
        ),
        ("จัดเวทีประชาคมหมู่บ้านทุก 3 เดือน", 12, "ผู้ใหญ่บ้านหมู่ 1 และหมู่ 2", "ศาลาประชาคม", (1,)),
        (
            "พี่เลี้ยงช่วยกลุ่มในชุมชนจัดประชุมและทำบัญชี",
            12,
            "คณะกรรมการหมู่บ้าน",
            "แบบบันทึกการประชุมและสมุดบัญชีกลุ่ม",
            (2,),
        ),
    ),
    first_log=("อบรมการทำบัญชีครัวเรือนครั้งแรกที่ศาลาประชาคม", "ตัวแทนครัวเรือน 64 คน"),
    reflection="ครัวเรือนทำบัญชีมากขึ้นและมาร่วมเวทีประชาคมมากขึ้น ยังต้องติดตามกลุ่มที่ยังไม่ทำบัญชี",
)


def _development(
    session: Session,
    app: Application,
    start: date,
    done_rounds: int,
    owner: User,
    plan: DemoPlan = GROUP_PLAN,
) -> None:
    indicators = [
        Indicator(
            application_id=app.id,
            position=pos,
            title=title,
            dimension=dim,
            measure=measure,
            baseline=base,
            target=target,
            evidence=plan.evidence,
        )
        for pos, (title, dim, measure, base, target) in enumerate(plan.indicators)
    ]
    session.add_all(indicators)
    session.flush()
    activities = [
        PlanActivity(
            application_id=app.id,
            title=title,
            starts_on=start,
            ends_on=schedule.add_months(start, months),
            responsible=responsible,
            resources=resources,
            indicators=[indicators[i] for i in served],
        )
        for title, months, responsible, resources, served in plan.activities
    ]
    session.add_all(activities)
    session.flush()
    session.add(
        ActivityLog(
            activity_id=activities[0].id,
            done_on=start + timedelta(days=20),
            description=plan.first_log[0],
            participants=plan.first_log[1],
            progress_percent=10,
            created_by_id=owner.id,
        )
    )
    # Every activity leaves a record before each assessment the unit has sent: a year of work
    # that reached its targets shows the work, not one entry.
    for number, due in enumerate(schedule.due_dates(start, 3)[:done_rounds], start=1):
        for activity in activities[1:] if number == 1 else activities:
            session.add(
                ActivityLog(
                    activity_id=activity.id,
                    done_on=due - timedelta(days=14),
                    description=f"{activity.title} (ช่วงที่ {number})",
                    participants=activity.responsible,
                    progress_percent=min(100, 25 * number),
                    created_by_id=owner.id,
                )
            )
    for number, due in enumerate(schedule.due_dates(start, 3)[:done_rounds], start=1):
        assessment = Assessment(
            application_id=app.id,
            number=number,
            due_on=due,
            reflection=plan.reflection,
            submitted_at=datetime.combine(due, datetime.min.time()),
        )
        assessment.scores = [
            AssessmentScore(
                indicator_id=ind.id,
                progress_percent=min(100, 25 * number),
                level=min(5, number + 1),
            )
            for ind in indicators
        ]
        session.add(assessment)


def _group(session: Session, users: dict[str, User], rnd: Round, today: date) -> None:
    a = _applicant(
        session,
        users["applicant-group"],
        ApplicantType.GROUP,
        "กลุ่มทอผ้าบ้านหนองบัว",
        "270102",
        founded_on=date(2018, 3, 1),
        member_count=24,
        resolution_date=date(2026, 10, 5),
    )
    start = schedule.add_months(today, -4)
    sent, accepted = start - timedelta(days=10), start - timedelta(days=3)
    app = _application(
        session,
        a,
        rnd,
        Status.ACCEPTED,
        plan_start=start,
        qualifications_confirmed=True,
        submitted_at=_at(sent),
        accepted_at=_at(accepted),
    )
    owner, officer = users["applicant-group"], users["officer-muang"]
    _history(
        session,
        app,
        [
            ("application_started", owner, _at(sent - timedelta(days=5))),
            ("application_submitted", owner, _at(sent)),
            ("application_accepted", officer, _at(accepted)),
        ],
    )
    session.add(
        Advisor(
            application_id=app.id,
            name=users["advisor"].display_name,
            inside_community=False,
            contact="08-9999-0000",
            user_id=users["advisor"].id,
        )
    )
    _documents(session, app, users["applicant-group"], accepted=True)
    _development(session, app, start, done_rounds=1, owner=users["applicant-group"])


def _network(session: Session, users: dict[str, User], rnd: Round, today: date) -> None:
    a = _applicant(
        session,
        users["applicant-network"],
        ApplicantType.NETWORK,
        "เครือข่ายเกษตรอินทรีย์อรัญประเทศ",
        "270601",
        founded_on=date(2015, 6, 1),
        member_count=12,
        resolution_date=date(2026, 10, 20),
        village_name="บ้านคลองน้ำใส",
    )
    sent = today - timedelta(days=1)
    app = _application(session, a, rnd, Status.SUBMITTED, submitted_at=_at(sent))
    owner = users["applicant-network"]
    _history(
        session,
        app,
        [
            ("application_started", owner, _at(sent - timedelta(days=4))),
            ("application_submitted", owner, _at(sent)),
        ],
    )
    _documents(session, app, users["applicant-network"], accepted=False)


def _community(session: Session, users: dict[str, User], rnd: Round, today: date) -> None:
    a = _applicant(
        session,
        users["applicant-community"],
        ApplicantType.COMMUNITY,
        "ชุมชนบ้านท่าเกษม",
        "270103",
        territory_villages="หมู่ 1 และหมู่ 2 บ้านท่าเกษม",
        boundary_description="ทิศเหนือจรดคลองพระสทึง ทิศใต้จรดถนนสุวรรณศร",
        households=186,
        resolution_date=date(2025, 10, 15),
        village_no=1,
        village_name="บ้านท่าเกษม",
    )
    start = date(rnd.opens_on.year, 11, 1)
    app = _application(
        session,
        a,
        rnd,
        Status.UNDER_REVIEW,
        plan_start=start,
        qualifications_confirmed=True,
        achievements="ครัวเรือนทำบัญชีครัวเรือนเพิ่มขึ้นและมีเวทีประชาคมทุกไตรมาส",
        lessons="การประชุมสม่ำเสมอทำให้คนในชุมชนมีส่วนร่วมมากขึ้น",
        next_steps="ขยายผลการทำบัญชีครัวเรือนไปยังหมู่บ้านใกล้เคียง",
        summary_done_at=datetime.combine(schedule.add_months(start, 12), datetime.min.time()),
    )
    _documents(session, app, users["applicant-community"], accepted=True)
    _development(
        session, app, start, done_rounds=4, owner=users["applicant-community"], plan=COMMUNITY_PLAN
    )
    _year_history(session, users, app, "applicant-community", start, today)


def _year_history(
    session: Session, users: dict[str, User], app: Application, owner: str, start: date, today: date
) -> datetime:
    """Sent, accepted, a year of assessments, then to the committee; returns when it was sent."""
    sent, accepted = start - timedelta(days=20), start - timedelta(days=10)
    to_committee = min(schedule.add_months(start, 12) + timedelta(days=3), today)
    app.submitted_at, app.accepted_at, app.to_committee_at = (
        _at(sent),
        _at(accepted),
        _at(to_committee),
    )
    steps = [
        ("application_started", users[owner], _at(sent - timedelta(days=7))),
        ("application_submitted", users[owner], _at(sent)),
        ("application_accepted", users["officer-muang"], _at(accepted)),
    ]
    steps += [
        ("assessment_submitted", users[owner], _at(due))
        for due in schedule.due_dates(start, 3)[:4]
        if due <= today
    ]
    steps.append(("submitted_to_committee", users[owner], _at(to_committee)))
    _history(session, app, steps)
    return _at(to_committee)


def _savings(session: Session, users: dict[str, User], rnd: Round, today: date) -> None:
    """Last year's savings group: the committee passed it; the province has yet to announce."""
    a = _applicant(
        session,
        users["applicant-savings"],
        ApplicantType.GROUP,
        "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง",
        "270104",
        founded_on=date(2012, 4, 1),
        member_count=65,
        resolution_date=date(rnd.opens_on.year, 10, 3),
        village_no=5,
        village_name="บ้านโคกสูง",
    )
    start = date(rnd.opens_on.year, 10, 15)
    app = _application(
        session,
        a,
        rnd,
        Status.PASSED,
        plan_start=start,
        qualifications_confirmed=True,
        achievements="สมาชิกออมเงินทุกเดือนครบร้อยละ 95 และมีระบบบัญชีที่ตรวจสอบได้",
        lessons="การประชุมเปิดเผยบัญชีทุกเดือนสร้างความเชื่อมั่นให้สมาชิก",
        next_steps="จัดสวัสดิการให้สมาชิกผู้สูงอายุ",
        summary_done_at=_at(schedule.add_months(start, 12)),
    )
    owner = users["applicant-savings"]
    _documents(session, app, owner, accepted=True)
    _development(session, app, start, done_rounds=4, owner=owner)
    sent = _year_history(session, users, app, "applicant-savings", start, today)
    session.flush()
    met = min(sent.date() + timedelta(days=7), today)
    indicators = session.scalars(select(Indicator).where(Indicator.application_id == app.id)).all()
    for member in ("committee-muang-2", "committee-muang"):
        evaluation = CommitteeEvaluation(
            application_id=app.id,
            member_id=users[member].id,
            opinion="pass",
            comments="หลักฐานครบ บรรลุตัวชี้วัดทุกข้อ",
            updated_at=_at(met),
        )
        evaluation.items = [
            EvaluationItem(indicator_id=i.id, reached=True, how="มีบันทึกและภาพถ่ายประกอบ")
            for i in indicators
        ]
        session.add(evaluation)
    chair = users["committee-muang"]
    resolution = Resolution(
        application_id=app.id,
        decision="pass",
        reasons="บรรลุตัวชี้วัดทุกข้อ มีหลักฐานการดำเนินงานครบถ้วน",
        meeting_on=met,
        decided_by_id=chair.id,
        decided_at=_at(met),
    )
    session.add(resolution)
    session.flush()
    # As services.committee records them: the timeline reads each opinion and the decision.
    for member in ("committee-muang-2", "committee-muang"):
        _event(session, app, "committee_evaluated", users[member], _at(met), opinion="pass")
    _event(
        session,
        app,
        "committee_resolved",
        chair,
        _at(met) + timedelta(hours=1),
        entity="resolution",
        entity_id=resolution.id,
        decision="pass",
    )
