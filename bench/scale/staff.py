"""The country's people and rounds: district offices with their officer and committee, province
accounts, advisors, applicant accounts, and a round per province and fiscal year.

Whatever is already there (the demo's Sa Kaeo staff, offices and rounds) is reused, not doubled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bench.scale import names
from bench.scale.sink import Sink
from core.thai import fiscal_year_bounds
from services import areas

COMMITTEE_SIZE = 3  # the chair and two members


@dataclass
class World:
    years: list[int]
    districts: list[str]  # where applications come from
    officers: dict[str, list[int]] = field(default_factory=dict)
    committee: dict[str, list[int]] = field(default_factory=dict)  # chair first
    province_staff: dict[str, list[int]] = field(default_factory=dict)
    rounds: dict[tuple[str, int], tuple[int, int, date]] = field(default_factory=dict)
    applicants: list[tuple[int, str, str, str]] = field(
        default_factory=list
    )  # id, district, name, phone
    advisors: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # by province
    display: dict[int, str] = field(default_factory=dict)


def _existing_staff(sink: Sink, role: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    rows = sink.query(
        "SELECT id, province_code, district_code FROM users WHERE role = ? AND active = ? "
        "ORDER BY id",
        (role, True),
    )
    for uid, province, district in rows:
        found.setdefault(district or province, []).append(uid)
    return found


def _user(sink: Sink, world: World, rng: random.Random, now: datetime, **kw: object) -> int:
    uid = sink.next_id("users")
    name = names.person(rng)
    sink.add(
        "users",
        id=uid,
        display_name=name,
        sessions_valid_after=now - timedelta(days=1),
        created_at=now - timedelta(days=rng.randint(400, 1900)),
        **kw,
    )
    world.display[uid] = name
    return uid


def _pick_districts(rng: random.Random, limit: int | None) -> list[str]:
    every = {p: list(areas.districts(p)) for p in areas.provinces()}
    if limit is None:
        return [d for ds in every.values() for d in ds]
    provinces = rng.sample(sorted(every), max(1, limit // 2))
    return sorted(d for p in provinces for d in rng.sample(every[p], min(2, len(every[p]))))


def build(
    sink: Sink, rng: random.Random, size, *, this_year: int, password_hash: str, now: datetime
) -> World:  # type: ignore[no-untyped-def]
    world = World(years=list(range(this_year - 4, this_year + 1)), districts=[])
    world.districts = _pick_districts(rng, size.districts)
    base = {"password_hash": password_hash}
    officers = _existing_staff(sink, "district_officer")
    committee = _existing_staff(sink, "committee")
    province_staff = _existing_staff(sink, "province_officer")
    offices = {
        d: chair
        for d, chair in sink.query("SELECT district_code, chair_user_id FROM district_offices")
    }
    provinces = sorted({d[:2] for d in world.districts})
    for p in provinces:
        world.province_staff[p] = province_staff.get(p) or [
            _user(
                sink,
                world,
                rng,
                now,
                username=f"province-{p}",
                role="province_officer",
                province_code=p,
                **base,
            )
        ]
    for d in world.districts:
        p = d[:2]
        world.officers[d] = officers.get(d) or [
            _user(
                sink,
                world,
                rng,
                now,
                username=f"officer-{d}",
                role="district_officer",
                province_code=p,
                district_code=d,
                **base,
            )
        ]
        world.committee[d] = committee.get(d) or [
            _user(
                sink,
                world,
                rng,
                now,
                username=f"committee-{d}-{n}",
                role="committee",
                province_code=p,
                district_code=d,
                **base,
            )
            for n in range(1, COMMITTEE_SIZE + 1)
        ]
        chair = world.committee[d][0]
        if d not in offices:
            sink.add(
                "district_offices",
                district_code=d,
                province_code=p,
                office_name=f"สำนักงานพัฒนาชุมชนอำเภอ{areas.district_name(d)}",
                phone=names.phone(rng),
                address=f"ที่ว่าการอำเภอ{areas.district_name(d)} จังหวัด{areas.province_name(p)}",
                chair_user_id=chair,
            )
        elif offices[d] is None:
            sink.flush()  # the chair's account must exist before the office names it
            sink.query(
                "UPDATE district_offices SET chair_user_id = ? WHERE district_code = ?", (chair, d)
            )
    for n in range(size.advisor_users):
        p = provinces[n % len(provinces)]
        uid = _user(sink, world, rng, now, username=f"advisor-{n + 1:05d}", role="advisor", **base)
        world.advisors.setdefault(p, []).append((uid, world.display[uid]))
    for n in range(size.applicant_users):
        d = world.districts[n % len(world.districts)]  # round robin: every district has some
        phone = names.phone(rng)
        uid = _user(
            sink,
            world,
            rng,
            now,
            username=f"applicant-{n + 1:05d}",
            role="applicant",
            province_code=d[:2],
            district_code=d,
            phone=phone,
            privacy_acknowledged_at=now - timedelta(days=rng.randint(30, 1800)),
            **base,
        )
        world.applicants.append((uid, d, world.display[uid], phone))
    _rounds(sink, world, rng, provinces, this_year)
    return world


def _rounds(
    sink: Sink, world: World, rng: random.Random, provinces: list[str], this_year: int
) -> None:
    existing = {
        (p, fy): (rid, cadence, opens)
        for rid, p, fy, cadence, opens in sink.query(
            "SELECT id, province_code, fiscal_year, cadence_months, opens_on FROM rounds"
        )
    }
    in_use = {p: [d for d in world.districts if d[:2] == p] for p in provinces}
    for p in provinces:
        for fy in world.years:
            if (p, fy) in existing:
                rid, cadence, opens = existing[(p, fy)]
                world.rounds[(p, fy)] = (rid, cadence, _as_date(opens))
                continue
            start, _ = fiscal_year_bounds(fy)
            rid, cadence = sink.next_id("rounds"), 3 if rng.random() < 0.7 else 6
            sink.add(
                "rounds",
                id=rid,
                fiscal_year=fy,
                province_code=p,
                opens_on=start,
                closes_on=date(start.year + 1, 3, 31),
                cadence_months=cadence,
                closed_at=None if fy == this_year else datetime(start.year + 1, 4, 1, 3),
                created_by_id=world.province_staff[p][0],
                created_at=datetime(start.year, 9, 15, 3),
            )
            for d in in_use[p]:
                sink.add("round_districts", round_id=rid, district_code=d)
            world.rounds[(p, fy)] = (rid, cadence, start)


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
