"""Portal screens over Streamlit's websocket on real servers, against the framework's floor.

    .venv/bin/python -m bench.pages --database-url URL [--quick] [--floor-only]
        [--cluster URL] [--profile SECONDS] [--streamlit-defaults] [--out bench/RESULTS.md]

Two servers start side by side with the same flags: the portal (app.py) on the given
database, and the floor (bench/floor_app.py). For every screen of every demo role's menu
(bench/screens.py reads the menus from ui/navigation.py) a simulated browser tab
(bench/ws_client.py) opens the screen's URL signed in with a login cookie minted as
ui.cookie does, and reruns it; a second tab reruns the floor page with the same census of
elements (what the screen's run produced, counted from its deltas), a third the plain floor
page (a title and a paragraph). The three alternate rerun by rerun, so a noisy neighbour
slows all of them alike: read the ratios, not the milliseconds.

Then, on a few key screens: total reruns/s of 8 and 32 concurrent sessions, portal and
same-widget floor in alternating windows; server RSS before and after N reruns over 8
sessions (applicant home and district home); with --cluster, reruns/s of 8 sessions through
the cluster's proxy against the one-process portal; with --profile, py-spy on the portal
process during an 8-session load (a separate window, so the sampling does not weigh on the
figures), summarised by function.

The demo data must be in the database already (manage.py migrate && manage.py seed-demo). A
cluster must use the same database and AUTH_COOKIE_KEY (taken from the environment when set).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench import pages_report, screens
from bench.servers import FAST_FLAGS, ROOT, Server, free_port
from bench.ws_client import RunResult, StreamlitTab

FLOOR_SCRIPT = "bench/floor_app.py"
PLAIN = "plain"
LOGOUT_LABEL = "ออกจากระบบ"  # the sidebar button of a signed-in session (app.py)
KEY_SCREENS = (
    "applicant-group:home",
    "advisor:home",
    "officer-muang:home",
    "committee-muang:home",
    "province:home",
    "public:registry",
)
MEMORY_SCREENS = ("applicant-group:home", "officer-muang:home")
CLUSTER_SCREENS = ("applicant-group:home", "officer-muang:home", "public:registry")
LINK = re.compile(r"\]\(([A-Za-z0-9_-]+)\?([^)\s]+)\)")


@dataclass
class Plan:
    runs: int
    warmup: int
    window: float  # seconds per throughput window
    rounds: int  # portal/floor window pairs per figure
    concurrency: tuple[int, ...]
    memory_reruns: int
    memory_sessions: int = 8

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(
                runs=20, warmup=2, window=5.0, rounds=1, concurrency=(8, 32), memory_reruns=1000
            )
        return cls(
            runs=30, warmup=3, window=10.0, rounds=2, concurrency=(8, 32), memory_reruns=5000
        )


@dataclass
class ScreenFigures:
    screen: screens.Screen
    portal: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    census: dict[str, object] = field(default_factory=dict)
    census_matches: bool = False
    problems: list[str] = field(default_factory=list)
    query: str = ""
    runs_per_rerun: int = 1


@dataclass
class Throughput:
    screen: str
    sessions: int
    portal_rate: float
    floor_rate: float
    portal_latency: float  # median seconds per rerun under this load
    floor_latency: float
    failures: int
    target: str = "portal"  # or the cluster URL, when compared against one process
    spread: dict[str, int] = field(default_factory=dict)  # sticky cookie → sessions

    @property
    def share(self) -> float:
        return self.portal_rate / self.floor_rate if self.floor_rate else 0.0


@dataclass
class Memory:
    screens: tuple[str, ...]
    sessions: int
    reruns: int
    before: int
    after: int
    seconds: float

    @property
    def growth(self) -> float:
        return (self.after - self.before) / self.before if self.before else 0.0


@dataclass
class Cluster:
    url: str
    rows: list[tuple[str, float, float]]  # screen, one-process reruns/s, cluster reruns/s
    spread: dict[str, int]  # sticky cookie value → sessions


@dataclass
class Results:
    started: datetime
    finished: datetime | None = None
    args: dict[str, object] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    machine: dict[str, str] = field(default_factory=dict)
    database: dict[str, object] = field(default_factory=dict)
    screens: list[ScreenFigures] = field(default_factory=list)
    plain_floor: list[float] = field(default_factory=list)
    throughput: list[Throughput] = field(default_factory=list)
    memory: Memory | None = None
    cluster: Cluster | None = None
    profile: dict[str, object] | None = None
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- sessions


class Harness:
    def __init__(
        self, portal_url: str | None, floor_url: str, census_path: Path, quick_acks: bool = True
    ) -> None:
        self.quick_acks = quick_acks
        self.portal_url = portal_url
        self.floor_url = floor_url
        self.census_path = census_path
        self.censuses: dict[str, dict[str, object]] = (
            json.loads(census_path.read_text(encoding="utf-8")) if census_path.exists() else {}
        )
        self.links: dict[str, str] = {}  # url path → a query string seen in a link to it
        self._conf = None

    def cookies(self, user: str | None) -> dict[str, str]:
        if user is None:
            return {}
        import settings
        from ui import cookie

        if self._conf is None:
            self._conf = settings.load()
        conf = self._conf
        return {conf.cookie_name: cookie.encode(user, conf, time.time())}

    def portal_tab(self, screen: screens.Screen, base_url: str | None = None) -> StreamlitTab:
        url = base_url or self.portal_url
        assert url is not None
        query = self.links.get(screen.url_path, "") if screen.hidden else ""
        cookies = self.cookies(screen.user)
        return StreamlitTab(url, screen.url_path, query, cookies, quick_acks=self.quick_acks)

    def floor_tab(self, screen_id: str) -> StreamlitTab:
        query = f"screen={screen_id}"
        return StreamlitTab(self.floor_url, "census", query, quick_acks=self.quick_acks)

    def plain_tab(self) -> StreamlitTab:
        return StreamlitTab(self.floor_url, PLAIN, quick_acks=self.quick_acks)

    def save_census(self, screen_id: str, census: dict[str, object]) -> None:
        self.censuses[screen_id] = census
        tmp = self.census_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.censuses, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.census_path)  # the floor server reads it on its next run

    def harvest_links(self, result: RunResult) -> None:
        for _, _, text in result.texts:
            for path, query in LINK.findall(text):
                self.links.setdefault(path, query)


def check_portal_run(screen: screens.Screen, result: RunResult) -> list[str]:
    """Why this run is not the real screen, signed in as the screen's user (empty: it is)."""
    problems = []
    if result.status != "FINISHED_SUCCESSFULLY":
        problems.append(f"run ended {result.status}")
    if result.page_not_found:
        problems.append("server said Page not found")
    if result.exceptions:
        problems.append("exception: " + "; ".join(result.exceptions)[:300])
    if result.unresolved_refs:
        problems.append(f"{result.unresolved_refs} cached-message references not resolved")
    listed = {p["url_pathname"]: p["page_script_hash"] for p in result.app_pages}
    if screen.url_path not in listed:
        problems.append(f"the server's menu has no /{screen.url_path}")
    elif listed[screen.url_path] != result.page_script_hash:
        problems.append("the server ran another page than the one asked for")
    headings = result.headings()
    if not any(h.startswith(e) for h in headings for e in screen.expected):
        problems.append(f"no heading {screen.expected!r} (headings: {headings[:3]!r})")
    sidebar = result.all_text("sidebar")
    if screen.user is None:
        if LOGOUT_LABEL in sidebar:
            problems.append("signed in, expected signed out")
    elif screens.display_name(screen.user) not in sidebar or LOGOUT_LABEL not in sidebar:
        problems.append(f"not signed in as {screen.user}")
    return problems


