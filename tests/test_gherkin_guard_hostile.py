"""The guard refuses what pytest-bdd would silently misread (issue 22, part 4), fed the slips as data.

A French keyword mistyped (« Scenario: », « Scénario : », « Exmples: ») makes Gherkin read the line as description:
the scenario or its examples vanish and the run stays green. A feature without scenario checks nothing. A folder
named like a feature file stops pytest-bdd. Each of Gherkin's parser errors (the kinds of gherkin's own
testdata/bad, rewritten in French here) gets a French reading with its file:line. A 5 MB line is named by its start
in a bounded report, in well under a second.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools.gherkin_guard import check

ROOT = Path(__file__).resolve().parents[1]
VALID = Path(__file__).resolve().parent / "fixtures" / "guard" / "valid"
HEADER = "# language: fr\n@web @R14\nFonctionnalité: Cas\n\n"
SCENARIO = "  Scénario: Le client voit ses ordinateurs\n    Quand j'ouvre l'onglet Ordinateurs\n\n"


def problems_in(tmp_path: Path, text: str, name: str = "cas.feature"):
    features = tmp_path / "features"
    features.mkdir(exist_ok=True)
    (features / name).write_text(text, encoding="utf-8")
    return check(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path)


# (the slip as written, the keyword the guard names)
SLIPS = [
    ("  Scenario: Sans accent", "Scénario"),
    ("  Scénario : Espace avant les deux-points", "Scénario"),
    ("  scénario: Minuscule", "Scénario"),
    ("  Scénarios: Anglais « Scenarios », des exemples", "Exemples"),
    ("  Scénaro: Lettre oubliée", "Scénario"),
    ("  Scenario Outline: Anglais", "Plan du scénario"),
    ("  Plan du scenario: Sans accent", "Plan du scénario"),
    ("  Plan du Scénario : Espace", "Plan du scénario"),
    ("  Exemple : Espace", "Exemple"),
    ("  Example: Anglais", "Scénario"),
    ("    Exmples:", "Exemples"),
    ("    Examples:", "Exemples"),
    ("    Exemples :", "Exemples"),
    ("  Contexe:", "Contexte"),
    ("  Background:", "Contexte"),
    ("  Regle: Sans accent", "Règle"),
    ("  Rule: Anglais", "Règle"),
    ("  Fonctionalité: Une seule lettre", "Fonctionnalité"),
    ("  Feature: Anglais", "Fonctionnalité"),
    ("  Scenario Template: Anglais", "Plan du scénario"),
]


@pytest.mark.parametrize("line,meant", SLIPS, ids=[s[0].strip() for s in SLIPS])
def test_a_keyword_slip_is_refused_with_the_keyword_meant(tmp_path, line, meant):
    problems = problems_in(tmp_path, HEADER + SCENARIO + line + "\n    Quand j'ouvre l'onglet Ordinateurs\n")
    slips = [p for p in problems if p.code == "mot-cle-inconnu"]
    assert [p.line for p in slips] == [8], [p.format() for p in problems]
    assert f"Écrivez « {meant}: »" in slips[0].message and slips[0].is_error


# Lines with a colon that are ordinary description text, and real keywords: never refused.
NOT_SLIPS = [
    "  Note : le client paie par carte.",
    "  Remarque: voir l'article.",
    "  Résultat attendu : aucun débit.",
    "  Prix : 19,99 € par mois.",
    "  Scénarisation: hors sujet ici.",
    "  Exemple: Le client voit ses ordinateurs encore",
]


@pytest.mark.parametrize("line", NOT_SLIPS)
def test_ordinary_text_and_real_keywords_are_not_refused(tmp_path, line):
    text = "# language: fr\n@web @R14\nFonctionnalité: Cas\n" + line + "\n\n" + SCENARIO
    problems = problems_in(tmp_path, text)
    assert not [p for p in problems if p.code == "mot-cle-inconnu"], [p.format() for p in problems]


def test_keyword_slips_inside_a_text_block_are_the_step_s_text(tmp_path):
    text = HEADER + SCENARIO.rstrip("\n") + '\n      """\n      Scenario: cité tel quel\n      """\n'
    assert not [p for p in problems_in(tmp_path, text) if p.code == "mot-cle-inconnu"]


@pytest.mark.parametrize("text", [
    pytest.param(HEADER, id="feature only"),
    pytest.param(HEADER + "  Une description, rien d'autre.\n", id="description only"),
    pytest.param(HEADER + "  Contexte:\n    Quand j'ouvre l'onglet Ordinateurs\n", id="background only"),
    pytest.param(HEADER + "  Règle: Vide\n", id="empty rule"),
])
def test_a_feature_without_scenario_is_refused(tmp_path, text):
    problems = problems_in(tmp_path, text)
    assert "fonctionnalite-sans-scenario" in [p.code for p in problems if p.is_error], [p.format() for p in problems]


@pytest.mark.parametrize("name", ["x.feature", "web/achat.feature", "a.feature/b.feature"])
def test_a_folder_named_like_a_feature_file_is_refused_without_a_crash(tmp_path, name):
    features = tmp_path / "features"
    (features / name).mkdir(parents=True)
    (features / "vrai.feature").write_text(HEADER + SCENARIO, encoding="utf-8")
    problems = check(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path)
    refused = [p for p in problems if p.code == "dossier-feature"]
    assert refused and all(p.is_error for p in refused)
    assert "Renommez-le sans « .feature »" in refused[0].message


def test_a_file_not_in_utf8_is_named_with_its_line(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "latin1.feature").write_bytes((HEADER + "  Scénario: é\n").encode("latin-1"))
    (problem,) = [p for p in check(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path) if p.is_error]
    assert (problem.code, problem.line) == ("syntaxe", 3)
    assert "enregistrez-le en UTF-8" in problem.message


# The kinds of error of gherkin's testdata/bad (12 files), written in French.
PARSER_ERRORS = {
    "backslash at end of line in a table": HEADER + "  Scénario: S\n    Soit une table :\n      | a |\n      | b \\",
    "file ends with an open text block": HEADER + "  Scénario: S\n    Soit un texte :\n      \"\"\"\n      ouvert\n",
    "inconsistent cell count": HEADER + "  Scénario: S\n    Soit une table :\n      | a | b |\n      | c |\n",
    "invalid language": "# language: pas-une-langue\nFonctionnalité: F\n" + SCENARIO,
    "multiple parser errors": "# language: fr\nligne invalide ici\nFonctionnalité: F\n  Scénario: S\n"
                              "    Quand j'ouvre l'onglet Ordinateurs\nune autre ligne invalide\n",
    "not gherkin": "# language: fr\npas du gherkin\n",
    "repeated text block": HEADER + "  Scénario: S\n    Soit un texte :\n      \"\"\"\n      un\n      \"\"\"\n"
                           "      \"\"\"\n      deux\n      \"\"\"\n",
    "single parser error": "# language: fr\nligne invalide ici\nFonctionnalité: F\n" + SCENARIO,
    "unexpected end of file after a rule tag": HEADER + SCENARIO + "  @web\n",
    "unexpected end of file in an outline": HEADER + "  Plan du scénario: S <a>\n    Quand j'ouvre l'onglet "
                                            "Ordinateurs\n\n    Exemples:\n      | a |\n      | 1 |\n\n  @R14\n",
    "unfinished table": HEADER + "  Scénario: S\n    Soit une table :\n      | a |\n      | b",
    "whitespace in tags": "# language: fr\n@web @R14\nFonctionnalité: F\n  @un\u00a0tag\n" + SCENARIO,
}


@pytest.mark.parametrize("text", PARSER_ERRORS.values(), ids=PARSER_ERRORS.keys())
def test_every_parser_error_gets_a_french_reading_with_its_line(tmp_path, text):
    problems = [p for p in problems_in(tmp_path, text) if p.code in ("syntaxe", "langue")]
    assert problems, "the guard accepted a file Gherkin refuses"
    for problem in problems:
        assert problem.line >= 1
        assert problem.message.startswith(("Erreur de syntaxe Gherkin : ", "La première étape", "Langue ",
                                           "La première ligne")), problem.format()
        assert "ne sait pas encore expliquer" not in problem.message, problem.format()


HUGE = "x" * 5_000_000


@pytest.mark.parametrize("text", [
    pytest.param(HEADER + f"  Scénario: S\n    Quand {HUGE}\n", id="5 MB step"),
    pytest.param(HEADER + f"  {HUGE}\n" + SCENARIO, id="5 MB description line"),
    pytest.param(f"# language: fr\n{HUGE}\nFonctionnalité: F\n" + SCENARIO, id="5 MB line the parser refuses"),
    pytest.param(HEADER + f"  Scénario: {HUGE}\n    Quand j'ouvre l'onglet Ordinateurs\n", id="5 MB name"),
])
def test_a_huge_line_is_refused_in_a_bounded_report_and_time(tmp_path, text):
    features = tmp_path / "features"
    features.mkdir()
    (features / "enorme.feature").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "tools.gherkin_guard", "--features", str(features), "--steps", str(VALID / "steps"),
         "--ini", str(VALID / "pytest.ini")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert len(result.stdout) + len(result.stderr) < 20_000
    assert "Traceback" not in result.stderr
    assert elapsed < 15, f"{elapsed:.1f} s"  # ~0.5 s alone; generous for the shared 2-core machine
