"""A national-scale synthetic data set on top of the demo, for benchmarks (`manage.py seed-scale`).

Full size: 1,000,000 registry units over the five fiscal years before this one, in every
district; 75,000 applications over this fiscal year and the four before it, in every district,
each with what its workflow state implies; about 10,000 accounts (an officer and a committee of
three per district, one province account per province, advisors, applicants). An applicant
account represents several units (a village leader applies as a leader and for the group and
the community they lead), so 75,000 applications fit in about 5,000 applicant accounts.
Every generated account logs in with the demo password (one bcrypt hash, made once).

Deterministic for a seed and a day: random.Random(seed) drives every choice and "now" is 10:00
in Bangkok of that day. Written in one transaction (all or nothing); refused on a database that
already has it. Production code never imports this package.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import Engine

from bench.scale import names, registry, staff
from bench.scale.flow import Applications, Unit
from bench.scale.sink import ORDER, Sink
from core import national_id
from services import areas
from services.applications import id_hash

MARKER = "scale_seed_loaded"  # the audit event that says the data set is there


@dataclass(frozen=True)
class Size:
    registry: int
    applications: int
    applicant_users: int
    advisor_users: int
    districts: int | None  # where applications come from; None: every district


FULL = Size(1_000_000, 75_000, 5_200, 1_000, None)
SMALL = Size(2_000, 300, 60, 20, 24)
YEARS_PER_UNIT = (1, 1, 1, 2, 2, 3, 4, 5)  # consecutive rounds one unit applies in


class AlreadyLoaded(Exception):
    pass


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    statuses: dict[str, int]
    seconds: float


def run(
    engine: Engine,
    *,
    size: Size,
    seed: int,
    today: date,
    password_hash: str,
    id_key: str,
    progress: Callable[[str], None] = print,
) -> Summary:
    started = time.perf_counter()
    say = progress

    def progress(line: str) -> None:
        say(f"[{time.perf_counter() - started:6.0f} s] {line}")

    now = datetime.combine(today, clock_time(3, 0))
    rng = random.Random(seed)
    raw = engine.raw_connection()
    try:
        sink = Sink(raw, engine.dialect.name, now)
        if sink.query("SELECT count(*) FROM audit_events WHERE action = ?", (MARKER,))[0][0]:
            raise AlreadyLoaded
        sink.drop_for_load()
        this_year = _fiscal_year(today)
        world = staff.build(
            sink, rng, size, this_year=this_year, password_hash=password_hash, now=now
        )
        sink.flush()
        progress(f"บัญชีผู้ใช้ สำนักงานอำเภอ และรอบการรับสมัคร: {sink.written['users']:,} บัญชี")
        flow = Applications(sink, rng, world, now)
        flow.registry_keys = _existing_keys(sink)
        made_id = _id_maker(rng, id_key)
        _applications(sink, rng, world, flow, size.applications, made_id, progress)
        registry.fill(
            sink,
            rng,
            total=size.registry - sink.written["registry_entries"],
            years=list(range(this_year - 5, this_year)),
            taken=flow.registry_keys,
            national_id=made_id,
            now=now,
            progress=lambda n: progress(f"ทะเบียนผู้ผ่าน มชช. (นำเข้า): {n:,} หน่วย"),
        )
        sink.add(
            "audit_events",
            id=sink.next_id("audit_events"),
            at=now,
            action=MARKER,
            detail=json.dumps({"seed": seed, "size": asdict(size)}),
        )
        sink.flush()
        # Running portals renew their registry and round caches (services.data_versions).
        sink.query("UPDATE data_versions SET version = version + 1")
        sink.restore(progress)
        sink.reset_sequences()
        progress("บันทึก (COMMIT)")
        sink.commit()
    finally:
        raw.close()
    progress("ปรับสถิติของฐานข้อมูล (VACUUM ANALYZE)")
    _analyze(engine)
    return Summary(dict(sink.written), dict(flow.statuses), time.perf_counter() - started)


def _fiscal_year(today: date) -> int:
    from core.thai import fiscal_year

    return fiscal_year(today)


def _existing_keys(sink: Sink) -> dict[tuple[int, str], set[tuple[str, str]]]:
    keys: dict[tuple[int, str], set[tuple[str, str]]] = {}
    for kind, name, fy, district in sink.query(
        "SELECT type, normalized_name, fiscal_year, district_code FROM registry_entries"
    ):
        keys.setdefault((fy, district), set()).add((kind, name))
    return keys


def _id_maker(rng: random.Random, key: str) -> Callable[[], tuple[str, str]]:
    """A valid 13-digit ID each call, kept as the portal keeps it: keyed hash and masked form."""

    def make() -> tuple[str, str]:
        first = str(rng.choice((1, 1, 1, 3, 3, 5, 8))) + "".join(rng.choices("0123456789", k=11))
        digits = first + str(national_id.check_digit(first))
        return id_hash(digits, key), national_id.mask(digits)

    return make


def _applications(sink, rng, world, flow, total, made_id, progress) -> None:  # type: ignore[no-untyped-def]
    made, n = 0, 0
    seen: dict[str, set[tuple[str, str]]] = {}
    while made < total:
        owner = world.applicants[n % len(world.applicants)]
        n += 1
        unit = _unit(sink, rng, owner, seen.setdefault(owner[1], set()), made_id, world.years[0])
        span = min(rng.choice(YEARS_PER_UNIT), total - made)
        first = rng.choice(world.years[: len(world.years) - span + 1])
        for fy in range(first, first + span):
            flow.application(unit, fy)
        made += span
        if sink.pending() > 150_000 or made >= total:
            sink.flush()
            progress(f"ใบสมัคร: {made:,}/{total:,}")


def _unit(sink, rng, owner, seen, made_id, first_year) -> Unit:  # type: ignore[no-untyped-def]
    user_id, district, owner_name, phone = owner
    subs = list(areas.subdistricts(district).items())
    while True:
        kind = rng.choice(registry.TYPES)
        sub, sub_name = rng.choice(subs)
        name = (
            owner_name
            if kind == "leader"
            else names.unit_name(rng, kind, areas.district_name(district), sub_name)
        )
        if (kind, name) not in seen:
            seen.add((kind, name))
            break
    leader = kind == "leader"
    id_hash_, masked = made_id() if leader else (None, None)
    role, formal = names.position(rng) if leader else (None, None)
    village_no, village = rng.randint(1, 20), names.village(rng)
    unit = Unit(
        sink.next_id("applicants"),
        kind,
        name,
        user_id,
        owner_name,
        phone,
        district,
        sub,
        village_no,
        id_hash_,
        masked,
        role,
    )
    start = date(first_year - 544, 9, 1) - timedelta(days=rng.randint(0, 300))
    extra: dict[str, object] = {}
    if leader:
        extra = dict(
            position=role,
            position_formal=formal,
            domiciled_since=start - timedelta(days=rng.randint(400, 9000)),
            activities_record="ประสานงานกองทุนหมู่บ้านและจัดเวทีประชาคมทุกปี",
            national_id_hash=id_hash_,
            national_id_masked=masked,
        )
    elif kind == "community":
        extra = dict(
            territory_villages=f"หมู่ {village_no} {village}",
            boundary_description="ทิศเหนือจรดลำห้วย ทิศใต้จรดถนนสายหลัก",
            households=rng.randint(60, 400),
            resolution_date=start,
        )
    else:
        extra = dict(
            founded_on=start - timedelta(days=rng.randint(400, 5000)),
            member_count=rng.randint(10, 120),
            resolution_date=start,
        )
    sink.add(
        "applicants",
        id=unit.id,
        type=kind,
        name=name,
        owner_id=user_id,
        province_code=district[:2],
        district_code=district,
        subdistrict_code=sub,
        village_no=village_no,
        village_name=village,
        address=f"หมู่ที่ {village_no} ตำบล{sub_name} อำเภอ{areas.district_name(district)}",
        phone=phone,
        created_at=datetime.combine(start, clock_time(3, 0)),
        **extra,
    )
    return unit


def _analyze(engine: Engine) -> None:
    """Planner statistics, and on PostgreSQL the visibility map a fresh bulk load lacks (so
    capped counts can be index-only scans, as they are once autovacuum has passed)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(
            "VACUUM (ANALYZE)" if engine.dialect.name == "postgresql" else "ANALYZE"
        )


__all__ = ["FULL", "ORDER", "SMALL", "AlreadyLoaded", "Size", "Summary", "run"]
