"""Steps 2-4: the applicant's own indicators, the plan, and the log of what was done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, NotFound, StaleData
from core.permission import Actor, Perm
from core.workflow import Section, require_editable
from db.models import (
    ActivityLog,
    Application,
    Assessment,
    AssessmentScore,
    Indicator,
    PlanActivity,
)
from services import access, audit

MAX_INDICATORS = 60


@dataclass
class IndicatorForm:
    title: str
    dimension: str | None = None
    measure: str | None = None
    baseline: str | None = None
    target: str | None = None
    evidence: str | None = None


@dataclass
class ActivityForm:
    title: str
    starts_on: date | None
    ends_on: date | None
    responsible: str | None = None
    resources: str | None = None
    indicator_ids: tuple[int, ...] = ()


def _text(value: str | None, limit: int = 2000) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput(f"ข้อความยาวเกิน {limit} ตัวอักษร")
    return text or None


def _editable(session: Session, actor: Actor, application_id: int, section: Section) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    require_editable(application.status, section)
    return application


def _check_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise StaleData()


def indicators(session: Session, actor: Actor, application_id: int) -> list[Indicator]:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    return list(
        session.scalars(
            select(Indicator)
            .where(Indicator.application_id == application_id)
            .order_by(Indicator.position, Indicator.id)
        )
    )


def _fill_indicator(indicator: Indicator, form: IndicatorForm) -> None:
    title = _text(form.title, 500)
    if not title:
        raise InvalidInput("กรุณากรอกชื่อตัวชี้วัด (อยากไปให้ถึงอะไร)")
    indicator.title = title
    indicator.dimension = _text(form.dimension, 200)
    indicator.measure = _text(form.measure)
    indicator.baseline = _text(form.baseline, 200)
    indicator.target = _text(form.target, 200)
    indicator.evidence = _text(form.evidence)


def save_indicator(
    session: Session,
    actor: Actor,
    application_id: int,
    form: IndicatorForm,
    *,
    indicator_id: int | None = None,
    expected_version: int | None = None,
    now: datetime,
) -> Indicator:
    application = _editable(session, actor, application_id, Section.INDICATORS)
    if indicator_id is None:
        count = len(indicators(session, actor, application_id))
        if count >= MAX_INDICATORS:
            raise InvalidInput(f"ตัวชี้วัดมีได้ไม่เกิน {MAX_INDICATORS} ข้อ")
        indicator = Indicator(application_id=application.id, position=count)
        session.add(indicator)
    else:
        indicator = _indicator_of(session, application, indicator_id)
        _check_version(indicator.version, expected_version)
    _fill_indicator(indicator, form)
    session.flush()
    audit.record(
        session,
        actor,
        "indicator_saved",
        at=now,
        application_id=application.id,
        entity="indicator",
        entity_id=indicator.id,
    )
    session.commit()
    return indicator


def _indicator_of(session: Session, application: Application, indicator_id: int) -> Indicator:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None or indicator.application_id != application.id:
        raise NotFound("ไม่พบตัวชี้วัดนี้ (อาจถูกลบในอีกหน้าต่างหนึ่ง)")
    return indicator


def delete_indicator(
    session: Session, actor: Actor, application_id: int, indicator_id: int, *, now: datetime
) -> None:
    application = _editable(session, actor, application_id, Section.INDICATORS)
    indicator = _indicator_of(session, application, indicator_id)
    if _has_scores(session, indicator_id):
        raise InvalidInput("ลบไม่ได้ เพราะตัวชี้วัดนี้มีผลการประเมินตนเองที่ส่งแล้ว")
    for activity in plan(session, actor, application_id):
        if indicator in activity.indicators:
            activity.indicators.remove(indicator)
    session.delete(indicator)
    audit.record(
        session,
        actor,
        "indicator_deleted",
        at=now,
        application_id=application.id,
        entity="indicator",
        entity_id=indicator_id,
    )
    session.commit()


def _has_scores(session: Session, indicator_id: int) -> bool:
    return (
        session.scalar(
            select(AssessmentScore.id)
            .join(Assessment, AssessmentScore.assessment_id == Assessment.id)
            .where(
                AssessmentScore.indicator_id == indicator_id, Assessment.submitted_at.is_not(None)
            )
            .limit(1)
        )
        is not None
    )


def plan(session: Session, actor: Actor, application_id: int) -> list[PlanActivity]:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    return list(
        session.scalars(
            select(PlanActivity)
            .where(PlanActivity.application_id == application_id)
            .order_by(PlanActivity.starts_on, PlanActivity.id)
        )
    )


def unserved_indicators(session: Session, actor: Actor, application_id: int) -> list[Indicator]:
    served = {i.id for a in plan(session, actor, application_id) for i in a.indicators}
    return [i for i in indicators(session, actor, application_id) if i.id not in served]


def save_activity(
    session: Session,
    actor: Actor,
    application_id: int,
    form: ActivityForm,
    *,
    activity_id: int | None = None,
    expected_version: int | None = None,
    now: datetime,
) -> PlanActivity:
    application = _editable(session, actor, application_id, Section.PLAN)
    title = _text(form.title, 500)
    if not title:
        raise InvalidInput("กรุณากรอกชื่อกิจกรรม")
    if form.starts_on is None or form.ends_on is None:
        raise InvalidInput("กรุณาระบุวันเริ่มและวันสิ้นสุดของกิจกรรม")
    if form.ends_on < form.starts_on:
        raise InvalidInput("วันสิ้นสุดต้องไม่ก่อนวันเริ่มกิจกรรม")
    own = {i.id: i for i in indicators(session, actor, application_id)}
    if any(i not in own for i in form.indicator_ids):
        raise InvalidInput("ตัวชี้วัดที่เลือกไม่ใช่ของใบสมัครนี้")
    if activity_id is None:
        activity = PlanActivity(application_id=application.id)
        session.add(activity)
    else:
        activity = session.get(PlanActivity, activity_id)
        if activity is None or activity.application_id != application.id:
            raise NotFound("ไม่พบกิจกรรมนี้ (อาจถูกลบในอีกหน้าต่างหนึ่ง)")
        _check_version(activity.version, expected_version)
    activity.title, activity.starts_on, activity.ends_on = title, form.starts_on, form.ends_on
    activity.responsible = _text(form.responsible, 200)
    activity.resources = _text(form.resources)
    activity.indicators = [own[i] for i in form.indicator_ids]
    earlier = application.plan_start is None or form.starts_on < application.plan_start
    if earlier and not _any_assessment(session, application.id):
        application.plan_start = form.starts_on  # the assessment year counts from here
    session.flush()
    audit.record(
        session,
        actor,
        "activity_saved",
        at=now,
        application_id=application.id,
        entity="activity",
        entity_id=activity.id,
    )
    session.commit()
    return activity


def _any_assessment(session: Session, application_id: int) -> bool:
    return (
        session.scalar(
            select(Assessment.id).where(Assessment.application_id == application_id).limit(1)
        )
        is not None
    )


def delete_activity(
    session: Session, actor: Actor, application_id: int, activity_id: int, *, now: datetime
) -> None:
    application = _editable(session, actor, application_id, Section.PLAN)
    activity = session.get(PlanActivity, activity_id)
    if activity is None or activity.application_id != application.id:
        raise NotFound()
    if activity.logs:
        raise InvalidInput("ลบไม่ได้ เพราะกิจกรรมนี้มีบันทึกการพัฒนาแล้ว")
    session.delete(activity)
    audit.record(
        session,
        actor,
        "activity_deleted",
        at=now,
        application_id=application.id,
        entity="activity",
        entity_id=activity_id,
    )
    session.commit()


def add_log(
    session: Session,
    actor: Actor,
    application_id: int,
    activity_id: int,
    *,
    done_on: date | None,
    description: str,
    participants: str | None,
    progress_percent: int | None,
    today: date,
    now: datetime,
) -> ActivityLog:
    application = _editable(session, actor, application_id, Section.ACTIVITY_LOG)
    activity = session.get(PlanActivity, activity_id)
    if activity is None or activity.application_id != application.id:
        raise NotFound("ไม่พบกิจกรรมนี้")
    if done_on is None or done_on > today:
        raise InvalidInput("กรุณาระบุวันที่ทำกิจกรรม (ต้องไม่เป็นวันในอนาคต)")
    text = _text(description)
    if not text:
        raise InvalidInput("กรุณาเล่าว่าได้ทำอะไรไปบ้าง")
    if progress_percent is not None and not 0 <= progress_percent <= 100:
        raise InvalidInput("ความคืบหน้าต้องอยู่ระหว่าง 0–100")
    log = ActivityLog(
        activity_id=activity.id,
        done_on=done_on,
        description=text,
        participants=_text(participants),
        progress_percent=progress_percent,
        created_by_id=actor.user_id,
        created_at=now,
    )
    session.add(log)
    session.flush()
    audit.record(
        session,
        actor,
        "activity_logged",
        at=now,
        application_id=application.id,
        entity="activity_log",
        entity_id=log.id,
    )
    session.commit()
    return log


def logs(session: Session, actor: Actor, application_id: int) -> list[ActivityLog]:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    return list(
        session.scalars(
            select(ActivityLog)
            .join(PlanActivity, ActivityLog.activity_id == PlanActivity.id)
            .where(PlanActivity.application_id == application_id)
            .order_by(ActivityLog.done_on.desc(), ActivityLog.id.desc())
        )
    )
