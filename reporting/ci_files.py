"""The files CI tools read, written from the run's results (the same ones as the HTML report and the terminal):
Cucumber JSON and JUnit XML.

For a run of the scenarios these are the one writer of ``--cucumberjson`` and ``--junitxml`` (each file written
once; the libraries' writers are stopped, harness/bdd_internals.py and harness/pytest_internals.py say how), because
the libraries' own writers give:

- Cucumber JSON: every step after a failing one is « failed », the error is a pytest traceback, a quarantined
  failure is « skipped » without its reason, there is no screenshot, and keys the official schema does not know
  (``language``, tag ``line``) break it. Written here: the cucumber-jvm shape of cucumber/json-schema (validated
  by Cucumber's own @cucumber/cucumber-json-converter in tests/test_ci_files.py), steps after a failure
  « skipped », the short French message and where the evidence is, screenshots and the device's page source
  embedded on the failing step, a set-up failure as a failed ``before`` hook, quarantine with its reason, the
  rules (reporting.verdicts) in the scenario's description, a scenario that passed only on a retry tagged
  ``@instable`` with its first failure in the description.
- JUnit XML: test names are Python ids (``record_xml_attribute`` does nothing on a pytest-xdist worker), each rerun
  attempt is one more « passed » test case, and there is no ``<flakyFailure>``.
  Written here: one test case per scenario (its last attempt), the French scenario name as name, the feature as
  class name, a failure with the French message, a quarantined failure as skipped with its reason, a scenario
  that passed only on a retry as Maven Surefire writes a flaky test (a passed case with a ``<flakyFailure>``:
  the first failure's message, its text under ``<stackTrace>``), plus the property ``instable``.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import pathlib
import re
from xml.etree import ElementTree as ET

from harness import run_model as model
from reporting import messages
from rules import verdicts

# Markers that pytest or the harness add and that are not tags of the feature files.
_NOT_TAGS = {"flaky", "parametrize", "usefixtures", "filterwarnings", "skip", "skipif", "xfail"}
MAX_EMBEDDED_BYTES = 4_000_000
JUNIT_ROOT_NAME, JUNIT_SUITE_NAME = "Parallels Access", "Parallels Access — scénarios"


def ran(run: model.Run) -> list[model.ScenarioResult]:
    """Scenarios that were tests of this run (not the feature scenarios no test ran, listed by the HTML report)."""
    return [r for r in run.results if r.bdd and "::" in r.nodeid]


def short_message(text: str) -> str:
    """The French message whole: the fact, the values it compared, the rule it breaks (rules.rule_lines).
    The library's English lines under it stay in the HTML report, for whoever debugs."""
    french, _library = messages.french_and_library(text or "")
    return "\n".join(line.rstrip() for line in french.splitlines() if line.strip())


def evidence_note(r: model.ScenarioResult, base: pathlib.Path | None = None) -> str:
    """Where the evidence is, relative to the file that says so when it lies beside it: a merged report and a whole
    run then say the same thing, and the path still opens from the CI artefact."""
    def shown(folder: pathlib.Path) -> str:
        if base is not None:
            try:
                return str(folder.resolve().relative_to(base.resolve()))
            except ValueError:
                pass
        return str(folder)
    return r.evidence_note(shown)


def failure_text(r: model.ScenarioResult, base: pathlib.Path | None = None) -> str:
    return "\n".join(part for part in (short_message(r.error), evidence_note(r, base)) if part)


def rules_line(r: model.ScenarioResult) -> str:
    outcomes = r.rule_outcomes()
    parts = [f"{rule} {verdicts.LABELS[o.status]}" + (f" ({o.reason})" if o.reason else "")
             for rule, o in outcomes.items()]
    return "Règles : " + " ; ".join(parts) if parts else ""


