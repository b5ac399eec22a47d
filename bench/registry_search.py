"""Registry search on 1,000,000 certified units in PostgreSQL: median and p95 per search.

    .venv/bin/python -m bench.registry_search [--rows 1000000] [--runs 30] [--server URL]

Loads generated units of every province, 23 fiscal years and the four types into a fresh
database (schema by the migrations, rows by COPY), then times the public page's searches
through services.registry_public.search: a page of 20 with its total count.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import datetime

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COLUMNS = (
    "fiscal_year",
    "type",
    "name",
    "normalized_name",
    "province_code",
    "district_code",
    "subdistrict_code",
    "village_no",
    "contact_phone",
    "source",
    "created_at",
)
KINDS = ("กลุ่ม", "กลุ่มแม่บ้าน", "วิสาหกิจชุมชน", "กลุ่มออมทรัพย์")
WORKS = ("ทอผ้า", "จักสาน", "เลี้ยงโค", "ปลูกผัก", "แปรรูปกล้วย", "น้ำพริก", "เพาะเห็ด", "ปุ๋ยหมัก")
WORKS += ("สมุนไพร", "ข้าวอินทรีย์", "เลี้ยงปลา", "ไก่พื้นเมือง", "ผ้าไหม", "ขนมไทย", "ดอกไม้ประดิษฐ์")
WORKS += ("ท่องเที่ยวชุมชน", "น้ำดื่ม", "ผลไม้แปรรูป", "เครื่องแกง", "ผ้ามัดย้อม")
PLACES = ("หนองบัว", "โคกสูง", "ท่าเกษม", "วังใหม่", "หนองแวง", "คลองหาด", "ศาลาลำดวน", "ทัพราช")
YEARS = range(2547, 2570)
TYPES = ("group",) * 6 + ("leader",) * 2 + ("network", "community")


def _areas() -> list[tuple[str, str]]:  # (district, subdistrict) codes of the whole country
    from services import areas

    return [
        (district, sub)
        for province in areas.provinces()
        for district in areas.districts(province)
        for sub in areas.subdistricts(district)
    ]


def _rows(count: int, seed: int = 6) -> Iterator[tuple[object, ...]]:
    from core.registry_names import normalise_name

    rng = random.Random(seed)
    areas = _areas()
    now = datetime(2026, 11, 26)
    for i in range(count):
        district, sub = rng.choice(areas)
        kind = rng.choice(TYPES)
        work, place = rng.choice(WORKS), rng.choice(PLACES)
        if kind == "leader":
            name = f"นาย{place}{i} {work}"
        else:
            name = f"{rng.choice(KINDS)}{work}บ้าน{place} {i}"
        yield (
            rng.choice(YEARS),
            kind,
            name,
            normalise_name(name),
            district[:2],
            district,
            sub,
            rng.randint(1, 20),
            "081-234-5678",
            "import",
            now,
        )


def load(url: str, count: int) -> float:
    """COPY `count` generated units into the registry; returns the seconds it took."""
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    started = time.perf_counter()
    with psycopg.connect(plain) as conn:
        with conn.cursor() as cur:
            copy_sql = f"COPY registry_entries ({', '.join(COLUMNS)}) FROM STDIN"
            with cur.copy(copy_sql) as copy:
                for row in _rows(count):
                    copy.write_row(row)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE registry_entries")
    return time.perf_counter() - started


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm: first plan, caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def searches() -> dict[str, dict[str, object]]:
    return {
        "name contains 'ทอผ้า'": {"name": "ทอผ้า"},
        "name, most of one typed": {"name": "ทอผ้าบ้านหนองบัว 12"},
        "district + year": {"district_code": "2701", "fiscal_year": 2566},
        "type (network)": {"type": "network"},
        "no filter, page 50": {"page": 50},
        "type + name, page 50": {"type": "group", "name": "บ้านหนองบัว", "page": 50},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--server", default=SERVER)
    args = parser.parse_args()

    from core.applicant_types import ApplicantType
    from db import migrate
    from db.engine import make_engine, session_factory
    from services import registry_public
    from tests.databases import fresh_database

    with fresh_database(args.server) as url:
        migrate.upgrade(url)
        seconds = load(url, args.rows)
        print(f"registry search, {args.rows:,} units on PostgreSQL (COPY took {seconds:.1f} s)")
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                for label, filters in searches().items():
                    kw = dict(filters)
                    if "type" in kw:
                        kw["type"] = ApplicantType(kw["type"])

                    def run(kw: dict[str, object] = kw) -> object:
                        return registry_public.search(session, page_size=20, **kw)  # type: ignore[arg-type]

                    rows, total = run()  # type: ignore[misc]
                    median, p95 = _time(run, args.runs)
                    print(
                        f"  {label:<24} median {median:7.1f} ms  p95 {p95:7.1f} ms"
                        f"  ({total:,} match, {len(rows)} shown)"
                    )
                # The rest of the page's work: the filter's years and the three charts' counts.
                for label, fn in (
                    ("years for the filter", lambda: registry_public.fiscal_years(session)),
                    ("chart counts, all", lambda: registry_public.counts(session)),
                    (
                        "chart counts, district",
                        lambda: registry_public.counts(session, district_code="2701"),
                    ),
                ):
                    median, p95 = _time(fn, max(5, args.runs // 3))
                    print(f"  {label:<24} median {median:7.1f} ms  p95 {p95:7.1f} ms")
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
