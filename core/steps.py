"""The applicant's task list: the seven steps and where each stands, from facts about the file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.workflow import Status

STEP_TITLES: tuple[str, ...] = (
    "สมัครเข้าสู่ระบบ มชช. ด้วยความสมัครใจ",
    "สร้างตัวชี้วัดการพัฒนาตนเอง",
    "ทำแผนพัฒนาตนเองตามตัวชี้วัด",
    "พัฒนาตนเองตามแผน",
    "ประเมินตนเองตามตัวชี้วัดเป็นระยะ",
    "สรุปผลการประเมินตนเอง",
    "เสนอผลการประเมินตนเองต่อคณะกรรมการ มชช. อำเภอ",
)


class StepState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


STEP_STATE_LABELS: dict[StepState, str] = {
    StepState.NOT_STARTED: "ยังไม่เริ่ม",
    StepState.IN_PROGRESS: "กำลังดำเนินการ",
    StepState.DONE: "เสร็จแล้ว",
    StepState.BLOCKED: "ยังเริ่มไม่ได้",
}


@dataclass(frozen=True)
class Progress:
    """What is known about one application, counted by the service."""

    status: Status | None  # None: no application yet this round
    documents_uploaded: int = 0
    indicators: int = 0
    activities: int = 0
    log_entries: int = 0
    assessments_done: int = 0
    assessments_total: int = 0
    summary_done: bool = False


_SUBMITTED_TO_COMMITTEE = frozenset(
    {Status.UNDER_REVIEW, Status.PASSED, Status.NOT_PASSED, Status.CERTIFIED}
)


def _count_state(count: int, done: bool) -> StepState:
    if done:
        return StepState.DONE
    return StepState.IN_PROGRESS if count else StepState.NOT_STARTED


def step_states(p: Progress) -> list[StepState]:
    if p.status is None:
        return [StepState.NOT_STARTED] + [StepState.BLOCKED] * 6
    sent = p.status in _SUBMITTED_TO_COMMITTEE
    applied = p.status not in (Status.DRAFT, Status.RETURNED)
    assessed_all = p.assessments_total > 0 and p.assessments_done >= p.assessments_total
    return [
        StepState.DONE if applied else StepState.IN_PROGRESS,
        _count_state(p.indicators, p.indicators > 0 and (p.activities > 0 or sent)),
        StepState.BLOCKED
        if p.indicators == 0
        else _count_state(p.activities, p.activities > 0 and (p.log_entries > 0 or sent)),
        StepState.BLOCKED
        if p.activities == 0
        else _count_state(p.log_entries, sent or (p.log_entries > 0 and assessed_all)),
        StepState.BLOCKED if p.indicators == 0 else _count_state(p.assessments_done, assessed_all),
        StepState.BLOCKED if p.assessments_done == 0 else _count_state(0, p.summary_done),
        StepState.DONE
        if sent
        else (StepState.NOT_STARTED if p.summary_done and assessed_all else StepState.BLOCKED),
    ]
