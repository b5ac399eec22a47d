"""Steps 2-6 of one accepted application: indicators, plan, activity log, assessments, summary,
and the advisors' comments on the way."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core import schedule
from core.applicant_types import ApplicantType
from core.indicator_templates import LEVELS, TEMPLATES

if TYPE_CHECKING:
    from bench.scale.flow import Applications, State

ACTIVITIES = (
    "ประชุมสมาชิกประจำเดือน",
    "อบรมและศึกษาดูงาน",
    "จัดเวทีประชาคม",
    "ทำบัญชีรับจ่ายและรายงานต่อที่ประชุม",
    "ถ่ายทอดความรู้ให้เยาวชน",
    "ประสานภาคีเครือข่ายสนับสนุน",
    "พัฒนาผลิตภัณฑ์และหาตลาด",
)
REFLECTIONS = (
    "ทำได้ตามแผน สมาชิกมีส่วนร่วมมากขึ้น",
    "บางกิจกรรมล่าช้าเพราะช่วงฤดูทำนา จะเร่งในรอบถัดไป",
    "ผลเป็นไปตามเป้าหมาย ยังต้องเก็บหลักฐานให้ครบ",
    "มีผู้เข้าร่วมมากกว่าที่คาด ได้ข้อเสนอแนะจากที่ปรึกษา",
)
COMMENTS = (
    "ตัวชี้วัดนี้ควรระบุค่าเป้าหมายเป็นตัวเลขให้วัดได้",
    "ควรแนบภาพถ่ายหรือบันทึกการประชุมเป็นหลักฐาน",
    "ผลการประเมินรอบนี้ดีขึ้นมาก ขอให้รักษาความต่อเนื่อง",
    "ลองเชิญภาคีในพื้นที่มาร่วมกิจกรรมด้วย",
)


def develop(f: Applications, s: State, fate: str, cadence: int, t: datetime) -> datetime:
    rng, sink, app_id, owner = f.rng, f.sink, s.row["id"], s.unit.owner
    t = f.later(t, 0, 7)
    start = (t + timedelta(days=rng.randint(0, 14))).date()
    s.row["plan_start"] = start
    templates = TEMPLATES[ApplicantType(s.unit.type)]
    chosen = rng.sample(templates, min(len(templates), rng.randint(3, 4)))
    for pos, tpl in enumerate(chosen):
        ind = sink.next_id("indicators")
        sink.add(
            "indicators",
            id=ind,
            application_id=app_id,
            position=pos,
            title=tpl.title,
            dimension=tpl.dimension,
            measure=tpl.measure,
            baseline="ปีที่ผ่านมายังทำได้น้อย",
            target="ทำได้ทุกเดือนตลอดปี",
            evidence="บันทึกการประชุมและภาพถ่าย",
            updated_at=t,
        )
        s.indicators.append(ind)
        f.event(s, "indicator_saved", owner, t, entity="indicator", entity_id=ind)
    activities = []
    titles = rng.sample(ACTIVITIES, rng.randint(2, 3))
    for n, title in enumerate(titles):
        act = sink.next_id("plan_activities")
        served = [i for k, i in enumerate(s.indicators) if k % len(titles) == n]
        sink.add(
            "plan_activities",
            id=act,
            application_id=app_id,
            title=title,
            starts_on=start,
            ends_on=schedule.add_months(start, 12),
            responsible=rng.choice(("ประธาน", "เลขานุการ", "คณะกรรมการ")),
            resources="งบประมาณของกลุ่มและการสนับสนุนจากภาคี",
        )
        for ind in served:
            sink.add("activity_indicators", activity_id=act, indicator_id=ind)
        activities.append((act, title))
        f.event(
            s, "activity_saved", owner, t + timedelta(minutes=30), entity="activity", entity_id=act
        )
    dues = schedule.due_dates(start, cadence)
    done = len(dues) if fate != "dropout" else rng.randint(0, len(dues) - 1)
    last = t
    for number, due in enumerate(dues[:done], start=1):
        _logs(f, s, activities, number, due)
        last = f.check(f.at(due + timedelta(days=rng.randint(0, 12))))
        _assessment(f, s, number, due, last, done=number / len(dues))
        if s.advisor_users and rng.random() < 0.5:
            _comment(f, s, last)
    if done < len(dues):
        raise f.Stop
    t = f.later(last, 1, 10)
    s.row.update(
        achievements="บรรลุตัวชี้วัดส่วนใหญ่ สมาชิกมีส่วนร่วมและมีหลักฐานการดำเนินงานครบ",
        lessons="การประชุมสม่ำเสมอและการบันทึกหลักฐานทำให้ติดตามผลได้",
        next_steps="ขยายผลให้หมู่บ้านใกล้เคียงและถ่ายทอดให้คนรุ่นใหม่",
        summary_done_at=t,
    )
    f.event(s, "summary_saved", owner, t, done=True)
    return t


def _logs(f: Applications, s: State, activities: list[tuple[int, str]], number: int, due) -> None:  # type: ignore[no-untyped-def]
    for act, title in activities:
        done_on = due - timedelta(days=f.rng.randint(3, 25))
        at = f.check(f.at(done_on))
        log = f.sink.next_id("activity_logs")
        f.sink.add(
            "activity_logs",
            id=log,
            activity_id=act,
            done_on=done_on,
            description=f"{title} (ช่วงที่ {number})",
            participants=f"ผู้เข้าร่วม {f.rng.randint(8, 80)} คน",
            progress_percent=min(100, 25 * number),
            created_by_id=s.unit.owner,
            created_at=at,
        )
        f.event(s, "activity_logged", s.unit.owner, at, entity="activity_log", entity_id=log)
        if f.rng.random() < 0.25:
            f._document(s, None, "ภาพกิจกรรม", at, photo=True, activity_log_id=log)


def _assessment(f: Applications, s: State, number: int, due, at: datetime, *, done: float) -> None:  # type: ignore[no-untyped-def]
    rng, sink = f.rng, f.sink
    aid = sink.next_id("assessments")
    sink.add(
        "assessments",
        id=aid,
        application_id=s.row["id"],
        number=number,
        due_on=due,
        reflection=rng.choice(REFLECTIONS),
        submitted_at=at,
    )
    for ind in s.indicators:
        progress = min(100.0, round(100 * done - rng.randint(0, 20), 0))
        sink.add(
            "assessment_scores",
            id=sink.next_id("assessment_scores"),
            assessment_id=aid,
            indicator_id=ind,
            progress_percent=max(0.0, progress),
            level=max(1, min(5, round(progress / 20))),
            result_value=LEVELS[max(1, min(5, round(progress / 20)))],
        )
    f.event(s, "assessment_submitted", s.unit.owner, at, entity="assessment", entity_id=aid)
    if rng.random() < 0.2:
        f._document(s, None, "หลักฐานการประเมิน", at, assessment_id=aid)


def _comment(f: Applications, s: State, after: datetime) -> None:
    rng, sink = f.rng, f.sink
    at = after + timedelta(days=rng.randint(1, 5))
    if at > f.now:
        return
    advisor = rng.choice(s.advisor_users)
    root = sink.next_id("comments")
    body = rng.choice(COMMENTS)
    resolved = rng.random() < 0.4
    target = rng.choice(s.indicators)
    sink.add(
        "comments",
        id=root,
        application_id=s.row["id"],
        target_kind="indicator",
        target_id=target,
        author_id=advisor,
        body=body,
        created_at=at,
        resolved_at=at + timedelta(days=2) if resolved else None,
        resolved_by_id=s.unit.owner if resolved else None,
    )
    f.event(s, "comment_added", advisor, at, entity="comment", entity_id=root)
    f.notify(s, [s.unit.owner], "comment", f"ความเห็นใหม่: {s.unit.name}", at, body)
    reply_at = at + timedelta(hours=rng.randint(2, 40))
    if rng.random() < 0.6 and reply_at <= f.now:
        reply = sink.next_id("comments")
        sink.add(
            "comments",
            id=reply,
            application_id=s.row["id"],
            target_kind="indicator",
            target_id=target,
            thread_id=root,
            author_id=s.unit.owner,
            body="ขอบคุณค่ะ จะปรับตามคำแนะนำ",
            created_at=reply_at,
        )
        f.event(s, "comment_replied", s.unit.owner, reply_at, entity="comment", entity_id=reply)
        f.notify(
            s,
            [advisor],
            "comment",
            f"ความเห็นใหม่: {s.unit.name}",
            reply_at,
            "ขอบคุณค่ะ จะปรับตามคำแนะนำ",
        )
