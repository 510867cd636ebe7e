"""The useful part of an error, for the report: the French message, without Playwright's call log, pytest's
assertion rewriting or an exception class name."""
from __future__ import annotations

import re

MAX_CHARS = 1200
NOISE = ("\nCall log:", "\nassert ", "\n=========================== logs")


def shorten(text: str) -> str:
    for cut in NOISE:
        text = text.split(cut)[0]
    text = re.sub(r"^(AssertionError|Failed): ", "", text.strip()).strip()
    return text[:MAX_CHARS] + " […]" if len(text) > MAX_CHARS else text


def of_exception(exc: BaseException) -> str:
    return shorten(str(exc).strip() or exc.__class__.__name__)


def of_report(report) -> str:
    """The failure message of a test report (set-up, call or teardown)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        return shorten(crash.message)
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        return shorten(str(report.longrepr[2]))
    return shorten(str(report.longrepr or ""))


def skip_reason(report) -> str:
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        return re.sub(r"^Skipped: ", "", str(report.longrepr[2]))
    return getattr(report, "wasxfail", "") or ""
