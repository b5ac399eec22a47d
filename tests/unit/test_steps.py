from __future__ import annotations

import re

import pytest

from core.steps import STEP_STATE_LABELS, STEP_TITLES, Progress, StepState, step_states
from core.workflow import Status

NS, IP, DONE, BL = (
    StepState.NOT_STARTED,
    StepState.IN_PROGRESS,
    StepState.DONE,
    StepState.BLOCKED,
)
THAI = re.compile(r"[\u0E00-\u0E7F]")

# An applicant who has done everything of steps 2-6: indicators, a plan, logged activities,
# every scheduled self-assessment and the summary.
EVERYTHING = dict(
    documents_uploaded=4,
    indicators=5,
    activities=3,
    log_entries=8,
    assessments_done=2,
    assessments_total=2,
    summary_done=True,
)


# --- titles -------------------------------------------------------------------------------------


def test_there_are_exactly_seven_steps():
    assert len(STEP_TITLES) == 7


@pytest.mark.parametrize(
    ("number", "key_words"),
    [
        (1, "สมัคร"),
        (2, "ตัวชี้วัด"),
        (3, "แผน"),
        (4, "พัฒนาตนเองตามแผน"),
        (5, "ประเมินตนเอง"),
        (6, "สรุปผล"),
        (7, "เสนอ"),
    ],
)
def test_each_step_title_carries_the_letters_key_words_in_order(number, key_words):
    assert key_words in STEP_TITLES[number - 1]


def test_step_titles_are_distinct_thai_text():
    assert len(set(STEP_TITLES)) == 7
    assert all(THAI.search(title) for title in STEP_TITLES)


def test_the_third_step_is_a_plan_made_from_the_indicators():
    assert "แผน" in STEP_TITLES[2]
    assert "ตัวชี้วัด" in STEP_TITLES[2]


def test_the_fifth_step_assesses_against_the_indicators():
    assert "ตัวชี้วัด" in STEP_TITLES[4]


def test_the_seventh_step_goes_to_the_district_committee_spelled_mchch():
    assert "คณะกรรมการ" in STEP_TITLES[6]
    assert "อำเภอ" in STEP_TITLES[6]
    assert "มชช." in STEP_TITLES[6]
    assert "มขช." not in STEP_TITLES[6]


def test_every_step_state_has_a_thai_label():
    assert set(STEP_STATE_LABELS) == set(StepState)
    assert all(THAI.search(label) for label in STEP_STATE_LABELS.values())


# --- step_states --------------------------------------------------------------------------------


def test_without_an_application_step_one_is_not_started_and_the_rest_blocked():
    assert step_states(Progress(status=None)) == [NS, BL, BL, BL, BL, BL, BL]


def test_a_fresh_draft_is_filling_in_step_one_and_may_start_indicators():
    assert step_states(Progress(status=Status.DRAFT)) == [IP, NS, BL, BL, BL, BL, BL]


def test_a_draft_with_documents_is_still_in_progress_on_step_one():
    assert step_states(Progress(status=Status.DRAFT, documents_uploaded=3))[0] is IP


def test_a_returned_application_reopens_step_one():
    assert step_states(Progress(status=Status.RETURNED, documents_uploaded=4))[0] is IP


def test_submitted_with_indicators_but_no_activities():
    progress = Progress(status=Status.SUBMITTED, documents_uploaded=4, indicators=3)
    # step 1 sent; indicators begun; plan and assessment may start; log, summary, submit wait
    assert step_states(progress) == [DONE, IP, NS, BL, NS, BL, BL]


def test_accepted_with_everything_leaves_step_seven_ready_to_start():
    progress = Progress(status=Status.ACCEPTED, **EVERYTHING)
    states = step_states(progress)
    # the year's log and every assessment round are in: development (step 4) is complete
    assert states == [DONE, DONE, DONE, DONE, DONE, DONE, NS]


def test_accepted_without_a_summary_keeps_step_seven_blocked():
    progress = Progress(status=Status.ACCEPTED, **{**EVERYTHING, "summary_done": False})
    states = step_states(progress)
    assert states[5] is NS
    assert states[6] is BL


def test_under_review_marks_step_seven_done():
    states = step_states(Progress(status=Status.UNDER_REVIEW, **EVERYTHING))
    assert states[6] is DONE
    assert states == [DONE] * 7


@pytest.mark.parametrize("status", [Status.PASSED, Status.NOT_PASSED, Status.CERTIFIED])
def test_after_the_committee_every_step_is_done(status):
    assert step_states(Progress(status=status, **EVERYTHING)) == [DONE] * 7


def test_revision_requested_reopens_step_seven():
    states = step_states(Progress(status=Status.REVISION_REQUESTED, **EVERYTHING))
    assert states[6] is NS
    assert states[:6] == [DONE] * 6


def test_development_is_in_progress_while_assessment_rounds_remain():
    progress = Progress(
        status=Status.ACCEPTED, **{**EVERYTHING, "assessments_done": 2, "assessments_total": 4}
    )
    states = step_states(progress)
    assert states[3] is IP
    assert states[4] is IP
    assert states[6] is BL


def test_a_summary_without_every_round_does_not_open_step_seven():
    progress = Progress(status=Status.ACCEPTED, **{**EVERYTHING, "assessments_done": 1})
    assert step_states(progress)[6] is BL


def test_two_of_four_assessments_done_is_step_five_in_progress():
    progress = Progress(
        status=Status.ACCEPTED,
        indicators=5,
        activities=3,
        log_entries=2,
        assessments_done=2,
        assessments_total=4,
    )
    states = step_states(progress)
    assert states[4] is IP
    assert states[5] is NS  # a summary may be started once one assessment exists


def test_all_assessments_done_is_step_five_done():
    progress = Progress(
        status=Status.ACCEPTED, indicators=5, assessments_done=4, assessments_total=4
    )
    assert step_states(progress)[4] is DONE


def test_no_assessment_scheduled_is_not_done():
    progress = Progress(status=Status.ACCEPTED, indicators=5, assessments_total=0)
    assert step_states(progress)[4] is NS


def test_a_plan_with_activities_but_no_log_is_step_three_in_progress_and_step_four_open():
    progress = Progress(status=Status.ACCEPTED, indicators=5, activities=2)
    states = step_states(progress)
    assert states[1] is DONE
    assert states[2] is IP
    assert states[3] is NS


def test_there_are_always_seven_states():
    for status in [None, *Status]:
        assert len(step_states(Progress(status=status))) == 7
