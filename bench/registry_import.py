"""Registry import of a generated 100,000-row workbook: median time, and the ratio to openpyxl
merely reading the same file (read-only mode, every cell value, nothing else).

    .venv/bin/python -m bench.registry_import [--rows 100000] [--runs 3] [--server sqlite|URL]

The workbook looks like the province's old files: a title row above the header, four sheets
(one per type) with Thai column names, "อ."/"ต." prefixes, a merged year cell per block of 20
rows, and a few rows that are rejected or warned about. Each timed import goes into a fresh
database (schema by the migrations), so every row is new and written.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime

SHEETS = {
    "ผู้นำ": ["ลำดับ", "ปี พ.ศ.", "ชื่อ - สกุล", "ตำแหน่ง", "หมู่ที่", "ตำบล", "อำเภอ", "เลขประจำตัวประชาชน"],
    "กลุ่ม": ["ที่", "ปีงบประมาณ", "ชื่อกลุ่ม/องค์กร", "ผู้ประสานงาน", "หมู่ที่", "ตำบล", "อำเภอ", "เบอร์โทร"],
    "เครือข่าย": ["ที่", "ปี", "ชื่อเครือข่าย", "ผู้ประสานงาน", "หมู่", "ตำบล", "อำเภอ", "โทรศัพท์"],
    "ชุมชน": ["ที่", "ปี", "ชื่อหมู่บ้าน", "ผู้ประสานงาน", "หมู่ที่", "ตำบล", "อำเภอ", "เบอร์โทร"],
}
WORKS = ("ทอผ้า", "จักสาน", "เลี้ยงโค", "ปลูกผัก", "แปรรูปกล้วย", "น้ำพริก", "เพาะเห็ด", "สมุนไพร")
BLOCK = 20  # rows sharing one merged year cell


def _places() -> list[tuple[str, str]]:
    from services import areas

    return [
        (d_name, s_name)
        for d_code, d_name in areas.districts("27").items()
        for s_name in areas.subdistricts(d_code).values()
    ]


def _id(rng: random.Random) -> str:
    from core.national_id import check_digit

    first12 = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    return first12 + str(check_digit(first12))


def workbook(rows: int, seed: int = 6) -> bytes:
    import openpyxl
    from openpyxl.worksheet.cell_range import CellRange

    rng = random.Random(seed)
    places = _places()
    book = openpyxl.Workbook(write_only=True)
    per_sheet = rows // len(SHEETS)
    for title, header in SHEETS.items():
        ws = book.create_sheet(title)
        ws.append([f"ทะเบียนผู้ผ่าน มชช. จังหวัดสระแก้ว ({title})"])
        ws.append(header)
        for i in range(per_sheet):
            district, sub = rng.choice(places)
            year = 2545 + (i // BLOCK) % 24 if i % BLOCK == 0 else None
            name = (
                f"นาย{rng.choice(WORKS)} ใจดี{i}"
                if title == "ผู้นำ"
                else f"{title}{rng.choice(WORKS)} {i}"
            )
            last = _id(rng) if title == "ผู้นำ" else f"08{rng.randint(10_000_000, 99_999_999)}"
            if i % 500 == 7:
                district = "อ.ไม่มีอำเภอนี้"  # rejected
            ws.append(
                [
                    i + 1,
                    year,
                    name,
                    "ประธาน",
                    f"ม.{rng.randint(1, 20)}",
                    f"ต.{sub}",
                    f"อ.{district}",
                    last,
                ]
            )
        for start in range(3, per_sheet + 3, BLOCK):
            ws.merged_cells.ranges.add(
                CellRange(f"B{start}:B{min(start + BLOCK - 1, per_sheet + 2)}")
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def openpyxl_read(data: bytes) -> int:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = sum(len(r) for ws in book.worksheets for r in ws.iter_rows(values_only=True))
    book.close()
    return cells


def import_once(server: str, data: bytes) -> tuple[float, object]:
    from db import migrate
    from db.engine import make_engine, session_factory
    from services import registry_import
    from tests.databases import fresh_database

    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as session:
                started = time.perf_counter()
                report = registry_import.import_file(
                    session,
                    None,
                    "bench.xlsx",
                    data,
                    id_key="b" * 32,
                    today=date(2026, 11, 24),
                    now=datetime(2026, 11, 24, 3, 0),
                    province_code="27",
                )
                return time.perf_counter() - started, report
        finally:
            engine.dispose()


def median_seconds(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server", default="sqlite", help="sqlite, or a PostgreSQL server URL")
    args, _ = parser.parse_known_args()
    data = workbook(args.rows)
    reading = median_seconds(lambda: _timed(lambda: openpyxl_read(data)), args.runs)
    results = [import_once(args.server, data) for _ in range(args.runs)]
    ours = statistics.median(seconds for seconds, _ in results)
    report = results[-1][1]
    where = "PostgreSQL" if args.server.startswith("postgresql") else "SQLite"
    size = len(data) / 1e6
    print(f"registry import, {args.rows:,} rows in 4 sheets ({size:.1f} MB) into {where}")
    print(
        f"  import median {ours:.1f} s   openpyxl read-only read {reading:.1f} s   "
        f"ratio {ours / reading:.1f}"
    )
    print(
        f"  imported {report.imported:,}  rejected {report.rejected:,}  "  # type: ignore[attr-defined]
        f"duplicates {report.duplicates:,}  warnings {report.warnings:,}"  # type: ignore[attr-defined]
    )


if __name__ == "__main__":
    main()
