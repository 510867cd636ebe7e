"""With --alluredir (allure-pytest-bdd): each scenario's verdict per rule, as Allure tags (« R15 en échec »).

The same verdicts as the HTML matrix, the terminal grid, JUnit and Cucumber JSON (reporting.verdicts): a rule is
« en échec » in a scenario only where one of its checks failed, « non vérifiée » where the scenario stopped before
its checks. Allure writes its result file on the worker that ran the scenario, when the test's teardown is
reported; the tags are added while the result is still open, from the call report (or a failed set-up), with
the results model that the controller uses for the other outputs.
"""
from __future__ import annotations

import pytest

from reporting.results import ResultCollector
from rules import verdicts


def tags(config: pytest.Config, report: pytest.TestReport, payload: dict, scenario: dict | None) -> list[str]:
    """« R15 en échec », « R13 vérifiée »... for the scenario of this report, or [] before its verdict is known."""
    if report.when != "call" and not (report.when == "setup" and not report.passed):
        return []
    collector = ResultCollector(config, {})
    collector.add(report, payload, scenario)
    result = collector.results.get(report.nodeid)
    if result is None or not result.bdd:
        return []
    return [f"{rule} {verdicts.LABELS[outcome.status]}" for rule, outcome in result.rule_outcomes().items()]


def add(config: pytest.Config, report: pytest.TestReport, payload: dict, scenario: dict | None) -> None:
    if not getattr(config.option, "allure_report_dir", None):
        return
    labels = tags(config, report, payload, scenario)
    if labels:
        import allure

        allure.dynamic.tag(*labels)
