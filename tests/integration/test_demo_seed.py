from __future__ import annotations

from sqlalchemy import func, select

from core.workflow import Status
from db.models import Application, DistrictOffice, Round, User
from services import auth, demo


def test_demo_fills_an_empty_database_with_every_role_and_several_states(db, today, now):
    assert demo.is_empty(db)
    demo.seed(db, password="demo-password-1", today=today, now=now)
    usernames = set(db.scalars(select(User.username)))
    assert {u.username for u in demo.DEMO_USERS} == usernames
    statuses = set(db.scalars(select(Application.status)))
    assert {Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED, Status.UNDER_REVIEW} <= statuses
    assert db.scalar(select(func.count(DistrictOffice.district_code))) == 9
    assert db.scalar(select(func.count(Round.id))) == 2
    assert not demo.is_empty(db)


def test_demo_accounts_log_in_with_the_demo_password(db, today, now):
    demo.seed(db, password="demo-password-1", today=today, now=now)
    user = auth.authenticate(
        db, "committee-muang", "demo-password-1", now=now, policy=auth.Lockout()
    )
    assert auth.actor_of(db, user).is_chair
