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


def test_the_document_store_must_be_known_and_a_bucket_store_needs_its_bucket(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    monkeypatch.setenv("DOCUMENT_STORE", "ftp")
    with pytest.raises(settings.SettingsError, match="DOCUMENT_STORE must be one of"):
        settings.load()
    monkeypatch.setenv("DOCUMENT_STORE", "S3")
    with pytest.raises(settings.SettingsError, match="S3_BUCKET"):
        settings.load()
    monkeypatch.setenv("S3_BUCKET", "mchch-documents")
    monkeypatch.setenv("S3_SSE", "none")
    conf = settings.load()
    assert (conf.document_store, conf.s3_bucket, conf.s3_sse) == ("s3", "mchch-documents", "")
    monkeypatch.delenv("DOCUMENT_STORE")
    assert settings.load().document_store == "database"


def _production(conf, database_url, **changes):
    from dataclasses import replace

    return replace(conf, env="production", database_url=database_url, **changes)


def test_production_with_a_bucket_refuses_what_would_not_work_or_not_be_private(
    s3_settings, database_url, monkeypatch
):
    conf = _production(s3_settings, database_url)
    startup.check_ready(conf)  # the test server answers on a loopback address: ready

    refusals = {
        "S3_ENDPOINT_URL must be https": dict(s3_endpoint_url="http://10.0.0.5:9000"),
        "S3_ENDPOINT_URL .* or S3_REGION": dict(s3_endpoint_url=None, s3_region=None),
        "cannot be reached": dict(s3_bucket="no-such-bucket-here"),
    }
    for message, changes in refusals.items():
        with pytest.raises(settings.SettingsError, match=message):
            startup.check_ready(_production(s3_settings, database_url, **changes))

    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no instance role to ask for
    with pytest.raises(settings.SettingsError, match="AWS_ACCESS_KEY_ID"):
        startup.check_ready(conf)
