"""The guard refuses, before the run, every feature file that would give a false green or fail late.

Each case is written the way a QA writer meets it; the guard must name the file and the cause in French,
and pytest must stop with exit code 4 without a traceback or INTERNALERROR.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tools.gherkin_guard import ERROR, WARNING, analyse, check, main, step_module_names
from tools.gherkin_guard.analysis import DETAILED_UNDEFINED
from tools.gherkin_guard.cli import SHOWN_PROBLEMS

ROOT = Path(__file__).resolve().parents[1]
VALID = Path(__file__).resolve().parent / "fixtures" / "guard" / "valid"

HEADER = "# language: fr\n@web @R14\nFonctionnalité: Cas\n\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(features: Path, steps: Path = VALID / "steps"):
    return check(features, steps, VALID / "pytest.ini", base=features.parent)


def codes(problems, severity=ERROR) -> list[str]:
    return [p.code for p in problems if p.severity == severity]


# ------------------------------------------------------------------------------------- no step at all
def test_english_keywords_in_a_french_file_leave_a_scenario_without_steps(tmp_path):
    write(tmp_path / "features", "anglais.feature", HEADER + textwrap.dedent("""\
          Scénario: Écrit en anglais
            Given j'ai un compte Parallels sans abonnement
            When j'ouvre l'onglet Ordinateurs
        """))
    (problem,) = [p for p in problems_of(tmp_path / "features") if p.is_error]
    assert (problem.code, problem.line) == ("scenario-sans-etape", 5)
    assert "« Given j'ai un compte Parallels sans abonnement »" in problem.message
    assert "mots-clés anglais" in problem.message


def test_an_empty_scenario_is_refused(tmp_path):
    write(tmp_path / "features", "vide.feature", HEADER + "  Scénario: Rien à vérifier\n")
    (problem,) = [p for p in problems_of(tmp_path / "features") if p.is_error]
    assert problem.code == "scenario-sans-etape"
    assert "compté comme réussi sans rien vérifier" in problem.message


# --------------------------------------------------------------------------- empty file, BOM, comment
@pytest.mark.parametrize("text", ["", "\n\n", "# language: fr\n# à écrire\n", "# juste un commentaire\n"],
                         ids=["empty", "blank", "language-and-comment", "comment-only"])
def test_a_file_without_a_feature_is_named_and_does_not_hide_the_others(tmp_path, text):
    features = tmp_path / "features"
    write(features, "a_vide.feature", text)
    write(features, "b_anglais.feature", HEADER + "  Scénario: Sans étape\n")
    problems = problems_of(features)
    assert [(Path(p.file).name, p.code) for p in problems if p.is_error] == [
        ("a_vide.feature", "fichier-vide"), ("b_anglais.feature", "scenario-sans-etape")]


def test_a_byte_order_mark_is_named_for_what_it_is(tmp_path):
    path = write(tmp_path / "features", "bom.feature", "\ufeff" + HEADER + "  Scénario: S\n"
                 "    Quand j'ouvre l'onglet Ordinateurs\n")
    (problem,) = [p for p in problems_of(tmp_path / "features") if p.is_error]
    assert problem.code == "bom"  # not a cascade of "syntaxe" errors
    assert "BOM" in problem.message and "UTF-8 sans BOM" in problem.message
    path.write_text(path.read_text(encoding="utf-8").lstrip("\ufeff"), encoding="utf-8")
    assert codes(problems_of(tmp_path / "features")) == []


def test_a_comment_before_the_language_line_is_a_warning_only(tmp_path):
    # Gherkin reads "# language: fr" after comments (gherkin-official's token matcher): the file runs.
    write(tmp_path / "features", "commentaire.feature", "# Auteur : équipe QA\n" + HEADER
          + "  Scénario: S\n    Quand j'ouvre l'onglet Ordinateurs\n")
    problems = problems_of(tmp_path / "features")
    assert codes(problems) == []
    assert "commentaire-avant-langue" in codes(problems, WARNING)


# ------------------------------------------------------------------------------------------ * steps
def test_star_steps_are_accepted_after_a_typed_step(tmp_path):
    write(tmp_path / "features", "etoile.feature", HEADER + textwrap.dedent("""\
          Scénario: Étoiles
            Étant donné que j'ai un compte Parallels sans abonnement
            * je suis connecté au portail avec le compte principal
            Quand j'ouvre l'onglet Ordinateurs
            * je choisis le pack 1 an
        """))
    assert codes(problems_of(tmp_path / "features")) == []


def test_a_star_first_step_gets_a_french_reason(tmp_path):
    write(tmp_path / "features", "etoile.feature", HEADER + "  Scénario: S\n    * j'ouvre l'onglet Ordinateurs\n")
    (problem,) = [p for p in problems_of(tmp_path / "features") if p.is_error]
    assert problem.code == "syntaxe" and "ne peut pas commencer par « * »" in problem.message
    assert "First step" not in problem.message


# ---------------------------------------------------------------------------------------- outlines
OUTLINE = HEADER + """\
  Plan du scénario: Pack <pack>
    Quand je choisis le pack <pack>
    Alors le panier contient le pack <pack>
