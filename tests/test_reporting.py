"""The reporting plugin, on a small fixture project (tests/fixtures/reporting: French feature file,
plain steps, no browser): HTML report, terminal summary, quarantine, cucumber JSON under xdist, and
the report as a browser shows it."""
from __future__ import annotations

import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "reporting"


def run_fixture(project: pathlib.Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environ.pop("PYTEST_ADDOPTS", None)
    environ.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=project, env=environ,
                          capture_output=True, text=True, timeout=300)  # a loaded machine


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    """A fresh copy of the fixture project (its reports do not mix with another test's)."""
    target = tmp_path / "projet"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("reports", "__pycache__"))
    return target


@pytest.fixture(scope="module")
def serial_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, pathlib.Path]:
    target = tmp_path_factory.mktemp("serie") / "projet"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("reports", "__pycache__"))
    done = run_fixture(target, "--cucumberjson=reports/cucumber.json", "--junitxml=reports/junit.xml")
    return done, target


def test_exit_code_is_one_for_a_real_failure(serial_run):
    done, _ = serial_run
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    assert "1 failed, 4 passed" in done.stdout


def test_html_report_shows_the_failing_step_and_its_evidence(serial_run):
    _, project = serial_run
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    # Fonctionnalité -> Scénario -> steps, keywords as written in the feature file.
    assert "Fonctionnalité : Acheter un abonnement" in page
    assert "Étant donné que" in page and "Étant Donné Que" not in page
    # The failing step is highlighted, the next one is shown as not run.
    failing = re.search(r'<tr class="step step-failed">.*?</tr>', page).group(0)
    assert "le remboursement est refusé avec le message" in failing and "échec ici" in failing
    assert re.search(r'<tr class="step step-notrun">.*?aucun débit n\'est annulé', html.unescape(page))
    # French error message from the step, without pytest's assertion rewriting.
    assert "Le remboursement aurait dû être refusé avec « Remboursement impossible »" in page
    assert "assert 'Remboursement" not in html.unescape(page)
    # Screenshot embedded, trace linked relatively with the hint, Appium page source collapsible.
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page
    assert 'href="artefacts/scenarios-py-test-le-remboursement-est-refuse/trace.zip"' in page
    assert "playwright show-trace" in page
    assert '<details class="source"><summary>Source de l\'écran (Appium)' in page
    assert "android.widget.Button" in page
    # Self-contained: no external resource.
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_rules_matrix_matches_the_fixture_tags(serial_run):
    _, project = serial_run
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    matrix = re.search(r'<table class="matrix">.*?</table>', page, re.S).group(0)
    row = r'<tr class="rule-\w+"><th scope="row"><span class="rule-id">(R\d\d)</span>.*?</tr>'
    rows = {m.group(1): m.group(0) for m in re.finditer(row, matrix)}
    assert sorted(rows) == ["R01", "R02", "R03", "R04"]
    # R01: web only, passed.
    assert "✔ vérifiée" in rows["R01"] and "Un achat depuis le compte réussit" in rows["R01"]
    web, ipad, iphone, android = re.findall(r'<td data-col="([\w-]+)"', rows["R01"])
    assert (web, ipad, iphone, android) == ("web", "ios-ipad", "ios-iphone", "android")
    # R02: iPad and iPhone from the Examples values, not web.
    cells = dict(re.findall(r'<td data-col="([\w-]+)"[^>]*>(.*?)</td>', rows["R02"]))
    assert "sur iPad" in cells["ios-ipad"] and "sur iPhone" in cells["ios-iphone"]
    assert cells["web"] == "—" and cells["android"] == "—"
    # R03: its check failed in one scenario, passed in the quarantined one (flaky, passed on rerun).
    assert "✘ en échec" in rows["R03"]
    assert "rule-fail" in rows["R03"] and "Le partenaire de paiement répond parfois trop tard" in rows["R03"]
    assert "Le remboursement est refusé : « Alors le remboursement est refusé avec le message" in rows["R03"]
    # R04: no scenario.
    assert "non couverte" in rows["R04"]
    # Rule meanings come from the ini markers.
    assert "Android - « OK » interrompt le processus" in rows["R04"]


def test_metadata_and_quarantine_badge(serial_run):
    _, project = serial_run
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "iPad (simulateur), iPhone (simulateur)" in page  # user property "device"
    assert "aucun navigateur lancé" in page  # no browser fixture ran, none was started
    assert "3 tentatives" not in page and "2 tentatives" in page  # flaky: failed once, passed on rerun
    assert '<span class="badge st-quarantined">en quarantaine</span>' in page


