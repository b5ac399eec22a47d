from __future__ import annotations

import dataclasses

import jwt
import pytest

import settings
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
