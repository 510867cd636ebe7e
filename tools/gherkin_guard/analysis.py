"""The checks themselves: match every step and tag of the features, and build the problems."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .collection import bound_feature_paths, unbound_problem
from .feature_parsing import LONGEST_QUOTE, _all_tags, _parse_feature, _quoted, _raw_steps
from .feature_text import BOM, _check_text, is_blank
from .keywords import keyword_problems
from .markers import BUILTIN_MARKERS, _marker_line, read_markers
from .problems import WARNING, Analysis, Problem, StepDefinition, StepUse, shown_path
from .scenario_shape import declared_rules, outline_problems, steps_problems, unverified_rules_problem
from .sentences import _normalise_text, human_sentence, join_keyword
from .snippets import imports_needed, snippet
from .step_definitions import load_step_definitions

CHANNEL_TAGS: tuple[str, ...] = ("web", "ios", "android")
# Undefined steps explained with their nearest sentences; past this, a file of thousands of mistakes
# would take minutes to check (each costs a comparison with every definition).
DETAILED_UNDEFINED = 30
# A ready definition for the first few: enough to start writing, and the report stays a screen.
SNIPPETS = 5
RULE_TAG_RE = re.compile(r"^R(0[1-9]|1[0-9]|2[0-3])$")

TYPE_LABELS = {
    "given": "Soit / Étant donné",
    "when": "Quand",
    "then": "Alors",
    None: "tout type",
}


def _nearest(text: str, definitions: Sequence[StepDefinition], limit: int = 3) -> list[StepDefinition]:
    scored = []
    for definition in definitions:
        ratio = max(
            difflib.SequenceMatcher(None, text, definition.pattern).ratio(),
            difflib.SequenceMatcher(None, text, human_sentence(definition)).ratio(),
        )
        scored.append((ratio, definition))
    scored.sort(key=lambda item: -item[0])
    # The best candidate always (when reasonably close), then only the really close ones.
    return [d for index, (ratio, d) in enumerate(scored[:limit]) if ratio >= (0.35 if index == 0 else 0.6)]


def analyse(
    features_dir: str | Path,
    steps_dir: str | Path,
    ini_path: str | Path,
    *,
    channels: Sequence[str] = CHANNEL_TAGS,
    rule_tag_re: re.Pattern[str] = RULE_TAG_RE,
    base: str | Path | None = None,
) -> Analysis:
    """Run every check and return the problems plus the model (definitions, uses) they come from."""
    features_dir = Path(features_dir).resolve()
    steps_dir = Path(steps_dir).resolve()
    ini_path = Path(ini_path).resolve()
    base_path = Path(base or os.getcwd())
    problems: list[Problem] = []

    definitions, modules, import_problems = load_step_definitions(steps_dir, base_path)
    problems.extend(import_problems)
    markers, ini_problems = read_markers(ini_path, base_path)
    problems.extend(ini_problems)
    ini_display = shown_path(ini_path, base_path)
    for marker, meaning in markers.items():
        if not meaning:
            problems.append(
                Problem(
                    ini_display,
                    _marker_line(ini_path, marker),
                    "tag-sans-description",
                    f"Le marqueur « {marker} » n'a pas de description après les deux-points "
                    f"(ex. « {marker}: ce que signifie ce tag »).",
                )
            )

    named_feature = sorted(features_dir.rglob("*.feature"))
    feature_files = [p for p in named_feature if p.is_file()]
    for path in named_feature:
        if path.is_dir():
            problems.append(Problem(
                shown_path(path, base_path), 1, "dossier-feature",
                "Ce dossier porte le nom d'un fichier de scénarios (« .feature ») : pytest-bdd tenterait de le lire "
                "comme un fichier et s'arrêterait. Renommez-le sans « .feature »."))
    bound = bound_feature_paths(steps_dir, features_dir)
    # Rules declared beside the checks (reporting.verdicts.verifies): once a project declares them, every rule
    # tag of a scenario must be declared by one of its checks, or the matrix could not call the rule verified.
    rules_declared = any(declared_rules(d) for d in definitions)
    undefined_count = 0
    uses: list[StepUse] = []
    use_index: dict[tuple[Path, int, str], StepUse] = {}
    match_cache: dict[tuple[str, str], list[StepDefinition]] = {}
    seen_problems: set[tuple[str, int, str, str]] = set()

    def add(problem: Problem) -> None:
        key = (problem.file, problem.line, problem.code, problem.message)
        if key not in seen_problems:
            seen_problems.add(key)
            problems.append(problem)

    def matching(step_type: str, text: str) -> list[StepDefinition]:
        key = (step_type, text)
        if key not in match_cache:
            match_cache[key] = [d for d in definitions if d.matches(step_type, text)]
        return match_cache[key]

    for path in feature_files:
        display = shown_path(path, base_path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = text_line_of(path, exc.start)
            add(Problem(display, line, "syntaxe", f"Fichier non UTF-8 (octet {exc.object[exc.start]:#04x} ligne "
                                                  f"{line}) : enregistrez-le en UTF-8."))
            continue
        except OSError as exc:
            add(Problem(display, 1, "syntaxe", f"Fichier illisible : {exc.strerror}."))
            continue
        for problem in _check_text(display, text) + keyword_problems(display, text):
            add(problem)
        if text.startswith(BOM) or is_blank(text):
            continue  # the parser would only repeat, less clearly, what is said above
        if bound is not None and not any(path == b or path.is_relative_to(b) for b in bound):
            add(unbound_problem(display, bound, features_dir, base_path))
        doc, scenarios, parse_problems = _parse_feature(path, features_dir, display)
        for problem in parse_problems:
            add(problem)
        if doc is None:
            continue
        if not scenarios and not parse_problems:
            add(Problem(display, doc.feature.location.line, "fonctionnalite-sans-scenario",
                        f"La fonctionnalité « {doc.feature.name} » n'a aucun scénario : rien n'y serait vérifié, "
                        "et le run ne le dirait pas. Écrivez ses scénarios (« Scénario: … ») ou supprimez le fichier."))

        for tag, line in _all_tags(doc):
            if tag in BUILTIN_MARKERS:
                continue
            if tag not in markers:
                add(
                    Problem(
                        display,
                        line,
                        "tag-non-enregistre",
                        f"Tag @{tag} absent des marqueurs de {ini_display} : ajoutez « {tag}: <signification> » "
                        "sous « markers = » ou corrigez le tag.",
                    )
                )
            elif not markers[tag]:
                add(
                    Problem(
                        display,
                        line,
                        "tag-sans-description",
                        f"Tag @{tag} enregistré sans signification dans {ini_display}.",
                    )
                )

        raw_steps = _raw_steps(doc)
        names_seen: dict[str, int] = {}
        for parsed in scenarios:
            template = parsed.template
            if parsed.name in names_seen:
                add(
                    Problem(
                        display,
                        parsed.line,
                        "scenario-duplique",
                        f"Scénario « {parsed.name} » déjà défini ligne {names_seen[parsed.name]} : "
                        "pytest-bdd n'en garderait qu'un. Donnez-lui un nom unique.",
                    )
                )
            else:
                names_seen[parsed.name] = parsed.line
            for problem in steps_problems(display, parsed.data, template) + outline_problems(display, parsed.data):
                add(problem)

            # Renderings: one per examples row (with the examples tags), or the scenario itself.
            renderings: list[tuple[dict[str, str], set[str], int]] = []
            for ex_index, examples in enumerate(template.examples):
                ex_line, ex_tags = (
                    parsed.examples_tags[ex_index] if ex_index < len(parsed.examples_tags) else (parsed.line, set())
                )
                for context in examples.as_contexts():
                    renderings.append((context, ex_tags, ex_line))
            if not renderings:
                renderings.append(({}, set(), parsed.line))

            # Tags: checked once per distinct set of effective tags.
            checked_tag_sets: set[frozenset[str]] = set()
            for _context, ex_tags, ex_line in renderings:
                effective = frozenset(parsed.tags | ex_tags)
                if effective in checked_tag_sets:
                    continue
                checked_tag_sets.add(effective)
                where = parsed.line if not ex_tags else ex_line
                if not any(ch in effective for ch in channels):
                    add(
                        Problem(
                            display,
                            where,
                            "canal-manquant",
                            f"Scénario « {parsed.name} » sans tag de canal : ajoutez "
                            f"{' '.join('@' + c for c in channels)} (sur le scénario ou la fonctionnalité).",
                        )
                    )
                if not any(rule_tag_re.match(tag) for tag in effective):
                    add(
                        Problem(
                            display,
                            where,
                            "regle-manquante",
                            f"Scénario « {parsed.name} » sans identifiant de règle : ajoutez au moins un "
                            "tag @R01 .. @R23 (la règle vérifiée).",
                        )
                    )

            for context, ex_tags, ex_line in renderings:
                scenario = template.render(context)
                effective = frozenset(parsed.tags | ex_tags)
                if rules_declared:
                    checks = [matching(step.type, step.name) for step in scenario.steps if step.type == "then"]
                    problem = unverified_rules_problem(display, parsed, ex_line if ex_tags else parsed.line,
                                                       effective, checks, rule_tag_re)
                    if problem:
                        add(problem)
                for step in scenario.steps:
                    keyword, written = raw_steps.get(step.line_number, (step.keyword + " ", step.name))
                    key = (path, step.line_number, step.name)
                    found = matching(step.type, step.name)
                    use = use_index.get(key)
                    if use is None:
                        use = StepUse(
                            file=path,
                            line=step.line_number,
                            type=step.type,
                            keyword=keyword,
                            text=written,
                            rendered=step.name,
                            tags=effective,
                            scenario=parsed.name,
                            definitions=list(found),
                        )
                        use_index[key] = use
                        uses.append(use)
                    else:
                        use.tags = use.tags | effective
                    shown = _quoted(join_keyword(keyword, step.name))
                    if not found:
                        undefined_count += 1
                        # Nearest sentences cost a comparison with every definition, quadratic in the length.
                        detailed = undefined_count <= DETAILED_UNDEFINED and len(step.name) <= LONGEST_QUOTE
                        written_text = written if "<" in written else step.name
                        add(_undefined_problem(display, step, shown, definitions, matching, base_path,
                                               detailed=detailed, keyword=keyword, written=written_text,
                                               tags=effective, root=steps_dir.parent,
                                               rules=sorted(t for t in effective if rule_tag_re.match(t)),
                                               with_snippet=undefined_count <= SNIPPETS))
                    elif len(found) > 1:
                        listing = "\n".join(
                            f"    - {shown_path(d.file, base_path)}:{d.line} ({d.module}.{d.func_name}) "
                            f"[{TYPE_LABELS[d.type]}] « {d.pattern} »"
                            for d in found
                        )
                        add(
                            Problem(
                                display,
                                step.line_number,
                                "etape-ambigue",
                                f"Étape ambiguë « {shown} » : {len(found)} définitions correspondent "
                                "(pytest-bdd en choisirait une sans prévenir). Rendez les phrases distinctes :\n"
                                + listing,
                            )
                        )

    used_ids = {id(d) for use in uses for d in use.definitions}
    for definition in definitions:
        if id(definition) not in used_ids:
            add(
                Problem(
                    shown_path(definition.file, base_path),
                    definition.line,
                    "etape-inutilisee",
                    f"Définition d'étape [{TYPE_LABELS[definition.type]}] « {human_sentence(definition)} » "
                    "utilisée par aucun scénario.",
                    severity=WARNING,
                )
            )

    problems.sort(key=lambda p: (not p.is_error, p.file, p.line, p.code))
    return Analysis(
        problems=problems,
        definitions=definitions,
        uses=uses,
        feature_files=feature_files,
        modules=modules,
        base=base_path,
    )


def text_line_of(path: Path, offset: int) -> int:
    return path.read_bytes().count(b"\n", 0, offset) + 1


def _undefined_problem(
    display: str,
    step: Any,
    shown: str,
    definitions: Sequence[StepDefinition],
    matching: Any,
    base: Path,
    detailed: bool = True,
    keyword: str = "",
    written: str = "",
    tags: frozenset[str] = frozenset(),
    rules: Sequence[str] = (),
    root: Path | None = None,
    with_snippet: bool = True,
) -> Problem:
    same_type = [d for d in definitions if d.type in (None, step.type)]
    lines = [f"Étape sans définition « {shown} » (type {TYPE_LABELS[step.type]})."]
    if not detailed:  # the nearest sentences cost a comparison with every definition: the first ones only
        return Problem(display, step.line_number, "etape-indefinie", lines[0])
    normalised = _normalise_text(step.name)
    if normalised != step.name:
        fixed = matching(step.type, normalised)
        if fixed:
            lines.append(
                "    La phrase serait reconnue une fois corrigés les caractères invisibles "
                "(apostrophe typographique, accents décomposés ou espace insécable)."
            )
    other_types = [d for d in definitions if d.type not in (None, step.type) and d.matches(d.type, step.name)]
    for d in other_types:
        lines.append(
            f"    Une définition de type {TYPE_LABELS[d.type]} correspond ({shown_path(d.file, base)}:{d.line}) : "
            "vérifiez le mot-clé (Soit/Étant donné, Quand, Alors) ou le « Et » qui en hérite."
        )
    leftover = re.findall(r"<([^<>]+)>", step.name)
    if leftover:
        lines.append(
            "    Paramètre(s) de plan sans valeur : "
            + ", ".join(f"<{p}>" for p in leftover)
            + " (colonne absente du tableau Exemples ?)."
        )
    nearest = _nearest(step.name, same_type)
    if nearest:
        lines.append("    Phrases les plus proches :")
        lines.extend(f"    - « {human_sentence(d)} » ({shown_path(d.file, base)}:{d.line})" for d in nearest)
    elif not same_type:
        lines.append(f"    Aucune définition de type {TYPE_LABELS[step.type]} n'existe encore.")
    if with_snippet and (not leftover or written):
        lines.extend(_snippet_lines(step, keyword, written or step.name, tags, rules, root or base, nearest))
    return Problem(display, step.line_number, "etape-indefinie", "\n".join(lines))


def _snippet_lines(step: Any, keyword: str, written: str, tags: frozenset[str], rules: Sequence[str], root: Path,
                   nearest: Sequence[StepDefinition]) -> list[str]:
    text = snippet(step.type, keyword or step.keyword, written, tags, list(rules), root)
    where = shown_path(nearest[0].file, root) if nearest else "le module de steps/ de son domaine"
    return ["    Définition prête à coller dans " + where + " (imports : "
            + " ; ".join(imports_needed(text)) + ") :",
            *(f"        {line}" for line in text.splitlines())]


def check(
    features_dir: str | Path,
    steps_dir: str | Path,
    ini_path: str | Path,
    **kwargs: Any,
) -> list[Problem]:
    """All problems (errors first, then warnings), each with file, line, code, message, severity."""
    return analyse(features_dir, steps_dir, ini_path, **kwargs).problems