def test_terminal_summary(serial_run):
    done, _ = serial_run
    out = done.stdout
    assert "Synthèse des scénarios" in out
    assert re.search(r"^Web\s+1\s+1\s+0\s+0\s+0\s+1$", out, re.M), out
    assert re.search(r"^iOS iPad\s+1\s+0\s+0\s+0\s+0\s+0$", out, re.M)
    assert re.search(r"^iOS iPhone\s+1\s+0\s+0\s+0\s+0\s+0$", out, re.M)
    assert re.search(r"^Android\s+0\s+0\s+0\s+0\s+0\s+0$", out, re.M)
    assert re.search(r"R01 ✔\s+R02 ✔\s+R03 ✘\s+R04 – non couverte", out)
    assert "Règles : 2 vérifiées, 1 en échec, 1 non couverte" in out
    # Why the red rule is red, in one line: the scenario and its failed check.
    assert "  R03 en échec — Le remboursement est refusé : « Alors le remboursement est refusé avec le message" in out
    assert "(5 scénarios, 6 lignes : un scénario transverse" not in out  # no cross-channel scenario here
    assert "Rapport HTML : reports/index.html" in out


def test_quarantined_failure_does_not_fail_the_run(project):
    (project / "features" / "achat.feature").write_text(
        (project / "features" / "achat.feature").read_text(encoding="utf-8").replace(
            "@web @R03\n  Scénario: Le rem", "@web @R03 @quarantaine\n  Scénario: Le rem"),
        encoding="utf-8")
    done = run_fixture(project, "-rx", env={"QUARANTINE_ALWAYS_FAILS": "1"})
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 xfailed" in done.stdout and "quarantaine : échec toléré" in done.stdout
    assert re.search(r"^Web\s+1\s+0\s+0\s+0\s+0\s+2 \(dont 2 en échec\)$", done.stdout, re.M), done.stdout
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Échec toléré (scénario en quarantaine)" in page and "3 tentatives" in page
    # pytest-playwright's rule (keep the evidence of a failed test) still applies to the last attempt.
    assert 'src="data:image/png;base64,' in page


def _normalised_cucumber(project: pathlib.Path) -> list:
    text = (project / "reports" / "cucumber.json").read_text(encoding="utf-8")
    features = json.loads(text.replace(str(project), "<projet>"))
    for feature in features:
        for element in feature["elements"]:
            for step in element["steps"]:
                step["result"].pop("duration", None)
                if "error_message" in step["result"]:  # object addresses differ between processes
                    step["result"]["error_message"] = re.sub(r"0x[0-9a-f]+", "0x…", step["result"]["error_message"])
        feature["elements"].sort(key=lambda e: e["id"])
    return sorted(features, key=lambda f: f["uri"])


def test_cucumber_json_under_xdist_equals_serial(serial_run, project):
    _, serial_project = serial_run
    done = run_fixture(project, "-n", "2", "--cucumberjson=reports/cucumber.json")
    assert done.returncode == 1, done.stdout[-3000:]
    parallel = _normalised_cucumber(project)
    serial = _normalised_cucumber(serial_project)
    assert len(serial[0]["elements"]) == 5
    assert parallel == serial
    # The HTML report of the controller has every scenario and the failure's evidence too.
    page = (project / "reports" / "index.html").read_text(encoding="utf-8")
    assert page.count('<details class="scenario') == 5
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page
    assert re.search(r"R01 ✔\s+R02 ✔\s+R03 ✘\s+R04 – non couverte", done.stdout)


def test_no_report_when_no_scenario_ran(project):
    done = run_fixture(project, "-k", "nothing_matches_this")
    assert done.returncode == 5
    assert not (project / "reports" / "index.html").exists()
    assert "Synthèse des scénarios" not in done.stdout


def test_report_in_a_real_browser(serial_run, shared_browser):
    """Open the generated report in headless Chromium: the matrix and the failure are visible."""
    sync_api = pytest.importorskip("playwright.sync_api")
    _, project = serial_run
    report = project / "reports" / "index.html"
    shot = ROOT / "reports" / "rapport-apercu.png"
    shot.parent.mkdir(exist_ok=True)
    page = shared_browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(report.as_uri())
        matrix = page.locator("table.matrix")
        sync_api.expect(matrix).to_be_visible()
        sync_api.expect(matrix.get_by_role("row")).to_have_count(5)
        failure = page.locator("details.scenario.st-failed .failure")
        sync_api.expect(failure).to_be_visible()
        sync_api.expect(failure.get_by_role("img")).to_be_visible()
        sync_api.expect(page.get_by_role("heading", name="Échecs (1)")).to_be_visible()
        # Filters: Android shows no scenario, iOS iPad shows one.
        page.get_by_role("button", name="iOS iPad (1)").click()
        sync_api.expect(page.locator("details.scenario:visible")).to_have_count(1)
        page.get_by_role("button", name="Tous (5)").click()
        sync_api.expect(page.locator("details.scenario:visible")).to_have_count(5)
        page.screenshot(path=str(shot), full_page=True)
    finally:
        page.close()
    assert shot.stat().st_size > 10_000


