"""seed-scale --small on each database: counts, consistency of every generated row with the
workflow, the demo still working, and the screens' reads on the seeded data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from bench import scale
from core.roles import Role
from core.thai import fiscal_year
from core.workflow import Status
from db import migrate
from db.engine import make_engine, session_factory
from db.models import (
    Applicant,
    Application,
    Certificate,
    CommitteeEvaluation,
    Document,
    RegistryEntry,
    Resolution,
    Round,
    RoundDistrict,
    User,
)
from services import areas, auth, demo, demo_registry, overview, registry_public, storage
from tests.databases import backend_id, configured_urls, fresh_database

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)
PASSWORD = "demo-password-1"
DECIDED = {Status.PASSED, Status.NOT_PASSED, Status.REVISION_REQUESTED, Status.CERTIFIED}


def _schema(engine: Engine) -> list[tuple[str, ...]]:
    """Every index and constraint as PostgreSQL would recreate it."""
    if engine.dialect.name != "postgresql":
        return []
    with engine.connect() as conn:
        indexes = conn.execute(text("SELECT indexname, indexdef FROM pg_indexes"))
        constraints = conn.execute(
            text("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint")
        )
        return sorted(tuple(r) for r in [*indexes, *constraints])


@pytest.fixture(scope="module", params=configured_urls(), ids=backend_id)
def seeded(request: pytest.FixtureRequest) -> Iterator[tuple[Engine, scale.Summary, list]]:
    with fresh_database(request.param) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        with session_factory(engine)() as session:
            demo.seed(session, password=PASSWORD, today=TODAY, now=NOW)
        before = _schema(engine)
        summary = scale.run(
            engine,
            size=scale.SMALL,
            seed=3,
            today=TODAY,
            password_hash=auth.hash_password(PASSWORD),
            id_key="test-key",
            progress=lambda line: None,
        )
        try:
            yield engine, summary, before
        finally:
            engine.dispose()


@pytest.fixture
def session(seeded) -> Iterator[Session]:  # type: ignore[no-untyped-def]
    with session_factory(seeded[0])() as s:
        yield s


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_small_set_has_the_sizes_asked_on_top_of_the_demo(seeded, session):
    _, summary, _ = seeded
    assert _count(session, RegistryEntry) == scale.SMALL.registry + 30  # the demo's thirty
    assert _count(session, Application) == scale.SMALL.applications + 5
    assert summary.counts["applications"] == scale.SMALL.applications
    assert 150 <= _count(session, User) <= 260
    assert summary.counts["document_contents"] == summary.counts["documents"] > 0
    assert summary.counts["audit_events"] > 10 * scale.SMALL.applications


def test_the_registry_spreads_over_the_country_and_the_recent_years(session):
    provinces = session.scalar(select(func.count(func.distinct(RegistryEntry.province_code))))
    assert provinces >= 70
    years = set(session.scalars(select(RegistryEntry.fiscal_year).distinct()))
    this_year = fiscal_year(TODAY)
    assert set(range(this_year - 5, this_year)) <= years <= set(range(this_year - 5, this_year + 1))
    generated_leaders_without_id = select(func.count()).where(
        RegistryEntry.type == "leader",
        RegistryEntry.national_id_hash.is_(None),
        RegistryEntry.name.not_in([unit[2] for unit in demo_registry.UNITS]),
    )
    assert session.scalar(generated_leaders_without_id) == 0


def test_every_application_is_in_a_real_district_that_takes_part_in_its_round(session):
    rows = session.execute(
        select(Applicant.province_code, Applicant.district_code, Round.province_code, Round.id)
        .join(Application, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
    ).all()
    taking_part = set(session.execute(select(RoundDistrict.round_id, RoundDistrict.district_code)))
    for province, district, round_province, round_id in rows:
        assert district in areas.districts(province)
        assert province == round_province
        assert (round_id, district) in taking_part


def test_every_status_has_the_rows_its_workflow_steps_leave(session):
    apps = session.scalars(select(Application)).all()
    resolved = set(session.scalars(select(Resolution.application_id)))
    evaluated = set(session.scalars(select(CommitteeEvaluation.application_id)))
    certified = set(session.scalars(select(Certificate.application_id)))
    in_registry = set(session.scalars(select(RegistryEntry.application_id)))
    statuses = {a.status for a in apps}
    demo_ids = set(
        session.scalars(
            select(Application.id)
            .join(Applicant)
            .join(User, Applicant.owner_id == User.id)
            .where(User.username.in_([u.username for u in demo.DEMO_USERS]))
        )
    )
    assert len(demo_ids) == 5
    assert {Status.DRAFT, Status.ACCEPTED, Status.CERTIFIED, Status.NOT_PASSED} <= statuses
    for a in apps:
        assert (a.submitted_at is None) == (a.status is Status.DRAFT)
        if a.status in DECIDED | {Status.ACCEPTED, Status.UNDER_REVIEW}:
            assert a.accepted_at is not None and a.qualifications_confirmed
        if a.status in DECIDED | {Status.UNDER_REVIEW}:
            assert a.to_committee_at is not None and a.summary_done_at is not None
        assert (a.id in resolved) == (a.status in DECIDED), a.id
        if a.status in DECIDED:
            assert a.id in evaluated
        assert (a.id in certified) == (a.status is Status.CERTIFIED)
        assert (a.id in in_registry) == (a.status is Status.CERTIFIED)
        if a.id not in demo_ids:
            assert a.updated_at <= NOW  # nothing generated happened after "now"


def test_documents_carry_bytes_that_match_their_size_and_hash(session):
    rows = session.execute(select(Document.size, Document.sha256).limit(200)).all()
    assert rows
    store = storage.for_session(session)  # the portal's own way to the bytes
    for size, digest in rows:
        data = store.get(digest)
        assert len(data) == size and hashlib.sha256(data).hexdigest() == digest
        assert data.startswith((b"%PDF-", b"\x89PNG"))


def test_demo_and_generated_accounts_log_in_afterwards(session):
    chair = auth.authenticate(session, "committee-muang", PASSWORD, now=NOW, policy=auth.Lockout())
    assert auth.actor_of(session, chair).is_chair
    generated = session.scalar(select(User).where(User.username.like("applicant-0%")).limit(1))
    assert auth.authenticate(session, generated.username, PASSWORD, now=NOW, policy=auth.Lockout())


def test_the_registry_search_and_the_province_overview_read_the_seeded_data(session):
    rows, total = registry_public.search(session, name="กลุ่ม", page_size=20)
    assert total > 100 and len(rows) == 20
    assert registry_public.counts(session).by_year
    province = auth.actor_of(session, auth.find_user(session, "province"))
    assert province.role is Role.PROVINCE_OFFICER
    last_year = overview.counts(session, province, "27", fiscal_year(TODAY) - 1)
    assert last_year.total >= 2  # the demo's two, and whatever the set put in Sa Kaeo
    other = session.scalar(
        select(User).where(User.role == Role.PROVINCE_OFFICER, User.province_code != "27")
    )
    actor, code = auth.actor_of(session, other), other.province_code
    this_year = fiscal_year(TODAY)
    years = range(this_year - 4, this_year + 1)
    assert sum(overview.counts(session, actor, code, fy).total for fy in years) > 0


def test_a_second_run_is_refused_and_the_schema_is_as_the_migrations_made_it(seeded):
    engine, _, before = seeded
    with pytest.raises(scale.AlreadyLoaded):
        scale.run(
            engine,
            size=scale.SMALL,
            seed=3,
            today=TODAY,
            password_hash="x",
            id_key="test-key",
            progress=lambda line: None,
        )
    assert _schema(engine) == before
    migrate.check(engine.url.render_as_string(hide_password=False))
