from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import delete, insert

import settings
from core.roles import Role
from db.models import User
from services import startup
from services.auth import hash_password


def test_production_refuses_a_missing_or_weak_cookie_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    for key in (None, "some_key", "short-key"):
        if key is None:
            monkeypatch.delenv("AUTH_COOKIE_KEY", raising=False)
        else:
            monkeypatch.setenv("AUTH_COOKIE_KEY", key)
        with pytest.raises(settings.SettingsError, match="AUTH_COOKIE_KEY"):
            settings.load()


def test_production_accepts_a_long_random_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("AUTH_COOKIE_KEY", "x" * 48)
    monkeypatch.setenv("NATIONAL_ID_HASH_KEY", "y" * 48)
    monkeypatch.delenv("DEMO_TODAY", raising=False)
    conf = settings.load()
    assert conf.production and not conf.demo


def test_production_refuses_a_missing_national_id_hash_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("AUTH_COOKIE_KEY", "x" * 48)
    monkeypatch.delenv("NATIONAL_ID_HASH_KEY", raising=False)
    with pytest.raises(settings.SettingsError, match="NATIONAL_ID_HASH_KEY"):
        settings.load()


def test_production_refuses_a_moved_demo_clock(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("AUTH_COOKIE_KEY", "x" * 48)
    monkeypatch.setenv("NATIONAL_ID_HASH_KEY", "y" * 48)
    monkeypatch.setenv("DEMO_TODAY", "2027-05-01")
    with pytest.raises(settings.SettingsError, match="DEMO_TODAY"):
        settings.load()


def test_production_refuses_demo_accounts_with_the_demo_password(monkeypatch, database_url, engine):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("AUTH_COOKIE_KEY", "x" * 48)
    monkeypatch.setenv("NATIONAL_ID_HASH_KEY", "y" * 48)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("DEMO_TODAY", raising=False)
    conf = settings.load()
    startup.check_ready(conf)  # no demo account: ready
    demo_account = dict(
        username="province",
        display_name="demo",
        role=Role.PROVINCE_OFFICER.value,
        password_hash=hash_password(settings.DEMO_PASSWORD),
        active=True,
        failed_logins=0,
        sessions_valid_after=datetime(2026, 1, 1),
        created_at=datetime(2026, 1, 1),
    )
    with engine.begin() as conn:  # committed: check_ready uses its own connection
        conn.execute(insert(User).values(**demo_account))
    try:
        with pytest.raises(settings.SettingsError, match="province"):
            startup.check_ready(conf)
    finally:
        with engine.begin() as conn:
            conn.execute(delete(User).where(User.username == "province"))
