"""The ready definition the guard prints for an undefined step (tools/gherkin_guard/snippets.py): its pattern matches
the sentence through pytest-bdd's own parser, with typed values, and pasted as printed it defines the step."""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from pytest_bdd import parsers

from steps.context import TYPES
from tools.gherkin_guard import analyse, check
from tools.gherkin_guard.snippets import pattern_of

ROOT = Path(__file__).resolve().parents[1]


def _uses():
    return analyse(ROOT / "features", ROOT / "steps", ROOT / "pytest.ini", base=ROOT).uses


def test_every_sentence_of_the_features_is_matched_by_its_snippet_pattern():
    """As if each of the suite's sentences were new: pytest-bdd's parser reads each one back with its snippet."""
    uses = _uses()
    assert len(uses) > 200
    for use in uses:
        written = use.text if "<" in use.text else use.rendered
        pattern, params, euros = pattern_of(written)
        parser = parsers.parse(pattern, extra_types=TYPES) if euros else parsers.parse(pattern)
        assert parser.is_matching(use.rendered), (use.file, use.line, pattern)
        assert set(parser.parse_arguments(use.rendered)) == {name for name, _ in params}


@pytest.mark.parametrize(("sentence", "pattern", "values"), [
    ('je choisis le pack "1 an" pour 19,99 € dans le panier',
     'je choisis le pack "{pack:texte}" pour {price:euros} dans le panier', {"pack": "1 an", "price": 1999}),
    ("mon compte a été débité 3 fois de 1 234,00 €", "mon compte a été débité {count:d} fois de {price:euros}",
     {"count": 3, "price": 123400}),
    ('le message "{x}" reste affiché', 'le message "{text:texte}" reste affiché', {"text": "{x}"}),
    ('je laisse "" comme "Prénom"', 'je laisse "{text:texte}" comme "{text_2:texte}"',
     {"text": "", "text_2": "Prénom"}),
    ("la banque montre son cadre 3-D Secure {sans} accolades", "la banque montre son cadre 3-D Secure {{sans}} "
     "accolades", {}),
    ('je compare "App Store" et "site web" puis "autre" et "encore"',
     'je compare "{source:texte}" et "{source_2:texte}" puis "{text:texte}" et "{text_2:texte}"',
     {"source": "App Store", "source_2": "site web", "text": "autre", "text_2": "encore"}),
])
def test_values_become_typed_parameters_and_the_rest_stays_word_for_word(sentence, pattern, values):
    found, _, euros = pattern_of(sentence)
    assert found == pattern
    parser = parsers.parse(found, extra_types=TYPES) if euros else parsers.parse(found)
    assert parser.parse_arguments(sentence) == values


FEATURE = """\
    # language: fr
    @web
    Fonctionnalité: Une phrase nouvelle

      @R16
      Scénario: Le total nouvellement affiché
        Étant donné un client avec un compte Parallels sans abonnement actif et 2 ordinateurs
        Quand je choisis le pack "1 an" pour 19,99 € dans un panier tout neuf
        Alors le nouveau total affiché est de 19,99 € pour "1 an"
"""


def test_the_printed_snippet_pasted_as_is_defines_the_step_and_declares_the_rule(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "nouvelle.feature").write_text(textwrap.dedent(FEATURE), encoding="utf-8")
    problems = [p for p in check(features, ROOT / "steps", ROOT / "pytest.ini", base=ROOT)
                if p.code == "etape-indefinie"]
    assert [p.line for p in problems] == [8, 9]
    assert "@verifies(\"R16\")" in problems[1].message  # the scenario's rule, on the check
    assert "portal: Portal" in problems[0].message  # @web: the portal's page objects

    # Paste each snippet, with the imports it names, into a copy of steps/.
    steps = tmp_path / "steps"
    shutil.copytree(ROOT / "steps", steps, ignore=shutil.ignore_patterns("copies-approuvees*", "__pycache__"))
    pasted = []
    for problem in problems:
        imports = re.search(r"\(imports : (.*)\) :$", problem.message, re.M).group(1).split(" ; ")
        body = problem.message.split(") :\n", 1)[1]
        pasted.append("\n".join(imports) + "\n\n\n" + textwrap.dedent(body) + "\n")
    (steps / "nouvelles_phrases.py").write_text("\n\n".join(pasted), encoding="utf-8")
    again = check(features, steps, ROOT / "pytest.ini", base=tmp_path)
    assert not [p for p in again if p.is_error], "\n".join(p.format() for p in again if p.is_error)
