"""Checks of a scenario's shape that pytest-bdd would only reveal at run time, or never.

- ``scenario-sans-etape``: a scenario with no step passes without checking anything (a false green);
  English keywords in a French file make Gherkin read the step lines as the scenario's description.
- ``regle-sans-verification``: a scenario tagged with a rule that none of its checks (« Alors » steps) declares
  (``@verifies`` of reporting.verdicts): the report could never call the rule verified, nor failed.
- ``plan-exemples``: an outline whose ``<placeholders>`` and ``Exemples`` columns differ, or whose table
  has no row, fails late (a step searched with a literal ``<pack>``) or never runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .problems import Problem

PLACEHOLDER_RE = re.compile(r"<([^<>\n]+)>")
_ENGLISH_KEYWORD_RE = re.compile(r"^\s*(Given|When|Then|And|But)\b")
OUTLINE_KEYWORDS = {"plan du scénario", "plan du scenario", "scenario outline", "scenario template"}


def steps_problems(display: str, sdata: Any, template: Any) -> list[Problem]:
    if template.steps:
        return []
    english = [line.strip() for line in (sdata.description or "").splitlines() if _ENGLISH_KEYWORD_RE.match(line)]
    if english:
        shown = ", ".join(f"« {line} »" for line in english[:3])
        why = (f"les lignes {shown} sont lues comme une description : mots-clés anglais dans un fichier "
               "français. Écrivez Soit / Étant donné, Quand, Alors, Et, Mais ou *")
    else:
        why = "il serait compté comme réussi sans rien vérifier. Écrivez ses étapes ou supprimez-le"
    return [Problem(display, sdata.location.line, "scenario-sans-etape",
                    f"Scénario « {sdata.name} » sans aucune étape : {why}.")]


def _placeholders(sdata: Any) -> Iterator[tuple[str, int]]:
    for name in PLACEHOLDER_RE.findall(sdata.name or ""):
        yield name, sdata.location.line
    for step in sdata.steps:
        texts = [step.text]
        if step.docstring:
            texts.append(step.docstring.content)
        if step.datatable:
            texts.extend(cell.value for row in step.datatable.rows for cell in row.cells)
        for text in texts:
            for name in PLACEHOLDER_RE.findall(text or ""):
                yield name, step.location.line


def outline_problems(display: str, sdata: Any) -> list[Problem]:
    is_outline = (sdata.keyword or "").strip().lower() in OUTLINE_KEYWORDS
    if not is_outline and not sdata.examples:
        return []  # a plain scenario: "<...>" is literal text
    used: dict[str, int] = {}
    for name, line in _placeholders(sdata):
        used.setdefault(name, line)
    problems: list[Problem] = []
    if not sdata.examples:
        problems.append(Problem(display, sdata.location.line, "plan-exemples",
                                f"Plan du scénario « {sdata.name} » sans tableau « Exemples: » : il ne serait "
                                "jamais exécuté. Ajoutez le tableau (une colonne par <paramètre>) ou écrivez "
                                "un « Scénario: »."))
    for examples in sdata.examples:
        line = examples.location.line
        columns = [cell.value for cell in examples.table_header.cells] if examples.table_header else []
        if not examples.table_body:
            problems.append(Problem(display, line, "plan-exemples",
                                    f"Tableau « Exemples » de « {sdata.name} » sans aucune ligne de valeurs : "
                                    "le plan ne serait jamais exécuté. Ajoutez au moins une ligne."))
        for name, where in used.items():
            if name not in columns:
                known = ", ".join(columns) or "aucune"
                problems.append(Problem(display, where, "plan-exemples",
                                        f"Paramètre <{name}> sans colonne « {name} » dans le tableau Exemples "
                                        f"ligne {line} (colonnes : {known}) : l'étape chercherait le texte "
                                        f"littéral <{name}>. Corrigez le nom du paramètre ou de la colonne."))
        for column in columns:
            if column not in used:
                problems.append(Problem(display, line, "plan-exemples",
                                        f"Colonne « {column} » du tableau Exemples utilisée par aucune étape "
                                        f"(aucun <{column}>) : nom mal orthographié ?"))
    return problems


def declared_rules(definition: Any) -> tuple[str, ...]:
    """Rules a step definition declares with ``reporting.verdicts.verifies`` (read by attribute: the guard does
    not import the harness)."""
    return tuple(getattr(definition.context.step_func, "__verified_rules__", ()) or ())


def unverified_rules_problem(display: str, parsed: Any, line: int, tags: frozenset[str], checks: list[list[Any]],
                             rule_tag_re: re.Pattern[str]) -> Problem | None:
    declared = {rule for found in checks for d in found for rule in declared_rules(d)}
    missing = sorted(t for t in tags if rule_tag_re.match(t) and t not in declared)
    if not missing:
        return None
    shown = ", ".join("@" + r for r in missing)
    return Problem(display, line, "regle-sans-verification",
                   f"Scénario « {parsed.name} » marqué {shown}, mais aucune de ses étapes « Alors » ne vérifie "
                   f"{'cette règle' if len(missing) == 1 else 'ces règles'} (@verifies de leur définition) : le "
                   "rapport ne pourrait la dire ni vérifiée ni en échec. Ajoutez la vérification, déclarez-la "
                   "sur l'étape qui la vérifie, ou retirez le tag.")
