"""The login cookie: a JWT in streamlit-authenticator's format, written without its component.

The package's CookieManager component makes every run trigger extra reruns, and those reruns
lost the page during st.navigation switches (seen in Chromium). So we keep its token format
(HS256, {"username", "exp_date"}) and write the cookie with a zero-height HTML snippet that
triggers no rerun. Validity is still decided by the database on every run
(services.auth.token_is_current).
"""

from __future__ import annotations

import json
import time

import jwt
import streamlit as st

import settings


def encode(username: str, conf: settings.Settings, issued: float) -> str:
    expires = issued + conf.cookie_expiry_hours * 3600
    return jwt.encode({"username": username, "exp_date": expires}, conf.cookie_key, "HS256")


def decode(raw: str | None, conf: settings.Settings, now: float) -> tuple[str, float] | None:
    """(username, issued_at) of a validly signed, unexpired token, else None."""
    if not raw:
        return None
    try:
        claims = jwt.decode(raw, conf.cookie_key, algorithms=["HS256"])
        username, expires = str(claims["username"]), float(claims["exp_date"])
    except (jwt.InvalidTokenError, KeyError, TypeError, ValueError):
        return None
    if expires <= now:
        return None
    return username, expires - conf.cookie_expiry_hours * 3600


def issue(username: str, conf: settings.Settings) -> float:
    """Sets the cookie in the browser; returns the issue time (epoch seconds)."""
    issued = time.time()
    _write(conf.cookie_name, encode(username, conf, issued), int(conf.cookie_expiry_hours * 3600))
    return issued


def clear(conf: settings.Settings) -> None:
    _write(conf.cookie_name, "", 0)


def _write(name: str, value: str, max_age: int) -> None:
    # json.dumps makes both strings safe JavaScript literals.
    script = (
        "<script>parent.document.cookie = "
        f"{json.dumps(name)} + '=' + {json.dumps(value)} + "
        f"'; path=/; max-age={max_age}; SameSite=Strict' + "
        "(parent.location.protocol === 'https:' ? '; Secure' : '');</script>"
    )
    st.iframe(script, height=1)  # our own fixed script, never user input


def read(conf: settings.Settings) -> tuple[str, float] | None:
    return decode(st.context.cookies.get(conf.cookie_name), conf, time.time())