def _tags(r: model.ScenarioResult) -> list[dict]:
    flaky = {model.FLAKY_TAG} if r.status == model.FLAKY else set()
    return [{"name": "@" + tag} for tag in sorted(r.markers - _NOT_TAGS | flaky)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _uri(r: model.ScenarioResult, features_dir: pathlib.Path) -> str:
    path = pathlib.Path(r.feature_file)
    try:
        return path.resolve().relative_to(features_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def _feature_line(filename: str, keyword: str) -> int:
    try:
        for number, line in enumerate(pathlib.Path(filename).read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().startswith(keyword):
                return number
    except OSError:
        pass
    return 1


def _embeddings(r: model.ScenarioResult) -> list[dict]:
    found, embedded, size = r.artefacts(), [], 0
    for kind, mime in (("screenshots", "image/png"), ("sources", "text/xml")):
        for path in found[kind]:
            data = path.read_bytes()
            size += len(data)
            if size > MAX_EMBEDDED_BYTES:
                return embedded
            embedded.append({"mime_type": mime, "data": base64.b64encode(data).decode("ascii"), "name": path.name})
    return embedded


def _ns(seconds: float) -> int:
    return int(round(seconds * 1e9))


def cucumber_features(run: model.Run, features_dir: pathlib.Path, base: pathlib.Path | None = None) -> list[dict]:
    features: dict[str, dict] = {}
    for r in ran(run):
        uri = _uri(r, features_dir)
        feature = features.setdefault(uri, {
            "uri": uri, "id": _slug(r.feature_name) or _slug(uri), "keyword": r.feature_keyword,
            "name": r.feature_name, "line": _feature_line(r.feature_file, r.feature_keyword),
            "description": r.feature_description or "", "tags": [], "elements": []})
        feature["elements"].append(_element(r, feature["id"], base))
    return list(features.values())


def _element(r: model.ScenarioResult, feature_id: str, base: pathlib.Path | None = None) -> dict:
    quarantined = r.status == model.QUARANTINED
    description = "\n".join(part for part in (
        rules_line(r),
        f"Quarantaine : échec toléré ({r.attempts} tentatives) — {short_message(r.error)}" if quarantined else "",
        f"Scénario {model.STATUS_LABELS[r.status]} : {short_message(r.error)}"
        if r.status == model.SKIPPED and r.error else "",
        f"Instable : {failure_text(r, base)}" if r.status == model.FLAKY else "",
    ) if part)
    element = {"id": f"{feature_id};{_slug(r.nodeid.split('::')[-1])}", "keyword": r.keyword, "type": "scenario",
               "name": r.title, "line": r.line, "description": description, "tags": _tags(r), "steps": []}
    failed_here = False
    for step in r.steps:
        result: dict = {"status": {"passed": "passed", "failed": "failed"}.get(step.status, "skipped")}
        if step.status != "notrun":
            result["duration"] = _ns(step.duration)
        entry = {"keyword": step.keyword + " ", "line": step.line, "name": step.name, "result": result}
        if step.status == "failed":
            failed_here = True
            if quarantined:
                result["status"] = "skipped"
                result["error_message"] = "Quarantaine : échec toléré — " + failure_text(r, base)
            else:
                result["error_message"] = failure_text(r, base)
            embeddings = _embeddings(r)
            if embeddings:
                entry["embeddings"] = embeddings
        element["steps"].append(entry)
    if r.status in (model.ERROR, model.FAILED, model.QUARANTINED) and not failed_here:
        # A failure outside the steps (set-up, clean-up): a failed hook, as cucumber-jvm reports a failed @Before.
        hook = "after" if r.error_where == "teardown" else "before"
        status = "skipped" if quarantined else "failed"
        element[hook] = [{"match": {"location": "mise en place" if hook == "before" else "nettoyage"},
                          "result": {"status": status, "duration": 0, "error_message": failure_text(r, base)},
                          **({"embeddings": _embeddings(r)} if _embeddings(r) else {})}]
    return element


def write_cucumber_json(run: model.Run, path: pathlib.Path, features_dir: pathlib.Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cucumber_features(run, features_dir, path.parent), ensure_ascii=False, indent=1),
                    encoding="utf-8")


def junit_tree(run: model.Run, features_dir: pathlib.Path, base: pathlib.Path | None = None) -> ET.ElementTree:
    results = ran(run)
    suite = ET.Element("testsuite", name=JUNIT_SUITE_NAME, timestamp=dt.datetime.now().isoformat(
        timespec="seconds"))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    total = 0.0
    for r in results:
        counts["tests"] += 1
        total += r.duration
        case = ET.SubElement(suite, "testcase", classname=r.feature_name, name=r.title,
                             file=_uri(r, features_dir), line=str(r.line), time=f"{r.duration:.3f}")
        props = ET.SubElement(case, "properties")
        for name, value in (("canaux", ", ".join(r.channels)), ("règles", rules_line(r)),
                            ("tentatives", str(r.attempts)), ("preuves", evidence_note(r, base)),
                            (model.FLAKY_TAG, r.error if r.status == model.FLAKY else "")):
            if value:
                ET.SubElement(props, "property", name=name, value=value)
        message = short_message(r.error)
        if r.status == model.FAILED:
            counts["failures"] += 1
            ET.SubElement(case, "failure", message=message or "échec",
                          type="échec").text = failure_text(r, base)
        elif r.status == model.ERROR:
            counts["errors"] += 1
            where = "mise en place" if r.error_where == "setup" else "nettoyage"
            ET.SubElement(case, "error", message=message or "erreur",
                          type=where).text = failure_text(r, base)
        elif r.status == model.QUARANTINED:
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=f"Quarantaine : échec toléré ({r.attempts} tentatives) — "
                          + message).text = failure_text(r, base)
        elif r.status == model.FLAKY:  # passed: counted as such, as Surefire counts a flaky test
            flaky = ET.SubElement(case, "flakyFailure", message=model.first_failure_of(r.error), type=model.FLAKY_TAG)
            ET.SubElement(flaky, "stackTrace").text = failure_text(r, base)
        elif r.status in (model.SKIPPED, model.NOT_RUN):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=f"{model.STATUS_LABELS[r.status]}"
                          + (f" : {message.splitlines()[0]}" if message else ""))
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{total:.3f}")
    root = ET.Element("testsuites", **{k: v for k, v in suite.attrib.items() if k in counts or k == "time"},
                      name=JUNIT_ROOT_NAME)
    root.append(suite)
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit_xml(run: model.Run, path: pathlib.Path, features_dir: pathlib.Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    junit_tree(run, features_dir, path.parent).write(path, encoding="utf-8", xml_declaration=True)
