"""Several portal processes behind HAProxy, sticky by a cookie the proxy inserts.

    python -m deploy.cluster --procs 2 --port 8501          (what `make cluster` runs)

From Python (a benchmark, a test):

    from deploy.cluster import running
    with running(procs=2, port=8700, env={"DATABASE_URL": "postgresql+psycopg://…"}) as c:
        ...  # c.url, c.backends[i].name / .port / .log, c.states()

What it does, in order: checks the settings (PostgreSQL when more than one process; the same
secrets for all, generated once under var/ for a local run), migrates the database once,
starts the Streamlit processes on internal ports (127.0.0.1 only), waits until each answers
/_stcore/health, writes the HAProxy config from deploy/haproxy.cfg.template, starts HAProxy
and waits until it sees every process up. Leaving the block (or Ctrl-C / SIGTERM on the
command line) stops HAProxy first, then every process.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
DEFAULT_RUN_DIR = ROOT / "var" / "cluster"
DEFAULT_SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'portal.sqlite3'}"

# The same production flags as `make serve` (tests/unit/test_deploy.py keeps them equal).
# The file watcher walks every loaded module on every run, and the full GC after each run was
# half the script time: both off in production.
PRODUCTION_FLAGS = (
    "--server.headless",
    "true",
    "--server.fileWatcherType",
    "none",
    "--runner.postScriptGC",
    "false",
)

# One value for every process, or a login (or Streamlit's XSRF cookie) made by one process is
# refused by the next. The file names of the first two are settings.py's, so `make run` and
# `make cluster` on one checkout share them.
SHARED_SECRETS = {
    "AUTH_COOKIE_KEY": "cookie_key",
    "NATIONAL_ID_HASH_KEY": "national_id_key",
    "STREAMLIT_SERVER_COOKIE_SECRET": "streamlit_cookie_secret",
}
MIN_SECRET_LENGTH = 32


class ClusterError(RuntimeError):
    """A reason not to start, said so that an operator knows what to change."""


@dataclass
class Backend:
    name: str  # HAProxy's server name: the sticky cookie's value and X-Portal-Process
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    url: str
    port: int
    backends: list[Backend]
    config: Path
    proxy_log: Path
    stats_socket: Path
    proxy: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict, repr=False)

    def states(self) -> dict[str, str]:
        """Each process's state as HAProxy sees it (UP, DOWN, …), from its stats socket."""
        table = _stats(self.stats_socket)
        return {
            row["svname"]: row["status"]
            for row in table
            if row["pxname"] == "streamlit" and row["svname"] not in ("BACKEND", "FRONTEND")
        }

    def describe(self) -> str:
        lines = [f"portal: {self.url} (HAProxy, log {self.proxy_log}, config {self.config})"]
        lines += [f"  {b.name}: {b.url}  log {b.log}" for b in self.backends]
        return "\n".join(lines)


# ----------------------------------------------------------------------------- settings


def _secrets_file() -> dict[str, object]:
    import tomllib

    path = ROOT / ".streamlit" / "secrets.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _setting(name: str, env: Mapping[str, str]) -> str | None:
    """As settings.py reads it: the environment first, then .streamlit/secrets.toml."""
    if name in env:
        return env[name]
    value = _secrets_file().get(name)
    return str(value) if value is not None else None


def database_url(env: Mapping[str, str]) -> str:
    return _setting("DATABASE_URL", env) or DEFAULT_SQLITE_URL


def check_database(procs: int, url: str) -> None:
    if procs > 1 and url.startswith("sqlite"):
        raise ClusterError(
            f"PROCS={procs} needs PostgreSQL: set DATABASE_URL=postgresql+psycopg://user@host/db "
            "(SQLite is a file on one machine: every process would queue for its one write lock, "
            "and a second machine could not reach it at all). PROCS=1 runs on SQLite."
        )


