from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.errors import InvalidInput, LoginFailed, LoginLocked
from core.roles import Role
from db.models import AuditEvent, DistrictOffice
from services import audit, auth
from services.auth import SignOutReason
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
    assert user.last_login_at is None


def test_a_disabled_staff_account_with_the_right_password_is_told_to_ask_the_province(
    db, now
) -> None:
    user = make_user(db, Role.COMMITTEE, username="somchai")
    user.active = False
    with pytest.raises(auth.AccountDisabled) as refused:
        auth.authenticate(db, "somchai", PASSWORD, now=now, policy=POLICY)
    assert refused.value.message == (
        "บัญชีนี้ถูกปิดใช้งานแล้ว จึงเข้าสู่ระบบไม่ได้ หากต้องการใช้งานต่อ กรุณาติดต่อสำนักงานพัฒนาชุมชนจังหวัดสระแก้ว"
    )
    assert user.failed_logins == 0  # not a wrong password: no step towards a lockout
    assert db.scalar(select(AuditEvent.action).where(AuditEvent.entity_id == user.id)) == (
        "login_disabled"
    )


def test_a_disabled_applicant_is_told_to_ask_their_district_office_with_its_phone(db, now) -> None:
    user = make_user(db, username="somchai", district="2701")
    user.active = False
    db.add(
        DistrictOffice(
            district_code="2701",
            province_code="27",
            office_name="สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
            phone="037-421-234",
        )
    )
    db.flush()
    with pytest.raises(auth.AccountDisabled, match=r"อำเภอเมืองสระแก้ว โทร 037-421-234$"):
        auth.authenticate(db, "somchai", PASSWORD, now=now, policy=POLICY)


def test_a_disabled_account_with_a_wrong_password_looks_like_any_wrong_password(db, now) -> None:
    user = make_user(db, username="somchai")
    user.active = False
    with pytest.raises(LoginFailed) as wrong:
        auth.authenticate(db, "somchai", "nope-nope", now=now, policy=POLICY)
    with pytest.raises(LoginFailed) as unknown:
        auth.authenticate(db, "nobody", "nope-nope", now=now, policy=POLICY)
    assert type(wrong.value) is LoginFailed
    assert wrong.value.message == unknown.value.message
    assert user.failed_logins == 1


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


def test_a_one_time_password_must_be_replaced_and_then_the_flag_is_gone(db, now) -> None:
    user = make_user(db, username="somchai", now=now - timedelta(days=1))
    password = auth.issue_one_time_password(user, now=now)
    assert user.must_change_password
    login = _epoch(now + timedelta(seconds=1))
    assert auth.session_user(db, user.id, login).must_change_password
    actor = auth.actor_of(db, user)
    with pytest.raises(InvalidInput, match="ไม่ซ้ำกับรหัสผ่านเดิม"):
        auth.change_password(db, actor, password, password, now=now + timedelta(seconds=2))
    assert user.must_change_password
    auth.change_password(db, actor, password, "my-own-pass-9", now=now + timedelta(seconds=2))
    assert not user.must_change_password
    assert not auth.session_user(
        db, user.id, _epoch(now + timedelta(seconds=3))
    ).must_change_password


def test_issuing_a_one_time_password_replaces_the_old_one_and_ends_every_login(db, now) -> None:
    user = make_user(db, username="somchai", now=now - timedelta(days=1))
    user.failed_logins, user.failed_window_start = 4, now
    earlier = _epoch(now - timedelta(minutes=1))
    password = auth.issue_one_time_password(user, now=now)
    assert auth.password_matches(password, user.password_hash)
    assert not auth.password_matches(PASSWORD, user.password_hash)
    assert auth.session_user(db, user.id, earlier) is None
    assert (user.failed_logins, user.failed_window_start) == (0, None)
    assert password != auth.issue_one_time_password(user, now=now)


def _ended(db, user, action: str, at) -> None:
    audit.record(db, None, action, at=at, entity="user", entity_id=user.id)
    user.sessions_valid_after = at
    db.flush()


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        ("logout", SignOutReason.SIGNED_OUT_ELSEWHERE),
        ("password_changed", SignOutReason.PASSWORD_CHANGED),
        ("password_reset", SignOutReason.PASSWORD_RESET),
        ("user_reactivated", SignOutReason.UNKNOWN),
    ],
)
def test_a_revoked_login_is_told_what_ended_it(db, now, action, reason) -> None:
    user = make_user(db, Role.DISTRICT_OFFICER, now=now - timedelta(days=1))
    _ended(db, user, "logout", now - timedelta(hours=1))  # an older revocation
    _ended(db, user, action, now)
    why = auth.why_signed_out(db, user.id)
    assert why.reason is reason
    assert why.contact == "สำนักงานพัฒนาชุมชนจังหวัดสระแก้ว"


def test_a_disabled_account_is_told_so_whatever_the_last_event(db, now) -> None:
    user = make_user(db, now=now - timedelta(days=1))
    _ended(db, user, "password_changed", now)
    user.active = False
    why = auth.why_signed_out(db, user.id)
    assert why.reason is SignOutReason.DISABLED
    assert why.contact == "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว"


def test_a_revocation_with_no_recorded_cause_is_unknown(db, now) -> None:
    user = make_user(db, now=now)
    assert auth.why_signed_out(db, user.id).reason is SignOutReason.UNKNOWN
    assert auth.why_signed_out(db, 987654).reason is SignOutReason.UNKNOWN


def test_a_one_time_password_is_easy_to_read_out() -> None:
    for _ in range(50):
        password = auth.one_time_password("officer-muang")
        assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", password), password
        assert not set(password) & set("01ilo")  # no look-alikes
        auth.check_new_password(password, "officer-muang")
