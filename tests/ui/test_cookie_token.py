from __future__ import annotations

import dataclasses
import os
import time
import uuid
from datetime import timedelta

import jwt
import pytest

import settings
from db.base import utcnow
from db.engine import make_engine, session_factory
from services import auth, users
from tests.ui.conftest import new_app
from ui import cookie

CONF = dataclasses.replace(settings.load(), cookie_key="k" * 48, cookie_expiry_hours=8)
NOW = 1_800_000_000.0


def test_a_token_round_trips_to_its_user_and_issue_time():
    raw = cookie.encode("officer-muang", CONF, issued=NOW)
    assert cookie.decode(raw, CONF, now=NOW + 60) == ("officer-muang", NOW)


def test_an_expired_token_is_refused():
    raw = cookie.encode("officer-muang", CONF, issued=NOW)
    assert cookie.decode(raw, CONF, now=NOW + 8 * 3600 + 1) is None


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_a_token_signed_with_another_key_is_refused():
    forged = jwt.encode({"username": "province", "exp_date": NOW + 3600}, "some_key", "HS256")
    assert cookie.decode(forged, CONF, now=NOW) is None


def test_garbage_and_missing_claims_are_refused():
    no_expiry = jwt.encode({"username": "province"}, CONF.cookie_key, "HS256")
    assert cookie.decode("not-a-token", CONF, now=NOW) is None
    assert cookie.decode(no_expiry, CONF, now=NOW) is None
    assert cookie.decode(None, CONF, now=NOW) is None


def _applicant_registered_minutes_ago() -> str:
    username = f"cookie-{uuid.uuid4().hex[:10]}"
    engine = make_engine(os.environ["DATABASE_URL"])
    with session_factory(engine)() as db:
        users.register_applicant(
            db,
            username=username,
            display_name="นางคุกกี้ ทดสอบ",
            password="Nong-Bua-2569",
            password_again="Nong-Bua-2569",
            phone="0812345678",
            email=None,
            province_code="27",
            district_code="2709",
            privacy_acknowledged=True,
            now=utcnow() - timedelta(minutes=5),
        )
    engine.dispose()
    return username


def _sign_out_elsewhere(username: str) -> None:
    engine = make_engine(os.environ["DATABASE_URL"])
    with session_factory(engine)() as db:
        auth.revoke_sessions(db, auth.find_user(db, username).id, now=utcnow(), reason="logout")
    engine.dispose()


def test_a_cookie_restores_the_login_until_it_is_revoked_then_says_why_once(monkeypatch):
    username = _applicant_registered_minutes_ago()
    browser_cookie = (username, time.time() - 60)  # AppTest cannot send cookies: stand in for it
    monkeypatch.setattr(cookie, "read", lambda conf: browser_cookie)
    restored = new_app().run()
    assert not restored.exception
    assert "user_id" in restored.session_state

    _sign_out_elsewhere(username)
    at = new_app().run()  # a new tab of the same browser, still sending the old cookie
    assert "user_id" not in at.session_state
    assert [w.value for w in at.warning] == [
        "บัญชีนี้ได้กดออกจากระบบจากหน้าต่างหรืออุปกรณ์อื่นแล้ว ระบบจึงให้ออกจากระบบที่นี่ด้วย กรุณาเข้าสู่ระบบอีกครั้ง"
    ]
    at.run()
    assert "user_id" not in at.session_state
    assert not at.warning  # the stale cookie is not tried (nor reported) again
