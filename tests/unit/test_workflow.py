from __future__ import annotations

import re

import pytest

from core.errors import TransitionNotAllowed
from core.roles import Role
from core.workflow import (
    ACTION_LABELS,
    STATUS_LABELS,
    TRANSITIONS,
    Action,
    Section,
    Status,
    allowed_actions,
    can_edit,
    can_transition,
    require_editable,
    transition,
)

S, A, R = Status, Action, Role

THAI = re.compile(r"[\u0E00-\u0E7F]")

# The workflow written out by hand from the domain, independent of TRANSITIONS:
# (status, action) -> (target, the only role that may take it).
EXPECTED_TRANSITIONS: dict[tuple[Status, Action], tuple[Status, Role]] = {
    (S.DRAFT, A.SUBMIT_APPLICATION): (S.SUBMITTED, R.APPLICANT),
    (S.RETURNED, A.SUBMIT_APPLICATION): (S.SUBMITTED, R.APPLICANT),
    (S.SUBMITTED, A.RETURN_FOR_CORRECTION): (S.RETURNED, R.DISTRICT_OFFICER),
    (S.SUBMITTED, A.ACCEPT_APPLICATION): (S.ACCEPTED, R.DISTRICT_OFFICER),
    (S.ACCEPTED, A.SUBMIT_TO_COMMITTEE): (S.UNDER_REVIEW, R.APPLICANT),
    (S.REVISION_REQUESTED, A.SUBMIT_TO_COMMITTEE): (S.UNDER_REVIEW, R.APPLICANT),
    (S.UNDER_REVIEW, A.RESOLVE_PASS): (S.PASSED, R.COMMITTEE),
    (S.UNDER_REVIEW, A.RESOLVE_REVISE): (S.REVISION_REQUESTED, R.COMMITTEE),
    (S.UNDER_REVIEW, A.RESOLVE_NOT_PASS): (S.NOT_PASSED, R.COMMITTEE),
    (S.PASSED, A.ANNOUNCE): (S.CERTIFIED, R.PROVINCE_OFFICER),
}

ALL_PAIRS = [(s, a) for s in Status for a in Action]
MISSING_PAIRS = [pair for pair in ALL_PAIRS if pair not in EXPECTED_TRANSITIONS]


def _row_id(t) -> str:
    return f"{t.source}-{t.action}-{t.role}"


# --- the table itself ---------------------------------------------------------------------------


def test_the_table_holds_exactly_the_expected_transitions():
    table = {(t.source, t.action): (t.target, t.role) for t in TRANSITIONS}
    assert table == EXPECTED_TRANSITIONS
    assert len(TRANSITIONS) == len(EXPECTED_TRANSITIONS) == 10


def test_the_table_has_no_duplicate_status_action_pair():
    pairs = [(t.source, t.action) for t in TRANSITIONS]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("row", TRANSITIONS, ids=_row_id)
def test_every_row_applied_by_its_role_gives_its_target(row):
    assert transition(row.source, row.action, row.role) is row.target
    assert can_transition(row.source, row.action, row.role) is True


@pytest.mark.parametrize(("status", "action"), MISSING_PAIRS, ids=lambda v: str(v))
def test_a_pair_not_in_the_table_raises_with_the_thai_status_label(status, action):
    for role in Role:
        with pytest.raises(TransitionNotAllowed) as caught:
            transition(status, action, role)
        message = caught.value.message
        assert STATUS_LABELS[status] in message
        assert ACTION_LABELS[action] in message
        assert THAI.search(message)
        assert can_transition(status, action, role) is False


def test_the_missing_pairs_are_all_the_other_combinations():
    assert len(MISSING_PAIRS) == len(Status) * len(Action) - 10 == 62


@pytest.mark.parametrize("row", TRANSITIONS, ids=_row_id)
def test_the_right_transition_by_the_wrong_role_raises(row):
    wrong_roles = [r for r in Role if r is not row.role]
    assert len(wrong_roles) == 4
    for role in wrong_roles:
        with pytest.raises(TransitionNotAllowed) as caught:
            transition(row.source, row.action, role)
        assert ACTION_LABELS[row.action] in caught.value.message
        assert THAI.search(caught.value.message)
        assert can_transition(row.source, row.action, role) is False


