"""bench/RESULTS.md from a bench.pages run: the facts of the run, the figures, the targets."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.pages import Results, ScreenFigures

SCREEN_RATIO = 1.5  # every screen's median ≤ 1.5× its same-widget floor
LOAD_SHARE = 0.90  # 8 sessions ≥ 90% of the floor's reruns/s
CLUSTER_GAIN = 1.6  # a cluster of 2 ≥ 1.6× one process
RSS_GROWTH = 0.10  # < 10% over 5,000 reruns


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else 0.0


def _ok(passed: bool) -> str:
    return "pass" if passed else "**FAIL**"


def ratio(fig: ScreenFigures) -> float:
    return statistics.median(fig.portal) / statistics.median(fig.floor)


def render(r: Results) -> str:
    out: list[str] = []
    add = out.append
    minutes = (r.finished - r.started).total_seconds() / 60 if r.finished else 0
    add("# Portal pages over the websocket, against the framework's floor\n")
    add(
        f"Run {r.started:%Y-%m-%d %H:%M %Z} ({minutes:.0f} min) with "
        f"`python -m bench.pages {_cli(r.args)}`. Written by bench/pages.py; "
        "rerun it rather than editing this file.\n"
    )
    add(
        "This machine is shared and noisy: read the ratios (portal and floor were measured in "
        "the same minutes, rerun by rerun), not the milliseconds.\n"
    )
    add("## Setup\n")
    add("| | |\n|---|---|")
    for k, v in r.machine.items():
        add(f"| {k} | {v} |")
    flags = " ".join(r.flags) if r.flags else "Streamlit's defaults"
    add(f"| server flags (both servers) | `{flags}` |")
    if r.database:
        d = r.database
        add(f"| database | {d['backend']} `{d['url']}` |")
        add(
            f"| rows | {d['registry_entries']} registry units, {d['applications']} "
            f"applications, {d['users']} users |"
        )
    add("")
    add(_how())
    add(_targets(r))
    if r.screens:
        add(_screen_table(r))
    elif r.plain_floor:
        add(
            "## Plain floor page\n\nA title and a paragraph: median "
            f"{_ms(statistics.median(r.plain_floor))} ms, p95 {_ms(p95(r.plain_floor))} ms "
            f"over {len(r.plain_floor)} reruns.\n"
        )
    add(_throughput(r))
    add(_memory(r))
    add(_cluster(r))
    if r.profile:
        add(_profile(r.profile))
    problems = [(f.screen.id, p) for f in r.screens for p in f.problems]
    if problems or r.notes:
        add("## Problems and notes\n")
        for sid, p in problems:
            add(f"- `{sid}`: {p}")
        for note in r.notes:
            add(f"- {note}")
        add("")
    return "\n".join(out).rstrip() + "\n"


def _cli(args: dict[str, object]) -> str:
    parts = []
    for k, v in args.items():
        if v in (None, False) or k in {"out", "work_dir", "portal_port", "floor_port"}:
            continue
        flag = "--" + k.replace("_", "-")
        parts.append(flag if v is True else f"{flag} {v}")
    return " ".join(parts)


def _how() -> str:
    return """## How it is measured

- Two real servers (`streamlit run`, same flags, same `.streamlit/config.toml`): the portal
  (`app.py`) and the floor (`bench/floor_app.py`). bench/ws_client.py is a browser tab on
  `/_stcore/stream`: it GETs the page (keeps any Set-Cookie), opens the websocket with the
  login cookie (a JWT minted by `ui.cookie.encode`), sends `rerun_script` as Streamlit
  1.67's frontend does (`page_name` on the tab's first run, then `page_script_hash`; query
  string, browser context, cached message hashes; no widget values) and times until the
  final `script_finished`, resolving `ref_hash` messages from its cache. It ACKs every frame
  at once (TCP_QUICKACK): Streamlit 1.67's sockets lack TCP_NODELAY, so a client that delays
  its ACKs, as browsers do, gets random ~40 ms stalls per rerun that would swamp the figures
  (`--delayed-acks` measures with them).
