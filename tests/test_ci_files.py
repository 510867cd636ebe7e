"""Each CI file of a run, fed to a real consumer: the official Cucumber JSON schema, a Cucumber HTML reporter,
junitparser and xunit-viewer, Allure 3.

The run is the reporting fixture project (tests/fixtures/reporting: one passed scenario, one failed with a
screenshot and a device page source, one quarantined, an outline on two devices). The npm consumers are installed
by `make report-consumers` (.ci/install-report-consumers.sh) under .tools/report-consumers.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys

import jsonschema
import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = pathlib.Path(__file__).resolve().parent / "fixtures" / "reporting"
SCHEMA = pathlib.Path(__file__).resolve().parent / "fixtures" / "schemas" / "cucumber-jvm.json"
CONSUMERS = pathlib.Path(os.environ.get("REPORT_CONSUMERS_DIR", ROOT / ".tools" / "report-consumers"))
FAILED = "Le remboursement est refusé"
QUARANTINED = "Le partenaire de paiement répond parfois trop tard"


def consumer(*parts: str) -> pathlib.Path:
    path = CONSUMERS.joinpath("node_modules", *parts)
    if not path.exists():  # not a skip: a consumer that cannot run is a failure of the set-up
        pytest.fail(f"{path} absent : lancez `make report-consumers` (.ci/install-report-consumers.sh).",
                    pytrace=False)
    return path


def run_project(folder: pathlib.Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    shutil.copytree(FIXTURE, folder)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--cucumberjson=reports/cucumber.json", "--junitxml=reports/junit.xml",
         "--alluredir=reports/allure", *args],
        cwd=folder, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("ci") / "projet"
    done = run_project(folder)
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    return folder / "reports"


@pytest.fixture(scope="module")
def quarantine_run(tmp_path_factory) -> pathlib.Path:
    """The quarantined scenario fails on every attempt: tolerated, with its reason."""
    folder = tmp_path_factory.mktemp("ci-quarantaine") / "projet"
    done = run_project(folder, env={"QUARANTINE_ALWAYS_FAILS": "1"})
    assert done.returncode == 1, done.stdout[-3000:]  # the other, real failure
    return folder / "reports"


def elements(reports: pathlib.Path) -> dict[str, dict]:
    features = json.loads((reports / "cucumber.json").read_text(encoding="utf-8"))
    return {e["name"]: e for f in features for e in f["elements"]}


# ------------------------------------------------------------------------------------------- Cucumber
def test_cucumber_json_is_valid_against_the_official_schema(failing_run, quarantine_run):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for reports in (failing_run, quarantine_run):
        errors = [f"{e.json_path}: {e.message}" for e in
                  jsonschema.Draft7Validator(schema).iter_errors(json.loads((reports / "cucumber.json").read_text()))]
        assert errors == []


def test_cucumber_json_failure_one_red_step_short_french_message_and_evidence(failing_run):
    failed = elements(failing_run)[FAILED]
    statuses = [s["result"]["status"] for s in failed["steps"]]
    assert statuses == ["passed", "passed", "failed", "skipped"]  # not four red steps
    step = failed["steps"][2]
    message = step["result"]["error_message"]
    assert message.startswith("Le remboursement aurait dû être refusé avec « Remboursement impossible »")
    assert "Traceback" not in message and "assert " not in message and len(message) < 700
    assert "Preuves : " in message and "test-failed-1.png" in message
    embedded = {(e["mime_type"], e["name"]) for e in step["embeddings"]}
    assert ("image/png", "test-failed-1.png") in embedded and ("text/xml", "appium-page-source.xml") in embedded
    assert "R03 en échec" in failed["description"]  # the rule, as the matrix says it
    assert {t["name"] for t in failed["tags"]} == {"@web", "@R03"}


def test_cucumber_json_quarantine_is_visible_with_its_reason(quarantine_run):
    tolerated = elements(quarantine_run)[QUARANTINED]
    assert "Quarantaine : échec toléré (3 tentatives)" in tolerated["description"]
    assert "Le partenaire de paiement n'a pas répondu dans les 3 secondes." in tolerated["description"]
    step = tolerated["steps"][-1]
    assert step["result"]["status"] == "skipped"
    assert step["result"]["error_message"].startswith("Quarantaine : échec toléré — Le partenaire de paiement")


def test_a_cucumber_html_reporter_reads_it(failing_run):
    output = failing_run / "cucumber-html" / "index.html"
    script = ("const r = require(process.argv[1]); r.generate({theme: 'bootstrap', jsonFile: process.argv[2], "
              "output: process.argv[3], launchReport: false, reportSuiteAsScenarios: true, metadata: {}});")
    done = subprocess.run(["node", "-e", script, str(consumer("cucumber-html-reporter")),
                           str(failing_run / "cucumber.json"), str(output)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    page = output.read_text(encoding="utf-8")
    assert FAILED in page and "data:image/png;base64," in page  # the screenshot shown inline
    assert "Preuves : " in page


# ---------------------------------------------------------------------------------------------- JUnit
def test_junit_names_are_the_french_scenarios_and_the_feature_is_the_class(failing_run):
    cases = {case.name: case for suite in JUnitXml.fromfile(str(failing_run / "junit.xml")) for case in suite}
    assert set(cases) == {"Un achat depuis le compte réussit", FAILED, QUARANTINED,
                          "L'application affiche le bouton d'achat sur iPad",
                          "L'application affiche le bouton d'achat sur iPhone"}
    assert {case.classname for case in cases.values()} == {"Acheter un abonnement"}
    (failure,) = cases[FAILED].result
    assert isinstance(failure, Failure) and failure.message.startswith("Le remboursement aurait dû être refusé")


def test_junit_reruns_are_not_counted_as_passes(quarantine_run):
    suites = list(JUnitXml.fromfile(str(quarantine_run / "junit.xml")))
    cases = [case for suite in suites for case in suite]
    assert len(cases) == 5  # three attempts of the quarantined scenario, one test case
    tolerated = next(case for case in cases if case.name == QUARANTINED)
    (skipped,) = tolerated.result
    assert isinstance(skipped, Skipped) and skipped.message.startswith("Quarantaine : échec toléré (3 tentatives)")
    passed = [case for case in cases if not case.result]
    assert len(passed) == 3 and not any(isinstance(r, Error) for case in cases for r in case.result)


def test_a_junit_viewer_reads_it(quarantine_run):
    done = subprocess.run([str(consumer(".bin", "xunit-viewer")), "-r", str(quarantine_run / "junit.xml"), "-c",
                           "-o", "false", "--no-color"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed, 1 failure, 1 skipped" in done.stdout, done.stdout[-2000:]
    assert f"✗ {FAILED}" in done.stdout


# --------------------------------------------------------------------------------------------- Allure
def test_allure_reads_the_results(failing_run, tmp_path):
    done = subprocess.run([str(consumer(".bin", "allure")), "generate", str(failing_run / "allure"), "--output",
                           str(tmp_path / "allure-report")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    summary = json.loads((tmp_path / "allure-report" / "summary.json").read_text(encoding="utf-8"))
    assert summary["stats"]["total"] == 5 and summary["stats"]["failed"] == 1, summary["stats"]
    # Each scenario tagged with its rules' verdicts, as the matrix gives them (reporting.allure_rules): Allure
    # offers them as filters, and the failed scenario carries « en échec » for the rule whose check failed.
    filters = json.loads((tmp_path / "allure-report" / "widgets" / "tree-filters.json").read_text(encoding="utf-8"))
    assert {"R01 vérifiée", "R02 vérifiée", "R03 en échec"} <= set(filters["tags"]), filters
    shown = {}
    for path in (tmp_path / "allure-report" / "data" / "test-results").glob("*.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        shown.setdefault(result["name"], set()).update(
            label["value"] for label in result["labels"] if label["name"] == "tag")
    assert "R03 en échec" in shown[FAILED] and "R01 vérifiée" in shown["Un achat depuis le compte réussit"], shown


# ------------------------------------------------------------------------------ a device failure, for real
@pytest.mark.verifier
def test_a_device_failure_carries_the_device_screen_in_allure_and_cucumber(tmp_path):
    """A regression of the iOS app (sandbox mutation): the failing step of the mobile scenario carries the device's
    screenshot and page source, in Allure (attached to the step) and in the Cucumber JSON (embedded)."""
    out = tmp_path / "sorties"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-k", "actif_dans_lapplication and iPad", "-p", "no:cacheprovider",
         "-q", "--output", str(out / "preuves"), "--html-report", str(out / "index.html"),
         "--cucumberjson", str(out / "cucumber.json"), "--alluredir", str(out / "allure")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("PA_")},
             "PA_SANDBOX_MUTATIONS": "ios_button_despite_subscription"})
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    results = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "allure").glob("*-result.json")]
    # One result per attempt: each failing step carries the screen.
    failed = [r for r in results if r["status"] == "failed"]
    assert failed, [r["status"] for r in results]
    steps = [s for r in failed for s in r["steps"] if s["status"] == "failed"]
    # Caught on the screen right after the app opens (fixtures/watch.py, R15 watched everywhere), before the step
    # that reads the button; a forbidden fact seen is not retried: one attempt.
    assert len(steps) == len(failed) and all("j'ouvre l'application" in s["name"] for s in steps), steps
    step = steps[0]
    names = {a["name"]: a for a in step.get("attachments", [])}
    assert {"Capture d'écran (appareil)", "Source de l'écran (Appium)"} <= set(names), step
    source = (out / "allure" / names["Source de l'écran (Appium)"]["source"]).read_text(encoding="utf-8")
    assert "Acheter l'abonnement" in source  # the screen that shows the button it should not
    features = json.loads((out / "cucumber.json").read_text(encoding="utf-8"))
    (element,) = [e for f in features for e in f["elements"]]
    (red,) = [s for s in element["steps"] if s["result"]["status"] == "failed"]
    embedded = {e["name"] for e in red["embeddings"]}
    assert {"appium-screenshot.png", "appium-page-source.xml"} <= embedded
    assert "R15 en échec" in element["description"] and "R20" in element["description"]


def test_allure_keeps_its_own_history_the_documented_way(failing_run, tmp_path):
    """config/allure/allurerc.yml names Allure 3's history file (`historyPath`): each generation appends its run."""
    config = tmp_path / "allurerc.yml"
    shipped = (ROOT / "config" / "allure" / "allurerc.yml").read_text(encoding="utf-8")
    assert "historyPath:" in shipped
    config.write_text(shipped.replace(" reports/", f" {tmp_path}/"), encoding="utf-8")
    for _ in range(2):
        done = subprocess.run([str(consumer(".bin", "allure")), "generate", str(failing_run / "allure"), "--config",
                               str(config)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    kept = (tmp_path / "allure-historique.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(kept) == 2
    assert all(json.loads(line)["testResults"] for line in kept)
