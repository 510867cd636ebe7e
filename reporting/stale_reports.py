"""No stale verdict: a run of the scenarios starts by removing what the previous run left where this one writes.

A run stopped before its scenarios (an option or variable refused, the Gherkin guard, no scenario selected)
otherwise leaves the previous run's green `index.html`, `junit.xml` and `cucumber.json` in place, where CI and
people read them as this run's. Removed, before any other plugin can stop the run: the HTML report, the JUnit
and Cucumber files, the Allure results, the evidence folder (`--output`) and the sandbox log. Not for the
harness's own tests (`pytest tests`), which never write the scenarios' reports.
"""
from __future__ import annotations

import os
import pathlib
import shutil

import pytest

from tools.gherkin_guard.pytest_plugin import only_harness_tests

ALLURE_FILES = ("*-result.json", "*-container.json", "*-attachment.*")


def previous_outputs(config: pytest.Config) -> tuple[list[pathlib.Path], list[pathlib.Path]]:
    """(files, folders) this run writes, as its options say."""
    base = pathlib.Path(config.invocation_params.dir)

    def where(value) -> pathlib.Path | None:
        if not value or not isinstance(value, (str, os.PathLike)):
            return None
        path = pathlib.Path(os.path.expanduser(str(value)))
        return path if path.is_absolute() else base / path

    option = config.option
    files = [where(getattr(option, name, None)) for name in ("html_report", "xmlpath", "cucumber_json_path")]
    files += [base / "reports" / name for name in ("sandbox.log",)]
    folders = [where(getattr(option, "output", None))]
    return [f for f in files if f], [f for f in folders if f]


def clear(config: pytest.Config) -> list[pathlib.Path]:
    files, folders = previous_outputs(config)
    removed = []
    allure = getattr(config.option, "allure_report_dir", None)
    try_each = [(path, _remove_file) for path in files] + [(folder, _remove_folder) for folder in folders]
    if isinstance(allure, str):
        try_each.append((pathlib.Path(allure), _remove_allure_results))
    for path, remove in try_each:
        # A path no file system takes (NUL, a name too long) is refused right after by fixtures/option_values.py.
        try:
            removed += remove(path)
        except (OSError, ValueError):
            continue
    return removed


def _remove_file(path: pathlib.Path) -> list[pathlib.Path]:
    if path.is_file():
        path.unlink()
        return [path]
    return []


def _remove_folder(folder: pathlib.Path) -> list[pathlib.Path]:
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        return [folder]
    return []


def _remove_allure_results(folder: pathlib.Path) -> list[pathlib.Path]:
    removed = []
    if folder.is_dir():
        for pattern in ALLURE_FILES:
            for path in folder.glob(pattern):
                path.unlink()
                removed.append(path)
    return removed


# Registered after fixtures.option_values in conftest.py: pluggy calls the last registered tryfirst hook first,
# so this runs before any value is checked and before the guard.
@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    option = config.option
    if (hasattr(config, "workerinput") or getattr(option, "help", False) or getattr(option, "version", False)
            or getattr(option, "collectonly", False) or only_harness_tests(config, pathlib.Path(config.rootpath))):
        return
    clear(config)
