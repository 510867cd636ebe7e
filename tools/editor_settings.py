"""Editor settings: every French step sentence of features/ resolved to its definition in VS Code (issue 23).

The official extension « Cucumber » (cucumber.cucumber-official) runs ``@cucumber/language-server``, built on
``@cucumber/language-service``. It reads step definitions from the *glue* files of its settings, and for Python it
reads a decorator whose argument is a string literal only (``@given("…")``), as a Cucumber Expression, or as a
regular expression when the literal holds one of ``( ) . * \\ |``. pytest-bdd's ``parsers.parse("… {price:euros} …",
extra_types=…)`` and ``parsers.re(…)`` are not read (version 1.7.0, ``pythonLanguage.js``). So ``make catalogue``
writes, from the step registry pytest-bdd fills (the Gherkin guard's analysis, the same as the catalogue's):

- ``.vscode/etapes_pour_editeur.py``: one decorator per sentence, each with a literal the extension reads, the real
  definition named by a comment on the decorator's own line (where go-to-definition lands: the extension can only
  point into a glue file it read). Nothing imports it; pytest does not collect it (hidden folder, no ``test_``).
- ``.vscode/settings.json``: ``cucumber.features``, ``cucumber.glue`` and ``cucumber.parameterTypes``, whose
  regexps are the ``pattern`` of the very converters the steps pass as ``extra_types`` (``steps/context.py``).
  Other keys of an existing settings file are kept.

How a definition is written: a parse pattern becomes a Cucumber Expression (``{d}`` -> ``{entier}``, an untyped field
-> ``{}``, a project type -> ``{euros}``; each typed parameter also reads an outline column ``<prix>``, as the
extension's go-to-definition matches an outline line as written) when its literal text has none of the characters
that the extension would take for syntax (``( ) { } / \\`` of Cucumber Expressions, ``. * |`` that make it read a
regex). Otherwise, and for ``parsers.re`` (whose named groups read a column too), it becomes an anchored regular
expression in the ``/…/`` form the extension reads: escaping with a backslash would itself make the extension read
the literal as a regex, so there is no escaped Cucumber Expression.
The literal is written raw: the extension strips its quotes and does not unescape it, so a text holding both quote
kinds is split into concatenated pieces (read as one Cucumber Expression), and a regex writes ``"`` as ``\\x22``.

The proof is tests/test_editor_settings.py: the real language server reads these files and resolves every step.
"""

from __future__ import annotations

import importlib
import json
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.gherkin_guard import Analysis, StepDefinition
from tools.gherkin_guard.problems import shown_path

GLUE_NAME = "etapes_pour_editeur.py"
SETTINGS_NAME = "settings.json"
# Characters of a literal that the extension would not read as text (see the module docstring).
CUCUMBER_SYNTAX = frozenset("(){}/\\")
READ_AS_REGEX = frozenset("().*\\|")
# parse's built-in types the steps use: the Cucumber Expression parameter, and its regex (Cucumber's {int} reads this
# one, but a built-in type cannot take the outline column below).
BUILTIN_TYPES = {"d": ("entier", r"-?\d+")}
UNTYPED = ("", r".+?")  # parse's untyped field; Cucumber's anonymous {} reads .*, an outline column included
# An outline line as written: the extension's go-to-definition matches `le total est de <prix>` itself (it tries the
# Examples rows for its underlining only), so each typed parameter also reads a column; pytest-bdd never sees one.
OUTLINE_COLUMN = r"<[^<>]+>"
DECORATORS = {"given": "given", "when": "when", "then": "then", None: "step"}
TYPE_WORDS = {"given": "Soit", "when": "Quand", "then": "Alors", None: "Soit / Quand / Alors"}
REGEX_SPECIALS = frozenset("\\^$.|?*+()[]{}/")


class UnsupportedStep(ValueError):
    """A definition that the editor settings cannot express (say which and why, in French)."""


@dataclass
class GlueEntry:
    """One decorator of the glue file: what the extension reads, and the definitions it stands for."""

    literal: str  # the Python literal written after the decorator
    expression: str  # what the extension reads from it
    is_regex: bool
    definitions: list[StepDefinition] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # file:line of each definition


