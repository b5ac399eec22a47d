"""The one workflow table: (status, action) -> next status, and which role may act."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.errors import TransitionNotAllowed
from core.roles import Role


class Status(StrEnum):
    DRAFT = "draft"  # step 1: filling in the application
    SUBMITTED = "submitted"  # waiting for the district officer's check
    RETURNED = "returned"  # officer asked for corrections
    ACCEPTED = "accepted"  # verified: steps 2-6 under way
    UNDER_REVIEW = "under_review"  # step 7: with the district committee
    REVISION_REQUESTED = "revision_requested"  # committee returned it for revision
    PASSED = "passed"  # committee resolution: pass, waiting for the province
    NOT_PASSED = "not_passed"
    CERTIFIED = "certified"  # announced by the province, in the registry


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "กำลังกรอกใบสมัคร",
    Status.SUBMITTED: "ส่งใบสมัครแล้ว รอพัฒนากรตรวจสอบ",
    Status.RETURNED: "พัฒนากรส่งกลับให้แก้ไข",
    Status.ACCEPTED: "ผ่านการตรวจสอบ อยู่ระหว่างพัฒนาตนเอง",
    Status.UNDER_REVIEW: "เสนอคณะกรรมการ มชช. อำเภอแล้ว รอพิจารณา",
    Status.REVISION_REQUESTED: "คณะกรรมการให้ปรับปรุงแก้ไข",
    Status.PASSED: "ผ่านการพิจารณา รอจังหวัดประกาศผล",
    Status.NOT_PASSED: "ไม่ผ่านการพิจารณา",
    Status.CERTIFIED: "ผ่าน มชช. (ประกาศผลแล้ว)",
}


class Action(StrEnum):
    SUBMIT_APPLICATION = "submit_application"
    RETURN_FOR_CORRECTION = "return_for_correction"
    ACCEPT_APPLICATION = "accept_application"
    SUBMIT_TO_COMMITTEE = "submit_to_committee"
    RESOLVE_PASS = "resolve_pass"
    RESOLVE_REVISE = "resolve_revise"
    RESOLVE_NOT_PASS = "resolve_not_pass"
    ANNOUNCE = "announce"


ACTION_LABELS: dict[Action, str] = {
    Action.SUBMIT_APPLICATION: "ส่งใบสมัครให้พัฒนากรตรวจสอบ",
    Action.RETURN_FOR_CORRECTION: "ส่งกลับให้แก้ไข",
    Action.ACCEPT_APPLICATION: "รับใบสมัคร",
    Action.SUBMIT_TO_COMMITTEE: "เสนอผลการประเมินตนเองต่อคณะกรรมการ มชช. อำเภอ",
    Action.RESOLVE_PASS: "มีมติผ่าน",
    Action.RESOLVE_REVISE: "มีมติให้ปรับปรุงแก้ไข",
    Action.RESOLVE_NOT_PASS: "มีมติไม่ผ่าน",
    Action.ANNOUNCE: "ประกาศผล",
}


@dataclass(frozen=True)
class Transition:
    source: Status
    action: Action
    target: Status
    role: Role


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Action.SUBMIT_APPLICATION, Status.SUBMITTED, Role.APPLICANT),
    Transition(Status.RETURNED, Action.SUBMIT_APPLICATION, Status.SUBMITTED, Role.APPLICANT),
    Transition(
        Status.SUBMITTED, Action.RETURN_FOR_CORRECTION, Status.RETURNED, Role.DISTRICT_OFFICER
    ),
    Transition(Status.SUBMITTED, Action.ACCEPT_APPLICATION, Status.ACCEPTED, Role.DISTRICT_OFFICER),
    Transition(Status.ACCEPTED, Action.SUBMIT_TO_COMMITTEE, Status.UNDER_REVIEW, Role.APPLICANT),
    Transition(
        Status.REVISION_REQUESTED, Action.SUBMIT_TO_COMMITTEE, Status.UNDER_REVIEW, Role.APPLICANT
    ),
    Transition(Status.UNDER_REVIEW, Action.RESOLVE_PASS, Status.PASSED, Role.COMMITTEE),
    Transition(
        Status.UNDER_REVIEW, Action.RESOLVE_REVISE, Status.REVISION_REQUESTED, Role.COMMITTEE
    ),
    Transition(Status.UNDER_REVIEW, Action.RESOLVE_NOT_PASS, Status.NOT_PASSED, Role.COMMITTEE),
    Transition(Status.PASSED, Action.ANNOUNCE, Status.CERTIFIED, Role.PROVINCE_OFFICER),
)

_TABLE: dict[tuple[Status, Action], Transition] = {(t.source, t.action): t for t in TRANSITIONS}


class Section(StrEnum):
    """What the applicant edits: the seven steps' content."""

    APPLICATION = "application"  # step 1 form, team, advisors, documents
    INDICATORS = "indicators"  # step 2
    PLAN = "plan"  # step 3
    ACTIVITY_LOG = "activity_log"  # step 4
    ASSESSMENT = "assessment"  # step 5
    SUMMARY = "summary"  # step 6


_DEVELOPING = frozenset(
    {Section.INDICATORS, Section.PLAN, Section.ACTIVITY_LOG, Section.ASSESSMENT, Section.SUMMARY}
)

# Which sections the applicant may change in each status. Steps 2-6 may start as soon as the
# application is sent (the officer's check runs alongside); step 1 is frozen while it is checked.
EDITABLE: dict[Status, frozenset[Section]] = {
    Status.DRAFT: frozenset({Section.APPLICATION}) | _DEVELOPING,
    Status.SUBMITTED: _DEVELOPING,
    Status.RETURNED: frozenset({Section.APPLICATION}) | _DEVELOPING,
    Status.ACCEPTED: _DEVELOPING,
    Status.REVISION_REQUESTED: _DEVELOPING,
}


def transition(status: Status, action: Action, role: Role) -> Status:
    found = _TABLE.get((status, action))
    if found is None:
        raise TransitionNotAllowed(
            f"ไม่สามารถ{ACTION_LABELS[action]}ได้ เพราะใบสมัครอยู่ในสถานะ “{STATUS_LABELS[status]}”"
        )
    if found.role is not role:
        raise TransitionNotAllowed(f"ผู้ใช้บทบาทนี้ไม่สามารถ{ACTION_LABELS[action]}ได้")
    return found.target


def can_transition(status: Status, action: Action, role: Role) -> bool:
    found = _TABLE.get((status, action))
    return found is not None and found.role is role


def allowed_actions(status: Status, role: Role) -> list[Action]:
    return [t.action for t in TRANSITIONS if t.source is status and t.role is role]


def can_edit(status: Status, section: Section) -> bool:
    return section in EDITABLE.get(status, frozenset())


def require_editable(status: Status, section: Section) -> None:
    if not can_edit(status, section):
        raise TransitionNotAllowed(f"แก้ไขส่วนนี้ไม่ได้ในขณะที่ใบสมัครอยู่ในสถานะ “{STATUS_LABELS[status]}”")
