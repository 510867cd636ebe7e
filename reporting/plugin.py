"""pytest plugin: French HTML report, terminal summary, quarantine and xdist-safe BDD data.

Loaded from the root ``conftest.py`` (``pytest_plugins = [..., "reporting.plugin"]``).

What it does
------------
- ``reports/index.html`` (option ``--html-report PATH``, variable ``PA_HTML_REPORT``): one
  self-contained French page written at the end of the session (by the controller only under
  pytest-xdist): Fonctionnalité -> Scénario -> étapes, per channel (Web, iOS iPad, iOS iPhone,
  Android), failures with their screenshot embedded, the Playwright trace linked, the Appium page
  source; the rules matrix R01..R21 x channel; run metadata. Written only when at least one BDD
  scenario ran (``pytest tests`` does not overwrite the scenarios' report).
- A one-screen French summary on the terminal (per channel, per rule, path of the report).
- Quarantine: a scenario tagged ``@quarantaine`` is rerun (pytest-rerunfailures ``flaky`` marker
  added at collection, ``--quarantine-reruns N``, default 2, variable ``PA_QUARANTINE_RERUNS``); if
  its last attempt still fails, the failure becomes an xfail-like outcome (``skipped`` +
  ``wasxfail``, shown ``x``/XFAIL by pytest, ``<skipped>`` in JUnit): reported as « quarantaine :
  échec toléré », counted apart, and it does not fail the run.
- pytest-xdist: pytest-bdd keeps each scenario's data in a registry keyed by the report object,
  which does not cross from worker to controller; ``pytest_report_to_serializable`` /
  ``pytest_report_from_serializable`` carry it (and this plugin's own per-report data) across, so
  ``--cucumberjson`` and the HTML report are the same under ``-n N`` as serially.
  Intermediate attempts of reruns are kept out of pytest-bdd's cucumber JSON (pytest-bdd 9 does not
  know the ``rerun`` outcome and would abort on it).
- Allure: ``--alluredir DIR`` (allure-pytest-bdd) works as is; when it is active, the screenshot of
  the live Playwright page or Appium driver is attached to the failing step.
- Evidence folder: the fixture ``evidence_dir`` (or :func:`evidence_dir_for`) gives the per-test
  folder pytest-playwright uses (``--output``/<slug of the node id>[-retryN]); mobile fixtures save
  ``appium-screenshot.png`` and ``appium-page-source.xml`` there and the report picks them up.

Exit codes of a run (pytest's, kept as they are)
------------------------------------------------
- 0: every scenario passed (scenarios in quarantine may have failed: they are reported, not blocking)
- 1: at least one scenario failed (outside quarantine)
- 2: run interrupted (Ctrl+C, ``-x``/``--maxfail`` stop, or a ``pytest.exit`` without a code)
- 3: internal or set-up error (pytest internal error, sandbox or browser that cannot start)
- 4: usage error (unknown option, bad environment profile, Gherkin guard refusing a feature file)
- 5: no scenario collected (e.g. a ``-k``/``-m`` filter that selects nothing)
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import pathlib
import re
import subprocess
import time
from weakref import WeakKeyDictionary

import pytest
from pytest_bdd.reporting import ReportContext, test_report_context_registry

from reporting import model
from reporting.model import RunInfo, ScenarioResult, StepResult

QUARANTINE = "quarantaine"
STEP_ERROR = pytest.StashKey[dict]()
SCENARIO_INFO = pytest.StashKey[dict]()
STATE = pytest.StashKey["ReportState"]()
ENV = pytest.StashKey[dict]()

# Per-report data of this plugin, on the process that made the report (worker or serial) and, after
# deserialisation, on the controller. Keyed by the report object like pytest-bdd's own registry.
_payloads: WeakKeyDictionary = WeakKeyDictionary()

SERIAL_BDD_KEY = "pa_bdd_context"
SERIAL_PAYLOAD_KEY = "pa_reporting"


# --------------------------------------------------------------------------------------- options
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("rapport", "Parallels Access : rapport et quarantaine")
    group.addoption("--html-report", default=os.environ.get("PA_HTML_REPORT", "reports/index.html"),
                    metavar="CHEMIN",
                    help="rapport HTML en français, un seul fichier lisible hors ligne "
                         "(défaut : reports/index.html). Variable : PA_HTML_REPORT")
    group.addoption("--quarantine-reruns", type=int,
                    default=int(os.environ.get("PA_QUARANTINE_RERUNS", 2)), metavar="N",
                    help="nombre de relances d'un scénario @quarantaine en échec (défaut 2). "
                         "Variable : PA_QUARANTINE_RERUNS")


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[ENV] = {"browsers": {}, "executable": ""}
    if not _is_worker(config):
        config.stash[STATE] = ReportState(config)
        cucumber = getattr(config.option, "cucumber_json_path", None)
        if cucumber:  # pytest-bdd does not create the folder and fails at the very end without it
            pathlib.Path(os.path.expanduser(cucumber)).absolute().parent.mkdir(parents=True, exist_ok=True)


# ----------------------------------------------------------------------------------- quarantine
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reruns = config.getoption("--quarantine-reruns")
    for item in items:
        if item.get_closest_marker(QUARANTINE) and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=reruns))


def _last_attempt(item: pytest.Item) -> bool:
    try:
        from pytest_rerunfailures import get_reruns_count
    except ImportError:  # no reruns at all
        return True
    reruns = get_reruns_count(item) or 0
    return getattr(item, "execution_count", 1) > reruns


# ---------------------------------------------------------------------------- evidence folder
def evidence_dir_for(item: pytest.Item) -> pathlib.Path:
    """The folder of this test's evidence, named as pytest-playwright names it (``output_path``)."""
    try:
        from pytest_playwright.pytest_playwright import _truncate_file_name
        from slugify import slugify
    except ImportError:  # pragma: no cover - pytest-playwright is a dependency of the harness
        def _truncate_file_name(name: str) -> str:
            return name[:255]

        def slugify(text: str) -> str:
            return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    output = item.config.getoption("--output", default=None) or "test-results"
    folder = slugify(item.nodeid)
    retry = getattr(item, "execution_count", 1) - 1
    if retry > 0:
        folder += f"-retry{retry}"
    return pathlib.Path(output).absolute() / _truncate_file_name(folder)