def check_floor_run(result: RunResult, heading: str) -> list[str]:
    problems = []
    if result.status != "FINISHED_SUCCESSFULLY" or result.exceptions:
        problems.append(f"floor run: {result.status} {result.exceptions}")
    if heading not in result.headings():
        problems.append(f"floor run: no heading {heading!r}")
    return problems


def census_of(result: RunResult) -> dict[str, object]:
    census = result.census()
    census["pages"] = len(result.app_pages)
    return census


# ---------------------------------------------------------------- single session


async def single_session(
    h: Harness, todo: list[screens.Screen], plan: Plan, log
) -> tuple[list[ScreenFigures], list[float]]:
    figures: list[ScreenFigures] = []
    plain_times: list[float] = []
    async with h.plain_tab() as plain:
        for _ in range(plan.warmup):
            check = check_floor_run(await plain.rerun(), "Floor: a title and a paragraph")
            if check:
                raise RuntimeError(f"plain floor page: {check}")
        for screen in todo:
            fig = await _one_screen(h, screen, plan, plain)
            plain_times.extend(fig.plain)
            figures.append(fig)
            log(_line(fig))
    return figures, plain_times


async def _one_screen(
    h: Harness, screen: screens.Screen, plan: Plan, plain: StreamlitTab
) -> ScreenFigures:
    fig = ScreenFigures(screen)
    async with h.portal_tab(screen) as tab:
        fig.query = tab.query_string
        result = None
        for _ in range(plan.warmup):
            result = await tab.rerun()
            h.harvest_links(result)
        assert result is not None
        fig.problems = check_portal_run(screen, result)
        fig.census = census_of(result)
        fig.runs_per_rerun = result.runs
        h.save_census(screen.id, fig.census)
        async with h.floor_tab(screen.id) as floor:
            for _ in range(plan.warmup):
                floor_result = await floor.rerun()
            fig.problems += check_floor_run(floor_result, f"Floor census {screen.id}")
            fig.census_matches = census_of(floor_result) == fig.census
            for _ in range(plan.runs):
                run = await tab.rerun()
                fig.portal.append(run.seconds)
                if run.status != "FINISHED_SUCCESSFULLY" or run.exceptions:
                    fig.problems.append(f"a timed run ended {run.status} {run.exceptions}")
                fig.floor.append((await floor.rerun()).seconds)
                fig.plain.append((await plain.rerun()).seconds)
    return fig


