"""The publicity screens' reads on a busy province: the funnel and an officer's invitation list.

    .venv/bin/python -m bench.publicity [--registrations 1000] [--invitations 300] [--runs 7]
                                        [--server sqlite|URL]

Generates one province (Sa Kaeo, 9 districts) with, per district, `registrations` applicant
accounts (each with an application in this year's round, statuses spread over the workflow) and
`invitations` invitations (half linked to a registration, the rest with names that look like a
registration's, so the officer's list has suggestions to work out). Times, as medians:
- the province's funnel (services.funnel.funnel, every district) against the province overview's
  counts of the same applications (services.overview.counts) — the ratio is the funnel's cost over
  a plain count by status;
- one district's funnel;
- one district officer's invitation list with its suggestions (services.invitations.invitations).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)
WORKS = ("ทอผ้า", "จักสาน", "เลี้ยงโค", "ปลูกผัก", "แปรรูปกล้วย", "น้ำพริก", "เพาะเห็ด", "สมุนไพร")
PLACES = ("หนองบัว", "โคกสูง", "ท่าเกษม", "วังใหม่", "หนองแวง", "คลองหาด", "ศาลาลำดวน", "ทัพราช")


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _fill(session, registrations: int, invitations: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from core.applicant_types import ApplicantType
    from core.publicity import ContactMethod, LinkMethod, Outcome, name_key
    from core.roles import Role
    from core.workflow import Status
    from db.models import (
        Applicant,
        Application,
        Invitation,
        InvitationContact,
        Round,
        RoundDistrict,
        User,
    )
    from services import areas

    rng = random.Random(7)
    districts = list(areas.districts("27"))
    rnd = Round(
        fiscal_year=2570,
        province_code="27",
        opens_on=date(2026, 10, 1),
        closes_on=date(2027, 3, 31),
        cadence_months=3,
    )
    rnd.districts = [RoundDistrict(district_code=d) for d in districts]
    session.add(rnd)
    officers = {}
    for d in districts:
        officers[d] = User(
            username=f"officer-{d}",
            display_name="พัฒนากร",
            role=Role.DISTRICT_OFFICER,
            province_code="27",
            district_code=d,
            password_hash="x",
            sessions_valid_after=NOW,
            created_at=NOW,
        )
    province = User(
        username="province",
        display_name="จังหวัด",
        role=Role.PROVINCE_OFFICER,
        province_code="27",
        password_hash="x",
        sessions_valid_after=NOW,
        created_at=NOW,
    )
    session.add_all([*officers.values(), province])
    session.flush()
    statuses = list(Status)
    kinds = list(ApplicantType)
    for d in districts:
        subs = list(areas.subdistricts(d))
        users = []
        for i in range(registrations):
            users.append(
                User(
                    username=f"a-{d}-{i}",
                    display_name=f"นายทดสอบ {i}",
                    role=Role.APPLICANT,
                    province_code="27",
                    district_code=d,
                    password_hash="x",
                    phone=f"08{i % 10}-{d}-{i:04d}",
                    sessions_valid_after=NOW,
                    created_at=NOW,
                )
            )
        session.add_all(users)
        session.flush()
        names = []
        for i, user in enumerate(users):
            name = f"กลุ่ม{rng.choice(WORKS)}บ้าน{rng.choice(PLACES)} {i}"
            names.append(name)
            applicant = Applicant(
                type=rng.choice(kinds),
                name=name,
                owner_id=user.id,
                province_code="27",
                district_code=d,
                subdistrict_code=rng.choice(subs),
            )
            session.add(applicant)
            session.flush()
            status = rng.choice(statuses)
            session.add(
                Application(
                    applicant_id=applicant.id,
                    round_id=rnd.id,
                    status=status,
                    submitted_at=NOW if status is not Status.DRAFT else None,
                )
            )
        for i in range(invitations):
            linked = i % 2 == 0 and i < len(users)
            name = names[i] if linked else f"{names[i % len(names)]}ใหม่"
            invitation = Invitation(
                fiscal_year=2570,
                province_code="27",
                district_code=d,
                type=rng.choice(kinds),
                name=name,
                normalized_name=name_key(name) + f"#{i}",
                subdistrict_code=rng.choice(subs),
                contact_name=f"นายทดสอบ {i}" if not linked else None,
                outcome=Outcome.APPLIED if linked else Outcome.NO_ANSWER,
                applicant_user_id=users[i].id if linked else None,
                link_method=LinkMethod.PHONE if linked else None,
                created_at=NOW,
            )
            invitation.contacts = [
                InvitationContact(contacted_on=TODAY, method=ContactMethod.VISIT, recorded_at=NOW)
            ]
            session.add(invitation)
        session.flush()
    session.commit()
    return {"officer": officers[districts[0]], "province": province, "district": districts[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--registrations", type=int, default=1000)
    parser.add_argument("--invitations", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--server", default="sqlite")
    args = parser.parse_args()

    from db import migrate
    from db.engine import make_engine, session_factory
    from services import auth, funnel, invitations, overview
    from tests.databases import fresh_database

    with fresh_database(args.server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                started = time.perf_counter()
                made = _fill(session, args.registrations, args.invitations)
                filled = time.perf_counter() - started
                province = auth.actor_of(session, made["province"])
                officer = auth.actor_of(session, made["officer"])
                district = made["district"]

                def whole() -> object:
                    session.expire_all()
                    return funnel.funnel(session, province, province_code="27", fiscal_year=2570)

                def counts() -> object:
                    session.expire_all()
                    return overview.counts(session, province, "27", 2570)

                def one() -> object:
                    session.expire_all()
                    return funnel.funnel(
                        session,
                        officer,
                        province_code="27",
                        fiscal_year=2570,
                        district_code=district,
                    )

                def listing() -> object:
                    session.expire_all()
                    return invitations.invitations(session, officer, today=TODAY)

                t_whole, t_counts = _median(whole, args.runs), _median(counts, args.runs)
                t_one, t_list = _median(one, args.runs), _median(listing, args.runs)
                suggestions = sum(len(r.suggestions) for r in listing()[1])
        finally:
            engine.dispose()
    kind = "SQLite" if args.server.startswith("sqlite") else "PostgreSQL"
    print(
        f"publicity, 9 districts × {args.registrations:,} registrations and {args.invitations:,} "
        f"invitations on {kind} (generated in {filled:.1f} s), median of {args.runs}:"
    )
    print(
        f"  province funnel {t_whole * 1000:.0f} ms vs overview counts {t_counts * 1000:.0f} ms"
        f" → ×{t_whole / t_counts:.1f}"
    )
    print(f"  one district's funnel {t_one * 1000:.0f} ms")
    print(
        f"  one district's invitation list with suggestions {t_list * 1000:.0f} ms"
        f" ({suggestions:,} suggestions)"
    )


if __name__ == "__main__":
    main()
