"""Opening a page only reads: no reminder, notification or other row is written by a view (the
scheduled `manage.py send-reminders` makes reminders), so hundreds of people looking at their
homes on a deadline day never queue for the database's write lock."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

import db.models  # noqa: F401 - every table in the metadata
from db.base import Base
from tests.ui.conftest import log_in, portal_db


def _row_counts() -> dict[str, int]:
    with portal_db() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }


@pytest.mark.parametrize(
    "username",
    [
        "applicant-group",
        "applicant-network",
        "advisor",
        "officer-muang",
        "committee-muang",
        "province",
    ],
)
def test_a_role_home_viewed_again_and_again_writes_no_row(username):
    at = log_in(username)  # signing in is recorded; what follows is only looking
    assert not at.exception, at.exception
    before = _row_counts()
    for _ in range(3):
        at.run()
        assert not at.exception, at.exception
    assert _row_counts() == before


def test_a_run_checks_the_user_once_and_forgets_it_when_it_ends(monkeypatch):
    """One database check a run, however many widgets ask; none carried into the next run (a
    widget's callback runs between runs and must see a revocation)."""
    from services import auth

    at = log_in("applicant-group")
    calls = []
    real = auth.session_user
    monkeypatch.setattr(auth, "session_user", lambda *a, **k: calls.append(1) or real(*a, **k))
    at.run()
    assert not at.exception, at.exception
    assert len(calls) == 1  # app.py's menu, the page's guard and its widgets share one check
    assert "_user_checked_this_run" not in at.session_state
    at.run()
    assert len(calls) == 2
