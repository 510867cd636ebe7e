"""Fixtures of the harness's own tests: a real sandbox process and direct access to its store.

The sandbox is started as the harness starts it (`python -m sandbox --machine`, token in the
environment, JSON line `SANDBOX-READY {...}`), on a temporary database that the tests open too.
"""
from __future__ import annotations

import json
import os
import pathlib
import secrets
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
READY_PREFIX = "SANDBOX-READY "
# Sample projects run in a subprocess by the tests (their own conftest/pytest.ini): not collected here.
collect_ignore = ["fixtures"]


@dataclass
class RunningSandbox:
    portal_url: str
    appium_url: str
    db_path: str
    token: str
    process: subprocess.Popen

    def store(self):
        from sandbox.store import Store  # tests may import the sandbox; the harness may not
        return Store(self.db_path)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_sandbox(directory: pathlib.Path, mutations: list[str] | None = None, timeout: float = 20.0) -> RunningSandbox:
    directory.mkdir(parents=True, exist_ok=True)
    db = directory / "sandbox.db"
    token = secrets.token_urlsafe(16)
    env = {**os.environ, "PA_SANDBOX_TOKEN": token, "PYTHONUNBUFFERED": "1"}
    env.pop("PA_SANDBOX_MUTATIONS", None)
    cmd = [sys.executable, "-m", "sandbox", "--machine", "--portal-port", "0", "--simulator-port", "0",
           "--db", str(db)]
    for mutation in mutations or []:
        cmd += ["--mutation", mutation]
    log = open(directory / "sandbox.log", "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    log.close()
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and selector.select(timeout=max(0.0, deadline - time.monotonic())):
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith(READY_PREFIX):
            urls = json.loads(line[len(READY_PREFIX):])
            return RunningSandbox(urls["portal_url"], urls["appium_url"], str(db), token, proc)
    proc.kill()
    proc.wait()
    raise RuntimeError(f"sandbox did not start: {(directory / 'sandbox.log').read_text()[-2000:]}")


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory) -> RunningSandbox:
    running = start_sandbox(tmp_path_factory.mktemp("sandbox"))
    yield running
    running.stop()


@pytest.fixture
def store(sandbox_server):
    return sandbox_server.store()


@pytest.fixture
def make_account(store):
    """Create a fresh account (unique e-mail) with computers; returns (account_id, email, password)."""
    def make(computers=(("Mac de bureau", "macOS 14"), ("PC du salon", "Windows 11"))):
        email = f"client-{secrets.token_hex(4)}@example.fr"
        password = "Motdepasse-" + secrets.token_hex(3)
        account_id = store.create_account(email, password, "Camille", "Durand", computers=list(computers))
        return account_id, email, password
    return make
