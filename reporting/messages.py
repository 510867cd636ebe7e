"""The useful part of an error, for the report: the French message, without Playwright's call log, pytest's
assertion rewriting or an exception class name."""
from __future__ import annotations

import re

from pages.observed import LIBRARY_HEADER

MAX_CHARS = 1200
NOISE = ("\nCall log:", "\nassert ", "\n=========================== logs")
# The English lines a library adds under a French assertion message (Playwright's expect, pytest): kept, but
# under the French message and labelled, never before it or mixed with it.
LIBRARY_LINE = re.compile(r"^\s*(Locator expected|Locator: |Expected( value| pattern| string)?: |Received( value| "
                          r"string)?: |Actual value: |Timeout: |Timed out |Error: )")


def french_and_library(text: str) -> tuple[str, str]:
    """The message split in (the French lines, the library's English lines that follow them)."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines)
                  if i and (LIBRARY_LINE.match(line) or line.strip() == LIBRARY_HEADER)), len(lines))
    library = [line.strip() for line in lines[first:] if line.strip() and line.strip() != LIBRARY_HEADER]
    return "\n".join(lines[:first]).strip(), "\n".join(library)


def shorten(text: str) -> str:
    for cut in NOISE:
        text = text.split(cut)[0]
    text = re.sub(r"^(AssertionError|Failed|Constat): ", "", text.strip()).strip()
    french, library = french_and_library(text)
    if library:
        text = f"{french}\n{LIBRARY_HEADER}\n{library}"
    return text[:MAX_CHARS] + " […]" if len(text) > MAX_CHARS else text


def text_of(exc: BaseException) -> str:
    """The message an exception carries: pytest's outcomes and Selenium's (Appium's) exceptions keep it in
    ``msg``, their str() adds « Message: » or the screen and stack of the driver."""
    msg = getattr(exc, "msg", None)
    return msg if isinstance(msg, str) and msg else str(exc)


def of_exception(exc: BaseException) -> str:
    return shorten(text_of(exc).strip() or exc.__class__.__name__)


def _library_line(line: str) -> bool:
    return bool(LIBRARY_LINE.match(line)) or line.strip() in (LIBRARY_HEADER, "Call log:")


def with_rules(message: str, lines: list[str]) -> str:
    """`message` with the rule lines it lacks after its French part (the fact, the compared values), before any
    line a library added: for a failure that did not name its rules itself (a bare assertion in a check)."""
    new = [line for line in lines if line not in message]
    if not new:
        return message
    text = message.splitlines()
    at = next((i for i, line in enumerate(text) if i and _library_line(line)), len(text))
    while at > 1 and not text[at - 1].strip():
        at -= 1
    return "\n".join([*text[:at], *new, *text[at:]])


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