def test_officer_cannot_resolve_a_submission():
    with pytest.raises(TransitionNotAllowed):
        transition(S.UNDER_REVIEW, A.RESOLVE_PASS, R.DISTRICT_OFFICER)


def test_applicant_cannot_accept_their_own_application():
    with pytest.raises(TransitionNotAllowed):
        transition(S.SUBMITTED, A.ACCEPT_APPLICATION, R.APPLICANT)


def test_committee_cannot_announce_a_result():
    with pytest.raises(TransitionNotAllowed):
        transition(S.PASSED, A.ANNOUNCE, R.COMMITTEE)


def test_a_transition_error_is_not_the_generic_default_message():
    with pytest.raises(TransitionNotAllowed) as caught:
        transition(S.CERTIFIED, A.SUBMIT_APPLICATION, R.APPLICANT)
    assert caught.value.message != TransitionNotAllowed.default_message
    assert "ผ่าน มชช. (ประกาศผลแล้ว)" in caught.value.message


# --- allowed_actions ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("status", list(Status))
def test_allowed_actions_per_status_and_role_match_the_table(status, role):
    expected = {
        action
        for (source, action), (_target, who) in EXPECTED_TRANSITIONS.items()
        if source is status and who is role
    }
    got = allowed_actions(status, role)
    assert set(got) == expected
    assert len(got) == len(expected)


def test_officer_on_a_submitted_application_may_accept_or_return_it():
    assert set(allowed_actions(S.SUBMITTED, R.DISTRICT_OFFICER)) == {
        A.ACCEPT_APPLICATION,
        A.RETURN_FOR_CORRECTION,
    }


def test_applicant_gets_no_action_while_the_committee_reviews():
    assert allowed_actions(S.UNDER_REVIEW, R.APPLICANT) == []


def test_committee_under_review_may_pass_revise_or_not_pass():
    assert set(allowed_actions(S.UNDER_REVIEW, R.COMMITTEE)) == {
        A.RESOLVE_PASS,
        A.RESOLVE_REVISE,
        A.RESOLVE_NOT_PASS,
    }


def test_advisor_never_moves_an_application():
    assert all(allowed_actions(status, R.ADVISOR) == [] for status in Status)


def test_province_officer_acts_only_on_a_passed_application():
    acting = {s for s in Status if allowed_actions(s, R.PROVINCE_OFFICER)}
    assert acting == {S.PASSED}
    assert allowed_actions(S.PASSED, R.PROVINCE_OFFICER) == [A.ANNOUNCE]


# --- paths and terminal states ------------------------------------------------------------------


def test_certified_has_no_outgoing_transitions():
    assert [t for t in TRANSITIONS if t.source is S.CERTIFIED] == []
    assert all(allowed_actions(S.CERTIFIED, role) == [] for role in Role)


def test_not_passed_has_no_outgoing_transitions():
    assert [t for t in TRANSITIONS if t.source is S.NOT_PASSED] == []


def test_the_happy_path_from_draft_to_certified_exists():
    steps = [
        (A.SUBMIT_APPLICATION, R.APPLICANT, S.SUBMITTED),
        (A.ACCEPT_APPLICATION, R.DISTRICT_OFFICER, S.ACCEPTED),
        (A.SUBMIT_TO_COMMITTEE, R.APPLICANT, S.UNDER_REVIEW),
        (A.RESOLVE_PASS, R.COMMITTEE, S.PASSED),
        (A.ANNOUNCE, R.PROVINCE_OFFICER, S.CERTIFIED),
    ]
    status = S.DRAFT
    visited = [status]
    for action, role, expected in steps:
        status = transition(status, action, role)
        assert status is expected
        visited.append(status)
    assert visited == [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.UNDER_REVIEW, S.PASSED, S.CERTIFIED]


def test_a_returned_application_can_be_sent_again_and_accepted():
    status = transition(S.SUBMITTED, A.RETURN_FOR_CORRECTION, R.DISTRICT_OFFICER)
    assert status is S.RETURNED
    status = transition(status, A.SUBMIT_APPLICATION, R.APPLICANT)
    assert status is S.SUBMITTED
    assert transition(status, A.ACCEPT_APPLICATION, R.DISTRICT_OFFICER) is S.ACCEPTED


