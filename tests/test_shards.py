"""Shards and the merged report: 3 parts run one after another, merged (python -m reporting.merge),
equal in content to one run of the whole suite — HTML report, JUnit, Cucumber JSON, Allure results and
evidence — durations aside. On the reporting fixture project (a failure with its evidence, a
quarantined flaky scenario, an outline) and on the real iOS scenarios against the sandbox."""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from junitparser import JUnitXml

from tests.test_ci_files import consumer
from tests.test_reporting import FIXTURE, ROOT, run_fixture

pytestmark = pytest.mark.verifier  # runs in parts and their merge: make verifier

SHARDS = 3


def reports_args(folder: str) -> list[str]:
    return [f"--html-report={folder}/index.html", f"--output={folder}/artefacts", f"--junitxml={folder}/junit.xml",
            f"--cucumberjson={folder}/cucumber.json", f"--alluredir={folder}/allure"]


def split(index: int, total: int) -> list[str]:
    """pytest-split's options for part `index` of `total`, as make e2e SHARD=index/total passes them."""
    return [f"--splits={total}", f"--group={index}", "--splitting-algorithm=least_duration"]


def merge(project: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reporting.merge", *args], cwd=project, env=environ,
                          capture_output=True, text=True, timeout=120)


# ----------------------------------------------------------------------------- normalisation
DURATION = re.compile(r"\d+(,\d+)? s\b|\d+ min \d+ s|\d\d/\d\d/\d{4} à \d\d:\d\d:\d\d")


def html_content(folder: pathlib.Path) -> str:
    page = DURATION.sub("<durée>", (folder / "index.html").read_text(encoding="utf-8"))
    # Each scenario's timeline is its own run's clock: compared without it.
    page = re.sub(r'<details class="timeline".*?</details>', "<chronologie>", page, flags=re.S)
    return re.sub(r"show-trace \S*?artefacts/", "show-trace <rapports>/artefacts/", page)  # names its folder


def junit_content(folder: pathlib.Path) -> tuple:
    root = ET.parse(folder / "junit.xml").getroot()
    suites = list(root.iter("testsuite"))
    counts = tuple(sum(int(s.get(k)) for s in suites) for k in ("tests", "failures", "errors", "skipped"))

    def content(element: ET.Element) -> tuple:
        attributes = tuple(sorted((k, v) for k, v in element.attrib.items() if k != "time"))
        text = re.sub(r"0x[0-9a-f]+", "0x…", (element.text or "").strip())
        return element.tag, attributes, text, tuple(sorted(content(child) for child in element))
    return len(suites), counts, sorted(content(c) for c in root.iter("testcase"))


def cucumber_content(folder: pathlib.Path) -> list:
    features = json.loads((folder / "cucumber.json").read_text(encoding="utf-8"))
    for feature in features:
        for element in feature["elements"]:
            for step in element["steps"]:
                step["result"].pop("duration", None)
                if "error_message" in step["result"]:
                    step["result"]["error_message"] = re.sub(r"0x[0-9a-f]+", "0x…", step["result"]["error_message"])
        feature["elements"].sort(key=lambda e: e["id"])
    return sorted(features, key=lambda f: f["uri"])


def allure_content(*folders: pathlib.Path) -> list:
    """Each test's result in these results directories, as Allure's own reader sees them together (``allure generate
    dir1 dir2``), without uuids and times."""
    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in sorted(value.items())
                    if k not in ("uuid", "start", "stop", "source", "historyId", "testCaseId")
                    and not (k == "labels")} | ({"labels": sorted((x["name"], x["value"]) for x in value["labels"]
                                                                  if x["name"] not in ("thread", "host"))}
                                                 if "labels" in value else {})
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str):  # a step parameter may name the part's own report folder
            return re.sub(r"0x[0-9a-f]+", "0x…", re.sub(r"/reports/[^/'\"]+/", "/reports/…/", value))
        return value
    results = [json.loads(p.read_text(encoding="utf-8")) for f in folders for p in f.glob("*-result.json")]
    for result in results:  # fixture values in steps: each part generates its own accounts (Faker)
        for step in result.get("steps", []):
            step["parameters"] = [p["name"] for p in step.get("parameters", [])]
    attachments = sorted(p.stat().st_size for f in folders for p in f.glob("*-attachment*"))
    return [sorted((clean(r) for r in results), key=lambda r: json.dumps(r, sort_keys=True)), attachments]


