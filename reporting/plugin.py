"""pytest plugin of the reports: options, and one `ReportingPlugin` per process holding the session's state.

Loaded from the root ``conftest.py`` (``pytest_plugins = [..., "reporting.plugin"]``); the plugin object is
registered at configuration. What it does, module by module:

- ``reports/index.html`` (``--html-report PATH``, ``PA_HTML_REPORT``): one self-contained French page written at
  the end of the session (by the controller only under pytest-xdist), :mod:`reporting.html`, from the results
  gathered by :mod:`reporting.results`; written only when at least one BDD scenario ran (``pytest tests`` does not
  overwrite the scenarios' report). A one-screen summary on the terminal, :mod:`reporting.summary`.
- Quarantine (``--quarantine-reruns N``, ``PA_QUARANTINE_RERUNS``): fixtures/quarantine.py marks the scenarios; the
  reports show a tolerated failure as « quarantaine : échec toléré ».
- pytest-xdist: what each report carries to the controller, :mod:`reporting.payload`.
- Failure evidence: the folder of each test (pytest-playwright's ``output_path``), :mod:`harness.evidence`;
  with ``--alluredir``, the screen of a failing step is attached to it, :mod:`reporting.allure_evidence`, and each
  scenario is tagged with its rules' verdicts, :mod:`reporting.allure_rules`.
- Exit codes of a run: the one table is :mod:`harness.exit_codes`.
"""
from __future__ import annotations

import os
import pathlib
import time

import pytest

import rules
from harness import bdd_internals, evidence, pytest_internals
from harness import run_model as model
from harness.option_values import check_options
from harness.session import QUARANTINE_TAG
from pages import UI_WAIT_S
from pages.observed import UI_TIMEOUTS
from reporting import allure_evidence, allure_rules, messages, summary
from reporting.payload import STEP_ERROR, Payloads, scenario_info
from reporting.results import ResultCollector
from tools.gherkin_guard.pytest_plugin import only_harness_tests

PLUGIN_NAME = "pa-reporting"
LIVE_PAGE = pytest.StashKey[object]()
LIVE_APPS = pytest.StashKey[object]()
WORKER_OUTPUT_KEY = "pa_reporting_env"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rapport", "Parallels Access : rapport et quarantaine")
    group.addoption("--html-report", default=os.environ.get("PA_HTML_REPORT", "reports/index.html"),
                    metavar="CHEMIN",
                    help="rapport HTML en français, un seul fichier lisible hors ligne "
                         "(défaut : reports/index.html). Variable : PA_HTML_REPORT")
    group.addoption("--historique", dest="history", default=os.environ.get("PA_HISTORY") or None, metavar="CHEMIN",
                    help="historique des runs (JSON Lines), complété par chaque run : le rapport montre, par règle "
                         "et canal, les derniers verdicts et les scénarios instables. Variable : PA_HISTORY")


def pytest_configure(config: pytest.Config) -> None:
    check_options(config)  # this plugin also runs alone (harness tests): the options loaded with it checked here too
    if config.option.tbstyle == "auto" and not only_harness_tests(config, pathlib.Path(config.rootpath)):
        # A failing scenario reads like the report (summary.failure_lines); tracebacks on demand: --tb=long.
        config.option.tbstyle = "no"
        config.stash[summary.SHORT_FAILURES] = True
    plugin = ReportingPlugin(config)
    # A run of the scenarios: its JUnit and Cucumber JSON are written here, once (harness/pytest_internals.py and
    # harness/bdd_internals.py say why the libraries' writers cannot); the harness's own tests keep pytest's JUnit.
    plugin.writes_ci_files = not only_harness_tests(config, pathlib.Path(config.rootpath))
    config.pluginmanager.register(plugin, PLUGIN_NAME)


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if config.stash.get(summary.SHORT_FAILURES, False) and terminal is not None and config.option.reportchars == "fE":
        # pytest's default -r lists the failures again by their Python ids: the « Échecs » section says it better.
        pytest_internals.drop_short_failure_lines(terminal)


@pytest.fixture
def evidence_dir(output_path: str) -> pathlib.Path:
    """Where to save this scenario's failure evidence (created on demand): pytest-playwright's folder."""
    return pathlib.Path(output_path)


