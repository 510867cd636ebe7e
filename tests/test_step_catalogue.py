"""Tests of tools.step_catalogue on the guard's valid fixture project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.gherkin_guard import analyse, human_sentence
from tools.step_catalogue import NOT_USED, build_catalogue, main, render_markdown, render_text

ROOT = Path(__file__).resolve().parents[1]
VALID = Path(__file__).resolve().parent / "fixtures" / "guard" / "valid"
ARGS = ["--features", str(VALID / "features"), "--steps", str(VALID / "steps"), "--ini", str(VALID / "pytest.ini")]

EXPECTED_SENTENCES = {
    "j'ai un compte Parallels sans abonnement",
    "j'ai un compte Parallels sans abonnement actif",
    "je suis connecté au portail avec le compte «compte»",
    "j'attends la fin du traitement de la commande",
    "le message « «message» » est affiché",
    "l'application Parallels Access est lancée sur «appareil»",
    'je touche "Acheter l\'abonnement"',
    'la fenêtre propose les boutons "Acheter l\'abonnement" et "OK"',
    'je touche "OK"',
    "j'ouvre l'onglet Ordinateurs",
    'le bouton "Acheter l\'abonnement" est affiché',
    "je choisis le pack «pack»",
    "le panier contient le pack «pack»",
    "aucun abonnement n'est créé",
}
STEP_LINE = re.compile(r"^\s*(Étant donné que |Étant donné qu'|Soit |Quand |Alors |Et |Mais )(?P<text>.+)$")


@pytest.fixture(scope="module")
def analysis():
    return analyse(VALID / "features", VALID / "steps", VALID / "pytest.ini", base=ROOT)


@pytest.fixture(scope="module")
def domains(analysis):
    return build_catalogue(analysis)


def entries(domains):
    return {e.sentence: e for d in domains for e in d.entries}


def test_every_definition_is_listed_as_a_french_sentence(domains):
    assert set(entries(domains)) == EXPECTED_SENTENCES


def test_every_sentence_of_the_features_is_listed(analysis, domains):
    markdown = render_markdown(domains)
    written = []
    for feature in VALID.rglob("*.feature"):
        for line in feature.read_text(encoding="utf-8").splitlines():
            m = STEP_LINE.match(line)
            if m:
                written.append(m.group("text"))
    assert len(written) == 20
    for text in written:
        uses = [u for u in analysis.uses if u.text == text]
        assert uses, text
        for use in uses:
            (definition,) = use.definitions
            assert human_sentence(definition) in markdown, text


def test_domains_titled_by_module_docstring(domains):
    titles = [d.title for d in domains]
    assert titles == [
        "Compte et connexion : comptes de test et ouverture de session",
        "Applications mobiles : iOS et Android",
        "Portail web : page Parallels Access, panier et commande",
    ]
    assert domains[0].file.endswith("steps/commun.py")


def test_types_channels_and_examples(domains):
    table = entries(domains)
    assert table["j'ouvre l'onglet Ordinateurs"].type_title == "Quand"
    assert table["j'ai un compte Parallels sans abonnement"].type_title == "Soit / Étant donné"
    assert table["aucun abonnement n'est créé"].type_title == "Alors"
    assert table["aucun abonnement n'est créé"].channels == "web, android"
    assert table['le bouton "Acheter l\'abonnement" est affiché'].channels == "web, ios"
    assert table["l'application Parallels Access est lancée sur «appareil»"].channels == "ios, android"
    pack = table["je choisis le pack «pack»"]
    # a concrete example is preferred to the outline line with <pack>
    assert pack.example_text == "Quand je choisis le pack 1 an"
    assert pack.example_location.endswith("achat_portail.feature:31")


def test_unused_step_is_marked(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    shutil.copy(VALID / "features" / "web" / "achat_portail.feature", features)
    table = entries(build_catalogue(analyse(features, VALID / "steps", VALID / "pytest.ini", base=tmp_path)))
    assert table['je touche "OK"'].channels == NOT_USED
    assert table['je touche "OK"'].example_location is None
    assert NOT_USED in render_markdown(build_catalogue(analyse(features, VALID / "steps", VALID / "pytest.ini")))


def test_text_format_and_output_file(tmp_path, capsys):
    output = tmp_path / "docs" / "etapes.txt"
    assert main([*ARGS, "--format", "text", "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith("CATALOGUE DES ÉTAPES")
    for sentence in EXPECTED_SENTENCES:
        assert sentence in text
    assert capsys.readouterr().out == ""


def test_cli_markdown_to_stdout_subprocess():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "tools.step_catalogue", *ARGS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Catalogue des étapes")
    assert "| Type | Phrase | Définition | Canaux | Exemple |" in result.stdout
    for sentence in EXPECTED_SENTENCES:
        assert sentence in result.stdout


def test_render_text_lists_everything(domains):
    text = render_text(domains)
    assert "14 phrase(s) dans 3 domaine(s)." in text


def test_every_step_sentence_is_written_in_the_code_as_in_the_feature_files():
    """grep finds a sentence of a feature file in steps/: no escaped quote in a step decorator."""
    import io
    import tokenize

    escaped = []
    for path in sorted((ROOT / "steps").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type != tokenize.STRING or "\\" not in token.string:
                continue
            if lines[token.start[0] - 1].lstrip().startswith(("@given", "@when", "@then", "@step")):
                escaped.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string}")
    assert not escaped, "write these sentences without escapes (''' … ''' holds both quotes):\n" + "\n".join(escaped)
