"""Feature files parsed with pytest-bdd's own parser, syntax errors explained in French."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.bdd_internals import (
    Feature,
    FeatureParser,
    GherkinDocument,
    GherkinParseError,
    Rule,
    ScenarioTemplate,
    get_gherkin_document,
)

from .problems import Problem

_TOKEN_LABELS = {
    "#EOF": "fin de fichier",
    "#Language": "« # language: fr »",
    "#TagLine": "tag",
    "#FeatureLine": "« Fonctionnalité: »",
    "#RuleLine": "« Règle: »",
    "#BackgroundLine": "« Contexte: »",
    "#ScenarioLine": "« Scénario: »",
    "#ExamplesLine": "« Exemples: »",
    "#StepLine": "étape",
    "#DocStringSeparator": "bloc de texte",
    "#TableRow": "ligne de tableau",
    "#Comment": "commentaire",
    "#Empty": "ligne vide",
    "#Other": "texte de description",
}
_UNTYPED_FIRST_STEP = "First step in a scenario or background must start with"
_GHERKIN_ERROR_RE = re.compile(
    r"^\(\d+:\d+\): (?:(?P<eof>unexpected end of file), )?expected: (?P<expected>.*?)(?:, got '(?P<got>.*)')?$")


# Gherkin's other messages (gherkin-official: errors.py, ast_builder.py, gherkin_line.py), read in French.
_OTHER_ERRORS = (
    (re.compile(r"inconsistent cell count"),
     "les lignes du tableau n'ont pas toutes le même nombre de cellules : un « | » manque ou est en trop"),
    (re.compile(r"Language not supported: (?P<language>.*)"),
     "langue « {language} » inconnue de Gherkin : la première ligne doit être « # language: fr »"),
    (re.compile(r"A tag may not contain whitespace"),
     "un tag ne peut pas contenir d'espace (espace insécable ou tabulation comprises) : écrivez « @un_tag » ou "
     "séparez les tags par une espace ordinaire"),
    (re.compile(r"A step cannot have both"),
     "une étape ne peut pas avoir à la fois un bloc de texte et un tableau"),
)
LONGEST_QUOTE = 120  # a 5 MB line is named by its start, not printed whole


def _quoted(text: str) -> str:
    return text if len(text) <= LONGEST_QUOTE else f"{text[:LONGEST_QUOTE]}… ({len(text)} caractères)"


def _french_parse_message(detail: str) -> str:
    """Gherkin's raw message, preceded by a French reading of it."""
    m = _GHERKIN_ERROR_RE.match(detail.strip())
    detail = _quoted(detail.strip())
    if not m:
        for pattern, french in _OTHER_ERRORS:
            found = pattern.search(detail)
            if found:
                reading = french.format(**found.groupdict())
                return f"Erreur de syntaxe Gherkin : {reading}. (Message du parseur : {detail})"
        return ("Erreur de syntaxe Gherkin que la garde ne sait pas encore expliquer : relisez la ligne indiquée. "
                f"(Message du parseur, en anglais : {detail})")
    expected = [t.strip() for t in m.group("expected").split(",")]
    labels = ", ".join(dict.fromkeys(_TOKEN_LABELS.get(t, t) for t in expected))
    if m.group("eof"):
        head = "Fin de fichier inattendue"
    else:
        head = f"Ligne inattendue « {_quoted(m.group('got'))} »"
    return f"Erreur de syntaxe Gherkin : {head} ; attendu : {labels}. (Message du parseur : {detail})"


def _parse_error_problems(display: str, exc: GherkinParseError) -> list[Problem]:
    problems = []
    cause = exc.__cause__
    raw_errors = getattr(cause, "errors", None) or []
    if raw_errors:
        for err in raw_errors:
            location = getattr(err, "location", None) or {}
            line = location.get("line") or exc.line or 1
            detail = str(err.args[0]) if getattr(err, "args", None) else str(err)
            problems.append(
                Problem(
                    display,
                    int(line),
                    "syntaxe",
                    _french_parse_message(detail),
                )
            )
    elif exc.message.startswith(_UNTYPED_FIRST_STEP):
        keyword = exc.message.rsplit(" ", 1)[-1].rstrip(".")
        problems.append(Problem(
            display, int(exc.line or 1), "syntaxe",
            f"La première étape d'un scénario ou d'un contexte ne peut pas commencer par « {keyword} » : "
            "pytest-bdd en déduit le type des suivantes. Commencez par Soit / Étant donné, Quand ou Alors "
            "(« * », « Et » et « Mais » sont acceptés ensuite)."))
    else:
        problems.append(Problem(display, int(exc.line or 1), "syntaxe", _french_parse_message(exc.message)))
    return problems