@pytest.fixture
def evidence_dir(request: pytest.FixtureRequest) -> pathlib.Path:
    """Where to save this scenario's failure evidence (created on demand)."""
    return evidence_dir_for(request.node)


# ------------------------------------------------------------------------- step data (workers)
def short_message(exc: BaseException) -> str:
    """The useful part of an error: the French message of an assertion, without Playwright's call
    log or pytest's assertion rewriting."""
    text = str(exc).strip() or exc.__class__.__name__
    for cut in ("\nCall log:", "\nassert ", "\n=========================== logs"):
        text = text.split(cut)[0]
    text = text.strip()
    if len(text) > 1200:
        text = text[:1200] + " […]"
    return text


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception) -> None:
    request.node.stash[STEP_ERROR] = {"line": step.line_number, "name": step.name,
                                      "message": short_message(exception)}
    if getattr(request.config.option, "allure_report_dir", None):
        _attach_to_allure(request)


def pytest_bdd_step_func_lookup_error(request, feature, scenario, step, exception) -> None:
    request.node.stash[STEP_ERROR] = {
        "line": step.line_number, "name": step.name,
        "message": f"Étape non définie : aucune définition ne correspond à « {step.name} ». "
                   "Lancez `make garde` pour la liste des phrases proches."}


def _live_fixture_values(request) -> list:
    values = []
    for fixturedef in getattr(request, "_fixture_defs", {}).values():
        cached = getattr(fixturedef, "cached_result", None)
        if cached and (len(cached) < 3 or cached[2] is None):
            values.append(cached[0])
    return values


def _attach_to_allure(request) -> None:
    """Attach what the user saw when the step failed: the Playwright page, the Appium screen."""
    try:
        import allure
    except ImportError:
        return
    for value in _live_fixture_values(request):
        try:
            if hasattr(value, "screenshot") and hasattr(value, "context") and hasattr(value, "goto"):
                allure.attach(value.screenshot(), name="Capture d'écran (navigateur)",
                              attachment_type=allure.attachment_type.PNG)
            elif hasattr(value, "get_screenshot_as_png"):
                allure.attach(value.get_screenshot_as_png(), name="Capture d'écran (appareil)",
                              attachment_type=allure.attachment_type.PNG)
                source = getattr(value, "page_source", None)
                if source:
                    allure.attach(source, name="Source de l'écran (Appium)",
                                  attachment_type=allure.attachment_type.XML)
        except Exception:  # a closed page or a lost session must not hide the real failure
            continue


