"""deploy/cluster.py without starting anything: the checks before a start, the secrets all
processes share, the HAProxy config it writes, and `make serve` using the same flags."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy import cluster

ROOT = Path(__file__).resolve().parents[2]


def test_more_than_one_process_refuses_sqlite_and_says_what_to_set():
    with pytest.raises(cluster.ClusterError, match=r"PROCS=2 needs PostgreSQL.*DATABASE_URL"):
        cluster.check_database(2, "sqlite:///var/portal.sqlite3")
    cluster.check_database(1, "sqlite:///var/portal.sqlite3")
    cluster.check_database(4, "postgresql+psycopg://postgres@127.0.0.1/mchch")


def test_missing_secrets_are_generated_once_and_reused(tmp_path):
    first = cluster.shared_secrets({"PORTAL_ENV": "development"}, tmp_path)
    again = cluster.shared_secrets({"PORTAL_ENV": "development"}, tmp_path)
    assert first == again
    assert set(first) == set(cluster.SHARED_SECRETS)
    assert all(len(v) >= cluster.MIN_SECRET_LENGTH for v in first.values())
    assert (tmp_path / "cookie_key").stat().st_mode & 0o777 == 0o600


def test_given_secrets_are_passed_as_they_are(tmp_path):
    env = {"AUTH_COOKIE_KEY": "a" * 40, "PORTAL_ENV": "development"}
    assert cluster.shared_secrets(env, tmp_path)["AUTH_COOKIE_KEY"] == "a" * 40
    assert not (tmp_path / "cookie_key").exists()


def test_production_generates_no_secret_and_names_the_missing_ones(tmp_path):
    env = {"PORTAL_ENV": "production", "AUTH_COOKIE_KEY": "a" * 40}
    with pytest.raises(cluster.ClusterError) as raised:
        cluster.shared_secrets(env, tmp_path)
    assert "NATIONAL_ID_HASH_KEY" in str(raised.value)
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in str(raised.value)
    assert "AUTH_COOKIE_KEY" not in str(raised.value)
    assert not list(tmp_path.iterdir())


def _config(tmp_path: Path) -> str:
    backends = [
        cluster.Backend("p1", 8711, tmp_path / "p1.log"),
        cluster.Backend("p2", 8712, tmp_path / "p2.log"),
    ]
    return cluster.render_config(
        bind="127.0.0.1", port=8710, backends=backends, stats_socket=tmp_path / "haproxy.sock"
    )


def test_the_config_is_sticky_by_an_inserted_cookie_and_names_the_process(tmp_path):
    config = _config(tmp_path)
    assert "bind 127.0.0.1:8710" in config
    assert "cookie PORTALSRV insert indirect nocache httponly" in config
    assert "server p1 127.0.0.1:8711 cookie p1" in config
    assert "server p2 127.0.0.1:8712 cookie p2" in config
    assert "option httpchk GET /_stcore/health" in config
    assert "http-response set-header X-Portal-Process %s" in config
    assert re.search(r"timeout tunnel \d+h", config)
    assert "$" not in config  # every placeholder filled


@pytest.mark.skipif(
    shutil.which("haproxy") is None and not Path("/usr/sbin/haproxy").exists(),
    reason="HAProxy not installed",
)
def test_haproxy_accepts_the_generated_config(tmp_path):
    path = tmp_path / "haproxy.cfg"
    path.write_text(_config(tmp_path), encoding="utf-8")
    checked = subprocess.run(
        [cluster.haproxy_binary(), "-c", "-f", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_make_serve_runs_streamlit_with_the_same_production_flags():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    flags = " ".join(recipe.replace("\\\n", " ").split())
    assert " ".join(cluster.PRODUCTION_FLAGS) in flags
    assert "seed" not in recipe.split("\n", 1)[0]  # serve depends on migrate, not on the demo