def _is_subtest(report) -> bool:
    """Subtest reports (pytest's subtests, used by Schemathesis per check) are no scenarios, and unhashable:
    their test's own report carries the outcome."""
    return type(report).__hash__ is None


def _step_failure(exception: BaseException, step, step_func, item: pytest.Item) -> str:
    """What every output of ours says of a failed step, built from the exception without changing it: the fact a
    check stated (pages/observed.py), or a wait no page object put in words said with the step it stopped (never a
    locator or a library phrase: the trace keeps them), and the rules the step breaks if the message lacks them."""
    if isinstance(exception, UI_TIMEOUTS) and not isinstance(exception, AssertionError):
        text = (f"L'étape « {step.keyword} {step.name} » n'a pas abouti : ce qu'elle attendait à l'écran n'est pas "
                f"apparu en {UI_WAIT_S:.0f} s (détail dans la trace et la capture d'écran).")
    else:
        text = messages.text_of(exception)
    if not getattr(exception, "rules", None):  # a Breach names its own rules
        broken = rules.broken_by(step_func, (m.name for m in item.iter_markers()))
        text = messages.with_rules(text, rules.rule_lines(broken, model.rules_from_markers(item.config.getini(
            "markers"))))
    return messages.shorten(text.strip() or exception.__class__.__name__)


def _tolerated(item: pytest.Item, report: pytest.TestReport) -> bool:
    """Whether this report is a quarantined scenario's failure that pytest tolerated (xfailed: the marker set by
    fixtures/quarantine.py on its last attempt)."""
    return bool(report.skipped and getattr(report, "wasxfail", None) is not None and item.get_closest_marker(
        QUARANTINE_TAG))


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