def _scenario_info(item: pytest.Item) -> dict | None:
    """Name, feature and steps of the item's scenario, known before it runs (a set-up failure
    still shows the scenario and its steps as not run)."""
    if SCENARIO_INFO in item.stash:
        return item.stash[SCENARIO_INFO]
    info = None
    try:
        from pytest_bdd.scenario import scenario_wrapper_template_registry
        template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))
    except (ImportError, TypeError):
        template = None
    if template is not None:
        example = _example(item)
        try:
            scenario = template.render(example) if example else template.render({})
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
            "steps": [{"keyword": s.keyword, "name": s.name, "line": s.line_number} for s in steps],
        }
    item.stash[SCENARIO_INFO] = info
    return info


def _example(item: pytest.Item) -> dict[str, str]:
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example") if callspec else None
    return {str(k): str(v) for k, v in (example or {}).items()}


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "setup":
        if STEP_ERROR in item.stash:
            del item.stash[STEP_ERROR]
    quarantined_failure = False
    if (report.when in ("setup", "call") and report.failed and item.get_closest_marker(QUARANTINE)
            and _last_attempt(item)):
        # pytest-playwright (and mobile fixtures) decide from item.rep_<when>.failed whether to keep
        # the screenshot and the trace: they keep seeing the failure.
        setattr(item, f"rep_{report.when}", copy.copy(report))
        error = item.stash.get(STEP_ERROR, None)
        message = error["message"] if error else _crash_message(report)
        report.outcome = "skipped"
        report.wasxfail = f"quarantaine : échec toléré — {message.splitlines()[0] if message else ''}"
        quarantined_failure = True
    _payloads[report] = {
        "scenario": _scenario_info(item),
        "markers": sorted({m.name for m in item.iter_markers()}),
        "example": _example(item),
        "evidence_dir": str(evidence_dir_for(item)),
        "attempt": getattr(item, "execution_count", 1),
        "step_error": item.stash.get(STEP_ERROR, None),
        "quarantined_failure": quarantined_failure,
    }


