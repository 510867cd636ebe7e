"""The one door to pytest-playwright's internals: every use of a pytest-playwright name that is not its public API
(fixtures and command-line options) is here.

What follows has no public equivalent in pytest-playwright 0.10.0:

- `ArtifactsRecorder.on_did_create_browser_context` / `on_will_close_browser_context` (a private class, created
  by the private `_artifacts_recorder` fixture): with --tracing retain-on-failure and --screenshot
  only-on-failure, pytest-playwright records a trace and takes a screenshot of every scenario, writes them when
  the context closes and deletes them when the scenario passed. No option or hook lets a plugin skip that work for
  a scenario that passed (~0.2-0.4 s of CPU per web scenario on 2 cores, README "Vitesse"), nor leave the
  screencast out of the trace (`tracing.start(screenshots=...)` is fixed to True). `install_lean_recorder`
  replaces the two methods, only on the pinned version; on any other version it leaves pytest-playwright alone
  and warns.

An upgrade of pytest-playwright: change PINNED_VERSION with the pin of pyproject.toml and run `make test`
(tests/test_library_doors.py fails loudly, naming the internal, when one moved).
"""
from __future__ import annotations

import warnings
from collections.abc import Callable
from importlib.metadata import version

from pytest_playwright.pytest_playwright import ArtifactsRecorder, slugify

PINNED_VERSION = "0.10.0"
PATCHED_METHODS = ("on_did_create_browser_context", "on_will_close_browser_context")
# The private attributes of ArtifactsRecorder the replacements read.
RECORDER_ATTRIBUTES = ("_all_pages", "_request", "_capture_trace", "_pytestconfig")

_original_close = ArtifactsRecorder.on_will_close_browser_context


def installed_version() -> str:
    return version("pytest-playwright")


def install_lean_recorder(passed_so_far: Callable[[object], bool | None]) -> bool:
    """Record evidence only for a failing scenario; `passed_so_far(item)` is True when set-up (and call, if it
    ran) passed. Returns False, with a warning, on a version other than the pinned one."""
    if installed_version() != PINNED_VERSION:
        warnings.warn(f"pytest-playwright {installed_version()} is not {PINNED_VERSION}: failure evidence is "
                      "recorded for every scenario (slower); see harness/playwright_internals.py.", stacklevel=2)
        return False

    def start_tracing(self, context) -> None:
        """pytest-playwright's on_did_create_browser_context, screencast frames on demand only."""
        context.on("page", lambda page: self._all_pages.append(page))
        if self._request and self._capture_trace:
            context.tracing.start(title=slugify(self._request.node.nodeid),
                                  screenshots=self._pytestconfig.getoption("--trace-screenshots"),
                                  snapshots=True, sources=True)

    def lean_close(self, context) -> None:
        config = self._pytestconfig
        evidence_only_on_failure = (config.getoption("--tracing") in ("off", "retain-on-failure")
                                    and config.getoption("--screenshot") in ("off", "only-on-failure"))
        if not evidence_only_on_failure or self._request is None or passed_so_far(self._request.node) is not True:
            return _original_close(self, context)
        if self._capture_trace:
            context.tracing.stop()  # discarded in the browser: no zip written, none to delete

    ArtifactsRecorder.on_did_create_browser_context = start_tracing
    ArtifactsRecorder.on_will_close_browser_context = lean_close
    return True
