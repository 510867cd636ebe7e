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
    for path in files:
        if path.is_file():
            path.unlink()
            removed.append(path)
    for folder in folders:
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    allure = getattr(config.option, "allure_report_dir", None)
    if allure and pathlib.Path(allure).is_dir():
        for pattern in ALLURE_FILES:
            for path in pathlib.Path(allure).glob(pattern):
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
