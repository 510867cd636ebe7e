"""Quarantine: a scenario tagged @quarantaine is rerun (pytest-rerunfailures' `flaky` marker, set at collection);
its last attempt runs under pytest's own ``xfail(strict=False)`` marker: still failing, pytest reports it xfailed
(``x``, skipped in JUnit, not failing the run), shown as « quarantaine : échec toléré » in every output.

The xfail marker is added when the last attempt starts, not at collection: pytest-rerunfailures does not rerun an
xfailed test, so a marker set at collection would cost the quarantined scenario its reruns."""
from __future__ import annotations

import pytest

from harness.run_model import QUARANTINE_TAG as TAG
from harness.run_model import QUARANTINED, STATUS_LABELS

TOLERATED = STATUS_LABELS[QUARANTINED]


def mark_for_reruns(items: list[pytest.Item], reruns: int) -> None:
    for item in items:
        if item.get_closest_marker(TAG) and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=reruns))


def last_attempt(item: pytest.Item) -> bool:
    from pytest_rerunfailures import get_reruns_count

    return getattr(item, "execution_count", 1) > (get_reruns_count(item) or 0)


def tolerate_last_attempt(item: pytest.Item) -> None:
    """Before pytest's skipping plugin reads the xfail markers of this attempt (it does so at set-up)."""
    if item.get_closest_marker(TAG) and last_attempt(item) and not item.get_closest_marker("xfail"):
        item.add_marker(pytest.mark.xfail(strict=False, reason=TOLERATED))


def tolerated(item: pytest.Item, report: pytest.TestReport) -> bool:
    """Whether this report is a quarantined scenario's failure that pytest tolerated (xfailed)."""
    return bool(report.skipped and getattr(report, "wasxfail", None) is not None and item.get_closest_marker(TAG))