@dataclass
class EditorFiles:
    glue: str
    settings: dict[str, Any]
    entries: list[GlueEntry]
    parameter_types: dict[str, str]  # name -> regexp
    problems: list[str]


def project_types(steps_dir: Path) -> dict[str, Any]:
    """The converters the steps pass as ``extra_types``: ``TYPES`` of the steps package's ``context`` module, the
    one place they are written (steps/context.py). The analysis has already imported it."""
    try:
        module = importlib.import_module(f"{Path(steps_dir).resolve().name}.context")
    except ImportError:
        return {}
    return dict(getattr(module, "TYPES", {}))


def _regex_escape(text: str) -> str:
    return "".join("\\" + c if c in REGEX_SPECIALS else c for c in text)


def _readable_as_text(text: str) -> bool:
    return not (set(text) & (CUCUMBER_SYNTAX | READ_AS_REGEX)) and "?P" not in text


def _parse_fields(pattern: str) -> list[tuple[str, str | None, str]]:
    """(literal, field name or None, type) of a parse pattern, ``{{``/``}}`` read as braces (string.Formatter)."""
    return [(literal, name, spec or "") for literal, name, spec, _ in string.Formatter().parse(pattern)]


def _type_of(spec: str, types: Mapping[str, Any], where: str) -> tuple[str, str]:
    """(Cucumber parameter, regex) of a parse field type."""
    if spec == "":
        return "", UNTYPED[1]
    if spec in types:
        return spec, getattr(types[spec], "pattern", UNTYPED[1])
    if spec in BUILTIN_TYPES:
        return BUILTIN_TYPES[spec]
    raise UnsupportedStep(f"{where} : type « {spec} » inconnu de l'éditeur (ni d, ni un type de steps/context.py).")


def expression_of(definition: StepDefinition, types: Mapping[str, Any], where: str,
                  used: dict[str, str] | None = None) -> tuple[str, bool]:
    """(what the extension must read, whether it is a regex) for one pytest-bdd definition; the Cucumber parameter
    types it names go to ``used`` (name -> regexp, an outline column included)."""
    used = {} if used is None else used
    kind = type(definition.parser).__name__
    pattern = definition.pattern
    if kind == "string":
        if _readable_as_text(pattern) and not pattern.startswith("/"):
            return pattern, False
        return f"^{_regex_escape(pattern)}$", True
    if kind in {"parse", "cfparse"}:
        fields = _parse_fields(pattern)
        literals = "".join(literal for literal, _, _ in fields)
        if _readable_as_text(literals) and not pattern.startswith("/"):
            parts = []
            for literal, name, spec in fields:
                parts.append(literal)
                if name is not None:
                    parameter, regex = _type_of(spec, types, where)
                    if parameter:
                        used[parameter] = f"{OUTLINE_COLUMN}|{regex}"
                    parts.append("{" + parameter + "}")
            return "".join(parts), False
        parts = []
        for literal, name, spec in fields:
            parts.append(_regex_escape(literal))
            if name is not None:
                parts.append(f"({OUTLINE_COLUMN}|{_type_of(spec, types, where)[1]})")
        return "^" + "".join(parts) + "$", True
    if kind == "re":
        # pytest-bdd matches the whole sentence (fullmatch); a named group is a parameter, which reads an outline
        # column too (JavaScript would spell its name (?<name>…): the name is not needed).
        body = re.sub(r"\(\?P<(\w+)>", lambda _: f"({OUTLINE_COLUMN}|", pattern)
        body = body[1:] if body.startswith("^") else body
        body = body[:-1] if body.endswith("$") and not body.endswith("\\$") else body
        return f"^(?:{body})$", True
    raise UnsupportedStep(f"{where} : analyseur « {kind} » que l'éditeur ne sait pas lire.")


