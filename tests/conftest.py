"""Fixtures of the harness's own tests: a real sandbox process and direct access to its store.

The sandbox is started as the harness starts it (`python -m sandbox --machine`, token in the
environment, JSON line `SANDBOX-READY {...}`), on a temporary database that the tests open too.
"""
from __future__ import annotations

import pathlib
import secrets
import shutil
import subprocess
from dataclasses import dataclass

import pytest

from harness.sandbox_process import SandboxProcess

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Sample projects run in a subprocess by the tests (their own conftest/pytest.ini): not collected here.
collect_ignore = ["fixtures"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "verifier: lance le harnais entier (scénarios, make, parties, navigateur ou appareils distants) ; "
                   "exécuté par `make verifier`, pas par `make test`")


@dataclass
class RunningSandbox:
    portal_url: str
    appium_url: str
    db_path: str
    token: str
    process: SandboxProcess
    issuer_url: str = ""

    def store(self):
        from sandbox.store import Store  # tests may import the sandbox; the harness may not
        return Store(self.db_path)

    def stop(self) -> None:
        self.process.stop()


def start_sandbox(directory: pathlib.Path, mutations: list[str] | None = None, timeout: float = 20.0,
                  extra_args: list[str] | None = None) -> RunningSandbox:
    """The sandbox as the harness starts it, with regressions switched on if asked."""
    args = [arg for mutation in mutations or [] for arg in ("--mutation", mutation)] + (extra_args or [])
    # The child must not inherit a mutation switched on by the caller's environment.
    process = SandboxProcess(directory / "sandbox.log", extra_args=args,
                             env={"PA_SANDBOX_MUTATIONS": None, "PA_SANDBOX_SEALED": None})
    urls = process.start(timeout)
    return RunningSandbox(urls["portal_url"], urls["appium_url"], str(process.db_path), process.token, process,
                          urls.get("issuer_url", ""))


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


@pytest.fixture
def open_driver(sandbox_server):
    """A real Appium client session on the simulator (of `server`, or the shared sandbox's; `base` for a path
    prefix such as /wd/hub); every session opened is ended after the test."""
    from appium import webdriver
    from selenium.common.exceptions import InvalidSessionIdException

    drivers = []

    def open_(options, server=None, base: str = ""):
        driver = webdriver.Remote((server or sandbox_server).appium_url + base, options=options)
        drivers.append(driver)
        return driver
    yield open_
    for driver in drivers:
        try:
            driver.quit()
        except InvalidSessionIdException:
            pass


@pytest.fixture(scope="session")
def shared_browser():
    """One headless Chromium per worker for the tests that open a page (a report, as a reader sees it): the
    harness's choice of browser. Every such test takes this one: a second sync Playwright started in the same
    process while this one runs would fail (sync API inside an asyncio loop)."""
    from playwright.sync_api import sync_playwright

    from fixtures.browser import find_chromium

    with sync_playwright() as playwright:
        system = find_chromium(playwright.chromium.executable_path, headless=True)
        browser = playwright.chromium.launch(**({"executable_path": system} if system else {}))
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> pathlib.Path:
    """The tracked files of this repository (mtimes kept, so that make sees the venv as up to date)."""
    copy = tmp_path_factory.mktemp("depot")
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    for name in (".venv", ".tools"):
        if (ROOT / name).exists():
            (copy / name).symlink_to((ROOT / name).resolve())
    return copy