"""


@pytest.mark.parametrize(("examples", "expected"), [
    ("    Exemples:\n      | paquet |\n      | 1 an   |\n", ["Paramètre <pack> sans colonne « pack »",
                                                             "Colonne « paquet »"]),
    ("    Exemples:\n      | pack |\n", ["sans aucune ligne de valeurs"]),
    ("", ["sans tableau « Exemples: »"]),
], ids=["misnamed-column", "empty-table", "no-table"])
def test_outline_placeholders_and_table_must_match(tmp_path, examples, expected):
    write(tmp_path / "features", "plan.feature", OUTLINE + "\n" + examples)
    refused = [p for p in problems_of(tmp_path / "features") if p.code == "plan-exemples"]
    assert refused and all(p.is_error for p in refused)
    for text in expected:
        assert any(text in p.message for p in refused), [p.message for p in refused]


def test_a_matching_outline_passes(tmp_path):
    write(tmp_path / "features", "plan.feature", OUTLINE + "\n    Exemples:\n      | pack |\n      | 1 an |\n")
    assert codes(problems_of(tmp_path / "features")) == []


# ------------------------------------------------------------------------------ collection, modules
def _project(tmp_path: Path, bound: str = '"web", "mobile"') -> Path:
    project = tmp_path / "projet"
    shutil.copytree(VALID, project)
    write(project / "steps", "test_scenarios.py", f"from pytest_bdd import scenarios\n\nscenarios({bound})\n")
    write(project, "conftest.py", textwrap.dedent("""\
        import pathlib

        from tools import gherkin_guard

        pytest_plugins = gherkin_guard.step_module_names(pathlib.Path(__file__).parent / "steps")


        def pytest_configure(config):
            gherkin_guard.pytest_guard(config)
        """))
    return project


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "GARDE_GHERKIN": "1"}


def _pytest(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "steps"], cwd=project,
                          capture_output=True, text=True, timeout=180, env=_env())


def test_a_feature_outside_the_bound_folders_is_refused(tmp_path):
    project = _project(tmp_path)
    write(project / "features" / "brouillons", "oublie.feature", HEADER + "  Scénario: S\n"
          "    Quand j'ouvre l'onglet Ordinateurs\n")
    problems = check(project / "features", project / "steps", project / "pytest.ini", base=project)
    (problem,) = [p for p in problems if p.is_error]
    assert (Path(problem.file).name, problem.code) == ("oublie.feature", "non-collecte")
    assert "web, mobile" in problem.message
    # Bound to the whole folder (as this project's steps/test_scenarios.py is): collected, accepted.
    write(project / "steps", "test_scenarios.py", 'from pytest_bdd import scenarios\n\nscenarios(".")\n')
    assert codes(check(project / "features", project / "steps", project / "pytest.ini", base=project)) == []


def test_the_harness_binds_every_feature_file():
    analysis = analyse(ROOT / "features", ROOT / "steps", ROOT / "pytest.ini", base=ROOT)
    assert not [p for p in analysis.problems if p.code == "non-collecte"]
    assert len(analysis.feature_files) >= 8


@pytest.mark.verifier
def test_step_modules_are_found_without_a_list(tmp_path):
    assert set(step_module_names(ROOT / "steps")) >= {"steps.accounts", "steps.portal", "steps.mobile"}
    project = _project(tmp_path)
    write(project / "steps", "nouveau.py", textwrap.dedent("""\
        from pytest_bdd import then


        @then("le nouveau module est chargé")
        def _charge():
            return None
        """))
    write(project / "features" / "web", "nouveau.feature", HEADER + "  Scénario: Nouveau module\n"
          "    Quand j'ouvre l'onglet Ordinateurs\n    Alors le nouveau module est chargé\n")
    result = _pytest(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "8 passed" in result.stdout


@pytest.mark.verifier
@pytest.mark.parametrize("text", ["", "# language: fr\n# à écrire\n"], ids=["empty", "comment-only"])
def test_pytest_stops_on_an_empty_file_with_exit_4_and_no_traceback(tmp_path, text):
    project = _project(tmp_path)
    write(project / "features" / "web", "vide.feature", text)
    result = _pytest(project)
    output = result.stdout + result.stderr
    assert result.returncode == 4, output[-3000:]
    assert "features/web/vide.feature:1: [fichier-vide]" in output
    assert "INTERNALERROR" not in output and "Traceback" not in output and "KeyError" not in output


# ------------------------------------------------------------------------------- thousands of errors
def test_thousands_of_errors_are_refused_with_a_bounded_report(tmp_path):
    lines = [HEADER.rstrip("\n")]
    for scenario in range(100):
        lines.append(f"  Scénario: S{scenario}")
        lines.extend(f"    Soit une étape inconnue {scenario}-{step} du client" for step in range(50))
    write(tmp_path / "features", "milliers.feature", "\n".join(lines) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "tools.gherkin_guard", "--features", str(tmp_path / "features"),
         "--steps", str(VALID / "steps"), "--ini", str(VALID / "pytest.ini")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=_env())
    assert result.returncode == 1
    assert result.stdout.startswith("Garde Gherkin : 5000 erreur(s)")
    assert len(result.stdout) < 30_000  # a screen, not the 1.16 MB of every message in full
    assert f"… et {5000 + 14 - SHOWN_PROBLEMS} autre(s) problème(s)" in result.stdout  # 14 unused definitions
    # The costly hint (nearest sentences) is computed for the first undefined steps only.
    problems = problems_of(tmp_path / "features")
    assert sum("Phrases les plus proches" in p.message for p in problems) <= DETAILED_UNDEFINED
    assert SHOWN_PROBLEMS < len(problems)
    assert main(["--features", str(tmp_path / "features"), "--steps", str(VALID / "steps"),
                 "--ini", str(VALID / "pytest.ini"), "--tout"]) == 1


# ------------------------------------------------------------------------- rules declared by checks
DECLARING_STEPS = '''\
from pytest_bdd import then, when

from rules import verifies


@when("j'ouvre l'onglet Ordinateurs")
def _open():
    return None


@then("je vois mes ordinateurs")
@verifies("R14")
def _computers():
    return None
'''


def test_a_rule_tag_that_no_check_declares_is_refused(tmp_path):
    steps = write(tmp_path / "etapes", "portail.py", DECLARING_STEPS).parent
    write(tmp_path / "features", "regles.feature", textwrap.dedent("""\
        # language: fr
        @web
        Fonctionnalité: Règles

          @R14
          Scénario: Vérifiée
            Quand j'ouvre l'onglet Ordinateurs
            Alors je vois mes ordinateurs

          @R14 @R15
          Scénario: Une règle sans vérification
            Quand j'ouvre l'onglet Ordinateurs
            Alors je vois mes ordinateurs
        """))
    problems = check(tmp_path / "features", steps, VALID / "pytest.ini", base=tmp_path)
    refused = [p for p in problems if p.is_error]
    assert [(p.code, p.line) for p in refused] == [("regle-sans-verification", 11)], [p.format() for p in refused]
    (problem,) = refused
    assert "marqué @R15" in problem.message and "@R14" not in problem.message


def test_every_rule_tag_of_the_harness_is_declared_by_a_check():
    analysis = analyse(ROOT / "features", ROOT / "steps", ROOT / "pytest.ini", base=ROOT)
    assert not [p.format() for p in analysis.problems if p.code == "regle-sans-verification"]
    assert sum(1 for d in analysis.definitions if getattr(d.context.step_func, "__verified_rules__", ())) >= 40
