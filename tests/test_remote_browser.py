"""--browser-server: the web scenarios run through a Playwright server (`playwright run-server`),
and the browser really runs there (the server's log shows the connection and the launch)."""
from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.verifier  # runs through a Playwright server: make verifier

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = "se_connecter_au_compte or un_mauvais_mot_de_passe or conditions_dutilisation"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def node_child(launcher_pid: int, timeout: float = 10) -> int:
    """`python -m playwright run-server` runs the Node driver as a child: that is the server to stop
    (stopping the Python launcher alone leaves Node running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for entry in pathlib.Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == launcher_pid:
                return int(entry.name)
        time.sleep(0.05)
    raise AssertionError("le serveur Playwright (node) n'a pas démarré")


@pytest.fixture
def playwright_server(tmp_path):
    port = free_port()
    log_path = tmp_path / "playwright-server.log"
    log = open(log_path, "w", encoding="utf-8")
    # --unsafe: the server must accept the launch options the harness sends (executablePath of the
    # system Chromium when Playwright's own browser is not installed). Loopback only.
    launcher = subprocess.Popen(
        [sys.executable, "-m", "playwright", "run-server", "--host", "127.0.0.1", "--port", str(port), "--unsafe"],
        env={**os.environ, "DEBUG": "pw:server"}, stdout=log, stderr=subprocess.STDOUT)
    node = node_child(launcher.pid)
    deadline = time.monotonic() + 20
    while "Listening on" not in log_path.read_text(encoding="utf-8"):
        assert launcher.poll() is None and time.monotonic() < deadline, log_path.read_text(encoding="utf-8")
        time.sleep(0.05)
    yield f"ws://127.0.0.1:{port}/", log_path
    os.kill(node, signal.SIGTERM)
    launcher.wait(timeout=10)
    log.close()


def test_web_scenarios_run_through_a_playwright_server(tmp_path, playwright_server):
    endpoint, server_log = playwright_server
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-m", "web", "-k", SCENARIOS, "-p", "no:cacheprovider", "-q",
         "--browser-server", endpoint, "--output", str(tmp_path / "artefacts"),
         "--junitxml", str(tmp_path / "junit.xml"), "--html-report", str(tmp_path / "index.html")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={k: v for k, v in os.environ.items() if k != "PA_SANDBOX_MUTATIONS"})
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    assert re.search(r"\b3 passed\b", out), out[-3000:]
    log = server_log.read_text(encoding="utf-8")
    # One session (one browser per run), launched by the server: the scenarios did not launch their own.
    assert len(re.findall(r"serving connection", log)) == 1, log
    assert 'engaged launch mode for "chromium"' in log, log


def test_unreachable_browser_server_stops_the_run_with_a_clear_message(tmp_path):
    endpoint = f"ws://127.0.0.1:{free_port()}/"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-m", "web", "-k", "un_mauvais_mot_de_passe", "-p",
         "no:cacheprovider", "-q", "--browser-server", endpoint, "--output", str(tmp_path / "artefacts"),
         "--html-report", str(tmp_path / "index.html")],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Serveur de navigateurs injoignable" in out, out[-3000:]
    assert time.monotonic() - started < 60