def python_literal(expression: str, is_regex: bool) -> str:
    """The literal the extension reads back as ``expression`` (it strips one quote at each end, no unescaping)."""
    if is_regex:
        # One string node (a concatenation is read as a Cucumber Expression); \x22 is a quote for JavaScript.
        return '"/' + expression.replace('"', "\\x22") + '/"'
    if '"' not in expression:
        return f'"{expression}"'
    if "'" not in expression:
        return f"'{expression}'"
    pieces: list[str] = []
    current = ""
    for char in expression:
        quotes = set(current) & {'"', "'"}
        if char in "\"'" and quotes and char not in quotes:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return " + ".join(f"'{p}'" if '"' in p else f'"{p}"' for p in pieces)


def build(analysis: Analysis, steps_dir: Path, features_dir: Path, glue_path: Path) -> EditorFiles:
    """The glue file and the ``cucumber.*`` settings, from the definitions pytest-bdd registered."""
    base = analysis.base
    types = project_types(steps_dir)
    entries: dict[str, GlueEntry] = {}
    problems: list[str] = []
    used_types: dict[str, str] = {}
    for definition in sorted(analysis.definitions, key=lambda d: (str(d.file), d.line)):
        place = f"{shown_path(definition.file, base)}:{definition.line}"
        try:
            expression, is_regex = expression_of(definition, types, place, used_types)
        except UnsupportedStep as exc:
            problems.append(str(exc))
            continue
        # The extension matches a sentence whatever its keyword: one sentence defined for two keywords is one entry,
        # or it would be ambiguous in the editor while pytest-bdd tells the two apart by keyword.
        entry = entries.setdefault(expression, GlueEntry(python_literal(expression, is_regex), expression, is_regex))
        entry.definitions.append(definition)
        entry.places.append(place)
    glue = render_glue(list(entries.values()))
    settings = {
        "cucumber.features": [f"{shown_path(features_dir, base)}/**/*.feature"],
        "cucumber.glue": [shown_path(glue_path, base)],
        "cucumber.parameterTypes": [{"name": n, "regexp": r} for n, r in sorted(used_types.items())],
    }
    return EditorFiles(glue, settings, list(entries.values()), dict(sorted(used_types.items())), problems)


def render_glue(entries: Sequence[GlueEntry]) -> str:
    lines = [
        '"""Phrases des étapes pour l\'extension « Cucumber » de VS Code : fichier écrit par `make catalogue`, ne pas',
        "le modifier à la main (il est réécrit).",
        "",
        "L'extension ne lit pas les parsers.parse(...) de pytest-bdd : ce fichier redit chaque phrase de steps/ sous",
        "une forme qu'elle lit. « Aller à la définition » arrive ici, sur la ligne dont le commentaire nomme la vraie",
        "définition (Ctrl+P puis coller « steps/fichier.py:ligne » pour l'ouvrir). Rien n'importe ce fichier.",
        '"""',
        "",
        "from pytest_bdd import given, step, then, when  # noqa: F401 - the decorators the extension looks for",
    ]
    taken: dict[str, int] = {}
    for entry in entries:
        kinds = {d.type for d in entry.definitions}
        decorator = DECORATORS[kinds.pop()] if len(kinds) == 1 else "step"
        name = entry.definitions[0].func_name
        taken[name] = taken.get(name, 0) + 1
        if taken[name] > 1:
            name = f"{name}_{taken[name]}"
        lines += [
            "",
            "",
            f"@{decorator}({entry.literal})  # {', '.join(entry.places)}",
            f"def {name}():",
            "    ...",
        ]
    return "\n".join(lines) + "\n"


def merged_settings(path: Path, ours: Mapping[str, Any]) -> dict[str, Any]:
    """An existing settings file with our ``cucumber.*`` keys replaced; ValueError if it is not plain JSON."""
    if not path.exists():
        return dict(ours)
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path} n'est pas du JSON simple (commentaires ?) : {exc}. Ajoutez-y à la main :\n"
            + json.dumps(ours, ensure_ascii=False, indent=2)
        ) from exc
    if not isinstance(current, dict):
        raise ValueError(f"{path} ne contient pas un objet JSON.")
    return {**current, **ours}


