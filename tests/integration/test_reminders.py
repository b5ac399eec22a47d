from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from core.errors import StaleData
from core.roles import Role
from core.workflow import Status
from db.models import Assessment, Notification
from services import reminders
from tests.factories import make_application, make_round, make_user

NOW = datetime(2027, 1, 1, 3, 0)
START = date(2026, 12, 1)  # every 3 months: rounds due 1 Mar, 1 Jun, 1 Sep, 1 Dec 2027
FIRST_DUE = date(2027, 3, 1)
FIRST_OVERDUE = FIRST_DUE + timedelta(days=30)


@pytest.fixture
def developing(db):
    rnd = make_round(db, fy=2570, cadence=3)
    owner = make_user(db)
    officer = make_user(db, Role.DISTRICT_OFFICER, district="2701")
    application = make_application(db, owner, rnd, status=Status.ACCEPTED, name="กลุ่มจักสาน")
    application.plan_start = START
    db.flush()
    return rnd, owner, officer, application


def inbox(db, user) -> list[Notification]:  # type: ignore[no-untyped-def]
    return list(
        db.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def kinds(db, user) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.kind for n in inbox(db, user)]


def test_nothing_is_sent_more_than_a_week_before_the_round(db, developing):
    _, owner, officer, _ = developing
    assert reminders.create_due_reminders(db, FIRST_DUE - timedelta(days=8), NOW) == 0
    assert inbox(db, owner) == [] and inbox(db, officer) == []


def test_a_week_before_the_round_the_applicant_is_reminded_once(db, developing):
    _, owner, officer, application = developing
    assert reminders.create_due_reminders(db, FIRST_DUE - timedelta(days=7), NOW) == 1
    [note] = inbox(db, owner)
    assert (note.kind, note.application_id) == ("reminder_due_soon", application.id)
    assert note.title == "ใกล้ถึงกำหนดประเมินตนเอง รอบที่ 1"
    assert "1 มีนาคม 2570" in note.body and "30 มีนาคม 2570" in note.body
    assert reminders.create_due_reminders(db, FIRST_DUE - timedelta(days=6), NOW) == 0
    assert reminders.create_due_reminders(db, FIRST_DUE + timedelta(days=3), NOW) == 0
    assert len(inbox(db, owner)) == 1 and inbox(db, officer) == []


def test_a_reminder_missed_before_the_date_still_comes_while_the_round_is_open(db, developing):
    _, owner, _, _ = developing
    reminders.create_due_reminders(db, FIRST_DUE + timedelta(days=10), NOW)
    [note] = inbox(db, owner)
    assert note.title == "ถึงกำหนดประเมินตนเอง รอบที่ 1 แล้ว"


def test_an_overdue_round_tells_the_applicant_and_the_district_officers_once(db, developing):
    _, owner, officer, _ = developing
    other_district = make_user(db, Role.DISTRICT_OFFICER, district="2706")
    reminders.create_due_reminders(db, FIRST_OVERDUE - timedelta(days=1), NOW)
    assert kinds(db, owner) == ["reminder_due_soon"] and inbox(db, officer) == []
    assert reminders.create_due_reminders(db, FIRST_OVERDUE, NOW) == 2
    assert kinds(db, owner) == ["reminder_due_soon", "reminder_overdue"]
    [to_officer] = inbox(db, officer)
    assert to_officer.title == "กลุ่มจักสาน: การประเมินตนเองรอบที่ 1 เลยกำหนดแล้ว"
    assert reminders.create_due_reminders(db, FIRST_OVERDUE + timedelta(days=5), NOW) == 0
    assert inbox(db, other_district) == []


def test_a_round_already_sent_gets_no_reminder(db, developing):
    _, owner, _, application = developing
    db.add(
        Assessment(
            application_id=application.id,
            number=1,
            due_on=FIRST_DUE,
            submitted_at=datetime(2027, 3, 2),
        )
    )
    db.flush()
    assert reminders.create_due_reminders(db, FIRST_OVERDUE + timedelta(days=1), NOW) == 0
    assert inbox(db, owner) == []


def test_moving_through_the_whole_year_each_reminder_comes_exactly_once(db, developing):
    _, owner, officer, _ = developing
    day = START
    while day <= date(2028, 2, 1):
        reminders.create_due_reminders(db, day, NOW)
        day += timedelta(days=3)
    keys = [(n.kind, n.dedupe_key) for n in inbox(db, owner)]
    assert len(keys) == len(set(keys)) == 8  # 4 rounds × (due soon, overdue)
    assert [n.dedupe_key.split(":")[2] for n in inbox(db, officer)] == ["1", "2", "3", "4"]


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.PASSED]
)
def test_applications_not_developing_get_no_reminders(db, developing, status):
    application = developing[3]
    application.status = status
    db.flush()
    assert reminders.create_due_reminders(db, FIRST_OVERDUE, NOW) == 0


def test_without_a_plan_start_there_is_nothing_to_remind(db, developing):
    _, _, _, application = developing
    application.plan_start = None
    db.flush()
    assert reminders.create_due_reminders(db, FIRST_OVERDUE, NOW) == 0


def test_revision_requested_applications_are_still_reminded(db, developing):
    application = developing[3]
    application.status = Status.REVISION_REQUESTED
    db.flush()
    assert reminders.create_due_reminders(db, FIRST_DUE, NOW) == 1


def test_the_database_refuses_a_second_notification_with_the_same_dedupe_key(db, developing):
    _, owner, _, _ = developing
    reminders.create_due_reminders(db, FIRST_DUE, NOW)
    [note] = inbox(db, owner)
    db.add(
        Notification(
            user_id=owner.id, kind="x", title="ซ้ำ", created_at=NOW, dedupe_key=note.dedupe_key
        )
    )
    with pytest.raises(StaleData):  # the portal's session reports a lost unique race this way
        db.flush()