def _line(fig: ScreenFigures) -> str:
    p, f = statistics.median(fig.portal), statistics.median(fig.floor)
    flag = "" if not fig.problems else "  !! " + "; ".join(fig.problems)
    return f"  {fig.screen.id:36} {p * 1000:7.1f} ms  floor {f * 1000:6.1f} ms  ×{p / f:5.2f}{flag}"


# ---------------------------------------------------------------- concurrency


async def _open(tabs: list[StreamlitTab]) -> None:
    for tab in tabs:  # one at a time, as users arrive; a first run each
        await tab.connect()
        await tab.rerun()


async def _close(tabs: list[StreamlitTab]) -> None:
    await asyncio.gather(*(t.close() for t in tabs), return_exceptions=True)


async def _load(
    tabs: list[StreamlitTab], seconds: float | None = None, total: int | None = None
) -> tuple[int, float, list[float], int]:
    """Every tab reruns back to back until the window ends (or `total` reruns are done).
    Returns (reruns, elapsed seconds, rerun latencies, failed reruns)."""
    start = time.perf_counter()
    deadline = start + seconds if seconds else None
    done, latencies, failures = 0, [], 0

    async def loop(tab: StreamlitTab) -> None:
        nonlocal done, failures
        while (deadline is None or time.perf_counter() < deadline) and (
            total is None or done < total
        ):
            done += 1  # claimed before it runs, so `total` is not overshot by the others
            run = await tab.rerun()
            latencies.append(run.seconds)
            if run.status != "FINISHED_SUCCESSFULLY" or run.exceptions:
                failures += 1

    await asyncio.gather(*(loop(t) for t in tabs))
    return done, time.perf_counter() - start, latencies, failures


