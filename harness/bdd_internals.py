"""The one door to pytest-bdd's internals: every use of a pytest-bdd name that is not its public API is here.

pytest-bdd's public API is `given/when/then/step`, `scenario(s)`, `parsers` and the `pytest_bdd_*` hooks; the
harness uses nothing else anywhere but here. What follows has no public equivalent in pytest-bdd 9.0.1:

- `test_report_context_registry` (pytest_bdd.reporting): the scenario data pytest-bdd keeps per test report,
  keyed by the report object. pytest-xdist rebuilds reports on the controller, where the registry is empty, so
  `--cucumberjson` would list nothing under `-n N`; no hook lets a plugin carry it, so the reporting plugin copies
  it across (`report_context` / `restore_report_context`).
- its cucumber JSON writer (`pytest_bdd.cucumber_json`): it aborts on the `rerun` outcome of pytest-rerunfailures,
  marks every step after a failure « failed », writes keys the official schema refuses and no screenshot. For a run
  of the scenarios the reporting writes `--cucumberjson` itself, once: `stop_cucumber_writer` runs pytest-bdd's own
  `unconfigure` of it early (its later call is then a no-op), so pytest-bdd's writer never writes the file.
- `scenario_wrapper_template_registry` (pytest_bdd.scenario): the scenario behind a test function, known before
  the scenario runs. The `pytest_bdd_before_scenario` hook only fires once set-up succeeded, and the report must
  show a scenario whose set-up failed with its steps.
- the `_pytest_bdd_example` parameter: the Examples row of an outline test (no public accessor).
- `get_features` (pytest_bdd.feature): the scenarios of the feature files, to list those no test ran.
- `find_fixturedefs_for_step` (pytest_bdd.scenario) with pytest's `session._fixturemanager`: the step definition
  pytest-bdd will run for each step, known before the scenario runs, so that the report knows the rules a check
  never reached would have verified (reporting.verdicts). `pytest_bdd_before_step` only names the steps that ran.
- the parser (`FeatureParser`, `Feature`, `Rule`, `ScenarioTemplate`, `get_gherkin_document`, `GherkinDocument`,
  `exceptions.GherkinParseError`) and the step registry (`step_function_context_registry`, `StepFunctionContext`,
  `StepNamePrefix`): the Gherkin guard checks feature files and step definitions before any test runs, with
  pytest-bdd's own parser and matching so that it agrees with pytest-bdd.

An upgrade of pytest-bdd: change PINNED_VERSION with the pin of pyproject.toml, run `make test`
(tests/test_library_doors.py fails loudly, naming the internal, when one moved).
"""
from __future__ import annotations

import os
from importlib.metadata import version

from pytest_bdd import cucumber_json, exceptions
from pytest_bdd.feature import get_features
from pytest_bdd.gherkin_parser import GherkinDocument, get_gherkin_document
from pytest_bdd.parser import Feature, FeatureParser, Rule, ScenarioTemplate
from pytest_bdd.reporting import ReportContext, test_report_context_registry
from pytest_bdd.scenario import find_fixturedefs_for_step, scenario_wrapper_template_registry
from pytest_bdd.steps import StepFunctionContext, StepNamePrefix, step_function_context_registry

PINNED_VERSION = "9.0.1"
EXAMPLE_PARAM = "_pytest_bdd_example"
GherkinParseError = exceptions.GherkinParseError

__all__ = [
    "Feature", "FeatureParser", "GherkinDocument", "GherkinParseError", "Rule", "ScenarioTemplate",
    "StepFunctionContext", "StepNamePrefix", "example_of", "feature_files", "stop_cucumber_writer",
    "get_gherkin_document", "installed_version", "report_context", "report_scenario", "restore_report_context",
    "scenario_template", "step_function", "step_function_context_registry",
]


def installed_version() -> str:
    return version("pytest-bdd")


def report_context(report) -> dict | None:
    """pytest-bdd's data of a test report, as plain data that crosses from an xdist worker."""
    context = test_report_context_registry.get(report)
    return None if context is None else {"scenario": context.scenario, "name": context.name}


def report_scenario(report) -> dict | None:
    """The scenario pytest-bdd reports for this test report (steps with their status), or None."""
    context = test_report_context_registry.get(report)
    return None if context is None else context.scenario


def restore_report_context(report, data: dict) -> None:
    test_report_context_registry[report] = ReportContext(scenario=data["scenario"], name=data["name"])


def stop_cucumber_writer(config) -> None:
    """pytest-bdd's cucumber JSON writer unregistered before it writes."""
    cucumber_json.unconfigure(config)


def scenario_template(test_function) -> ScenarioTemplate | None:
    try:
        return scenario_wrapper_template_registry.get(test_function)
    except TypeError:  # not weak-referenceable: not a scenario
        return None


def example_of(item) -> dict[str, str]:
    """The Examples row of an outline test, {} for a plain scenario."""
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(EXAMPLE_PARAM) if callspec else None
    return {str(k): str(v) for k, v in (example or {}).items()}


def feature_files(folder: str | os.PathLike) -> list[Feature]:
    return get_features([str(folder)])


def step_function(item, step):
    """The step definition function pytest-bdd will run for `step` of the scenario test `item`, or None (an
    undefined step: the Gherkin guard says so before the run)."""
    try:
        fixturedefs = list(find_fixturedefs_for_step(step, item.session._fixturemanager, item))
    except Exception:  # noqa: BLE001 - a report detail: never break the run for it
        return None
    context = step_function_context_registry.get(fixturedefs[-1].func) if fixturedefs else None
    return context.step_func if context is not None else None