def model_content(folder: pathlib.Path) -> list:
    results = json.loads((folder / "resultats.json").read_text(encoding="utf-8"))["results"]
    for result in results:
        result.pop("duration")
        result.pop("evidence_dir")
        result.pop("timeline")  # times and order numbers of another run: the same events, never the same clock
        for step in result["steps"]:
            step.pop("duration")
    return sorted(results, key=lambda r: r["nodeid"])


def allure_report(*folders: pathlib.Path, out: pathlib.Path) -> dict:
    """What Allure 3 itself makes of these results directories: its report's totals and each test's name and status."""
    done = subprocess.run([str(consumer(".bin", "allure")), "generate", *map(str, folders), "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    stats = json.loads((out / "summary.json").read_text(encoding="utf-8"))["stats"]
    tests = sorted((r["name"], r["status"]) for r in (json.loads(p.read_text(encoding="utf-8"))
                                                     for p in (out / "data" / "test-results").glob("*.json")))
    return {"stats": stats, "tests": tests}


def assert_same_reports(whole: pathlib.Path, merged: pathlib.Path, parts: list[pathlib.Path]) -> None:
    assert model_content(merged) == model_content(whole)
    assert junit_content(merged) == junit_content(whole)
    assert cucumber_content(merged) == cucumber_content(whole)
    # Allure's merge is its own: one report from the parts' results directories, nothing copied.
    assert not (merged / "allure").exists()
    assert allure_content(*(p / "allure" for p in parts)) == allure_content(whole / "allure")
    assert html_content(merged) == html_content(whole)


# --------------------------------------------------------------------------- fixture project
@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    target = tmp_path / "projet"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("reports", "__pycache__"))
    return target


def test_three_shards_merged_equal_one_whole_run(project):
    whole = run_fixture(project, *reports_args("reports/entier"))
    assert whole.returncode == 1, whole.stdout[-3000:]
    ran = []
    for index in range(1, SHARDS + 1):
        done = run_fixture(project, *split(index, SHARDS), *reports_args(f"reports/shard-{index}"))
        assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
        assert f"Partie {index}/{SHARDS} :" in done.stdout
        shard = json.loads((project / "reports" / f"shard-{index}" / "resultats.json").read_text(encoding="utf-8"))
        assert shard["shard"] == f"{index}/{SHARDS}"
        ran += [r["nodeid"] for r in shard["results"] if r["status"] != "notrun"]
    # Every test in exactly one part; no durations recorded yet: by count (5 tests: 2, 2, 1).
    assert sorted(ran) == sorted(set(ran)) and len(ran) == 5

    done = merge(project, "--sortie", "reports/fusion", *(f"reports/shard-{i}" for i in range(1, SHARDS + 1)))
    assert done.returncode == 1, done.stdout + done.stderr  # the merged verdict: a scenario failed
    assert "Fusion de 3 partie(s)" in done.stdout and "Rapport HTML : reports/fusion/index.html" in done.stdout
    merged, entire = project / "reports" / "fusion", project / "reports" / "entier"
    parts = [project / "reports" / f"shard-{i}" for i in range(1, SHARDS + 1)]
    assert_same_reports(entire, merged, parts)
    # The merged JUnit, by junitparser, read back by it: one suite, every part's test cases.
    suites = list(JUnitXml.fromfile(str(merged / "junit.xml")))
    assert len(suites) == 1 and suites[0].tests == 5 and suites[0].failures == 1
    # The command the merge prints is Allure 3's documented merge; Allure's report of the parts is the whole run's.
    command = re.search(r"allure generate (.+)", done.stdout).group(1).split()
    assert sorted(command) == sorted(str(pathlib.Path("reports") / f"shard-{i}" / "allure") for i in (1, 2, 3))
    assert (allure_report(*(project / c for c in command), out=project / "allure-fusion")
            == allure_report(entire / "allure", out=project / "allure-entier"))
    # The failure's evidence came along: screenshot embedded, trace linked next to the merged report.
    page = (merged / "index.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page
    link = re.search(r'href="(artefacts/[^"]+/trace\.zip)"', page).group(1)
    assert (merged / link).is_file()


def test_shards_balanced_by_recorded_durations(project):
    collected = [line for line in run_fixture(project, "--collect-only", "-q").stdout.splitlines() if "::" in line]
    assert len(collected) == 5
    slow = collected[0]
    # pytest-split's own file, where it looks by default (.test_durations in the directory pytest starts from).
    (project / ".test_durations").write_text(json.dumps({n: (60.0 if n == slow else 1.0) for n in collected}))
    parts = []
    for index in (1, 2):
        # Under pytest-xdist, as make e2e runs a part: each worker collects and pytest-split deselects there.
        out = run_fixture(project, *split(index, 2), "-n", "2", "-v").stdout
        parts.append(sorted(set(re.findall(r"(?:PASSED|FAILED|XFAIL|XPASS) (\S+::\S+)", out))))  # xdist's -v
    # pytest-split's least_duration: the 60 s scenario alone, the four 1 s ones together.
    assert sorted(map(len, parts)) == [1, 4] and [slow] in parts, parts
    assert sorted(parts[0] + parts[1]) == sorted(collected)
    # --store-durations: pytest-split writes the file it read, each test once (the controller's, all workers' tests).
    run_fixture(project, "-n", "2", "--store-durations", *reports_args("reports/tout"))
    stored = json.loads((project / ".test_durations").read_text(encoding="utf-8"))
    assert sorted(stored) == sorted(collected) and stored[slow] < 60.0


def test_bad_shard_and_merge_input_are_refused_in_french(project, tmp_path):
    # pytest-split's own checks say it in English: the harness's come first, in French.
    done = run_fixture(project, *split(4, 3))
    assert done.returncode == 4 and "la partie (--group) doit être entre 1 et le nombre de parties" in done.stderr
    done = run_fixture(project, "--splits=3")
    assert done.returncode == 4 and "--splits et --group vont ensemble" in done.stderr
    done = run_fixture(project, *split(1, 10**30))
    assert done.returncode == 4 and "au plus 1000 parties" in done.stderr
    (project / ".test_durations").write_text("{pas du json")
    done = run_fixture(project, *split(1, 2))
    assert done.returncode == 4 and "fichier illisible" in done.stderr
    assert "Traceback" not in done.stderr
    # make e2e SHARD=deux: tests/test_make_commands.py (code 4, in French, before pytest).
    done = merge(project, str(tmp_path))
    assert done.returncode == 4 and "pas de resultats.json" in done.stderr and "Traceback" not in done.stderr


def test_more_parts_than_tests_leaves_an_empty_part(project):
    done = run_fixture(project, *split(6, 6), *reports_args("reports/p6"))
    assert done.returncode == 0, done.stdout[-2000:]
    assert "Partie 6/6 : aucun scénario (plus de parties que de scénarios)" in done.stdout
    # Its folder still holds a run for the merge: the scenarios, none run here.
    shard = json.loads((project / "reports" / "p6" / "resultats.json").read_text(encoding="utf-8"))
    assert shard["shard"] == "6/6" and shard["results"] and all(r["status"] == "notrun" for r in shard["results"])


# -------------------------------------------------------------------- the real suite (iOS part)
def test_real_ios_scenarios_in_three_shards_merge_to_the_whole_run(tmp_path):
    """The real scenarios (iOS app on the simulator, sandbox per part), run as `make e2e SHARD=i/3` runs them."""
    def pytest_run(*args: str) -> subprocess.CompletedProcess:
        environ = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER")}
        return subprocess.run([sys.executable, "-m", "pytest", "steps", "-m", "ios", "-p", "no:cacheprovider",
                               "--durations-path", str(tmp_path / "aucune.json"), "--faker-seed", "1313", *args],
                              cwd=ROOT, env=environ, capture_output=True, text=True, timeout=600)
    whole = pytest_run(*reports_args(str(tmp_path / "entier")))
    assert whole.returncode == 0, whole.stdout[-3000:]
    for index in range(1, SHARDS + 1):
        done = pytest_run(*split(index, SHARDS), *reports_args(str(tmp_path / f"shard-{index}")))
        assert done.returncode == 0, done.stdout[-3000:]
        # Each part has its own sandbox (its log beside its reports).
        assert (tmp_path / f"shard-{index}" / "sandbox.log").is_file()
    done = merge(ROOT, "--sortie", str(tmp_path / "fusion"), *(str(tmp_path / f"shard-{i}") for i in (1, 2, 3)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert_same_reports(tmp_path / "entier", tmp_path / "fusion", [tmp_path / f"shard-{i}" for i in (1, 2, 3)])
