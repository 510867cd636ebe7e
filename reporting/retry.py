"""Evidence only where needed, as Playwright Test does on CI (``retries``, ``trace: 'on-first-retry'``).

A failing scenario is run once more (``--retries N``, default 1, pytest-rerunfailures); its first attempt
records nothing while it runs, so a passing scenario costs no trace, no screenshot, no video. When an attempt
fails, the screenshot and the HTML source of each page are kept (``test-failed-N.png``, ``page-N.html``, in the
attempt's folder: ``--output/<test>``, then ``<test>-retry1``...); the retry runs with a Playwright trace (and a
video with ``--video-on-retry``), kept only if the retry fails too. The mobile fixtures keep the Appium screen
and page source of each failing attempt.

A scenario that passes only on a retry is « instable », never silently green: the report, the terminal summary,
JUnit (property ``instable`` and a ``<flakyFailure>`` element, as Maven Surefire writes it) and the Cucumber JSON
(tag ``@instable``) say so, with the first failure's message. It does not fail the run unless
``--flaky-fails-run`` (``PA_FLAKY_FAILS_RUN=1``), Playwright Test's ``--fail-on-flaky-tests``.

Scenarios in quarantine keep their own reruns (reporting.quarantine); the harness's own tests are not retried.
Everything here goes through public APIs: pytest-playwright's ``context``, ``browser_context_args`` and
``output_path`` fixtures and its ``--tracing``/``--screenshot`` options (left ``off``), Playwright's tracing.
"""
from __future__ import annotations

import pathlib

import pytest

from harness import bdd_internals, evidence
from harness.option_values import env_default
from pages.observed import ForbiddenFact
from reporting import messages
from reporting.model import FLAKY_TAG, QUARANTINE_TAG, flaky_message, flaky_note
from reporting.payload import STEP_ERROR

# Not retried: an unreachable server (Appium, browser server, portal, test-data API) is no flaky scenario, and a
# retry would only double the wait before the run says so (pytest-rerunfailures' rerun_except, on the message).
# A rule broken on a page (fixtures/watch.py) is a forbidden fact the customer saw: a retry that does not see it again
# proves nothing, so the run fails with it.
NOT_RETRIED = ["injoignable", ForbiddenFact]
FIRST_FAILURE = pytest.StashKey[str]()
FLAKY = pytest.StashKey[dict]()  # on the controller: node id -> first failure's message


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("preuves", "Parallels Access : relance et preuves d'échec")
    # Raw text as default: harness/option_values.py checks and converts it (a French refusal, exit 4).
    group.addoption("--retries", default=env_default("PA_RETRIES", "1"), metavar="N",
                    help="relances d'un scénario en échec (défaut 1) ; la relance enregistre une trace Playwright. "
                         "Réussi seulement à la relance : « instable ». 0 : pas de relance. Variable : PA_RETRIES")
    group.addoption("--flaky-fails-run", action="store_true", default=env_default("PA_FLAKY_FAILS_RUN"),
                    help="un scénario instable (réussi seulement à la relance) fait échouer le run (code 1) ; "
                         "par défaut il est signalé sans bloquer. Variable : PA_FLAKY_FAILS_RUN=1")
    group.addoption("--video-on-retry", action="store_true", default=env_default("PA_VIDEO_ON_RETRY"),
                    help="filmer aussi la relance d'un scénario web (vidéo gardée si la relance échoue). "
                         "Variable : PA_VIDEO_ON_RETRY=1")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[FLAKY] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    retries = config.getoption("--retries")
    if retries <= 0:
        return
    for item in items:
        if (item.get_closest_marker(QUARANTINE_TAG) or item.get_closest_marker("flaky")
                or bdd_internals.scenario_template(getattr(item, "obj", None)) is None):
            continue
        item.add_marker(pytest.mark.flaky(reruns=retries, rerun_except=NOT_RETRIED))


def _attempt(item: pytest.Item) -> int:
    return getattr(item, "execution_count", 1)


# ------------------------------------------------------------------------------- recording
@pytest.fixture
def browser_context_args(browser_context_args, request, pytestconfig, output_path) -> dict:
    args = dict(browser_context_args)
    if _attempt(request.node) > 1 and pytestconfig.getoption("--video-on-retry") and "record_video_dir" not in args:
        args["record_video_dir"] = output_path
    return args


@pytest.fixture
def context(context, request, pytestconfig, output_path):
    """pytest-playwright's context, with a trace on a retry and the failure's pages kept."""
    item = request.node
    tracing = _attempt(item) > 1 and pytestconfig.getoption("--tracing") == "off"
    if tracing:
        context.tracing.start(title=item.nodeid, screenshots=True, snapshots=True, sources=True)
    yield context
    failed = evidence.failed_so_far(item)
    folder = pathlib.Path(output_path)
    if failed:
        folder.mkdir(parents=True, exist_ok=True)
        if pytestconfig.getoption("--screenshot") == "off":  # pytest-playwright takes them otherwise
            _keep_pages(context, folder)
    if tracing:
        context.tracing.stop(path=str(folder / "trace.zip")) if failed else context.tracing.stop()
    if _attempt(item) > 1 and pytestconfig.getoption("--video-on-retry"):
        context.close()  # the video is written on close; pytest-playwright's own close is then a no-op
        if not failed:
            for video in folder.glob("*.webm"):
                video.unlink()


def _keep_pages(context, folder: pathlib.Path) -> None:
    for index, page in enumerate(context.pages, start=1):
        try:
            page.screenshot(path=str(folder / f"test-failed-{index}.png"), timeout=5000)
            (folder / f"page-{index}.html").write_text(page.content(), encoding="utf-8")
        except Exception as exc:  # a crashed page: the failure itself is already reported
            (folder / f"page-{index}-erreur.txt").write_text(repr(exc), encoding="utf-8")


# --------------------------------------------------------------------------------- verdicts
@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Outside pytest-bdd's wrapper: its scenario data of the report exists when this resumes."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in ("setup", "call") and FIRST_FAILURE not in item.stash:
        step_error = _step_error(item)
        # The French part whole: the fact, the values compared, the rule broken (not the library's lines).
        item.stash[FIRST_FAILURE] = messages.french_and_library(step_error or messages.of_report(report))[0]
    if (report.when == "call" and report.passed and _attempt(item) > 1 and FIRST_FAILURE in item.stash
            and not item.get_closest_marker(QUARANTINE_TAG)):
        # Carried by the call report to the controller (pytest-xdist), where the results and CI files read it.
        report.user_properties.append((FLAKY_TAG, flaky_note(_attempt(item), item.stash[FIRST_FAILURE])))


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