def shared_secrets(env: Mapping[str, str], var_dir: Path) -> dict[str, str]:
    """The secrets every process gets, the same for all. In production each must be given;
    otherwise a missing one is generated once into var_dir and reused on the next start."""
    production = (_setting("PORTAL_ENV", env) or "development") == "production"
    found: dict[str, str] = {}
    missing = []
    for name, file_name in SHARED_SECRETS.items():
        value = _setting(name, env)
        if value:
            found[name] = value
            continue
        if production:
            missing.append(name)
            continue
        path = var_dir / file_name
        if path.exists():
            found[name] = path.read_text(encoding="utf-8").strip()
        else:
            var_dir.mkdir(parents=True, exist_ok=True)
            found[name] = secrets.token_urlsafe(48)
            path.write_text(found[name], encoding="utf-8")
            path.chmod(0o600)
    if missing:
        raise ClusterError(
            "PORTAL_ENV=production: set "
            + ", ".join(missing)
            + f" (each ≥ {MIN_SECRET_LENGTH} random characters, the same on every process and "
            "machine; e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
        )
    short = [n for n, v in found.items() if len(v) < MIN_SECRET_LENGTH]
    if production and short:
        raise ClusterError(f"PORTAL_ENV=production: too short ({MIN_SECRET_LENGTH}+): {short}")
    return found


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None
    )
    if found is None:
        raise ClusterError("HAProxy is not installed (Debian: apt-get install -y haproxy).")
    return found


def render_config(
    *, bind: str, port: int, backends: list[Backend], stats_socket: Path, template: Path = TEMPLATE
) -> str:
    servers = "\n".join(f"    server {b.name} 127.0.0.1:{b.port} cookie {b.name}" for b in backends)
    return string.Template(template.read_text(encoding="utf-8")).substitute(
        bind=bind, port=port, servers=servers, stats_socket=stats_socket
    )


# ----------------------------------------------------------------------------- processes


