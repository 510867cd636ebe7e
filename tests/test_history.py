"""A rule's history across runs (harness/run_history.py, --historique): the file each run appends to, what the report
draws from it, and what it does with a file it cannot read."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from harness import run_history as history

ROOT = pathlib.Path(__file__).resolve().parent.parent


def entry(commit: str, scenarios: dict[str, str], rules: dict[str, dict[str, str]]) -> dict:
    return {"format": history.FORMAT, "date": "2026-12-03 10:00", "commit": commit, "cible": "sandbox", "graine": "1",
            "code": 0, "regles": rules,
            "scenarios": {nodeid: {"titre": nodeid, "statut": status, "canaux": ["Web"]}
                          for nodeid, status in scenarios.items()}}


def test_strips_show_the_last_verdicts_per_rule_and_channel_with_their_flip_rate():
    runs = [entry("a", {}, {"R15": {"Web": "verifiee", "Android": "verifiee"}}),
            entry("a", {}, {"R15": {"Web": "echec"}}),
            entry("b", {}, {"R15": {"Web": "verifiee", "Android": "verifiee"}})]
    found = {(s.rule, s.channel): s for s in history.strips(runs)}
    assert found[("R15", "Web")].statuses == ["verifiee", "echec", "verifiee"]
    assert found[("R15", "Web")].flip_rate == 1.0
    assert found[("R15", "Android")].statuses == ["verifiee", "verifiee"]  # a run that did not run it says nothing
    assert found[("R15", "Android")].flip_rate == 0.0
    assert len(history.strips(runs * 10)[0].statuses) == history.SHOWN


def test_a_scenario_that_passed_and_failed_on_one_commit_is_unstable_and_a_code_change_is_not():
    runs = [entry("a", {"s1": "passed", "s2": "passed"}, {}), entry("a", {"s1": "failed", "s2": "passed"}, {}),
            entry("b", {"s2": "failed"}, {})]
    (flagged,) = history.unstable(runs)
    assert (flagged.title, flagged.commit, flagged.statuses) == ("s1", "a", ["passed", "failed"])


def test_unreadable_lines_are_skipped_and_counted(tmp_path):
    path = tmp_path / "historique.jsonl"
    good = json.dumps(entry("a", {"s": "passed"}, {}))
    path.write_text(f"{good}\n{{pas du json\n[1, 2]\n{good}\n", encoding="utf-8")
    found = history.read(path)
    assert len(found.runs) == 2
    assert "2 ligne(s) illisible(s) ignorée(s)" in found.problem


def test_a_file_that_is_not_text_is_set_aside_and_a_new_history_starts(tmp_path):
    path = tmp_path / "historique.jsonl"
    path.write_bytes(b"\xff\xfe\x00garbage")
    found = history.read(path)
    assert found.runs == [] and "mis de côté sous historique.jsonl.illisible-" in found.problem
    assert not path.exists() and len(list(tmp_path.glob("historique.jsonl.illisible-*"))) == 1
    assert history.append(path, entry("a", {}, {})) == ""
    assert len(history.read(path).runs) == 1


def test_an_unwritable_history_is_said_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        problem = history.append(folder / "historique.jsonl", entry("a", {}, {}))
    finally:
        folder.chmod(0o700)
    if os.geteuid() == 0:  # root writes anyway: nothing to refuse
        assert problem == ""
    else:
        assert problem.startswith("historique") and "non écrit" in problem


@pytest.mark.verifier
def test_two_runs_draw_a_strip_of_two_and_a_glitch_is_flagged_with_its_proposal(tmp_path, shared_browser):
    """The same scenario twice on one commit, the second time with the sandbox charging the wrong price: the report
    read in Chromium shows two verdicts for R16 on the web, and the scenario « instable (historique) »."""
    kept = tmp_path / "historique.jsonl"
    for glitch in ("", "two_years_charged_as_one"):
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "steps", "-k", "acheter_un_abonnement_de_pack and 24", "-q",
             "-p", "no:cacheprovider", "--historique", str(kept), "--html-report", str(tmp_path / "index.html"),
             "--output", str(tmp_path / "a")],
            cwd=ROOT, env={**os.environ, "PA_SANDBOX_MUTATIONS": glitch}, capture_output=True, text=True, timeout=300)
        assert result.returncode == (1 if glitch else 0), result.stdout[-3000:]
    assert len(kept.read_text(encoding="utf-8").splitlines()) == 2
    page = shared_browser.new_page()
    try:
        page.goto((tmp_path / "index.html").as_uri())
        section = page.locator("#historique")
        row = section.get_by_role("row").filter(has=page.get_by_role("rowheader", name="R16")).filter(has_text="Web")
        assert row.locator("td.strip .chip").evaluate_all("chips => chips.map(c => c.title)") == [
            "vérifiée", "en échec"]
        unstable = section.locator(".unstable")
        assert "Instables (historique) : 1" in unstable.inner_text()
        assert "Acheter un abonnement de 2 ans" in unstable.inner_text()
        assert "réussi → échoué" in unstable.inner_text()
        assert "Proposition : le mettre en quarantaine" in unstable.inner_text()
    finally:
        page.close()
