"""Every printed document from the demo data, for developers and checks to look at.

Runs on a throw-away SQLite database of its own (migrated and seeded here), so it never touches
the portal's data: the province officer announces the demo's passed unit to get a real
certificate, then each document is made through the same service a user's download uses.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

import settings
from core.applicant_types import ApplicantType
from core.workflow import Status
from db import migrate
from db.engine import make_engine, session_factory
from db.models import Applicant, Application, User
from services import announce, auth, demo, flyer, printouts, rounds


def render_samples(*, today: date, now: datetime) -> dict[str, bytes]:
    """File name → PDF: summary.pdf, application-<type>.pdf for the four types, certificate.pdf,
    flyer.pdf (the demo district officer's)."""
    with tempfile.TemporaryDirectory(prefix="mchch-samples-") as folder:
        url = f"sqlite:///{Path(folder) / 'samples.sqlite3'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                demo.seed(session, password=settings.DEMO_PASSWORD, today=today, now=now)
                province = session.scalar(select(User).where(User.username == "province"))
                actor = auth.actor_of(session, province)
                out: dict[str, bytes] = {}
                for kind in ApplicantType:
                    application = _latest(session, kind)
                    out[f"application-{kind.value}.pdf"] = printouts.application_form(
                        session, actor, application.id, today=today, now=now
                    ).data
                community = _latest(session, ApplicantType.COMMUNITY)
                out["summary.pdf"] = printouts.summary(
                    session, actor, community.id, today=today, now=now
                ).data
                out["certificate.pdf"] = _certificate(session, actor, today=today, now=now)
                out["flyer.pdf"] = _flyer(session, today=today, now=now)
                return out
        finally:
            engine.dispose()


def _latest(session, kind: ApplicantType) -> Application:  # type: ignore[no-untyped-def]
    found = session.scalar(
        select(Application)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(Applicant.type == kind)
        .order_by(Application.id.desc())
    )
    if found is None:
        raise LookupError(f"the demo data has no {kind.value} application")
    return found


def _certificate(session, actor, *, today: date, now: datetime) -> bytes:  # type: ignore[no-untyped-def]
    waiting = session.scalar(
        select(Application).where(Application.status == Status.PASSED).order_by(Application.id)
    )
    if waiting is None:
        raise LookupError("the demo data has no unit waiting to be announced")
    announce.announce(
        session,
        actor,
        [waiting.id],
        announced_on=today,
        expected_versions={waiting.id: waiting.version},
        now=now,
        today=today,
    )
    return printouts.certificate(session, actor, waiting.id, now=now).data


def _flyer(session, *, today: date, now: datetime) -> bytes:  # type: ignore[no-untyped-def]
    officer = session.scalar(select(User).where(User.username == "officer-muang"))
    current = rounds.current_round(session, officer.province_code, today)
    if current is None:
        raise LookupError("the demo data has no round")
    day = min(today, current.closes_on)  # after the demo round closes, as on its last day
    actor = auth.actor_of(session, officer)
    return flyer.flyer(session, actor, officer.district_code, today=day, now=now).data
