"""Steps 5-7: self-assessment rounds, the summary, and sending the results to the committee."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import schedule
from core.errors import InvalidInput, StaleData, TransitionNotAllowed
from core.indicator_templates import LEVELS
from core.permission import Actor, Perm, workflow_role
from core.roles import Role
from core.thai import format_date
from core.workflow import Action, Section, require_editable, transition
from db.models import Application, Assessment, AssessmentScore, Indicator, Round
from services import access, audit, development, notifications


@dataclass(frozen=True)
class ScoreInput:
    indicator_id: int
    progress_percent: float | None
    level: int | None
    result_value: str | None = None
    note: str | None = None


@dataclass
class RoundView:
    number: int
    due: date
    overdue_from: date
    state: schedule.RoundState
    assessment: Assessment | None
    scores: dict[int, AssessmentScore] = field(default_factory=dict)


def cadence_of(session: Session, application: Application) -> int:
    return session.get(Round, application.round_id).cadence_months


def _assessments(session: Session, application_id: int) -> dict[int, Assessment]:
    rows = session.scalars(select(Assessment).where(Assessment.application_id == application_id))
    return {a.number: a for a in rows}


def rounds_of(session: Session, actor: Actor, application_id: int, today: date) -> list[RoundView]:
    application = access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    if application.plan_start is None:
        return []
    saved = _assessments(session, application.id)
    views = []
    for r in schedule.rounds(application.plan_start, cadence_of(session, application)):
        a = saved.get(r.number)
        submitted = a is not None and a.submitted_at is not None
        views.append(
            RoundView(
                r.number,
                r.due,
                schedule.overdue_from(r.due),
                schedule.round_state(r.due, today, submitted),
                a,
                {s.indicator_id: s for s in a.scores} if a else {},
            )
        )
    return views


def _check_scores(scores: list[ScoreInput], own: set[int]) -> None:
    for s in scores:
        if s.indicator_id not in own:
            raise InvalidInput("ตัวชี้วัดที่ให้คะแนนไม่ใช่ของใบสมัครนี้")
        if s.progress_percent is not None and not 0 <= s.progress_percent <= 100:
            raise InvalidInput("ความก้าวหน้าต้องอยู่ระหว่าง 0–100 เปอร์เซ็นต์")
        if s.level is not None and s.level not in LEVELS:
            raise InvalidInput("กรุณาเลือกระดับที่ทำได้ 1–5")


def save_round(
    session: Session,
    actor: Actor,
    application_id: int,
    number: int,
    *,
    scores: list[ScoreInput],
    reflection: str | None,
    submit: bool,
    expected_version: int | None,
    today: date,
    now: datetime,
) -> Assessment:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    require_editable(application.status, Section.ASSESSMENT)
    if application.plan_start is None:
        raise InvalidInput("ยังประเมินไม่ได้ ต้องทำแผนพัฒนาตนเอง (ขั้นที่ 3) ก่อน")
    plan = {
        r.number: r
        for r in schedule.rounds(application.plan_start, cadence_of(session, application))
    }
    if number not in plan:
        raise InvalidInput("ไม่มีการประเมินรอบนี้")
    if today < plan[number].due:
        raise TransitionNotAllowed(f"การประเมินรอบที่ {number} เปิดวันที่ {format_date(plan[number].due)}")
    own = {i.id for i in development.indicators(session, actor, application_id)}
    _check_scores(scores, own)
    assessment = _assessments(session, application.id).get(number)
    if assessment is None:
        assessment = Assessment(
            application_id=application.id, number=number, due_on=plan[number].due
        )
        session.add(assessment)
    elif expected_version is not None and assessment.version != expected_version:
        raise StaleData()
    if assessment.submitted_at is not None:
        raise TransitionNotAllowed("การประเมินรอบนี้ส่งแล้ว แก้ไขไม่ได้")
    _fill(assessment, scores, reflection)
    if submit:
        _require_complete(assessment, own)
        assessment.submitted_at = now
    session.flush()
    audit.record(
        session,
        actor,
        "assessment_submitted" if submit else "assessment_saved",
        at=now,
        application_id=application.id,
        entity="assessment",
        entity_id=assessment.id,
        number=number,
    )
    session.commit()
    return assessment


def _fill(assessment: Assessment, scores: list[ScoreInput], reflection: str | None) -> None:
    assessment.reflection = (reflection or "").strip() or None
    by_indicator = {s.indicator_id: s for s in assessment.scores}
    for given in scores:
        row = by_indicator.get(given.indicator_id)
        if row is None:
            row = AssessmentScore(indicator_id=given.indicator_id)
            assessment.scores.append(row)
        row.progress_percent, row.level = given.progress_percent, given.level
        row.result_value = (given.result_value or "").strip() or None
        row.note = (given.note or "").strip() or None


def _require_complete(assessment: Assessment, own: set[int]) -> None:
    scored = {s.indicator_id for s in assessment.scores if s.level is not None}
    if not own:
        raise InvalidInput("ยังไม่มีตัวชี้วัดให้ประเมิน")
    if scored != own:
        raise InvalidInput("กรุณาเลือกระดับที่ทำได้ให้ครบทุกตัวชี้วัดก่อนส่ง")
    if not assessment.reflection:
        raise InvalidInput("กรุณาเขียนสิ่งที่ได้เรียนรู้จากรอบนี้ก่อนส่ง")


def year_complete(session: Session, application: Application) -> bool:
    if application.plan_start is None:
        return False
    done = {n for n, a in _assessments(session, application.id).items() if a.submitted_at}
    return schedule.year_complete(application.plan_start, cadence_of(session, application), done)


def save_summary(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    achievements: str | None,
    lessons: str | None,
    next_steps: str | None,
    mark_done: bool,
    expected_version: int,
    now: datetime,
) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    require_editable(application.status, Section.SUMMARY)
    if application.version != expected_version:
        raise StaleData()
    application.achievements = (achievements or "").strip() or None
    application.lessons = (lessons or "").strip() or None
    application.next_steps = (next_steps or "").strip() or None
    if mark_done:
        if not (application.achievements and application.lessons and application.next_steps):
            raise InvalidInput("กรุณาเขียนให้ครบทั้ง 3 หัวข้อ: สิ่งที่ทำได้ สิ่งที่ได้เรียนรู้ และสิ่งที่จะทำต่อ")
        application.summary_done_at = now
    else:
        application.summary_done_at = None
    application.updated_at = now
    audit.record(
        session, actor, "summary_saved", at=now, application_id=application.id, done=mark_done
    )
    session.commit()
    return application


def blockers_for_committee(session: Session, application: Application) -> list[str]:
    found = []
    if not year_complete(session, application):
        found.append("ยังประเมินตนเองไม่ครบทุกรอบตลอด 1 ปี")
    if application.summary_done_at is None:
        found.append("ยังไม่ได้สรุปผลการประเมินตนเอง (ขั้นที่ 6)")
    return found


def submit_to_committee(
    session: Session, actor: Actor, application_id: int, *, now: datetime
) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    target = transition(application.status, Action.SUBMIT_TO_COMMITTEE, workflow_role(actor))
    found = blockers_for_committee(session, application)
    if found:
        raise InvalidInput("ยังเสนอคณะกรรมการไม่ได้ เพราะ: " + " · ".join(found))
    application.status, application.to_committee_at = target, now
    audit.record(session, actor, "submitted_to_committee", at=now, application_id=application.id)
    district = application.applicant.district_code
    staff = notifications.district_staff(
        session, district, Role.COMMITTEE
    ) + notifications.district_staff(session, district, Role.DISTRICT_OFFICER)
    notifications.notify(
        session,
        [u for u in staff if u != actor.user_id],  # an officer sending on behalf: not told
        kind="to_committee",
        title=f"เสนอผลการประเมินตนเอง: {application.applicant.name}",
        application_id=application.id,
        now=now,
    )
    session.commit()
    return application


def indicator_progress(
    session: Session, actor: Actor, application_id: int
) -> list[tuple[Indicator, list[tuple[int, float | None, int | None]]]]:
    """Per indicator: (round number, progress %, level) of every submitted round."""
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    submitted = [a for a in _assessments(session, application_id).values() if a.submitted_at]
    result = []
    for indicator in development.indicators(session, actor, application_id):
        series = []
        for a in sorted(submitted, key=lambda a: a.number):
            score = next((s for s in a.scores if s.indicator_id == indicator.id), None)
            series.append(
                (
                    a.number,
                    score.progress_percent if score else None,
                    score.level if score else None,
                )
            )
        result.append((indicator, series))
    return result
