"""A scenario that passes only on a retry (fixtures/retry.py) is « instable », never silently green: the report, the
terminal summary, JUnit (property ``instable`` and a ``<flakyFailure>`` element, as Maven Surefire writes it) and the
Cucumber JSON (tag ``@instable``) say so, with the first failure's message. It does not fail the run unless
``--flaky-fails-run`` (``PA_FLAKY_FAILS_RUN=1``), Playwright Test's ``--fail-on-flaky-tests``.

The note is a user property of the passing call's report, put on the item before pytest makes that report: it
crosses to the pytest-xdist controller with the report, where the results and the CI files read it."""
from __future__ import annotations

import pytest

from harness.option_values import env_default
from harness.run_model import FLAKY_TAG, flaky_message, flaky_note
from harness.session import QUARANTINE_TAG
from reporting import messages
from reporting.payload import STEP_ERROR

FIRST_FAILURE = pytest.StashKey[str]()
FLAKY = pytest.StashKey[dict]()  # on the controller: node id -> first failure's message


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("preuves", "Parallels Access : relance et preuves d'échec")
    group.addoption("--flaky-fails-run", action="store_true", default=env_default("PA_FLAKY_FAILS_RUN"),
                    help="un scénario instable (réussi seulement à la relance) fait échouer le run (code 1) ; "
                         "par défaut il est signalé sans bloquer. Variable : PA_FLAKY_FAILS_RUN=1")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[FLAKY] = {}


def _attempt(item: pytest.Item) -> int:
    return getattr(item, "execution_count", 1)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield  # raises when the call failed: no note then
    if _attempt(item) > 1 and FIRST_FAILURE in item.stash and not item.get_closest_marker(QUARANTINE_TAG):
        item.user_properties.append((FLAKY_TAG, flaky_note(_attempt(item), item.stash[FIRST_FAILURE])))
    return result


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """The first failure's message, read from its report (outside pytest-bdd's wrapper: its data is there)."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call") and FIRST_FAILURE not in item.stash:
        step_error = _step_error(item)
        # The French part whole: the fact, the values compared, the rule broken (not the library's lines).
        item.stash[FIRST_FAILURE] = messages.french_and_library(step_error or messages.of_report(report))[0]


def _step_error(item: pytest.Item) -> str:
    error = item.stash.get(STEP_ERROR, None)
    return error["message"] if error else ""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    message = flaky_message(report)
    if message and report.when == "call":
        _config[-1].stash[FLAKY][report.nodeid] = message


_config: list[pytest.Config] = []


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _config.append(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _config and _config[-1] is config:
        _config.pop()


def pytest_sessionfinish(session: pytest.Session, exitstatus) -> None:
    """Exit code 1, as for a failure (before the reports, trylast, read it; a worker has no say in it)."""
    if (session.config.getoption("--flaky-fails-run") and session.config.stash[FLAKY]
            and session.exitstatus == pytest.ExitCode.OK):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    flaky = config.stash.get(FLAKY, {})
    if not flaky:
        return
    gate = ("le run échoue (--flaky-fails-run)" if config.getoption("--flaky-fails-run")
            else "signalé(s), sans bloquer le run (--flaky-fails-run pour bloquer)")
    terminalreporter.write_line(f"{len(flaky)} scénario(s) instable(s), réussi(s) seulement à la relance : {gate}.",
                                yellow=True, bold=True)
    for nodeid, message in sorted(flaky.items()):
        first, *more = message.splitlines() or [""]
        terminalreporter.write_line(f"  instable : {nodeid} — {first}", yellow=True)
        for line in more:
            terminalreporter.write_line(f"    {line}", yellow=True)