async def throughput(
    h: Harness, screen: screens.Screen, sessions: int, plan: Plan, other_url: str | None = None
) -> Throughput:
    """Portal (or the cluster at other_url) against the same-widget floor, windows alternating.
    With other_url, the 'floor' side is the one-process portal instead."""
    if other_url:
        a = [h.portal_tab(screen, other_url) for _ in range(sessions)]
        b = [h.portal_tab(screen) for _ in range(sessions)]
    else:
        a = [h.portal_tab(screen) for _ in range(sessions)]
        b = [h.floor_tab(screen.id) for _ in range(sessions)]
    try:
        await _open(a)
        await _open(b)
        totals = {"a": [0, 0.0, [], 0], "b": [0, 0.0, [], 0]}
        for _ in range(plan.rounds):
            for name, tabs in (("a", a), ("b", b)):
                n, secs, lat, fail = await _load(tabs, seconds=plan.window)
                t = totals[name]
                t[0] += n
                t[1] += secs
                t[2] += lat
                t[3] += fail
        result = Throughput(
            screen=screen.id,
            sessions=sessions,
            portal_rate=totals["a"][0] / totals["a"][1],
            floor_rate=totals["b"][0] / totals["b"][1],
            portal_latency=statistics.median(totals["a"][2]),
            floor_latency=statistics.median(totals["b"][2]),
            failures=totals["a"][3] + totals["b"][3],
            target=other_url or "portal",
        )
        result.spread = dict(
            Counter(
                next((f"{k}={v}" for k, v in t.proxy_cookies.items() if "xsrf" not in k), "none")
                for t in a
            )
        )
        return result
    finally:
        await _close(a + b)


async def memory(h: Harness, todo: list[screens.Screen], plan: Plan, server: Server) -> Memory:
    per = plan.memory_sessions // len(todo)
    tabs = [h.portal_tab(s) for s in todo for _ in range(per)]
    try:
        await _open(tabs)
        await _load(tabs, total=len(tabs) * 3)  # a few reruns each before the first reading
        before = server.rss_bytes()
        n, secs, _, _ = await _load(tabs, total=plan.memory_reruns)
        after = server.rss_bytes()
    finally:
        await _close(tabs)
    return Memory(tuple(s.id for s in todo), len(tabs), n, before, after, secs)


async def profile(
    h: Harness, screen: screens.Screen, seconds: float, server: Server, out: Path
) -> dict[str, object]:
    tabs = [h.portal_tab(screen) for _ in range(8)]
    try:
        await _open(tabs)
        spy = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "py-spy"),
                "record",
                "-p",
                str(server.pid),
                "-f",
                "raw",
                "-d",
                str(int(seconds)),
                "-o",
                str(out),
                "--nonblocking",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        n, secs, _, _ = await _load(tabs, seconds=seconds + 1)
        output = (await asyncio.to_thread(spy.communicate))[0].decode(errors="replace")
    finally:
        await _close(tabs)
    if spy.returncode != 0 or not out.exists():
        return {"screen": screen.id, "error": output.strip()[-500:]}
    return {
        "screen": screen.id,
        "reruns": n,
        "seconds": secs,
        "raw": str(out),
        **summarise_profile(out.read_text(encoding="utf-8")),
    }


def summarise_profile(raw: str, top: int = 25) -> dict[str, object]:
    """py-spy's raw (collapsed) stacks → the functions that hold the samples.

    self: samples whose innermost frame is the function; total: samples with the function
    anywhere on the stack (once per sample), for the portal's own functions only (the
    framework's plumbing is on every stack); areas: self samples by package."""
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    samples = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        samples += n
        own[frames[-1]] += n
        areas[_area(frames[-1])] += n
        for frame in set(frames):
            if _area(frame) == "portal":
                inclusive[frame] += n
    return {
        "samples": samples,
        "self": own.most_common(top),
        "total": inclusive.most_common(top),
        "areas": areas.most_common(),
    }


def _area(frame: str) -> str:
    where = frame.rpartition("(")[2]
    for name in (
        "streamlit",
        "sqlalchemy",
        "pandas",
        "pyarrow",
        "altair",
        "jsonschema",
        "protobuf",
        "google",
        "uvicorn",
        "starlette",
        "websockets",
        "asyncio",
        "threading",
        "sqlite3",
        "psycopg",
        "jwt",
        "json",
    ):
        if where.startswith(f"{name}/") or where.startswith(f"{name}."):
            return name
    top = where.split("/")[0].split(".")[0].split(":")[0]
    portal = {"app", "views", "ui", "services", "core", "db", "reports", "settings"}
    return "portal" if top in portal else top or "?"


# ---------------------------------------------------------------- facts for the report


