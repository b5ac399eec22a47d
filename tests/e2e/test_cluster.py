"""In Chromium, through HAProxy in front of two portal processes on one PostgreSQL (what
`make cluster` runs): two applicants land on different processes and each stays on its own —
page, static files, websocket, upload and PDF download — and a login cookie made through one
process is honoured by the other."""

from __future__ import annotations

import os
import random
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import settings
from deploy import cluster as deploy
from tests.databases import backend_id, configured_urls, fresh_database
from tests.e2e.browser import Journey, expect, log_in, upload
from tests.e2e.conftest import seed_demo_by_command, settle

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
HEADER = "x-portal-process"
LEADER, LEADER_NAME = "applicant-leader", "นายสมชาย ใจดี"
GROUP = "applicant-group"
APPLICATION_FORM = "พิมพ์ใบสมัคร (PDF)"


def _free_ports(count: int) -> list[int]:
    """Free local ports; CLUSTER_TEST_PORTS=8700-8799 keeps them in a range a machine allows."""
    span = os.environ.get("CLUSTER_TEST_PORTS")
    if span:
        low, high = (int(p) for p in span.split("-"))
        candidates = random.sample(range(low, high + 1), high - low + 1)
    else:
        candidates = []
        for _ in range(count * 4):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                candidates.append(s.getsockname()[1])
    free = [p for p in dict.fromkeys(candidates) if deploy._port_free(p)]
    if len(free) < count:
        raise RuntimeError(f"not {count} free ports among {span or 'the ephemeral ones'}")
    return free[:count]


@pytest.fixture(scope="module")
def cluster(artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[deploy.Cluster]:
    server = next((u for u in configured_urls() if backend_id(u) == "postgresql"), None)
    if server is None:  # in CI this skip fails the test (tests/conftest.py)
        pytest.skip("the cluster needs PostgreSQL: add its URL to TEST_DATABASE_URLS")
    try:
        deploy.haproxy_binary()
    except deploy.ClusterError as error:
        pytest.skip(str(error))
    with fresh_database(server, prefix="mchch_cluster") as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORTAL_ENV": "development",
            "AUTH_COOKIE_KEY": "cluster-e2e-" + "k" * 40,
            "NATIONAL_ID_HASH_KEY": "cluster-e2e-" + "n" * 40,
            "STREAMLIT_SERVER_COOKIE_SECRET": "cluster-e2e-" + "s" * 40,
        }
        env.pop("DEMO_TODAY", None)
        seed_demo_by_command(env)
        port, *backend_ports = _free_ports(3)
        with deploy.running(
            2,
            port,
            env,
            backend_ports=backend_ports,
            run_dir=artifacts / "cluster",  # the generated config and each process's log
            var_dir=tmp_path_factory.mktemp("cluster-var"),
        ) as running:
            yield running


class Browsing:
    """A browser context through the proxy that remembers which process answered each
    request to the portal."""

    def __init__(self, browser, cluster: deploy.Cluster, username: str, **options) -> None:  # type: ignore[no-untyped-def]
        self.cluster = cluster
        self.context = browser.new_context(**DESKTOP, **options)
        self.served: list[tuple[str, str]] = []
        self.context.on("response", self._record)
        self.journey = Journey("cluster", username, username, self.context, self.context.new_page())

    def _record(self, response) -> None:  # type: ignore[no-untyped-def]
        if response.url.startswith(self.cluster.url):
            self.served.append((response.url, response.headers.get(HEADER, "")))

    @property
    def page(self):  # type: ignore[no-untyped-def]
        return self.journey.page

    def open(self, path: str) -> str:
        """Opens a page; returns the process that served its HTML."""
        response = self.page.goto(self.cluster.url + path)
        settle(self.page)
        assert response is not None and response.ok, response
        return response.headers.get(HEADER, "")

    def processes(self) -> set[str]:
        return {process for _, process in self.served}

    def served_paths(self, part: str) -> list[tuple[str, str]]:
        return [(url, process) for url, process in self.served if part in url]


