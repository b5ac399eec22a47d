"""The imported part of the registry: past certified units of every district, as the provinces'
spreadsheets would give them. A unit is often certified again in a later year (same name and
district), which the public unit page lists; a name the portal already certified that year, or
the demo's, is never repeated (one row per type, name, year and district)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from bench.scale import names
from bench.scale.sink import Sink
from core.registry_names import normalise_name
from services import areas

TYPES = ("group",) * 10 + ("leader",) * 5 + ("community",) * 3 + ("network",) * 2
REPEATS = (1, 1, 1, 2, 2, 3)  # in how many of the years one unit was certified


def fill(
    sink: Sink,
    rng: random.Random,
    *,
    total: int,
    years: list[int],
    taken: dict[tuple[int, str], set[tuple[str, str]]],
    national_id: Callable[[], tuple[str, str]],
    now: datetime,
    progress: Callable[[int], None],
) -> int:
    districts = [d for p in areas.provinces() for d in areas.districts(p)]
    written = 0
    for n, district in enumerate(districts):
        share = (total - written) // (len(districts) - n)
        written += _district(sink, rng, district, share, years, taken, national_id, now)
        if sink.pending() > 200_000 or n == len(districts) - 1:
            sink.flush()
            progress(written)
    return written


def _district(sink, rng, district, share, years, taken, national_id, now) -> int:  # type: ignore[no-untyped-def]
    subs = list(areas.subdistricts(district).items())
    district_name = areas.district_name(district)
    province = district[:2]
    source = f"ทะเบียนผู้ผ่าน มชช. จังหวัด{areas.province_name(province)}"
    seen: set[tuple[str, str]] = set()
    made = 0
    while made < share:
        kind = rng.choice(TYPES)
        sub, sub_name = rng.choice(subs)
        name = names.unit_name(rng, kind, district_name, sub_name)
        key = (kind, normalise_name(name))
        if key in seen:
            continue
        seen.add(key)
        village = rng.randint(1, 20)
        leader = kind == "leader"
        phone, coordinator = names.phone(rng), None if leader else names.person(rng)
        id_hash, masked = national_id() if leader else (None, None)
        role = names.position(rng)[0] if leader else None
        for fy in sorted(rng.sample(years, min(len(years), rng.choice(REPEATS)))):
            if made >= share or key in taken.get((fy, district), ()):
                continue
            sink.add(
                "registry_entries",
                id=sink.next_id("registry_entries"),
                fiscal_year=fy,
                type=kind,
                name=name,
                normalized_name=key[1],
                province_code=province,
                district_code=district,
                subdistrict_code=sub,
                village_no=village,
                position=role,
                coordinator=coordinator,
                contact_phone=phone,
                national_id_hash=id_hash,
                national_id_masked=masked,
                source="import",
                source_detail=f"{source} ปีงบประมาณ {fy}",
                created_at=now - timedelta(days=rng.randint(30, 700)),
            )
            made += 1
    return made
