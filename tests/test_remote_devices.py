"""--appium-url: the mobile scenarios run against an Appium server started elsewhere.

The device simulator runs as a separate process, the way a remote Appium server would
(`python -m sandbox --only simulator`), beside a portal started separately (`--only portal`),
both on the same database and token. The harness attaches to that portal (--sandbox-url)
instead of starting its own sandbox, so accounts, sessions and orders are the simulator's too.
"""
from __future__ import annotations

import os
import pathlib
import re
import socket
import subprocess
import sys
import time

import pytest

from harness.sandbox_process import SandboxProcess

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture
def split_sandbox(tmp_path):
    """Portal and simulator as two processes sharing one SQLite file and one token."""
    portal = SandboxProcess(tmp_path / "portal.log", extra_args=["--only", "portal"],
                            env={"PA_SANDBOX_MUTATIONS": None})
    portal_url = portal.start()["portal_url"]
    simulator = SandboxProcess(tmp_path / "simulator.log",
                               extra_args=["--only", "simulator", "--db", str(portal.db_path)],
                               env={"PA_PORTAL_URL": portal_url, "PA_SANDBOX_MUTATIONS": None})
    simulator.token = portal.token
    try:
        appium_url = simulator.start()["appium_url"]
    except Exception:
        portal.stop()
        raise
    yield portal_url, appium_url, portal.token
    simulator.stop()
    portal.stop()


def run_mobile(tmp_path, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-m", "ios or android", "-p", "no:cacheprovider", "-q",
         "--output", str(tmp_path / "artefacts"), "--junitxml", str(tmp_path / "junit.xml"),
         "--html-report", str(tmp_path / "index.html"), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**{k: v for k, v in os.environ.items() if k not in ("PA_SANDBOX_MUTATIONS", "PA_APPIUM_URL")},
             **(env or {})})


def test_mobile_scenarios_pass_against_a_separate_simulator(tmp_path, split_sandbox):
    portal_url, appium_url, token = split_sandbox
    result = run_mobile(tmp_path, "--sandbox-url", portal_url, "--appium-url", appium_url,
                        env={"PA_SANDBOX_TOKEN": token})
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    passed = int(re.search(r"(\d+) passed", out).group(1))
    assert passed >= 10 and "failed" not in out, out[-3000:]


def test_sandbox_url_without_token_is_refused_clearly(tmp_path, split_sandbox):
    portal_url, _, _ = split_sandbox
    result = run_mobile(tmp_path, "--sandbox-url", portal_url, env={"PA_SANDBOX_TOKEN": ""})
    assert result.returncode == 4, result.stdout + result.stderr
    assert "PA_SANDBOX_TOKEN" in result.stderr


def test_unreachable_appium_server_fails_mobile_scenarios_within_seconds(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    started = time.monotonic()
    result = run_mobile(tmp_path, "--appium-url", dead, "-k", "iPad or Android", "-x")
    elapsed = time.monotonic() - started
    out = result.stdout + result.stderr
    assert result.returncode == 1, out[-3000:]
    assert "Serveur Appium injoignable" in out, out[-3000:]
    assert elapsed < 30, f"{elapsed:.1f} s pour constater que le serveur Appium est injoignable"
