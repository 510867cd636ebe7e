"""Tests of tools.gherkin_guard on small fixture projects (tests/fixtures/guard/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from tools import gherkin_guard
from tools.gherkin_guard import ERROR, WARNING, Problem, analyse, check, main, pytest_plugin

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "guard"
VALID = FIXTURES / "valid"


def case_paths(case: str) -> tuple[Path, Path, Path]:
    """features, steps, ini of a case: its own steps/ini when present, else the valid project's."""
    folder = FIXTURES / case
    steps = folder / "steps" if (folder / "steps").is_dir() else VALID / "steps"
    ini = folder / "pytest.ini" if (folder / "pytest.ini").is_file() else VALID / "pytest.ini"
    return folder / "features", steps, ini


def run_case(case: str) -> list[Problem]:
    return check(*case_paths(case), base=ROOT)


def located(problems: list[Problem], code: str) -> set[tuple[str, int]]:
    return {(Path(p.file).name, p.line) for p in problems if p.code == code}


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


# --------------------------------------------------------------------------------------------------
def test_valid_project_has_no_problem():
    assert run_case("valid") == []


def test_valid_project_model_matches_pytest_bdd_typing():
    analysis = analyse(*case_paths("valid"), base=ROOT)
    assert len(analysis.definitions) == 14
    by_line = {(u.file.name, u.line): u for u in analysis.uses}
    # "Et" after "Étant donné que" is a given step; "Mais" after "Alors" a then step.
    assert by_line[("achat_portail.feature", 8)].type == "given"
    assert by_line[("achat_portail.feature", 34)].type == "then"
    # "Étant donné que" swallows "que": the text starts at "j'ai".
    assert by_line[("achat_portail.feature", 7)].rendered.startswith("j'ai un compte")
    # Outline steps are rendered with each Examples row.
    rendered = {u.rendered for u in analysis.uses if u.line == 21}
    assert rendered == {f"le panier contient le pack {p}" for p in ("1 mois", "1 an", "2 ans")}
    # Feature, rule and scenario tags are inherited.
    assert {"web", "R16", "R21", "lent"} <= by_line[("achat_portail.feature", 31)].tags


CASES = [
    # case, code, expected (file name, line) set
    ("malformed", "syntaxe", {("casse.feature", 7)}),
    ("undefined", "etape-indefinie", {("indefinie.feature", 6), ("indefinie.feature", 10), ("indefinie.feature", 16)}),
    ("ambiguous", "etape-ambigue", {("ambigue.feature", 6)}),
    ("apostrophe", "apostrophe", {("apostrophe.feature", 6)}),
    ("no_language", "langue", {("sans_langue.feature", 1)}),
    ("nfd", "nfc", {("nfd.feature", 7)}),
    ("untagged", "canal-manquant", {("sans_tags.feature", 5), ("sans_tags.feature", 12)}),
    ("untagged", "regle-manquante", {("sans_tags.feature", 9), ("sans_tags.feature", 12)}),
    ("unregistered_tag", "tag-non-enregistre", {("tag_inconnu.feature", 5)}),
    ("unregistered_tag", "tag-sans-description", {("tag_inconnu.feature", 9), ("pytest.ini", 5)}),
]


@pytest.mark.parametrize(("case", "code", "expected"), CASES, ids=[f"{c}-{k}" for c, k, _ in CASES])
def test_faulty_project_reports_code_at_file_line(case, code, expected):
    problems = run_case(case)
    assert located(problems, code) == expected
    assert all(p.severity == ERROR for p in problems if p.code == code)