def test_revision_requested_goes_back_to_under_review_by_the_applicant():
    status = transition(S.UNDER_REVIEW, A.RESOLVE_REVISE, R.COMMITTEE)
    assert status is S.REVISION_REQUESTED
    assert transition(status, A.SUBMIT_TO_COMMITTEE, R.APPLICANT) is S.UNDER_REVIEW
    with pytest.raises(TransitionNotAllowed):
        transition(status, A.SUBMIT_TO_COMMITTEE, R.DISTRICT_OFFICER)


def test_every_status_is_reachable_from_draft():
    reached = {S.DRAFT}
    frontier = [S.DRAFT]
    while frontier:
        current = frontier.pop()
        for t in TRANSITIONS:
            if t.source is current and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(Status)


# --- what the applicant may edit ----------------------------------------------------------------


DEVELOPING = {Section.INDICATORS, Section.PLAN, Section.ACTIVITY_LOG, Section.ASSESSMENT}
DEVELOPING |= {Section.SUMMARY}

EXPECTED_EDITABLE: dict[Status, set[Section]] = {
    S.DRAFT: {Section.APPLICATION} | DEVELOPING,
    S.SUBMITTED: set(DEVELOPING),
    S.RETURNED: {Section.APPLICATION} | DEVELOPING,
    S.ACCEPTED: set(DEVELOPING),
    S.UNDER_REVIEW: set(),
    S.REVISION_REQUESTED: set(DEVELOPING),
    S.PASSED: set(),
    S.NOT_PASSED: set(),
    S.CERTIFIED: set(),
}


def test_the_expected_editable_table_covers_every_status():
    assert set(EXPECTED_EDITABLE) == set(Status)


@pytest.mark.parametrize("section", list(Section))
@pytest.mark.parametrize("status", list(Status))
def test_can_edit_and_require_editable_follow_the_expected_table(status, section):
    expected = section in EXPECTED_EDITABLE[status]
    assert can_edit(status, section) is expected
    if expected:
        assert require_editable(status, section) is None
    else:
        with pytest.raises(TransitionNotAllowed) as caught:
            require_editable(status, section)
        assert STATUS_LABELS[status] in caught.value.message


def test_the_application_is_editable_only_in_draft_and_returned():
    assert {s for s in Status if can_edit(s, Section.APPLICATION)} == {S.DRAFT, S.RETURNED}


@pytest.mark.parametrize("status", [S.UNDER_REVIEW, S.PASSED, S.NOT_PASSED, S.CERTIFIED])
def test_nothing_is_editable_once_with_the_committee_or_decided(status):
    assert [sec for sec in Section if can_edit(status, sec)] == []


def test_require_editable_message_names_the_status_in_thai():
    with pytest.raises(TransitionNotAllowed) as caught:
        require_editable(S.SUBMITTED, Section.APPLICATION)
    assert "ส่งใบสมัครแล้ว รอพัฒนากรตรวจสอบ" in caught.value.message
    assert caught.value.message.startswith("แก้ไข")


# --- labels -------------------------------------------------------------------------------------


def test_every_status_has_a_thai_label():
    assert set(STATUS_LABELS) == set(Status)
    for status in Status:
        assert THAI.search(STATUS_LABELS[status]), status


def test_every_action_has_a_thai_label():
    assert set(ACTION_LABELS) == set(Action)
    for action in Action:
        assert THAI.search(ACTION_LABELS[action]), action


def test_status_labels_are_distinct():
    assert len(set(STATUS_LABELS.values())) == len(Status)


def test_action_labels_are_distinct():
    assert len(set(ACTION_LABELS.values())) == len(Action)


def test_the_committee_submission_label_spells_mchch_not_the_letters_typo():
    assert "มชช." in ACTION_LABELS[A.SUBMIT_TO_COMMITTEE]
    assert "มขช." not in ACTION_LABELS[A.SUBMIT_TO_COMMITTEE]