def test_readme_exit_codes_are_the_table_the_report_reads():
    from harness.exit_codes import EXIT_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| Code | Signification |", 1)[1].split("\n\n", 1)[0]
    rows = {int(m.group(1)): m.group(2).replace("`", "").strip()
            for m in re.finditer(r"^\| (\d) \| (.*) \|$", table, re.M)}
    assert rows == EXIT_CODES, "README.md « Quarantaine et codes de sortie » must say what harness/exit_codes.py says"


def test_terminal_failure_reads_like_the_report(serial_run, project):
    """Per failure: the French scenario, the step, the French message, the evidence, in a few lines; pytest's
    traceback only on demand (--tb=long)."""
    done, _ = serial_run
    out = done.stdout
    block = out.split("= Échecs =")[1].split("= Synthèse des scénarios =")[0]
    lines = [line for line in block.splitlines()[1:] if line.strip() and not line.startswith("=")]
    assert lines[0] == "✘ Le remboursement est refusé — Web"
    assert lines[1] == '    à l\'étape « Alors le remboursement est refusé avec le message "Remboursement impossible" »'
    assert lines[2].startswith("    Le remboursement aurait dû être refusé avec « Remboursement impossible »")
    assert lines[3].startswith("    Preuves : reports/artefacts/") and "test-failed-1.png, trace.zip" in lines[3]
    assert len(lines) <= 5
    assert "conftest.py:" not in out and "def refund_refused" not in out and "FAILED scenarios.py::" not in out
    long = run_fixture(project, "--tb=long")
    assert "def refund_refused" in long.stdout  # the traceback, on demand


def test_library_english_goes_under_the_french_message():
    from reporting.messages import LIBRARY_HEADER, shorten
    raw = ("AssertionError: Le bouton « Acheter l'abonnement » est affiché alors qu'il ne devrait pas l'être\n"
           "Locator expected to be hidden\nActual value: visible\nCall log:\n  - waiting for get_by_role(...)")
    assert shorten(raw).splitlines() == [
        "Le bouton « Acheter l'abonnement » est affiché alors qu'il ne devrait pas l'être", LIBRARY_HEADER,
        "Locator expected to be hidden", "Actual value: visible"]


def test_report_fits_a_390_px_phone(serial_run, tmp_path, shared_browser):
    """On a 390 px wide phone the matrix is one card per rule, readable: nothing wider than the screen, no
    column one letter wide."""
    sync_api = pytest.importorskip("playwright.sync_api")
    _, project = serial_run
    shot = tmp_path / "rapport-390.png"
    page = shared_browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    try:
        page.goto((project / "reports" / "index.html").as_uri())
        matrix = page.locator("table.matrix")
        sync_api.expect(matrix).to_be_visible()
        box = matrix.bounding_box()
        assert box["width"] <= 390, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert box["height"] < 3000, box  # 4 rules: cards, not a column of letters over thousands of pixels
        for text in matrix.locator(".rule-text").all():
            assert text.bounding_box()["width"] > 200  # the rule reads as a sentence
        sync_api.expect(matrix.locator('td[data-label="Web"]').first).to_be_visible()
        matrix.screenshot(path=str(shot))
    finally:
        page.close()
    assert shot.stat().st_size > 5_000


def test_an_appium_wait_says_its_french_message_without_seleniums_prefix():
    """Selenium's exceptions print « Message: … » and the driver's stack: the report takes the message itself."""
    from selenium.common.exceptions import TimeoutException

    from reporting.messages import of_exception, text_of

    wait = TimeoutException("Message: raw", stacktrace=["at WebDriverAgent"])
    wait.msg = "L'écran des ordinateurs ne s'est pas affiché en 10 s."
    assert str(wait).startswith("Message: ")  # what the library prints
    assert of_exception(wait) == text_of(wait) == "L'écran des ordinateurs ne s'est pas affiché en 10 s."