- Screens: every page of every demo role's menu as ui/navigation.py builds it
  (bench/screens.py), plus the public pages signed out. A run counts only if it shows the
  heading from the screen's source, the server's menu maps the URL to the page it ran, no
  exception or "Page not found", and the sidebar names the signed-in user (or, signed out,
  has no logout button). Hidden pages get the query string of a link seen on a measured page.
- Same-widget floor: the element and block types the screen's run produced (counted from its
  deltas, per main/sidebar) rendered by the floor page with fixed text and one-row data, with
  a menu of the same size. "census =" says the floor's run produced exactly the same counts.
  The plain floor is a title and a paragraph.
- Single session: warm-up runs, then portal, same-widget floor and plain floor reruns
  alternating, one of each at a time.
- Load: N tabs rerun back to back (closed loop); portal and floor windows alternate; reruns/s
  is reruns completed over the window.
"""


def _targets(r: Results) -> str:
    rows = []
    if r.screens:
        bad = [f for f in r.screens if ratio(f) > SCREEN_RATIO]
        worst = max(r.screens, key=ratio)
        rows.append(
            (
                f"every screen median ≤ {SCREEN_RATIO}× its same-widget floor",
                f"{len(r.screens) - len(bad)} of {len(r.screens)} screens; worst "
                f"`{worst.screen.id}` ×{ratio(worst):.2f}",
                _ok(not bad),
            )
        )
    eight = [t for t in r.throughput if t.sessions == 8 and t.target == "portal"]
    if eight:
        low = min(eight, key=lambda t: t.share)
        rows.append(
            (
                f"8 sessions ≥ {LOAD_SHARE:.0%} of the floor's reruns/s",
                f"lowest `{low.screen}` {low.share:.0%}",
                _ok(all(t.share >= LOAD_SHARE for t in eight)),
            )
        )
    if r.cluster and r.cluster.rows:
        gain = sum(c for _, _, c in r.cluster.rows) / sum(o for _, o, _ in r.cluster.rows)
        rows.append(
            (
                f"cluster of 2 ≥ {CLUSTER_GAIN}× one process",
                f"×{gain:.2f}",
                _ok(gain >= CLUSTER_GAIN),
            )
        )
    else:
        rows.append((f"cluster of 2 ≥ {CLUSTER_GAIN}× one process", "not run (no --cluster)", "—"))
    if r.memory:
        m = r.memory
        full = m.reruns >= 5000
        rows.append(
            (
                f"RSS growth < {RSS_GROWTH:.0%} over 5,000 reruns",
                f"{m.growth:+.1%} over {m.reruns:,} reruns"
                + ("" if full else " (--quick: fewer than 5,000)"),
                _ok(m.growth < RSS_GROWTH) if full else _ok(m.growth < RSS_GROWTH) + " (partial)",
            )
        )
    lines = ["## Targets\n", "| target | measured | result |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def _screen_table(r: Results) -> str:
    plain = statistics.median(r.plain_floor)
    lines = [
        "## Single session, per screen\n",
        f"Plain floor page (a title and a paragraph): median {_ms(plain)} ms, p95 "
        f"{_ms(p95(r.plain_floor))} ms over {len(r.plain_floor)} reruns, measured between the "
        "screens' reruns.\n",
        "| role | screen | median ms | p95 ms | floor median | floor p95 | × floor | "
        f"≤ {SCREEN_RATIO}× | × plain | census = | checks |",
        "|---|---|--:|--:|--:|--:|--:|---|--:|---|---|",
    ]
    for f in r.screens:
        s = f.screen
        name = f"`/{s.url_path}{'?' + f.query if f.query else ''}` {s.file}"
        checks = "ok" if not f.problems else "see notes"
        lines.append(
            f"| {s.role_label} | {name} | {_ms(statistics.median(f.portal))} | "
            f"{_ms(p95(f.portal))} | {_ms(statistics.median(f.floor))} | {_ms(p95(f.floor))} | "
            f"{ratio(f):.2f} | {_ok(ratio(f) <= SCREEN_RATIO)} | "
            f"{statistics.median(f.portal) / plain:.1f} | {'yes' if f.census_matches else 'no'} "
            f"| {checks} |"
        )
    ratios = [ratio(f) for f in r.screens]
    lines.append(
        f"\n{len(r.screens)} screens, {len(r.screens[0].portal)} timed reruns each; × floor: "
        f"median {statistics.median(ratios):.2f}, best {min(ratios):.2f}, "
        f"worst {max(ratios):.2f}.\n"
    )
    return "\n".join(lines)


def _throughput(r: Results) -> str:
    rows = [t for t in r.throughput if t.target in {"portal", "floor"}]
    if not rows:
        return "## Concurrent sessions\n\nNot run.\n"
    lines = [
        "## Concurrent sessions\n",
        "Total reruns/s of N signed-in tabs rerunning back to back, against the same-widget "
        "floor under the same concurrency.\n",
        "| sessions | screen | portal reruns/s | floor reruns/s | share | target | "
        "portal median latency ms | floor median latency ms | failed reruns |",
        "|--:|---|--:|--:|--:|---|--:|--:|--:|",
    ]
    for t in rows:
        target = _ok(t.share >= LOAD_SHARE) if t.sessions == 8 and t.target == "portal" else "—"
        lines.append(
            f"| {t.sessions} | `{t.screen}` | {t.portal_rate:.1f} | {t.floor_rate:.1f} | "
            f"{t.share:.0%} | {target} | {_ms(t.portal_latency)} | {_ms(t.floor_latency)} | "
            f"{t.failures} |"
        )
    return "\n".join(lines) + "\n"


def _memory(r: Results) -> str:
    if not r.memory:
        return "## Server memory\n\nNot run.\n"
    m = r.memory
    return (
        "## Server memory\n\n"
        f"RSS of the portal server process (and children) after a few warm-up reruns, then "
        f"after {m.reruns:,} reruns over {m.sessions} sessions on "
        f"{', '.join(f'`{s}`' for s in m.screens)} ({m.seconds:.0f} s, "
        f"{m.reruns / m.seconds:.1f} reruns/s): {m.before / 2**20:.1f} MiB → "
        f"{m.after / 2**20:.1f} MiB, {m.growth:+.1%} — {_ok(m.growth < RSS_GROWTH)}.\n"
    )


def _cluster(r: Results) -> str:
    head = "## One process vs cluster\n\n"
    if not r.cluster:
        return head + (
            "Not run. Pass `--cluster http://HOST:PORT` (a proxy with a sticky cookie in front "
            "of N portal processes on the same database and AUTH_COOKIE_KEY): each tab GETs "
            "the page first and sends the proxy's cookie on its websocket, and 8 sessions' "
            "reruns/s through the proxy are compared with this run's one process, windows "
            "alternating.\n"
        )
    c = r.cluster
    lines = [
        head + f"Cluster `{c.url}`, 8 sessions per screen.\n",
        "| screen | one process reruns/s | cluster reruns/s | × |",
        "|---|--:|--:|--:|",
    ]
    for sid, one, many in c.rows:
        lines.append(f"| `{sid}` | {one:.1f} | {many:.1f} | {many / one if one else 0:.2f} |")
    spread = ", ".join(f"`{k}`: {v}" for k, v in sorted(c.spread.items()))
    lines.append(f"\nSessions per sticky cookie: {spread}.\n")
    return "\n".join(lines)


def _profile(p: dict[str, object]) -> str:
    lines = [f"## Profile (py-spy on the portal process, 8 sessions on `{p['screen']}`)\n"]
    if "error" in p:
        return "\n".join([*lines, f"py-spy failed: `{p['error']}`\n"])
    samples = int(p["samples"]) or 1  # type: ignore[call-overload]
    lines.append(
        f"{p['samples']} samples over {p['seconds']:.0f} s ({p['reruns']} reruns); raw stacks "
        f"in `{p['raw']}`.\n"
    )
    lines += ["Self samples by package:\n", "| package | share |", "|---|--:|"]
    lines += [f"| {a} | {n / samples:.0%} |" for a, n in p["areas"][:12]]  # type: ignore[index]
    for title, key in (
        ("innermost frame (any package)", "self"),
        ("the portal's own, anywhere on the stack", "total"),
    ):
        lines += [f"\nTop functions, {title}:\n", "| function | share |", "|---|--:|"]
        lines += [
            f"| `{f}` | {n / samples:.1%} |"
            for f, n in p[key]  # type: ignore[attr-defined]
        ]
    return "\n".join(lines) + "\n"
