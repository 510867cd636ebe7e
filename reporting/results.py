"""Results of a session, gathered on the controller (or the only process) from the test reports: one
ScenarioResult per test, from the reports of its last attempt, plus the scenarios of the feature files that no
test ran; and the run's metadata."""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import pathlib
import subprocess
import time

import pytest

from harness import bdd_internals, session
from harness import run_model as model
from harness.run_model import RunInfo, ScenarioResult, StepResult
from reporting import messages


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


class ResultCollector:
    """Results of the session, on the controller (or the only process)."""

    def __init__(self, config: pytest.Config, browsers: dict[str, str]) -> None:
        self.browsers = browsers  # name -> where it comes from, learnt by every process
        self.config = config
        self.started = time.time()
        self.results: dict[str, ScenarioResult] = {}
        self.devices: set[str] = set()
        self.html_path: pathlib.Path | None = None
        self.html_seconds = 0.0
        self.html_error = ""
        self.history = None  # harness.run_history.History, when --historique names a file
        self.run: model.Run | None = None

    def add(self, report: pytest.TestReport, payload: dict | None, scenario: dict | None) -> None:
        """Fold one report in; `scenario` is what pytest-bdd reports of it (steps and their status)."""
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
        # Accessibility audits recorded so far (user properties accumulate over setup, call, teardown).
        audits = [json.loads(v) for k, v in getattr(report, "user_properties", []) or [] if k == "accessibilite"]
        if audits:
            result.accessibility = audits
        for name, value in getattr(report, "user_properties", []) or []:
            if name == session.WATCHED_RULES:  # fixtures/watch.py, at teardown
                result.watched = json.loads(value)
            elif name == session.TIMELINE:  # fixtures/timeline.py, at teardown
                result.timeline = json.loads(value)
        if payload.get("evidence_dir"):  # known once pytest-playwright's output_path is set up, maybe in a step
            result.evidence_dir = payload["evidence_dir"]
        error = payload.get("step_error")
        if report.when == "setup":
            if report.failed:
                result.status, result.error, result.error_where = model.ERROR, messages.of_report(report), "setup"
            elif report.skipped:
                if payload.get("quarantined_failure"):
                    result.status, result.error_where = model.QUARANTINED, "setup"
                    result.error = messages.of_report(report)
                else:
                    result.status, result.error = model.SKIPPED, messages.skip_reason(report)
                    if result.error == session.NOT_STARTED_NOTE:  # an interrupted run's scenario that did not start
                        result.status = model.NOT_RUN
        elif report.when == "call":
            if scenario is not None:
                result.steps = self._steps(result, scenario, error)
            if report.passed:
                result.status = model.PASSED
                flaky = model.flaky_message(report)
                if flaky:
                    result.status, result.error, result.error_where = model.FLAKY, flaky, "retry"
            elif report.failed or payload.get("quarantined_failure"):
                result.status = model.QUARANTINED if payload.get("quarantined_failure") else model.FAILED
                result.error = (error or {}).get("message") or messages.of_report(report)
                result.error_where = "call"
            elif report.skipped:
                result.status, result.error = model.SKIPPED, messages.skip_reason(report)
        elif report.when == "teardown" and report.failed:
            if result.status in (model.PASSED, model.NOT_RUN):
                result.status = model.ERROR
            result.error = (result.error + "\n\n" if result.error else "") + (
                "Erreur au nettoyage du scénario : " + messages.of_report(report))
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
                                       s["name"], s["line"], "notrun", 0.0, tuple(s.get("rules", ())))
                            for s in info["steps"]]
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
            rules = step.rules
            if status == "failed":  # a rule broken on the page after this step (fixtures/watch.py) fails with it
                rules = tuple(dict.fromkeys((*rules, *(error or {}).get("rules", ()))))
            steps.append(StepResult(step.keyword, step.name, step.line, status, duration, rules))
        return steps

    # ---------------------------------------------------------------- whole run
    def build_run(self, exit_status) -> model.Run:
        config = self.config
        results = list(self.results.values())
        results += self._not_run(results)
        profile = config.stash.get(session.TARGET_PROFILE, None)
        info = RunInfo(
            target=(f"{profile.name} — {profile.description}" if profile and profile.description
                    else getattr(profile, "name", "") or "non précisée"),
            browsers=[f"{name} ({where})" for name, where in sorted(self.browsers.items())],
            devices=sorted(self.devices),
            faker_seed=str(config.stash.get(session.FAKER_SEED, "") or ""),
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
            features = bdd_internals.feature_files(folder)
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



def _git_commit(root: pathlib.Path) -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


