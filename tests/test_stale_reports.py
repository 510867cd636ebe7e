"""No stale verdict: a run that stops before its scenarios leaves no previous run's report behind."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def previous_run(folder: pathlib.Path) -> dict[str, pathlib.Path]:
    """The green files of an earlier run, where this run's options point (outside reports/)."""
    paths = {"html": folder / "rapport" / "index.html", "junit": folder / "ci" / "junit.xml",
             "cucumber": folder / "ci" / "cucumber.json", "evidence": folder / "preuves" / "ancien-scenario",
             "allure": folder / "allure" / "ancien-result.json"}
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    for name in ("html", "junit", "cucumber", "allure"):
        paths[name].write_text(STALE)
    paths["evidence"].mkdir()
    return paths


STALE = "<!-- run précédent : tous les scénarios ont réussi -->"


@pytest.mark.parametrize(("code", "args", "env"), [
    (4, (), {"PA_ORDER_TIMEOUT": "trente"}),            # a value refused before anything starts
    (5, ("-k", "aucun_scenario_ne_porte_ce_nom"), {}),  # nothing selected
], ids=["configuration", "nothing-selected"])
def test_a_run_that_stops_before_its_scenarios_leaves_no_previous_report(tmp_path, code, args, env):
    old = previous_run(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-q",
         "--html-report", str(old["html"]), "--junitxml", str(old["junit"]), "--cucumberjson", str(old["cucumber"]),
         "--output", str(old["evidence"].parent), "--alluredir", str(old["allure"].parent), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("PA_")}, **env})
    assert done.returncode == code, done.stdout[-2000:] + done.stderr[-2000:]
    # Gone, or rewritten by this run (pytest writes an empty junit.xml when nothing is selected): never stale.
    left = [name for name, path in old.items() if path.is_dir() or path.is_file() and path.read_text() == STALE]
    assert left == [], f"restes du run précédent : {left}"
