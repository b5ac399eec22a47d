from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.errors import InvalidInput, LoginFailed, LoginLocked
from core.roles import Role
from services import auth
from tests.factories import PASSWORD, make_chair, make_user

POLICY = auth.Lockout(max_failures=3, window=timedelta(minutes=15))


def _epoch(dt: datetime) -> float:
    return dt.replace(tzinfo=UTC).timestamp()


def test_right_password_logs_in_and_clears_failures(db, now) -> None:
    user = make_user(db, username="somchai")
    user.failed_logins = 2
    logged = auth.authenticate(db, "Somchai ", PASSWORD, now=now, policy=POLICY)
    assert logged.id == user.id
    assert user.failed_logins == 0
    assert user.last_login_at == now


def test_wrong_password_and_unknown_user_get_the_same_message(db, now) -> None:
    make_user(db, username="somchai")
    with pytest.raises(LoginFailed) as wrong:
        auth.authenticate(db, "somchai", "nope-nope", now=now, policy=POLICY)
    with pytest.raises(LoginFailed) as unknown:
        auth.authenticate(db, "nobody", "nope-nope", now=now, policy=POLICY)
    assert wrong.value.message == unknown.value.message


def test_failures_within_the_window_lock_the_account_even_with_the_right_password(db, now) -> None:
    make_user(db, username="somchai")
    for minute in range(3):
        with pytest.raises(LoginFailed):
            auth.authenticate(
                db, "somchai", "bad-bad-bad", now=now + timedelta(minutes=minute), policy=POLICY
            )
    with pytest.raises(LoginLocked):
        auth.authenticate(db, "somchai", PASSWORD, now=now + timedelta(minutes=5), policy=POLICY)


def test_lock_ends_when_the_window_has_passed(db, now) -> None:
    user = make_user(db, username="somchai")
    for _ in range(3):
        with pytest.raises(LoginFailed):
            auth.authenticate(db, "somchai", "bad-bad-bad", now=now, policy=POLICY)
    later = now + timedelta(minutes=15)
    assert auth.authenticate(db, "somchai", PASSWORD, now=later, policy=POLICY).id == user.id


def test_failures_spread_over_separate_windows_never_lock(db, now) -> None:
    make_user(db, username="somchai")
    for hour in range(6):
        with pytest.raises(LoginFailed):
            auth.authenticate(
                db, "somchai", "bad-bad-bad", now=now + timedelta(hours=hour), policy=POLICY
            )
    assert auth.authenticate(db, "somchai", PASSWORD, now=now + timedelta(hours=7), policy=POLICY)


def test_deactivated_user_cannot_log_in(db, now) -> None:
    user = make_user(db, username="somchai")
    user.active = False
    with pytest.raises(LoginFailed):
        auth.authenticate(db, "somchai", PASSWORD, now=now, policy=POLICY)


def test_logout_revokes_cookies_issued_before_it(db, now) -> None:
    user = make_user(db, now=now - timedelta(days=1))
    issued_before = _epoch(now - timedelta(minutes=5))
    assert auth.token_is_current(user, issued_before)
    auth.revoke_sessions(db, user.id, now=now, reason="logout")
    assert not auth.token_is_current(user, issued_before)
    assert auth.token_is_current(user, _epoch(now + timedelta(seconds=1)))
    assert auth.user_for_token(db, user.username, issued_before) is None


def test_password_change_needs_the_old_password_and_revokes_sessions(db, now) -> None:
    user = make_user(db, username="somchai", now=now - timedelta(days=1))
    actor = auth.actor_of(db, user)
    with pytest.raises(InvalidInput):
        auth.change_password(db, actor, "wrong-old", "new-password-9", now=now)
    auth.change_password(db, actor, PASSWORD, "new-password-9", now=now)
    assert auth.password_matches("new-password-9", user.password_hash)
    assert not auth.token_is_current(user, _epoch(now - timedelta(seconds=1)))


def test_short_new_password_is_refused(db, now) -> None:
    user = make_user(db)
    with pytest.raises(InvalidInput, match="อย่างน้อย 8"):
        auth.change_password(db, auth.actor_of(db, user), PASSWORD, "short", now=now)


def test_committee_member_is_chair_only_where_configured(db) -> None:
    chair = make_user(db, Role.COMMITTEE, district="2701")
    member = make_user(db, Role.COMMITTEE, district="2701")
    make_chair(db, chair)
    assert auth.actor_of(db, chair).is_chair
    assert not auth.actor_of(db, member).is_chair