def _streamlit_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        *PRODUCTION_FLAGS,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _wait_backends(backends: list[Backend], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(backends)
    while waiting:
        for backend in list(waiting):
            assert backend.process is not None
            if backend.process.poll() is not None:
                raise ClusterError(
                    f"{backend.name} exited with {backend.process.returncode}; "
                    f"its log {backend.log}:\n{_tail(backend.log)}"
                )
            if _healthy(backend.url):
                waiting.remove(backend)
        if waiting and time.monotonic() > deadline:
            names = ", ".join(b.name for b in waiting)
            raise ClusterError(f"not healthy after {timeout:.0f} s: {names}")
        if waiting:
            time.sleep(0.5)


def _stats(sock_path: Path) -> list[dict[str, str]]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(str(sock_path))
        s.sendall(b"show stat\n")
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    text = b"".join(chunks).decode().lstrip("# ")
    return list(csv.DictReader(io.StringIO(text)))


def _wait_proxy(cluster: Cluster, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert cluster.proxy is not None
        if cluster.proxy.poll() is not None:
            raise ClusterError(
                f"HAProxy exited with {cluster.proxy.returncode}; "
                f"its log {cluster.proxy_log}:\n{_tail(cluster.proxy_log)}"
            )
        with contextlib.suppress(OSError):
            states = cluster.states()
            if states and all(s == "UP" for s in states.values()) and _healthy(cluster.url):
                return
        if time.monotonic() > deadline:
            raise ClusterError(f"HAProxy does not see every process up: {cluster.url}")
        time.sleep(0.5)


def _stop(process: subprocess.Popen[bytes] | None, grace: float = 15) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextlib.contextmanager
def running(
    procs: int,
    port: int,
    env: Mapping[str, str] | None = None,
    *,
    backend_ports: list[int] | None = None,
    bind: str = "127.0.0.1",
    run_dir: Path = DEFAULT_RUN_DIR,
    var_dir: Path | None = None,
    timeout: float = 180,
) -> Iterator[Cluster]:
    """`procs` portal processes behind HAProxy on `port`, stopped on leaving the block.

    env: the processes' environment (default os.environ); DATABASE_URL must be PostgreSQL when
    procs > 1. backend_ports: the internal ports (default port+1 … port+procs). run_dir: the
    generated config, the stats socket and one log per process. var_dir: where missing secrets
    are generated for a local run (default var/, shared with `make run`)."""
    if procs < 1:
        raise ClusterError("PROCS must be at least 1")
    base_env = dict(os.environ if env is None else env)
    url = database_url(base_env)
    check_database(procs, url)
    proxy_binary = haproxy_binary()
    ports = backend_ports or [port + 1 + i for i in range(procs)]
    if len(ports) != procs:
        raise ClusterError(f"{procs} processes need {procs} backend ports, got {ports}")
    busy = [p for p in (port, *ports) if not _port_free(p)]
    if busy:
        raise ClusterError(f"ports already in use: {busy} (choose PORT / BACKEND_PORT)")

    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    process_env = {
        **base_env,
        **shared_secrets(base_env, Path(var_dir) if var_dir else ROOT / "var"),
        "DATABASE_URL": url,
        "PYTHONUNBUFFERED": "1",
    }
    process_env.setdefault("PORTAL_BASE_URL", f"http://localhost:{port}")

    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=ROOT,
        env=process_env,
        capture_output=True,
        text=True,
    )
    if migrate.returncode != 0:
        raise ClusterError(f"migrate failed:\n{migrate.stdout}{migrate.stderr}")

    backends = [Backend(f"p{i + 1}", p, run_dir / f"p{i + 1}.log") for i, p in enumerate(ports)]
    cluster = Cluster(
        url=f"http://127.0.0.1:{port}" if bind in ("", "0.0.0.0", "*") else f"http://{bind}:{port}",
        port=port,
        backends=backends,
        config=run_dir / "haproxy.cfg",
        proxy_log=run_dir / "haproxy.log",
        stats_socket=run_dir / "haproxy.sock",
        env=process_env,
    )
    try:
        for backend in backends:
            with backend.log.open("ab") as log:
                backend.process = subprocess.Popen(
                    _streamlit_command(backend.port),
                    cwd=ROOT,
                    env=process_env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
        _wait_backends(backends, timeout)
        cluster.stats_socket.unlink(missing_ok=True)
        cluster.config.write_text(
            render_config(
                bind="" if bind in ("", "*") else bind,
                port=port,
                backends=backends,
                stats_socket=cluster.stats_socket,
            ),
            encoding="utf-8",
        )
        checked = subprocess.run(
            [proxy_binary, "-c", "-q", "-f", str(cluster.config)], capture_output=True, text=True
        )
        if checked.returncode != 0:
            raise ClusterError(f"HAProxy refuses {cluster.config}:\n{checked.stderr}")
        with cluster.proxy_log.open("ab") as log:
            cluster.proxy = subprocess.Popen(
                [proxy_binary, "-db", "-f", str(cluster.config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_proxy(cluster, timeout)
        yield cluster
    finally:
        _stop(cluster.proxy)
        for backend in backends:
            _stop(backend.process)
        cluster.stats_socket.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- command line


def _stop_on_sigterm() -> None:
    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--port", type=int, default=8501, help="where HAProxy listens")
    parser.add_argument(
        "--backend-port", type=int, help="first internal port (default: PORT+1, PORT+2, …)"
    )
    parser.add_argument("--bind", default="", help="HAProxy's address (default: every interface)")
    parser.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR)
    args = parser.parse_args(argv)
    backend_ports = (
        [args.backend_port + i for i in range(args.procs)] if args.backend_port else None
    )
    _stop_on_sigterm()
    try:
        with running(
            args.procs,
            args.port,
            backend_ports=backend_ports,
            bind=args.bind,
            run_dir=args.run_dir,
        ) as cluster:
            print(cluster.describe(), flush=True)
            print("Ctrl-C stops every process.", flush=True)
            return _watch(cluster)
    except ClusterError as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0


def _watch(cluster: Cluster) -> int:
    """Until Ctrl-C: say when a process dies (HAProxy then sends its browsers elsewhere);
    give up when HAProxy or every process has gone."""
    reported: set[str] = set()
    while True:
        time.sleep(1)
        assert cluster.proxy is not None
        if cluster.proxy.poll() is not None:
            print(f"HAProxy exited; see {cluster.proxy_log}", file=sys.stderr)
            return 1
        for backend in cluster.backends:
            assert backend.process is not None
            if backend.process.poll() is not None and backend.name not in reported:
                reported.add(backend.name)
                print(
                    f"{backend.name} exited with {backend.process.returncode}; see {backend.log}",
                    file=sys.stderr,
                )
        if len(reported) == len(cluster.backends):
            return 1


if __name__ == "__main__":
    sys.exit(main())