def _crash_message(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        text = crash.message
    elif isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        text = str(report.longrepr[2])
    else:
        text = str(report.longrepr or "")
    text = re.sub(r"^(AssertionError|Failed): ", "", text.split("\nCall log:")[0].split("\nassert ")[0])
    return text.strip()[:1200]


# ---------------------------------------------------------------- xdist: worker -> controller
@pytest.hookimpl(hookwrapper=True)
def pytest_report_to_serializable(config, report):
    outcome = yield
    data = outcome.get_result()
    if not isinstance(data, dict):
        return
    context = test_report_context_registry.get(report)
    if context is not None:
        data[SERIAL_BDD_KEY] = {"scenario": context.scenario, "name": context.name}
    payload = _payloads.get(report)
    if payload is not None:
        data[SERIAL_PAYLOAD_KEY] = payload


@pytest.hookimpl(hookwrapper=True)
def pytest_report_from_serializable(config, data):
    context = data.pop(SERIAL_BDD_KEY, None) if isinstance(data, dict) else None
    payload = data.pop(SERIAL_PAYLOAD_KEY, None) if isinstance(data, dict) else None
    outcome = yield
    report = outcome.get_result()
    if report is None:
        return
    if context is not None:
        test_report_context_registry[report] = ReportContext(scenario=context["scenario"], name=context["name"])
    if payload is not None:
        _payloads[report] = payload


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    state = report_state(_CONFIG[-1]) if _CONFIG else None
    if state is not None:
        try:
            state.add(report, _payloads.get(report), test_report_context_registry.get(report))
        except Exception as exc:  # the report must never break the run it reports on
            state.html_error = f"{exc.__class__.__name__}: {exc}"
    if report.outcome == "rerun":
        # pytest-bdd's cucumber JSON knows passed/failed/skipped only; an intermediate attempt
        # would abort it (ValueError) or list the scenario twice. The last attempt is reported.
        test_report_context_registry.pop(report, None)


_CONFIG: list[pytest.Config] = []


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG.append(session.config)
    state = report_state(session.config)
    if state is not None:
        state.started = time.time()


def report_state(config: pytest.Config) -> "ReportState | None":
    return config.stash.get(STATE, None)


# -------------------------------------------------------------------- browser and device info
@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    outcome = yield
    if fixturedef.argname not in ("browser", "browser_type_launch_args"):
        return
    try:
        value = outcome.get_result()
    except BaseException:
        return
    env = request.config.stash.get(ENV, None)
    if env is None:
        return
    try:
        if fixturedef.argname == "browser_type_launch_args":
            env["executable"] = str((value or {}).get("executable_path") or "")
        else:
            name = f"{value.browser_type.name} {value.version}"
            where = (f"exécutable {env['executable']}" if env["executable"]
                     else "navigateur fourni par Playwright")
            env["browsers"][name] = where
    except Exception:
        return
    if _is_worker(request.config):
        request.config.workeroutput["pa_reporting_env"] = {"browsers": env["browsers"]}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """pytest-xdist controller: a worker finished; keep what it learnt about the browser."""
    env = node.config.stash.get(ENV, None)
    sent = getattr(node, "workeroutput", {}).get("pa_reporting_env") if hasattr(node, "workeroutput") else None
    if env is not None and sent:
        env["browsers"].update(sent.get("browsers", {}))


# ------------------------------------------------------------------------ controller: results
@functools.lru_cache(maxsize=64)
def _file_lines(filename: str) -> tuple[str, ...]:
    try:
        return tuple(pathlib.Path(filename).read_text(encoding="utf-8").splitlines())
    except OSError:
        return ()


def written_keyword(filename: str, line: int, keyword: str) -> str:
    """The step keyword as written in the feature file (pytest-bdd title-cases it: "Étant Donné Que")."""
    lines = _file_lines(filename)
    if 0 < line <= len(lines):
        text = lines[line - 1].strip()
        if text.lower().startswith(keyword.lower()):
            return text[:len(keyword)]
    return keyword


class ReportState:
    """Results of the session, on the controller (or the only process)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.started = time.time()
        self.results: dict[str, ScenarioResult] = {}
        self.devices: set[str] = set()
        self.html_path: pathlib.Path | None = None
        self.html_seconds = 0.0
        self.html_error = ""
        self.run: model.Run | None = None

    def add(self, report: pytest.TestReport, payload: dict | None, context) -> None:
        if report.outcome == "rerun":
            return
        payload = payload or {}
        for name, value in getattr(report, "user_properties", []) or []:
            if name == "device" and value:
                self.devices.add(str(value))
        result = self.results.get(report.nodeid)
        if result is None or report.when == "setup":
            result = self._new_result(report, payload)
            self.results[report.nodeid] = result
        result.duration += report.duration or 0.0
        error = payload.get("step_error")
        if report.when == "setup":
            if report.failed:
                result.status, result.error, result.error_where = model.ERROR, _crash_message(report), "setup"
            elif report.skipped:
                if payload.get("quarantined_failure"):
                    result.status, result.error_where = model.QUARANTINED, "setup"
                    result.error = _crash_message(report)
                else:
                    result.status, result.error = model.SKIPPED, _skip_reason(report)
        elif report.when == "call":
            if context is not None:
                result.steps = self._steps(result, context.scenario, error)
            if report.passed:
                result.status = model.PASSED
            elif report.failed or payload.get("quarantined_failure"):
                result.status = model.QUARANTINED if payload.get("quarantined_failure") else model.FAILED
                result.error = (error or {}).get("message") or _crash_message(report)
                result.error_where = "call"
            elif report.skipped:
                result.status, result.error = model.SKIPPED, _skip_reason(report)
        elif report.when == "teardown" and report.failed:
            if result.status in (model.PASSED, model.NOT_RUN):
                result.status = model.ERROR
            result.error = (result.error + "\n\n" if result.error else "") + (
                "Erreur au nettoyage du scénario : " + _crash_message(report))
            result.error_where = result.error_where or "teardown"

    def _new_result(self, report, payload: dict) -> ScenarioResult:
        info = payload.get("scenario")
        markers = set(payload.get("markers") or [k for k in getattr(report, "keywords", {})])
        device = next((str(v) for k, v in getattr(report, "user_properties", []) or [] if k == "device"), "")
        result = ScenarioResult(
            nodeid=report.nodeid, feature_name="Autres tests", markers=markers,
            example=payload.get("example") or {}, device=device, attempts=payload.get("attempt", 1),
            evidence_dir=payload.get("evidence_dir", ""), bdd=info is not None, status=model.NOT_RUN)
        if info:
            feature = info["feature"]
            result.feature_name = feature["name"] or feature["rel_filename"]
            result.feature_keyword = feature["keyword"]
            result.feature_file = feature["filename"]
            result.feature_description = feature["description"]
            result.keyword, result.name, result.line = info["keyword"], info["name"], info["line"]
            result.steps = [StepResult(written_keyword(feature["filename"], s["line"], s["keyword"]),
                                       s["name"], s["line"], "notrun", 0.0) for s in info["steps"]]
        else:
            result.name = report.nodeid
        return result

    def _steps(self, result: ScenarioResult, scenario: dict, error: dict | None) -> list[StepResult]:
        done = {s["line_number"]: s for s in scenario.get("steps", [])}
        failed_line = (error or {}).get("line")
        if failed_line is None:  # no step_error seen: the first failed step is the failing one
            failed_line = next((s["line_number"] for s in scenario.get("steps", []) if s["failed"]), None)
        steps = []
        for step in result.steps or [StepResult(s["keyword"], s["name"], s["line_number"], "notrun", 0.0)
                                     for s in scenario.get("steps", [])]:
            seen = done.get(step.line)
            if step.line == failed_line:
                status = "failed"
            elif seen is not None and not seen["failed"]:
                status = "passed"
            else:
                status = "notrun"
            duration = seen["duration"] if seen is not None and status != "notrun" else 0.0
            steps.append(StepResult(step.keyword, step.name, step.line, status, duration))
        return steps

    # ---------------------------------------------------------------- whole run
    def build_run(self, exit_status) -> model.Run:
        config = self.config
        results = [r for r in self.results.values()]
        results += self._not_run(results)
        profile = getattr(config, "pa_profile", None)
        env = config.stash.get(ENV, {"browsers": {}})
        info = RunInfo(
            target=(f"{profile.name} — {profile.description}" if profile and profile.description
                    else getattr(profile, "name", "") or "non précisée"),
            browsers=[f"{name} ({where})" for name, where in sorted(env["browsers"].items())],
            devices=sorted(self.devices),
            faker_seed=str(getattr(config, "pa_faker_seed", "") or ""),
            duration=time.time() - self.started,
            commit=_git_commit(config.rootpath),
            date=dt.datetime.now().strftime("%d/%m/%Y à %H:%M:%S"),
            exit_status=int(exit_status) if exit_status is not None else None,
            workers=int(getattr(config.option, "numprocesses", 0) or 0),
        )
        rules = model.rules_from_markers(config.getini("markers"))
        return model.Run(rules=rules, results=results, info=info)

    def _not_run(self, results: list[ScenarioResult]) -> list[ScenarioResult]:
        """Scenarios of the feature files that no test ran (deselected, interrupted, not bound)."""
        base = self.config.getini("bdd_features_base_dir") or ""
        folder = (self.config.rootpath / base).resolve()
        if not folder.is_dir():
            return []
        seen = {(os.path.abspath(r.feature_file), r.line) for r in results if r.bdd}
        try:
            from pytest_bdd.feature import get_features
            features = get_features([str(folder)])
        except Exception:
            return []
        missing = []
        for feature in features:
            for template in feature.scenarios.values():
                if (os.path.abspath(feature.filename), template.line_number) in seen:
                    continue
                tags = set(feature.tags) | set(template.tags)
                if template.rule is not None:
                    tags |= set(template.rule.tags)
                for examples in template.examples:
                    tags |= set(getattr(examples, "tags", ()) or ())
                result = ScenarioResult(
                    nodeid=f"{feature.rel_filename}:{template.line_number}", feature_name=feature.name,
                    feature_keyword=feature.keyword, feature_file=feature.filename,
                    feature_description=feature.description or "", keyword=template.keyword,
                    name=template.name, line=template.line_number, markers=tags, status=model.NOT_RUN)
                result.steps = [StepResult(written_keyword(feature.filename, s.line_number, s.keyword), s.name,
                                           s.line_number, "notrun", 0.0) for s in template.steps]
                missing.append(result)
        return missing


def _skip_reason(report) -> str:
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        return re.sub(r"^Skipped: ", "", str(report.longrepr[2]))
    return getattr(report, "wasxfail", "") or ""


def _git_commit(root: pathlib.Path) -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


# ------------------------------------------------------------------ session end: HTML + summary
@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus) -> None:
    state = report_state(session.config)
    if state is None or not any(r.bdd for r in state.results.values()):
        return
    started = time.perf_counter()
    try:
        from reporting import html
        state.run = state.build_run(exitstatus)
        path = pathlib.Path(session.config.getoption("--html-report"))
        if not path.is_absolute():
            path = session.config.invocation_params.dir / path
        html.write(state.run, path)
        state.html_path = path
    except Exception as exc:  # a report problem must not hide the run's result
        state.html_error = f"{exc.__class__.__name__}: {exc}"
    state.html_seconds = time.perf_counter() - started


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    state = report_state(config)
    if state is None or state.run is None and not state.html_error:
        return
    from reporting import summary
    summary.write(terminalreporter, state)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CONFIG and _CONFIG[-1] is config:
        _CONFIG.pop()
