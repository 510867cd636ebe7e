"""Library internals stay behind one door per library, and each door fails loudly here when an internal moved.

The door: harness/bdd_internals.py (pytest-bdd); it says which public API is missing. An upgrade of pytest-bdd must
pass these tests first. pytest-playwright has no door: the harness uses its fixtures and options only (the retry
with a trace, fixtures/retry.py, replaced the patch of its private ArtifactsRecorder); nor has pytest-split: a part is
its own options, passed as they are (Makefile, fixtures/shard.py checks them in French first).
"""
from __future__ import annotations

import ast
import importlib
import inspect
import re
import tomllib
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest

from harness import bdd_internals, pytest_internals

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = {
    # module -> names that are the library's public API
    "pytest_bdd": {"given", "when", "then", "step", "scenario", "scenarios", "parsers"},
    "pytest_playwright": set(),  # fixtures and options only: nothing is imported
    "_pytest": set(),  # pytest's own modules: everything public is under the name `pytest`
}
# None: no internal anywhere
DOORS = {"pytest_bdd": "harness/bdd_internals.py", "pytest_playwright": None, "_pytest": "harness/pytest_internals.py"}
HARNESS_DIRS = ("bench", "conftest.py", "fixtures", "harness", "pages", "reporting", "steps", "tools", "tests")


def pinned(package: str) -> str:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return next(d.split("==")[1] for d in deps if d.lower().startswith(package + "=="))


@pytest.mark.parametrize("package, door", [("pytest-bdd", bdd_internals), ("pytest", pytest_internals)])
def test_door_is_written_for_the_installed_and_pinned_version(package, door):
    assert door.installed_version() == door.PINNED_VERSION == pinned(package), (
        f"{package} {door.installed_version()} installed, {pinned(package)} pinned in pyproject.toml, door "
        f"{door.__file__} written for {door.PINNED_VERSION}: re-check each internal it lists, then its PINNED_VERSION.")


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names]
    return found


def test_library_internals_are_used_only_behind_their_door():
    offenders = []
    files = [ROOT / "conftest.py"] + [p for d in HARNESS_DIRS if (ROOT / d).is_dir() for p in (ROOT / d).rglob("*.py")]
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        for module, names, line in _imports(path):
            top = module.split(".")[0]
            if top not in DOORS or rel == DOORS[top]:
                continue
            if module == top and names and set(names) <= PUBLIC[top]:
                continue
            offenders.append(f"{rel}:{line} imports {module} {names}")
    assert not offenders, "library internals outside their door (move them into it):\n" + "\n".join(offenders)


def test_pytest_bdd_internals_are_where_the_door_expects_them():
    reporting = importlib.import_module("pytest_bdd.reporting")
    scenario = importlib.import_module("pytest_bdd.scenario")
    assert isinstance(reporting.test_report_context_registry, WeakKeyDictionary)
    assert isinstance(scenario.scenario_wrapper_template_registry, WeakKeyDictionary)
    assert {"scenario", "name"} <= set(inspect.signature(bdd_internals.ReportContext).parameters)
    # The Examples row reaches the test function as this parameter (pytest-bdd's scenario wrapper).
    assert re.search(rf"\b{bdd_internals.EXAMPLE_PARAM}\b", inspect.getsource(scenario)), bdd_internals.EXAMPLE_PARAM
    assert issubclass(bdd_internals.GherkinParseError, Exception)
    assert callable(bdd_internals.get_gherkin_document) and callable(bdd_internals.get_features)
    assert callable(importlib.import_module("pytest_bdd.steps").step_function_context_registry.get)
    assert callable(importlib.import_module("pytest_bdd.cucumber_json").unconfigure)


def test_pytest_split_still_has_the_options_the_harness_passes():
    """Its public options (by dest, as fixtures/shard.py and reporting/shard.py read them with getoption)."""
    declared = set(re.findall(r'dest="(\w+)"', inspect.getsource(importlib.import_module("pytest_split.plugin"))))
    used = {"splits", "group", "durations_path", "splitting_algorithm", "store_durations", "clean_durations"}
    assert used <= declared, declared


def test_pytest_internals_are_where_the_door_expects_them():
    junitxml = importlib.import_module("_pytest.junitxml")
    assert callable(junitxml.pytest_unconfigure) and hasattr(junitxml, "xml_key")
    assert "reportchars" in inspect.getsource(importlib.import_module("_pytest.terminal").TerminalReporter.__init__)

    @pytest.fixture
    def defined():
        return 1

    assert pytest_internals.fixture_function(defined).__name__ == "defined"
