"""What each test report carries to the controller besides pytest's own fields: the scenario and its steps,
markers, Examples row, evidence folder, attempt, failing step, tolerated quarantine failure.

Under pytest-xdist a report is rebuilt on the controller from plain data: `to_wire` / `from_wire` carry this
payload, and pytest-bdd's own per-report data (so that --cucumberjson is the same under -n N as serially).
"""
from __future__ import annotations

from weakref import WeakKeyDictionary

import pytest

from harness import bdd_internals
from rules import verdicts

WIRE_BDD_KEY = "pa_bdd_context"
WIRE_PAYLOAD_KEY = "pa_reporting"
SCENARIO_INFO = pytest.StashKey[dict]()
STEP_ERROR = pytest.StashKey[dict]()  # the failing step of the attempt, its message and the rules it names


class Payloads:
    """Per-report data, on the process that made the report and, once carried, on the controller.
    Keyed by the report object, as pytest-bdd keys its own."""

    def __init__(self) -> None:
        self._by_report: WeakKeyDictionary = WeakKeyDictionary()

    def __setitem__(self, report, payload: dict) -> None:
        self._by_report[report] = payload

    def get(self, report) -> dict | None:
        return self._by_report.get(report)

    def to_wire(self, report, data: dict) -> None:
        context = bdd_internals.report_context(report)
        if context is not None:
            data[WIRE_BDD_KEY] = context
        payload = self._by_report.get(report)
        if payload is not None:
            data[WIRE_PAYLOAD_KEY] = payload

    @staticmethod
    def take_from_wire(data: dict) -> tuple[dict | None, dict | None]:
        """Remove this plugin's keys from the data before pytest rebuilds the report."""
        return data.pop(WIRE_BDD_KEY, None), data.pop(WIRE_PAYLOAD_KEY, None)

    def restore(self, report, context: dict | None, payload: dict | None) -> None:
        if context is not None:
            bdd_internals.restore_report_context(report, context)
        if payload is not None:
            self._by_report[report] = payload


def scenario_info(item: pytest.Item) -> dict | None:
    """Name, feature and steps of the item's scenario, known before it runs (a set-up failure still shows the
    scenario and its steps as not run); None for a test that is not a scenario."""
    if SCENARIO_INFO in item.stash:
        return item.stash[SCENARIO_INFO]
    info = None
    template = bdd_internals.scenario_template(getattr(item, "obj", None))
    if template is not None:
        example = bdd_internals.example_of(item)
        try:
            scenario = template.render(example)
            steps = scenario.steps
        except Exception:
            scenario, steps = template, []
        feature = template.feature
        info = {
            "keyword": template.keyword,
            "name": scenario.name,
            "line": template.line_number,
            "feature": {"name": feature.name, "keyword": feature.keyword, "filename": feature.filename,
                        "rel_filename": feature.rel_filename, "description": feature.description or ""},
            "steps": [{"keyword": s.keyword, "name": s.name, "line": s.line_number,
                       "rules": list(verdicts.declared_rules(bdd_internals.step_function(item, s)))}
                      for s in steps],
        }
    item.stash[SCENARIO_INFO] = info
    return info
