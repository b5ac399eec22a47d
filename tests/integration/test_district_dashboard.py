"""The district officer's dashboard: counts by type and status for a round, overdue
assessments, what waits for the officer, and the list for the committee's meeting."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest

from core.applicant_types import ApplicantType
from core.errors import PermissionDenied
from core.roles import Role
from core.workflow import Status
from db.models import Assessment, CommitteeEvaluation
from services import auth, home
from tests.factories import make_application, make_round, make_user

TODAY = date(2026, 11, 24)  # fiscal year 2570
PLAN_START = date(2026, 1, 1)  # rounds every 3 months: due 1 Apr, 1 Jul, 1 Oct 2026, 1 Jan 2027


@pytest.fixture
def district(db):
    this_year = make_round(db, fy=2570)
    last_year = make_round(db, fy=2569)
    group = make_application(db, make_user(db), this_year, name="กลุ่มทอผ้า")
    leader = make_application(
        db,
        make_user(db),
        this_year,
        kind=ApplicantType.LEADER,
        status=Status.SUBMITTED,
        name="นายสมชาย",
    )
    late = make_application(db, make_user(db), last_year, status=Status.ACCEPTED, name="กลุ่มเลี้ยงไก่")
    late.plan_start = PLAN_START
    db.add(
        Assessment(
            application_id=late.id,
            number=1,
            due_on=date(2026, 4, 1),
            submitted_at=datetime(2026, 4, 2),
        )
    )
    sent = make_application(
        db,
        make_user(db),
        last_year,
        kind=ApplicantType.COMMUNITY,
        status=Status.UNDER_REVIEW,
        name="ชุมชนท่าเกษม",
    )
    sent.plan_start = PLAN_START  # nothing assessed, but with the committee: not overdue
    sent.to_committee_at = datetime(2026, 11, 20, 20, 0)  # 21 Nov in Bangkok
    for _ in range(2):
        member = make_user(db, Role.COMMITTEE, district="2701")
        db.add(CommitteeEvaluation(application_id=sent.id, member_id=member.id, opinion="pass"))
    make_application(db, make_user(db), this_year, district="2706", name="กลุ่มอรัญ")
    db.flush()
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    return officer, group, leader, late, sent


def test_counts_by_type_and_status_default_to_the_current_round(db, district):
    officer, group, leader, *_ = district
    data = home.district_dashboard(db, officer, "2701", TODAY)
    assert data.fiscal_year == 2570
    assert data.fiscal_years == [2570, 2569]
    assert data.counts == {
        (ApplicantType.GROUP, Status.DRAFT): 1,
        (ApplicantType.LEADER, Status.SUBMITTED): 1,
    }
    assert {r.application_id for r in data.rows} == {group.id, leader.id}
    assert data.total == 4  # every round of the district, not the neighbour's


def test_counts_for_last_years_round(db, district):
    officer, *_ = district
    data = home.district_dashboard(db, officer, "2701", TODAY, 2569)
    assert data.counts == {
        (ApplicantType.GROUP, Status.ACCEPTED): 1,
        (ApplicantType.COMMUNITY, Status.UNDER_REVIEW): 1,
    }


def test_what_waits_for_the_officer_is_the_sent_applications(db, district):
    officer, _, leader, *_ = district
    data = home.district_dashboard(db, officer, "2701", TODAY)
    assert [r.application_id for r in data.waiting] == [leader.id]


def test_overdue_lists_each_missed_round_with_how_many_days_late(db, district):
    officer, _, _, late, _ = district
    data = home.district_dashboard(db, officer, "2701", TODAY)
    assert [(o.application_id, o.round_number) for o in data.overdue] == [
        (late.id, 2),
        (late.id, 3),
    ]
    second, third = data.overdue
    assert second.due == date(2026, 7, 1)
    # The round's window runs 30 days from its due date; late from the day after.
    assert second.days_late == (TODAY - date(2026, 7, 30)).days == 117
    assert third.days_late == (TODAY - date(2026, 10, 30)).days == 25


def test_overdue_moves_with_the_day(db, district):
    officer, _, _, late, _ = district
    early_october = home.district_dashboard(db, officer, "2701", date(2026, 10, 15))
    assert [o.round_number for o in early_october.overdue] == [2]
    last_day_of_window = home.district_dashboard(db, officer, "2701", date(2026, 7, 30))
    assert last_day_of_window.overdue == []
    first_day_late = home.district_dashboard(db, officer, "2701", date(2026, 7, 31))
    assert [(o.round_number, o.days_late) for o in first_day_late.overdue] == [(2, 1)]
    db.add(
        Assessment(
            application_id=late.id,
            number=2,
            due_on=date(2026, 7, 1),
            submitted_at=datetime(2026, 8, 5),
        )
    )
    db.flush()
    assert home.district_dashboard(db, officer, "2701", date(2026, 8, 10)).overdue == []


def test_the_meeting_list_holds_the_submissions_with_the_committee(db, district):
    officer, *_, sent = district
    data = home.district_dashboard(db, officer, "2701", TODAY)
    [row] = data.meeting
    assert (row.application_id, row.applicant_name, row.type_label) == (
        sent.id,
        "ชุมชนท่าเกษม",
        "ชุมชน",
    )
    assert (row.fiscal_year, row.sent_at, row.evaluations) == (2569, sent.to_committee_at, 2)


def test_the_meeting_list_is_ordered_by_the_day_it_was_sent(db, district):
    officer, group, *_, sent = district
    group.status, group.to_committee_at = (
        Status.UNDER_REVIEW,
        sent.to_committee_at - timedelta(days=3),
    )
    db.flush()
    data = home.district_dashboard(db, officer, "2701", TODAY)
    assert [m.application_id for m in data.meeting] == [group.id, sent.id]
    assert [m.evaluations for m in data.meeting] == [0, 2]


def test_the_meeting_csv_opens_in_a_spreadsheet_with_thai_and_be_dates(db, district):
    officer, *_ = district
    data = home.district_dashboard(db, officer, "2701", TODAY)
    raw = home.meeting_csv(data.meeting)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == list(home.MEETING_CSV_HEADER)
    assert rows[1][2:] == [
        "ชุมชนท่าเกษม",
        "ชุมชน",
        rows[1][4],
        "ปีงบประมาณ 2569",
        "21 พฤศจิกายน 2569",
        "2",
    ]
    assert rows[1][0] == "1"


def test_the_meeting_csv_keeps_a_formula_looking_name_as_text(db, district):
    officer, *_, sent = district
    sent.applicant.name = '=HYPERLINK("http://x")'
    db.flush()
    raw = home.meeting_csv(home.district_dashboard(db, officer, "2701", TODAY).meeting)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("role", "district_code"),
    [
        (Role.DISTRICT_OFFICER, "2706"),
        (Role.APPLICANT, "2701"),
        (Role.ADVISOR, "2701"),
    ],
)
def test_the_dashboard_of_a_district_is_refused_to_others(db, district, role, district_code):
    actor = auth.actor_of(db, make_user(db, role, district=district_code))
    with pytest.raises(PermissionDenied):
        home.district_dashboard(db, actor, "2701", TODAY)
