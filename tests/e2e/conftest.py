"""A real portal server on a free port with a fresh demo database, driven by Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.databases import fresh_database

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"portal exited early with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("portal did not become healthy")


class Portal(str):
    """A running portal: the string is its URL (so `portal + "/login"` works); `.database_url`
    is its own database, for tests that check what the screens wrote."""

    database_url: str

    def __new__(cls, url: str, database_url: str) -> Portal:
        portal = super().__new__(cls, url)
        portal.database_url = database_url
        return portal

    @property
    def url(self) -> str:
        return str(self)


def seed_demo_by_command(env: dict[str, str]) -> None:
    """Migrate and seed the demo into env's DATABASE_URL as a new user does (manage.py)."""
    for command in ("migrate", "seed-demo"):
        subprocess.run(
            [sys.executable, "manage.py", command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )


@contextmanager
def serve_portal(
    extra_env: dict[str, str] | None = None, *, server: str = "sqlite"
) -> Iterator[Portal]:
    """A portal process on a free port with a fresh demo database of its own, on `server`
    (an entry of TEST_DATABASE_URLS)."""
    with fresh_database(server) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORTAL_ENV": "development",
            "AUTH_COOKIE_KEY": "e2e-" + "k" * 44,
            **(extra_env or {}),
        }
        if not extra_env or "DEMO_TODAY" not in extra_env:
            env.pop("DEMO_TODAY", None)
        seed_demo_by_command(env)
        port = _free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc)
            yield Portal(url, database_url)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture(scope="session")
def portal_url() -> Iterator[str]:
    """The shared portal: tests using it must not depend on each other's changes."""
    with serve_portal() as portal:
        yield portal.url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished the run that the last action started."""
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30000
    )
    page.wait_for_timeout(300)
