"""Failure evidence: where a test's evidence goes, and whether there is a failure to keep evidence of.

The folder is pytest-playwright's `output_path` fixture (--output/<slug of the node id>[-retryN]): the Playwright
screenshot and trace go there, the mobile fixtures save the Appium screenshot and page source there, and the report
reads it. The reporting plugin records the folder of each test when that fixture is set up.
"""
from __future__ import annotations

import pathlib

import pytest

OUTPUT_FOLDER = pytest.StashKey[str]()


def failed_so_far(item: pytest.Item) -> bool | None:
    """Whether set-up or call failed, from the reports pytest-playwright keeps on the item as rep_<phase>; a failure
    pytest tolerated (xfail: a quarantined scenario's last attempt) counts. None while set-up has not reported."""
    reports = [getattr(item, f"rep_{when}", None) for when in ("setup", "call")]
    if reports[0] is None:
        return None
    return any(report is not None and (report.failed or getattr(report, "wasxfail", None) is not None)
               for report in reports)


def remember_folder(item: pytest.Item, folder: str) -> None:
    item.stash[OUTPUT_FOLDER] = str(pathlib.Path(folder).absolute())


def forget_folder(item: pytest.Item) -> None:
    """A new attempt (pytest-rerunfailures reruns the same item) gets its own folder."""
    if OUTPUT_FOLDER in item.stash:
        del item.stash[OUTPUT_FOLDER]


def folder_of(item: pytest.Item) -> str:
    return item.stash.get(OUTPUT_FOLDER, "")


def save_appium_screens(folder: pathlib.Path, drivers: dict) -> None:
    """The screenshot and page source of each open app (drivers by device name) as the user last saw them."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, driver in drivers.items():
        suffix = "" if len(drivers) == 1 else f"-{name.lower()}"
        try:
            (folder / f"appium-screenshot{suffix}.png").write_bytes(driver.get_screenshot_as_png())
            (folder / f"appium-page-source{suffix}.xml").write_text(driver.page_source, encoding="utf-8")
        except Exception as exc:  # evidence is best effort; the failure itself is already reported
            (folder / f"appium-evidence-error{suffix}.txt").write_text(repr(exc), encoding="utf-8")