def machine() -> dict[str, str]:
    import streamlit

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    mem = next(
        line.split(":", 1)[1].strip()
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "memory": f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB",
        "cpu": cpu,
        "python": sys.version.split()[0],
        "streamlit": streamlit.__version__,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def database(url: str) -> dict[str, object]:
    from sqlalchemy import text

    from db.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            counts = {
                table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("registry_entries", "applications", "users")
            }
        return {"backend": engine.dialect.name, "url": engine.url.render_as_string(), **counts}
    finally:
        engine.dispose()


# ---------------------------------------------------------------- main


def _env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("AUTH_COOKIE_KEY", secrets.token_urlsafe(48))
    env.setdefault("NATIONAL_ID_HASH_KEY", secrets.token_urlsafe(48))
    env["PORTAL_ENV"] = "development"
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    return env


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.split("\n")[0])
    p.add_argument("--database-url", help="the seeded database the portal server uses")
    p.add_argument(
        "--floor-only",
        action="store_true",
        help="start only the floor server and measure its plain page (single session, 8 and "
        "32 sessions): the machine's floor today, without the portal",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"20 reruns a screen, 5 s windows, {Plan.make(True).memory_reruns} reruns for memory",
    )
    p.add_argument(
        "--memory-reruns",
        type=int,
        metavar="N",
        help="reruns for the memory figure (default 5000, 1000 with --quick)",
    )
    p.add_argument("--cluster", metavar="URL", help="a proxy in front of several processes")
    p.add_argument("--profile", type=float, metavar="SECONDS", help="py-spy during 8 sessions")
    p.add_argument(
        "--streamlit-defaults",
        action="store_true",
        help=f"run both servers with Streamlit's defaults, not {' '.join(FAST_FLAGS)}",
    )
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    p.add_argument(
        "--work-dir",
        type=Path,
        default=Path("/tmp/wsbench-run"),
        help="logs, the census file, the profile",
    )
    p.add_argument("--portal-port", type=int, default=8810)
    p.add_argument("--floor-port", type=int, default=8811)
    p.add_argument("--only", metavar="TEXT", help="only screens whose id contains TEXT")
    p.add_argument("--skip-load", action="store_true", help="single-session figures only")
    p.add_argument(
        "--delayed-acks",
        action="store_true",
        help="let the client delay its TCP ACKs as browsers do (adds Nagle's ~40 ms stalls "
        "against Streamlit 1.67, at random; see bench/ws_client.py)",
    )
    p.add_argument("--note", action="append", default=[], help="a line for the report's notes")
    args = p.parse_args(argv)
    if not args.database_url and not args.floor_only:
        p.error("--database-url is needed (or --floor-only)")
    return args