def _pdf(path: Path) -> Path:
    path.write_bytes(
        b"%PDF-1.4\n% cluster e2e document\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    )
    return path


def _upload_first(browsing: Browsing, path: Path) -> None:
    """Chooses `path` in the page's first file picker and presses its upload button."""
    picker = browsing.page.locator("[data-testid='stFileUploader']").first
    upload(browsing.journey, picker, path, timeout=30000)


def _download_application_form(browsing: Browsing, saved: Path) -> bytes:
    browsing.open("/apply")
    button = browsing.page.get_by_role("button", name=APPLICATION_FORM)
    button.scroll_into_view_if_needed()
    with browsing.page.expect_download(timeout=120_000) as download:
        button.click()
    download.value.save_as(saved)
    return saved.read_bytes()


def test_two_browsers_on_two_processes_keep_their_own_and_share_the_login(
    browser, cluster, artifacts, tmp_path
):
    assert cluster.states() == {"p1": "UP", "p2": "UP"}
    leader = Browsing(browser, cluster, LEADER)
    group = Browsing(browser, cluster, GROUP)
    try:
        log_in(leader.journey, cluster.url, LEADER, settings.DEMO_PASSWORD)
        # The leader's websocket holds a connection to its process: the proxy (least
        # connections) sends the next new browser to the other one.
        log_in(group.journey, cluster.url, GROUP, settings.DEMO_PASSWORD)
        first, second = leader.open("/apply"), group.open("/develop")
        assert {first, second} == {"p1", "p2"}, (first, second)

        # Each uploads a document and downloads a PDF through the proxy.
        _upload_first(leader, _pdf(tmp_path / f"leader-{uuid.uuid4().hex[:6]}.pdf"))
        _upload_first(group, _pdf(tmp_path / f"evidence-{uuid.uuid4().hex[:6]}.pdf"))
        leader.page.screenshot(path=str(artifacts / "cluster-leader-uploaded.png"))
        for browsing, name in ((leader, "leader"), (group, "group")):
            data = _download_application_form(browsing, artifacts / f"cluster-{name}-form.pdf")
            assert data.startswith(b"%PDF"), data[:20]

        # Every response each browser got, from the page to the upload, came from its process.
        for browsing, process in ((leader, first), (group, second)):
            assert browsing.processes() == {process}, browsing.served
            uploads = browsing.served_paths("/_stcore/upload_file/")
            assert uploads and {p for _, p in uploads} == {process}, browsing.served
            assert browsing.served_paths("/static/"), browsing.served  # static files too
            assert browsing.served_paths("/media/"), browsing.served  # the PDFs

        # The leader's login cookie, with the proxy's cookie pointing at the other process.
        state = leader.context.storage_state()
        names = {c["name"] for c in state["cookies"]}
        assert {os.environ.get("AUTH_COOKIE_NAME", "mchch_auth"), "PORTALSRV"} <= names, names
        for c in state["cookies"]:
            if c["name"] == "PORTALSRV":
                assert c["value"] == first and c["httpOnly"], c
                c["value"] = second
        elsewhere = Browsing(browser, cluster, LEADER, storage_state=state)
        try:
            assert elsewhere.open("/") == second
            page = elsewhere.page
            page.get_by_role("button", name="ออกจากระบบ").wait_for(state="attached", timeout=30000)
            sidebar = page.locator("[data-testid='stSidebar']").text_content() or ""
            assert LEADER_NAME in sidebar, sidebar
            elsewhere.open("/apply")
            expect(page, "เอกสารประกอบการสมัคร")
            page.get_by_role("button", name=APPLICATION_FORM).wait_for(state="visible")
            settle(page)
            page.screenshot(path=str(artifacts / "cluster-login-on-the-other-process.png"))
            assert elsewhere.processes() == {second}, elsewhere.served
        finally:
            elsewhere.context.close()
    finally:
        leader.context.close()
        group.context.close()