@pytest.mark.parametrize("case", sorted({c for c, _, _ in CASES}))
def test_faulty_project_exits_non_zero(case, capsys):
    features, steps, ini = case_paths(case)
    code = main(["--features", str(features), "--steps", str(steps), "--ini", str(ini)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0].startswith("Garde Gherkin : ")
    assert "erreur(s)" in out[0] and "avertissement(s) dans 1 fichiers" in out[0]
    assert any(": [" in line for line in out[1:])


def test_parse_error_carries_parser_message():
    (problem,) = [p for p in run_case("malformed") if p.code == "syntaxe"]
    assert "Ceci n'est pas une étape Gherkin" in problem.message
    assert "expected:" in problem.message  # gherkin's own message is kept


def test_undefined_step_lists_nearest_sentences_and_hints():
    problems = {p.line: p for p in run_case("undefined") if p.code == "etape-indefinie"}
    assert "« j'ouvre l'onglet Ordinateurs »" in problems[6].message
    assert "portail.py:6" in problems[6].message
    # Step types are respected: "Soit" (given) does not match a "Quand" definition...
    assert "type Quand correspond" in problems[10].message
    # ... and outline steps are checked once rendered with the Examples values.
    assert "le panier contient la formule 1 an" in problems[16].message
    assert "le panier contient le pack «pack»" in problems[16].message


def test_ambiguous_step_lists_every_definition():
    (problem,) = [p for p in run_case("ambiguous") if p.code == "etape-ambigue"]
    assert "offres.py:6" in problem.message and "panier.py:6" in problem.message
    assert "je choisis le pack {pack}" in problem.message
    assert "je choisis le pack 1 an" in problem.message
    # the other step matches one definition only
    assert not [p for p in run_case("ambiguous") if p.line == 7 and p.severity == ERROR]


def test_typographic_apostrophe_and_nfd_explain_the_undefined_step():
    for case, line in (("apostrophe", 6), ("nfd", 7)):
        undefined = [p for p in run_case(case) if p.code == "etape-indefinie"]
        assert [p.line for p in undefined] == [line]
        assert "caractères invisibles" in undefined[0].message


def test_all_problems_reported_at_once(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    for case in ("malformed", "undefined", "apostrophe", "nfd", "untagged", "unregistered_tag"):
        for file in (FIXTURES / case / "features").glob("*.feature"):
            shutil.copy(file, features / file.name)
    problems = check(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path)
    codes = {p.code for p in errors(problems)}
    assert codes >= {
        "syntaxe",
        "etape-indefinie",
        "apostrophe",
        "nfc",
        "canal-manquant",
        "regle-manquante",
        "tag-non-enregistre",
    }
    assert len({p.file for p in errors(problems)}) == 6


def test_unused_definitions_are_warnings_only(tmp_path, capsys):
    features = tmp_path / "features"
    features.mkdir()
    shutil.copy(VALID / "features" / "web" / "achat_portail.feature", features)
    problems = check(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path)
    assert problems and all(p.severity == WARNING and p.code == "etape-inutilisee" for p in problems)
    assert ("mobile.py", 16) in located(problems, "etape-inutilisee")
    code = main(["--features", str(features), "--steps", str(VALID / "steps"), "--ini", str(VALID / "pytest.ini")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Garde Gherkin : 0 erreur(s), 5 avertissement(s) dans 1 fichiers")


def test_duplicate_scenario_names_are_errors(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "doublon.feature").write_text(
        textwrap.dedent(
            """\
            # language: fr
            @web @R14
            Fonctionnalité: Doublon

              Scénario: Même nom
                Quand j'ouvre l'onglet Ordinateurs

              Scénario: Même nom
                Quand j'ouvre l'onglet Ordinateurs
            """
        ),
        encoding="utf-8",
    )
    problems = check(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path)
    assert located(problems, "scenario-duplique") == {("doublon.feature", 8)}


def test_usage_error_exit_code(tmp_path, capsys):
    assert main(["--features", str(tmp_path / "absent"), "--steps", str(VALID / "steps")]) == 2
    assert "introuvable" in capsys.readouterr().err


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run_guard(case: str) -> subprocess.CompletedProcess:
    features, steps, ini = case_paths(case)
    return subprocess.run(
        [sys.executable, "-m", "tools.gherkin_guard",
         "--features", str(features), "--steps", str(steps), "--ini", str(ini)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, env=_env(),
    )


def test_cli_subprocess_on_faulty_and_valid_projects():
    result = _run_guard("undefined")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Garde Gherkin : 3 erreur(s)")
    assert "tests/fixtures/guard/undefined/features/indefinie.feature:6: [etape-indefinie]" in result.stdout

    result = _run_guard("valid")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Garde Gherkin : 0 erreur(s), 0 avertissement(s) dans 2 fichiers")


# --------------------------------------------------------------------------------------------------
# pytest wiring: what the guard accepts, pytest-bdd runs; what it refuses stops pytest with code 4.
# --------------------------------------------------------------------------------------------------
CONFTEST_MODULE_IMPORT = """\
from tools import gherkin_guard

pytest_plugins = ["steps.commun", "steps.portail", "steps.mobile"]


def pytest_configure(config):
    gherkin_guard.pytest_guard(config)
"""

# The import of the function itself must not upset pytest's hook validation.
CONFTEST_FUNCTION_IMPORT = """\
from tools.gherkin_guard import pytest_guard

pytest_plugins = ["steps.commun", "steps.portail", "steps.mobile"]


def pytest_configure(config):
    pytest_guard(config)
"""

TEST_SCENARIOS = """\
from pytest_bdd import scenarios

scenarios("web", "mobile")
"""


def _make_project(tmp_path: Path, conftest: str, extra_feature: Path | None = None) -> Path:
    project = tmp_path / "projet"
    shutil.copytree(VALID, project)
    (project / "conftest.py").write_text(conftest, encoding="utf-8")
    (project / "steps" / "test_scenarios.py").write_text(TEST_SCENARIOS, encoding="utf-8")
    if extra_feature is not None:
        shutil.copy(extra_feature, project / "features" / "web" / extra_feature.name)
    return project


def _pytest(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers", "steps"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**_env(), "GARDE_GHERKIN": "1"},
    )


def test_pytest_runs_what_the_guard_accepts(tmp_path):
    result = _pytest(_make_project(tmp_path, CONFTEST_FUNCTION_IMPORT))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 passed" in result.stdout  # 2 scenarios + 3 outline rows + 2 mobile


def test_pytest_guard_aborts_session_with_usage_error(tmp_path):
    faulty = FIXTURES / "undefined" / "features" / "indefinie.feature"
    result = _pytest(_make_project(tmp_path, CONFTEST_MODULE_IMPORT, extra_feature=faulty))
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Garde Gherkin : 3 erreur(s)" in result.stderr
    assert "indefinie.feature:6: [etape-indefinie]" in result.stderr
    assert "passed" not in result.stdout


def test_pytest_guard_skips_on_workers_and_when_disabled(monkeypatch):
    class Config:
        workerinput = {"workerid": "gw0"}

    assert gherkin_guard.pytest_guard(Config()) == []
    monkeypatch.setenv("GARDE_GHERKIN", "0")
    assert gherkin_guard.pytest_guard(object()) == []


# --------------------------------------------------------------------------------------------------
# The guard's cache: skipped while the features, the steps and the ini are what it last found clean.
# --------------------------------------------------------------------------------------------------
class DictCache(dict):
    """pytest's config.cache, in memory (get/set of JSON values)."""

    def get(self, key, default):  # noqa: D102 - pytest's Cache.get
        return super().get(key, default)

    def set(self, key, value):  # noqa: D102 - pytest's Cache.set
        self[key] = value


def guard_config(project: Path, cache: DictCache | None) -> types.SimpleNamespace:
    """The little of pytest's Config the guard reads, for a run of `project`'s scenarios."""
    return types.SimpleNamespace(
        args=[str(project / "steps")], rootpath=project, inipath=project / "pytest.ini", cache=cache,
        invocation_params=types.SimpleNamespace(dir=project), option=types.SimpleNamespace(verbose=0),
        pluginmanager=types.SimpleNamespace(has_plugin=lambda name: False, register=lambda plugin, name: None))


def test_the_guard_is_skipped_while_features_and_steps_are_unchanged(tmp_path, monkeypatch):
    project = tmp_path / "projet"
    shutil.copytree(VALID, project)
    analyses = []
    real = pytest_plugin.analyse
    monkeypatch.setattr(pytest_plugin, "analyse", lambda *a, **k: analyses.append(1) or real(*a, **k))
    monkeypatch.setenv("GARDE_GHERKIN", "1")
    config = guard_config(project, DictCache())
    gherkin_guard.pytest_guard(config)
    gherkin_guard.pytest_guard(config)
    assert len(analyses) == 1  # unchanged: the last clean verdict stands
    feature = next((project / "features").rglob("*.feature"))
    feature.write_text(feature.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    gherkin_guard.pytest_guard(config)
    assert len(analyses) == 2  # a feature file changed: checked again
    shutil.copy(FIXTURES / "undefined" / "features" / "indefinie.feature", project / "features" / "web")
    for _ in range(2):  # a refusal is never remembered
        with pytest.raises(pytest.UsageError):
            gherkin_guard.pytest_guard(config)
    assert len(analyses) == 4
    gherkin_guard.pytest_guard(guard_config(VALID, None))  # no cache (-p no:cacheprovider): always checked
    assert len(analyses) == 5