async def run(args: argparse.Namespace) -> Results:
    plan = Plan.make(args.quick)
    if args.memory_reruns:
        plan = dataclasses.replace(plan, memory_reruns=args.memory_reruns)
    flags = () if args.streamlit_defaults else FAST_FLAGS
    results = Results(started=datetime.now().astimezone(), flags=flags, machine=machine())
    results.args = {
        k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "note"
    }
    results.notes += args.note
    args.work_dir.mkdir(parents=True, exist_ok=True)
    env = _env(args)
    os.environ.update(
        {k: env[k] for k in ("AUTH_COOKIE_KEY", "NATIONAL_ID_HASH_KEY", "PORTAL_ENV")}
    )
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        results.database = database(args.database_url)
    census = args.work_dir / "census.json"
    floor_port = free_port(args.floor_port)
    floor = Server(
        "floor",
        FLOOR_SCRIPT,
        floor_port,
        {**env, "FLOOR_CENSUS": str(census)},
        flags,
        args.work_dir / "floor.log",
    )
    portal = None
    if not args.floor_only:
        port = free_port(args.portal_port, avoid=(floor_port,))
        portal = Server("portal", "app.py", port, env, flags, args.work_dir / "portal.log")
    log = _printer()
    try:
        floor.start()
        if portal:
            portal.start()
        h = Harness(portal.url if portal else None, floor.url, census, not args.delayed_acks)
        todo = [s for s in screens.screens() if not args.only or args.only in s.id]
        by_id = {s.id: s for s in screens.screens()}
        if portal:
            log(f"portal {portal.url} (pid {portal.pid}), floor {floor.url} (pid {floor.pid})")
            log(f"single session: {len(todo)} screens × {plan.runs} reruns after {plan.warmup}")
            results.screens, results.plain_floor = await single_session(h, todo, plan, log)
        else:
            results.plain_floor = await floor_only(h, plan, results, log)
            return results
        if args.skip_load:
            return results
        measured = {f.screen.id for f in results.screens}  # their census is this run's
        key = [by_id[k] for k in KEY_SCREENS if k in measured]
        for sessions in plan.concurrency:
            for screen in key:
                t = await throughput(h, screen, sessions, plan)
                results.throughput.append(t)
                log(
                    f"  {sessions:2} sessions {screen.id:28} {t.portal_rate:6.1f}/s "
                    f"floor {t.floor_rate:6.1f}/s  {t.share:5.0%}"
                )
        if args.profile:
            out = args.work_dir / "profile-raw.txt"
            target = (key or [by_id[KEY_SCREENS[0]]])[0]
            results.profile = await profile(h, target, args.profile, portal, out)
            log(f"  profile: {results.profile.get('samples', results.profile.get('error'))}")
        mem_screens = [by_id[k] for k in MEMORY_SCREENS]
        results.memory = await memory(h, mem_screens, plan, portal)
        log(
            f"  memory: {results.memory.before / 2**20:.0f} → "
            f"{results.memory.after / 2**20:.0f} MiB over {results.memory.reruns} reruns"
        )
        if args.cluster:
            on = [by_id[k] for k in CLUSTER_SCREENS]
            results.cluster = await cluster(h, on, plan, args.cluster.rstrip("/"), log)
    finally:
        if portal:
            portal.stop()
        floor.stop()
        results.finished = datetime.now().astimezone()
        results.machine["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return results


async def floor_only(h: Harness, plan: Plan, results: Results, log) -> list[float]:
    times = []
    async with h.plain_tab() as tab:
        for _ in range(plan.warmup):
            await tab.rerun()
        for _ in range(plan.runs):
            times.append((await tab.rerun()).seconds)
    log(f"plain floor page: median {statistics.median(times) * 1000:.1f} ms")
    for sessions in plan.concurrency:
        tabs = [h.plain_tab() for _ in range(sessions)]
        try:
            await _open(tabs)
            n, secs, lat, fail = await _load(tabs, seconds=plan.window * plan.rounds)
        finally:
            await _close(tabs)
        results.throughput.append(
            Throughput(
                "floor:plain",
                sessions,
                n / secs,
                n / secs,
                statistics.median(lat),
                statistics.median(lat),
                fail,
                target="floor",
            )
        )
        log(f"  {sessions:2} sessions on the plain floor page: {n / secs:.1f} reruns/s")
    results.notes.append("--floor-only: the floor server alone; no portal figures.")
    return times


async def cluster(h: Harness, key: list[screens.Screen], plan: Plan, url: str, log) -> Cluster:
    rows, spread = [], Counter()
    for screen in key:
        t = await throughput(h, screen, 8, plan, other_url=url)
        rows.append((screen.id, t.floor_rate, t.portal_rate))
        spread.update(t.spread)
        log(
            f"  cluster {screen.id:28} one process {t.floor_rate:6.1f}/s "
            f"cluster {t.portal_rate:6.1f}/s"
        )
    return Cluster(url, rows, dict(spread))


def _printer():  # type: ignore[no-untyped-def]
    start = time.monotonic()

    def log(text: str) -> None:
        print(f"[{time.monotonic() - start:6.0f}s] {text}", flush=True)

    return log


def seeded_sqlite(folder: Path) -> str:
    """A fresh SQLite database with the demo data, made the documented way (manage.py)."""
    url = f"sqlite:///{folder / 'portal.sqlite3'}"
    env = {**_env(parse(["--database-url", url])), "DATABASE_URL": url}
    for command in ("migrate", "seed-demo"):
        subprocess.run(
            [sys.executable, "manage.py", command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return url


def from_make() -> None:
    """`make bench`: on BENCH_DATABASE_URL (seeded already) or a fresh seeded SQLite file;
    BENCH_PAGES_ARGS adds options (e.g. "--quick")."""
    import shlex
    import tempfile

    extra = shlex.split(os.environ.get("BENCH_PAGES_ARGS", ""))
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        main(["--database-url", url, *extra])
        return
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        main(["--database-url", seeded_sqlite(Path(folder)), *extra])


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    results = asyncio.run(run(args))
    args.out.write_text(pages_report.render(results), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