def write(analysis: Analysis, steps_dir: Path, features_dir: Path, folder: Path) -> EditorFiles:
    """Write the glue file and merge the settings into ``folder`` (``.vscode``)."""
    folder.mkdir(parents=True, exist_ok=True)
    glue_path = folder / GLUE_NAME
    files = build(analysis, steps_dir, features_dir, glue_path)
    settings_path = folder / SETTINGS_NAME
    settings = merged_settings(settings_path, files.settings)
    glue_path.write_text(files.glue, encoding="utf-8")
    settings_path.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return files


def _glue_places(glue_path: Path) -> dict[int, list[str]]:
    """The definitions each decorator line of the glue file names (its comment), by line number."""
    places = {}
    for number, line in enumerate(glue_path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("@") and "  # " in line:
            places[number] = line.rsplit("  # ", 1)[1].split(", ")
    return places


def resolution_problems(report: Mapping[str, Any], analysis: Analysis, files: EditorFiles, glue_path: Path,
                        root: Path) -> list[str]:
    """What the language server's answers (tools/editor_language_server.cjs) say is wrong, in French: a glue file not
    read in full, an underlined step, a step that leads to no definition or to several, or to another definition
    than the one pytest-bdd runs. An outline line is judged as written (what go-to-definition matches) and once per
    Examples row (what runs)."""
    problems = [f"Le serveur de langage signale : {error}" for error in report["errors"]]
    if report["expressions"] != len(files.entries):
        problems.append(f"Le serveur de langage a lu {report['expressions']} définition(s) dans {glue_path}, "
                        f"le fichier en contient {len(files.entries)}.")
    places = _glue_places(glue_path)
    glue = str(glue_path.resolve())
    runs: dict[tuple[str, int, str], list[str]] = {}  # (feature, line, sentence) -> where pytest-bdd's definitions are
    runs_on_line: dict[tuple[str, int], list[str]] = {}  # an outline line as written: any of its rows'
    for use in analysis.uses:
        key = (str(Path(use.file).resolve()), use.line, use.rendered)
        runs[key] = [f"{shown_path(d.file, analysis.base)}:{d.line}" for d in use.definitions]
        runs_on_line.setdefault(key[:2], []).extend(runs[key])

    def targets(links: Sequence[Mapping[str, Any]]) -> list[str]:
        found = []
        for link in links:
            if str(Path(link["path"]).resolve()) != glue:
                found.append(f"{link['path']}:{link['line']} (hors de {glue_path.name})")
            else:
                found.append(" ou ".join(places.get(link["line"], [f"{glue_path.name}:{link['line']}"])))
        return found

    def judge(feature: str, line: int, text: str, links: Sequence[Mapping[str, Any]], what: str,
              as_written: bool = False) -> None:
        where = f"{feature}:{line} : « {text} »{what}"
        found = targets(links)
        if not found:
            problems.append(f"{where} ne mène à aucune définition dans l'éditeur.")
        elif len(found) > 1:
            problems.append(f"{where} mène à {len(found)} définitions dans l'éditeur : {' ; '.join(found)}.")
        else:
            key = (str((root / feature).resolve()), line)
            expected = runs_on_line.get(key) if as_written else runs.get((*key, text))
            if expected and not set(expected) & set(found[0].split(" ou ")):
                problems.append(f"{where} mène dans l'éditeur à {found[0]}, pytest-bdd exécute "
                                f"{' ou '.join(expected)}.")

    for feature in report["features"]:
        for diagnostic in feature["diagnostics"]:
            problems.append(f"{feature['path']}:{diagnostic['line']} : l'éditeur souligne : {diagnostic['message']}")
        for step in feature["steps"]:
            judge(feature["path"], step["line"], step["text"], step["links"],
                  " (ligne de plan, telle qu'écrite)" if step["outline"] else "", as_written=step["outline"])
        for row in feature["rows"]:
            judge(feature["path"], row["line"], row["text"], row["links"], " (ligne d'exemples)")
            if row["undefined"]:
                problems.append(f"{feature['path']}:{row['line']} : « {row['text']} » (ligne d'exemples) est "
                                "soulignée comme non définie.")
    return problems