class ReportingPlugin:
    """State of one process: per-report payloads and browsers seen; on the controller, the results."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.payloads = Payloads()
        self.browsers: dict[str, str] = {}
        self.executable = ""
        self.collector = None if _is_worker(config) else ResultCollector(config, self.browsers)
        self.writes_ci_files = False

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if self.collector is not None:
            self.collector.started = time.time()
            if self.writes_ci_files:  # every plugin is configured: the libraries' writers are registered by now
                pytest_internals.stop_junit_writer(session.config)
                bdd_internals.stop_cucumber_writer(session.config)

    # ------------------------------------------------------------------- each test (any process)
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        evidence.forget_folder(item)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        outcome = yield
        name = fixturedef.argname
        if name not in ("output_path", "page", "mobile_apps", "browser", "browser_type_launch_args"):
            return
        try:
            value = outcome.get_result()
        except BaseException:
            return
        if name == "output_path":
            evidence.remember_folder(request.node, value)
        elif name == "page":
            request.node.stash[LIVE_PAGE] = value
        elif name == "mobile_apps":
            request.node.stash[LIVE_APPS] = value
        else:
            self._learn_browser(name, value)

    def _learn_browser(self, name: str, value) -> None:
        try:
            if name == "browser_type_launch_args":
                self.executable = str((value or {}).get("executable_path") or "")
                return
            where = f"exécutable {self.executable}" if self.executable else "navigateur fourni par Playwright"
            self.browsers[f"{value.browser_type.name} {value.version}"] = where
        except Exception:
            return
        if _is_worker(self.config):
            self.config.workeroutput[WORKER_OUTPUT_KEY] = {"browsers": self.browsers}

    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_step_error(self, request, feature, scenario, step, step_func, step_func_args, exception):
        request.node.stash[STEP_ERROR] = {"line": step.line_number, "name": step.name,
                                          "message": _step_failure(exception, step, step_func, request.node),
                                          "rules": list(getattr(exception, "rules", ()))}
        if getattr(request.config.option, "allure_report_dir", None):
            allure_evidence.attach(request.node.stash.get(LIVE_PAGE, None), request.node.stash.get(LIVE_APPS, None))

    def pytest_bdd_step_func_lookup_error(self, request, feature, scenario, step, exception) -> None:
        request.node.stash[STEP_ERROR] = {
            "line": step.line_number, "name": step.name,
            "message": f"Étape non définie : aucune définition ne correspond à « {step.name} ». "
                       "Lancez `make garde` pour la liste des phrases proches."}

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call):
        outcome = yield
        report = outcome.get_result()
        if report.when == "setup" and STEP_ERROR in item.stash:
            del item.stash[STEP_ERROR]
        error = item.stash.get(STEP_ERROR, None)
        self.payloads[report] = {
            "scenario": scenario_info(item),
            "markers": sorted({m.name for m in item.iter_markers()}),
            "example": bdd_internals.example_of(item),
            "evidence_dir": evidence.folder_of(item),
            "attempt": getattr(item, "execution_count", 1),
            "step_error": error,
            "quarantined_failure": _tolerated(item, report),
        }
        try:
            allure_rules.add(self.config, report, self.payloads.get(report), bdd_internals.report_scenario(report))
        except Exception:  # noqa: BLE001 - a report detail: never break the run for it
            pass

    # ------------------------------------------------------------ pytest-xdist: worker -> controller
    @pytest.hookimpl(hookwrapper=True)
    def pytest_report_to_serializable(self, config, report):
        outcome = yield
        data = outcome.get_result()
        if isinstance(data, dict) and not _is_subtest(report):
            self.payloads.to_wire(report, data)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_report_from_serializable(self, config, data):
        context, payload = Payloads.take_from_wire(data) if isinstance(data, dict) else (None, None)
        outcome = yield
        report = outcome.get_result()
        if report is not None:
            self.payloads.restore(report, context, payload)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """A worker finished: keep what it learnt about the browser."""
        sent = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
        if sent:
            self.browsers.update(sent.get("browsers", {}))

    # ------------------------------------------------------------------------- controller: results
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if self.collector is not None and not _is_subtest(report):
            try:
                self.collector.add(report, self.payloads.get(report), bdd_internals.report_scenario(report))
            except Exception as exc:  # the report must never break the run it reports on
                self.collector.html_error = f"{exc.__class__.__name__}: {exc}"

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus) -> None:
        state = self.collector
        if state is None:
            return
        if not any(r.bdd for r in state.results.values()):
            if self.writes_ci_files:  # no scenario ran: CI tools still read a file that says so
                self._write_ci_files(session.config, state, state.build_run(session.exitstatus))
            return
        started = time.perf_counter()
        try:
            from reporting import html

            state.run = state.build_run(session.exitstatus)  # as the hooks before this one left it
            path = pathlib.Path(session.config.getoption("--html-report"))
            if not path.is_absolute():
                path = session.config.invocation_params.dir / path
            html.write(state.run, path, _history(session.config, state))
            state.html_path = path
        except Exception as exc:  # a report problem must not hide the run's result
            state.html_error = f"{exc.__class__.__name__}: {exc}"
        state.html_seconds = time.perf_counter() - started
        if self.writes_ci_files and state.run is not None:
            self._write_ci_files(session.config, state, state.run)

    @staticmethod
    def _write_ci_files(config: pytest.Config, state: ResultCollector, run) -> None:
        """Cucumber JSON and JUnit XML from the same results as the HTML report, each written once (before the
        secrets scan, registered earlier, which runs after this trylast hook)."""
        from reporting import ci_files

        features = (config.rootpath / (config.getini("bdd_features_base_dir") or "")).resolve()
        for option, write in (("cucumber_json_path", ci_files.write_cucumber_json),
                              ("xmlpath", ci_files.write_junit_xml)):
            target = getattr(config.option, option, None)
            if not target:
                continue
            path = pathlib.Path(os.path.expanduser(target))
            path = path if path.is_absolute() else config.invocation_params.dir / path
            try:
                write(run, path, features)
            except Exception as exc:  # noqa: BLE001 - said in the summary, never hides the run's result
                state.html_error = (state.html_error + " ; " if state.html_error else "") + f"{path.name} : {exc}"

    def pytest_terminal_summary(self, terminalreporter, exitstatus, config: pytest.Config) -> None:
        state = self.collector
        if state is None or state.run is None and not state.html_error:
            return
        summary.write(terminalreporter, state)


def _history(config: pytest.Config, state: ResultCollector):
    """This run added to the history the options name, and the history as the report shows it (or None)."""
    raw = config.getoption("history", None)
    if not raw:
        return None
    from harness import run_history as history

    path = pathlib.Path(os.path.expanduser(raw))
    path = path if path.is_absolute() else config.invocation_params.dir / path
    past = history.read(path)
    entry = history.record(state.run)
    written = history.append(path, entry)
    past.runs.append(entry)
    past.problem = " ; ".join(p for p in (past.problem, written) if p)
    state.history = past
    return past
