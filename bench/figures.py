"""The figures bench/RESULTS.md carries besides the screens: printed documents, registry search on
the benchmark's database, registry import. Appended to the report bench/pages.py wrote.

    .venv/bin/python -m bench.figures --database-url URL [--out bench/RESULTS.md]
        [--runs 30] [--import-rows 20000]

Registry search is timed on the database the screens were measured on (seed-scale's 1,000,000
units on PostgreSQL), through services.registry_public.search as the page calls it (a page of 20
and its capped count): the service's wall time, which holds the database's time and a little
Python. Import: a generated workbook into a fresh database, against openpyxl merely reading it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench import pdf, registry_import, registry_search

ROOT = Path(__file__).resolve().parent.parent
SEARCH_P95_MS = 20.0
PDF_TARGETS = {"typical": 1.25, "large": 1.5, "one": 1.25, "batch": 1.5}
IMPORT_RATIO = 1.5


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, round(0.95 * len(values)) - 1)]


def _ok(passed: bool) -> str:
    return "pass" if passed else "**FAIL**"


def pdf_section(runs: int) -> str:
    lines = [
        "## Printed documents (CPU seconds, median; our layout vs bare shaped fpdf2, same text)\n",
        "| document | ours s | bare s | × | target | result |",
        "|---|--:|--:|--:|--:|---|",
    ]
    for name, (ours, bare) in pdf.measure(runs).items():
        target = next((t for key, t in PDF_TARGETS.items() if key in name), 1.5)
        ratio = ours / bare
        under = "" if "summary" not in name or "typical" not in name else f", < 1 s: {ours < 1}"
        lines.append(
            f"| {name} | {ours:.2f} | {bare:.2f} | {ratio:.2f} | ≤ {target}{under} | "
            f"{_ok(ratio <= target)} |"
        )
    return "\n".join(lines) + "\n"


def search_section(database_url: str, runs: int) -> str:
    from core.applicant_types import ApplicantType
    from db.engine import make_engine, read_session_factory
    from db.models import RegistryEntry
    from services import registry_public

    engine = make_engine(database_url)
    lines = []
    try:
        with read_session_factory(engine)() as session:
            units = session.query(RegistryEntry).count()
            lines += [
                f"## Registry search ({units:,} units, {engine.dialect.name}; "
                f"target p95 ≤ {SEARCH_P95_MS:.0f} ms)\n",
                "| search | median ms | p95 ms | matches (capped) | result |",
                "|---|--:|--:|--:|---|",
            ]
            for label, filters in registry_search.searches().items():
                kw = dict(filters)
                if "type" in kw:
                    kw["type"] = ApplicantType(kw["type"])
                times = []
                total = 0
                registry_public.search(session, page_size=20, **kw)  # type: ignore[arg-type]
                for _ in range(runs):
                    started = time.perf_counter()
                    _, total = registry_public.search(session, page_size=20, **kw)  # type: ignore[arg-type]
                    times.append((time.perf_counter() - started) * 1000)
                p95 = _p95(times)
                lines.append(
                    f"| {label} | {statistics.median(times):.1f} | {p95:.1f} | {total:,} | "
                    f"{_ok(p95 <= SEARCH_P95_MS)} |"
                )
            started = time.perf_counter()
            registry_public.counts(session)
            lines.append(
                f"\nThe charts' counts over the whole registry took "
                f"{(time.perf_counter() - started) * 1000:.0f} ms once; the page computes them "
                "once per process per registry version (services.data_versions) and per search."
            )
    finally:
        engine.dispose()
    return "\n".join(lines) + "\n"


def import_section(rows: int) -> str:
    data = registry_import.workbook(rows)
    started = time.perf_counter()
    registry_import.openpyxl_read(data)
    reading = time.perf_counter() - started
    ours, report = registry_import.import_once("sqlite", data)
    ratio = ours / reading
    return (
        f"## Registry import ({rows:,} rows, 4 sheets, {len(data) / 1e6:.1f} MB, into SQLite)\n\n"
        "| import s | openpyxl read-only read s | × | target | result |\n|--:|--:|--:|--:|---|\n"
        f"| {ours:.1f} | {reading:.1f} | {ratio:.2f} | ≤ {IMPORT_RATIO} | "
        f"{_ok(ratio <= IMPORT_RATIO)} |\n\n"
        f"Imported {report.imported:,}, rejected {report.rejected:,}.\n"  # type: ignore[attr-defined]
    )


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--database-url", required=True)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--pdf-runs", type=int, default=5)
    p.add_argument("--import-rows", type=int, default=20_000)
    args = p.parse_args(argv)
    sections = [
        search_section(args.database_url, args.runs),
        pdf_section(args.pdf_runs),
        import_section(args.import_rows),
    ]
    with args.out.open("a", encoding="utf-8") as out:
        out.write("\n" + "\n".join(sections))
    print("\n".join(sections))


if __name__ == "__main__":
    main()