@dataclass
class _ParsedScenario:
    template: ScenarioTemplate
    line: int
    name: str
    tags: set[str]  # scenario + rule + feature
    examples_tags: list[tuple[int, set[str]]]
    data: Any  # the scenario as Gherkin parsed it (description, examples tables)


def _parse_feature(
    path: Path, features_dir: Path, display: str
) -> tuple[GherkinDocument | None, list[_ParsedScenario], list[Problem]]:
    """Parse with pytest-bdd's parser; keep every scenario (even duplicated names)."""
    problems: list[Problem] = []
    rel = os.path.relpath(path, features_dir)
    fparser = FeatureParser(basedir=str(features_dir), filename=rel)
    try:
        doc = get_gherkin_document(str(path))
    except GherkinParseError as exc:
        return None, [], _parse_error_problems(display, exc)
    except UnicodeDecodeError:
        return None, [], [Problem(display, 1, "syntaxe", "Fichier non UTF-8 : enregistrez-le en UTF-8.")]
    except Exception as exc:  # noqa: BLE001 - a parser crash names the file instead of stopping the guard
        line = (getattr(exc, "location", None) or {}).get("line", 1)
        return None, [], [Problem(display, int(line), "syntaxe", _french_parse_message(str(exc)))]
    fdata = doc.feature
    if fdata is None:
        return doc, [], [Problem(display, 1, "syntaxe", "Aucune « Fonctionnalité : » dans ce fichier.")]

    feature = Feature(
        scenarios={},  # type: ignore[arg-type]
        keyword=fdata.keyword,
        filename=str(path),
        rel_filename=rel,
        name=fdata.name,
        tags={t.name.lstrip("@") for t in fdata.tags},
        background=None,
        line_number=fdata.location.line,
        description=textwrap.dedent(fdata.description),
        language=fdata.language,
    )
    scenarios: list[_ParsedScenario] = []

    def parse_background(bg: Any) -> Any:
        try:
            return fparser.parse_background(bg)
        except GherkinParseError as exc:
            problems.extend(_parse_error_problems(display, exc))
            return None

    def add_scenario(sdata: Any, rule: Rule | None) -> None:
        try:
            template = fparser.parse_scenario(sdata, feature, rule)
        except GherkinParseError as exc:
            problems.extend(_parse_error_problems(display, exc))
            return
        tags = set(template.tags) | set(feature.tags) | (set(rule.tags) if rule else set())
        examples_tags = [(ex.location.line, {t.name.lstrip("@") for t in ex.tags}) for ex in sdata.examples]
        scenarios.append(_ParsedScenario(template, sdata.location.line, sdata.name, tags, examples_tags, sdata))

    for child in fdata.children:
        if child.background:
            feature.background = parse_background(child.background)
    for child in fdata.children:
        if child.scenario:
            add_scenario(child.scenario, None)
        elif child.rule:
            rdata = child.rule
            background = None
            for rchild in rdata.children:
                if rchild.background:
                    background = parse_background(rchild.background)
            rule = Rule(
                keyword=rdata.keyword,
                name=rdata.name,
                description=rdata.description,
                tags={t.name.lstrip("@") for t in rdata.tags},
                background=background,
            )
            for rchild in rdata.children:
                if rchild.scenario:
                    add_scenario(rchild.scenario, rule)
    return doc, scenarios, problems


def _all_tags(doc: GherkinDocument) -> Iterator[tuple[str, int]]:
    feature = doc.feature
    if feature is None:
        return
    for tag in feature.tags:
        yield tag.name.lstrip("@"), tag.location.line

    def scenario_tags(sdata: Any) -> Iterator[tuple[str, int]]:
        for tag in sdata.tags:
            yield tag.name.lstrip("@"), tag.location.line
        for ex in sdata.examples:
            for tag in ex.tags:
                yield tag.name.lstrip("@"), tag.location.line

    for child in feature.children:
        if child.scenario:
            yield from scenario_tags(child.scenario)
        elif child.rule:
            for tag in child.rule.tags:
                yield tag.name.lstrip("@"), tag.location.line
            for rchild in child.rule.children:
                if rchild.scenario:
                    yield from scenario_tags(rchild.scenario)


def _raw_steps(doc: GherkinDocument) -> dict[int, tuple[str, str]]:
    """line -> (keyword as written, text as written) for every step of the document."""
    result: dict[int, tuple[str, str]] = {}
    feature = doc.feature
    if feature is None:
        return result

    def visit(children: Iterable[Any]) -> None:
        for child in children:
            for holder in (getattr(child, "background", None), getattr(child, "scenario", None)):
                if holder is not None:
                    for step in holder.steps:
                        result[step.location.line] = (step.keyword, step.text)
            if getattr(child, "rule", None) is not None:
                visit(child.rule.children)

    visit(feature.children)
    return result
