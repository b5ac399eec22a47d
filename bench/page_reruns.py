"""Median server-side rerun time per screen, measured with AppTest on a seeded demo database.

    .venv/bin/python -m bench.page_reruns [--runs 15]

A rerun is what Streamlit does on every click; AppTest runs the same script in-process, so
its run time is the server-side cost of a page interaction (no network, no browser paint).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "applicant-group": [
        "views/applicant_home.py",
        "views/apply.py",
        "views/indicators.py",
        "views/plan.py",
        "views/develop.py",
        "views/assess.py",
        "views/summary.py",
        "views/submit.py",
    ],
    "officer-aran": ["views/district_home.py", "views/verify.py"],
    "province": ["views/province_home.py"],
}


def _seed(url: str) -> None:
    import settings
    from db import migrate
    from db.engine import make_engine, session_factory
    from services import demo
    from services.clock import Clock, utcnow

    migrate.upgrade(url)
    engine = make_engine(url)
    with session_factory(engine)() as session:
        demo.seed(session, password=settings.DEMO_PASSWORD, today=Clock().today(), now=utcnow())
    engine.dispose()


def _login(username: str):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    import settings

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/login.py").run()
    at.text_input[0].input(username)
    at.text_input[1].input(settings.DEMO_PASSWORD)
    at.button[0].click().run()
    return at.run()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite3"
        os.environ.update(
            DATABASE_URL=url,
            PORTAL_ENV="development",
            AUTH_COOKIE_KEY="b" * 48,
            NATIONAL_ID_HASH_KEY="h" * 48,
        )
        _seed(url)
        medians = []
        for username, pages in PAGES.items():
            at = _login(username)
            for page in pages:
                at.switch_page(page).run()
                timings = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    at.run()
                    timings.append(time.perf_counter() - start)
                assert not at.exception, (page, at.exception)
                median = statistics.median(timings) * 1000
                medians.append(median)
                print(f"{username:16} {page:28} median {median:6.1f} ms")
        print(f"{'all screens':45} median {statistics.median(medians):6.1f} ms")


if __name__ == "__main__":
    main()
