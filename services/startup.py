"""Checks before the portal serves anyone."""

from __future__ import annotations

from sqlalchemy import select

import settings as settings_module
from db.engine import make_engine, session_factory
from db.models import User
from services.auth import password_matches
from services.demo import DEMO_USERS
from services.storage import s3


def check_ready(conf: settings_module.Settings) -> None:
    """In production: refuse demo accounts that still have the published demo password, and a
    document bucket that is not fully set up or cannot be reached."""
    if not conf.production:
        return
    if conf.document_store == "s3":
        problem = s3.production_problem(conf)
        if problem:
            raise settings_module.SettingsError(
                f"PORTAL_ENV=production refuses to start: {problem}"
            )
    engine = make_engine(conf.database_url)
    names = [u.username for u in DEMO_USERS]
    with session_factory(engine)() as session:
        demo_users = session.scalars(select(User).where(User.username.in_(names))).all()
        weak = [
            u.username
            for u in demo_users
            if u.active and password_matches(settings_module.DEMO_PASSWORD, u.password_hash)
        ]
    engine.dispose()
    if weak:
        raise settings_module.SettingsError(
            "PORTAL_ENV=production refuses to start: demo accounts with the demo password: "
            + ", ".join(weak)
        )
