"""The failure message of a scenario, as every output shows it first: the fact observed, in French.

Checks and page objects state what they saw (pages/observed.py). This plugin makes sure that sentence is what the
terminal, the HTML report, JUnit, Cucumber JSON and Allure show first:

- a Playwright or Appium wait that reached a step without being put in words (a page object that forgot to) is
  said in French with the step it stopped: never a locator, a class name or a library phrase in the message (the
  trace and the page source keep them for whoever debugs);
- a failing check names the rule it protects after the fact, « Règle R16 — <its sentence> »
  (reporting/broken_rule.py);
- the crash line pytest gives to the terminal summary and JUnit loses its « Failed: » prefix.
"""
from __future__ import annotations

import pytest

from pages import UI_WAIT_S
from pages.observed import UI_TIMEOUTS, Constat
from reporting import broken_rule, messages

FACT = pytest.StashKey[str]()


def fact_of(exception: BaseException) -> str:
    return messages.text_of(exception)


def in_words(step) -> str:
    return (f"L'étape « {step.keyword} {step.name} » n'a pas abouti : ce qu'elle attendait à l'écran n'est pas "
            f"apparu en {UI_WAIT_S:.0f} s (détail dans la trace et la capture d'écran).")


@pytest.hookimpl(hookwrapper=True)
def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception):
    # Before any other implementation reads the message (wrappers run first).
    if isinstance(exception, UI_TIMEOUTS) and not isinstance(exception, AssertionError):
        broken_rule.reword(exception, in_words(step))
    if type(exception) is pytest.fail.Exception:
        # A step's own pytest.fail(): tools that print « <type>: <message> » (Allure) would say « Failed: » before
        # the fact; it is a check's failure like the others, a « Constat » (same class layout, same outcome).
        exception.__class__ = Constat
    if not getattr(exception, "rules", None):  # a Breach names its own rules
        broken_rule.name_the_rule(exception, step_func, request.node)
    yield
    request.node.stash[FACT] = fact_of(exception)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    outcome = yield
    report = outcome.get_result()
    crash = getattr(report.longrepr, "reprcrash", None)
    if report.when == "call" and report.failed and crash is not None and FACT in item.stash:
        crash.message = item.stash[FACT]
