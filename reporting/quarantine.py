"""Quarantine: a scenario tagged @quarantaine is rerun (pytest-rerunfailures' `flaky` marker); if its last attempt
still fails, the failure becomes an xfail-like outcome (`skipped` + `wasxfail`: `x`/XFAIL for pytest, <skipped>
in JUnit), reported as « quarantaine : échec toléré », counted apart, and the run does not fail for it."""
from __future__ import annotations

import copy

import pytest

from reporting.model import QUARANTINE_TAG as TAG
from reporting.model import QUARANTINED, STATUS_LABELS

TOLERATED = STATUS_LABELS[QUARANTINED]


def mark_for_reruns(items: list[pytest.Item], reruns: int) -> None:
    for item in items:
        if item.get_closest_marker(TAG) and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=reruns))


def last_attempt(item: pytest.Item) -> bool:
    from pytest_rerunfailures import get_reruns_count

    return getattr(item, "execution_count", 1) > (get_reruns_count(item) or 0)


def tolerate(item: pytest.Item, report: pytest.TestReport, message: str) -> bool:
    """Turn the last failure of a quarantined scenario into a tolerated one; True when it did."""
    if not (report.when in ("setup", "call") and report.failed and item.get_closest_marker(TAG)
            and last_attempt(item)):
        return False
    # pytest-playwright (and the mobile fixtures) decide from item.rep_<when>.failed whether to keep the
    # screenshot and the trace: they keep seeing the failure.
    setattr(item, f"rep_{report.when}", copy.copy(report))
    report.outcome = "skipped"
    report.wasxfail = f"{TOLERATED} — {message.splitlines()[0] if message else ''}"
    return True
