"""Gherkin guard: static checks of the French feature files and of the step definitions.

It runs in about a second, before any browser, sandbox or Appium session starts, and reports every
problem at once (not the first one only), each as ``file:line: [code] message`` in French, for the
QA writers who own the feature files.

Checks
------
Errors (exit code 1):

- ``syntaxe``            the .feature file does not parse with pytest-bdd's own parser
                         (``pytest_bdd.gherkin_parser`` / ``pytest_bdd.parser.FeatureParser``);
- ``langue``             the first non-empty line is not ``# language: fr``;
- ``apostrophe``         a typographic apostrophe (U+2019) is present (one problem per line);
- ``nfc``                a line is not in Unicode NFC form (decomposed accents);
- ``etape-indefinie``    a step matches no step definition of its type (nearest sentences listed);
- ``etape-ambigue``      a step matches two or more definitions (pytest-bdd would pick one silently);
- ``scenario-duplique``  two scenarios of one feature share a name (pytest-bdd keeps only the last);
- ``tag-non-enregistre`` a tag is not a marker of the ini file (``markers =``);
- ``tag-sans-description`` the marker exists but has no meaning after the colon;
- ``canal-manquant``     a scenario (after inheritance of feature, rule and examples tags) has none of
                         ``@web @ios @android``;
- ``regle-manquante``    a scenario has no rule id tag ``@R01`` .. ``@R21``;
- ``import-etapes``      a steps module cannot be imported;
- ``ini``                the ini file cannot be read.

Warnings (do not fail):

- ``etape-inutilisee``   a step definition that no scenario uses.

Step typing follows pytest-bdd: ``Et``/``Mais``/``*`` take the type of the previous step, a ``given``
step only matches ``given`` definitions (or untyped ``@step`` ones). Scenario outline steps are
rendered with every row of every ``Exemples`` table before matching, as pytest-bdd does.

Step definitions are collected by importing every module of the steps folder (``test_*.py`` and
``conftest.py`` excluded) with the project root on ``sys.path`` and reading the fixtures that
pytest-bdd's decorators inject (``pytestbdd_stepdef_*``, whose value carries a ``StepFunctionContext``).

Command line
------------
::

    python -m tools.gherkin_guard [--features DIR] [--steps DIR] [--ini FILE]

Exit codes: 0 no error (warnings allowed), 1 errors found, 2 usage error (missing folder or file).

Wiring into pytest (abort before any browser starts)
----------------------------------------------------
In the root ``conftest.py``, import the *module*, not the function (a conftest-level name starting with
``pytest_`` is taken by pytest for a hook)::

    from tools import gherkin_guard

    def pytest_configure(config):
        gherkin_guard.pytest_guard(config)

``pytest_guard`` raises ``pytest.UsageError`` with the full report, so pytest stops with exit code 4
before collection, fixtures, the sandbox or any browser. It does nothing on xdist workers (the
controller already checked), for ``--help``/``--version``, when every path given on the command line
is inside ``tests/`` (the harness's own tests), or when the environment variable
``GARDE_GHERKIN=0`` is set.
"""

from __future__ import annotations

import argparse
import ast
import configparser
import contextlib
import difflib
import importlib
import importlib.util
import inspect
import os
import re
import sys
import textwrap
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_bdd import exceptions as bdd_exceptions
from pytest_bdd.gherkin_parser import GherkinDocument, get_gherkin_document
from pytest_bdd.parser import Feature, FeatureParser, Rule, ScenarioTemplate
from pytest_bdd.steps import StepFunctionContext, StepNamePrefix, step_function_context_registry

__all__ = [
    "Analysis",
    "Problem",
    "StepDefinition",
    "StepUse",
    "analyse",
    "check",
    "format_report",
    "main",
    "pytest_guard",
]

CHANNEL_TAGS: tuple[str, ...] = ("web", "ios", "android")
RULE_TAG_RE = re.compile(r"^R(0[1-9]|1[0-9]|2[01])$")
LANGUAGE_RE = re.compile(r"^\s*#\s*language\s*:\s*(\S*)\s*$")
TYPOGRAPHIC_APOSTROPHE = "\u2019"
# Markers that pytest registers itself: a tag with one of these names is accepted.
BUILTIN_MARKERS = frozenset({"skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings"})

ERROR = "erreur"
WARNING = "avertissement"

TYPE_LABELS = {
    "given": "Soit / Étant donné",
    "when": "Quand",
    "then": "Alors",
    None: "tout type",
}


# --------------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One finding of the guard, at ``file:line``."""

    file: str
    line: int
    code: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        prefix = "" if self.is_error else "(avertissement) "
        return f"{self.file}:{self.line}: [{self.code}] {prefix}{self.message}"

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.format()


@dataclass(eq=False)
class StepDefinition:
    """A step definition as pytest-bdd registered it."""

    type: str | None
    pattern: str
    parser: Any
    module: str
    file: Path
    line: int
    func_name: str
    context: StepFunctionContext

    def matches(self, step_type: str, text: str) -> bool:
        if self.type is not None and self.type != step_type:
            return False
        try:
            return bool(self.parser.is_matching(text))
        except Exception:  # a custom parser that raises does not match
            return False


@dataclass(eq=False)
class StepUse:
    """One step written in a feature file (an outline step once per distinct rendering)."""

    file: Path
    line: int
    type: str
    keyword: str
    text: str  # as written (outline placeholders kept)
    rendered: str  # after substitution of the examples values
    tags: frozenset[str]
    scenario: str
    definitions: list[StepDefinition] = field(default_factory=list)

    @property
    def as_written(self) -> str:
        return join_keyword(self.keyword, self.text)


@dataclass
class StepModule:
    name: str
    file: Path
    doc: str


@dataclass
class Analysis:
    problems: list[Problem]
    definitions: list[StepDefinition]
    uses: list[StepUse]
    feature_files: list[Path]
    modules: list[StepModule]
    base: Path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def uses_of(self, definition: StepDefinition) -> list[StepUse]:
        return [u for u in self.uses if any(d is definition for d in u.definitions)]


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------
def _display(path: Path, base: Path) -> str:
    """Path as shown to the user: relative to ``base`` (the current folder) when possible."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path(base).resolve()))
    except ValueError:  # outside the current folder: absolute path
        return str(path)


def human_sentence(definition_or_parser: Any) -> str:
    """A step pattern as a French sentence, its parameters shown as «paramètre»."""
    parser = getattr(definition_or_parser, "parser", definition_or_parser)
    pattern = str(getattr(parser, "name", parser))
    kind = type(parser).__name__
    if kind == "re":
        return _humanise_regex(pattern)
    if kind in {"parse", "cfparse"} or "{" in pattern and kind != "string":
        return _humanise_parse(pattern)
    return pattern


_PARSE_FIELD_RE = re.compile(r"\{\{|\}\}|\{([^{}:!]*)(?:[:!][^{}]*)?\}")


def _humanise_parse(pattern: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        return f"«{m.group(1) or 'valeur'}»"

    return _PARSE_FIELD_RE.sub(repl, pattern)


def _humanise_regex(pattern: str) -> str:
    out: list[str] = []
    i = 0
    n = len(pattern)
    while i < n:
        if pattern.startswith("(?P<", i):
            end_name = pattern.index(">", i)
            name = pattern[i + 4 : end_name]
            depth, j = 1, end_name + 1
            while j < n and depth:
                if pattern[j] == "\\":
                    j += 2
                    continue
                if pattern[j] == "(":
                    depth += 1
                elif pattern[j] == ")":
                    depth -= 1
                j += 1
            out.append(f"«{name}»")
            i = j
            continue
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            out.append(pattern[i + 1])
            i += 2
            continue
        if ch in "^$" and (i == 0 or i == n - 1):
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def join_keyword(keyword: str, text: str) -> str:
    """``Étant donné que`` + ``j'ouvre`` -> ``Étant donné que j'ouvre``; ``qu'`` takes no space."""
    keyword = keyword.strip()
    if not keyword:
        return text
    separator = "" if keyword.endswith(("'", "\u2019")) else " "
    return keyword + separator + text


def _normalise_text(text: str) -> str:
    """What the writer most probably meant: NFC, straight apostrophes, plain spaces."""
    text = unicodedata.normalize("NFC", text)
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
    )


# --------------------------------------------------------------------------------------------------
# Step definitions
# --------------------------------------------------------------------------------------------------
def _module_name_for(steps_dir: Path, root: Path, file: Path) -> str | None:
    rel = file.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if parts and all(p.isidentifier() for p in parts):
        return ".".join(parts)
    return None


@contextlib.contextmanager
def _isolated_imports(root: Path, top_package: str | None) -> Iterator[None]:
    """Put ``root`` first on sys.path; hide same-named modules that live elsewhere, restore after.

    Modules already imported from the steps folder itself (pytest loaded them as plugins) are reused.
    """
    root_str = str(root)
    sys.path.insert(0, root_str)
    hidden: dict[str, Any] = {}
    before = set(sys.modules)
    if top_package:
        for name in list(sys.modules):
            if name == top_package or name.startswith(top_package + "."):
                module = sys.modules[name]
                locations = [getattr(module, "__file__", None) or ""]
                locations += list(getattr(module, "__path__", []) or [])
                if not any(loc and Path(loc).resolve().is_relative_to(root) for loc in locations):
                    hidden[name] = sys.modules.pop(name)
    importlib.invalidate_caches()
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(root_str)
        if hidden:  # another project's package of the same name was loaded: put it back
            for name in list(sys.modules):
                if name not in before and top_package and (
                    name == top_package or name.startswith(top_package + ".")
                ):
                    del sys.modules[name]
            sys.modules.update(hidden)


def _decorator_lines(file: Path) -> dict[tuple[str, int], list[int]]:
    """For each function (name, first decorator line): the lines of its step decorators, bottom first."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    except (OSError, SyntaxError, ValueError):
        return {}
    result: dict[tuple[str, int], list[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            lines = []
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in {"given", "when", "then", "step"}:
                    lines.append(deco.lineno)
            first = node.decorator_list[0].lineno
            result[(node.name, first)] = list(reversed(lines))
    return result


def load_step_definitions(
    steps_dir: Path, base: Path
) -> tuple[list[StepDefinition], list[StepModule], list[Problem]]:
    """Import the steps modules and return what pytest-bdd's decorators registered in them."""
    steps_dir = steps_dir.resolve()
    root = steps_dir.parent
    problems: list[Problem] = []
    files = sorted(
        p
        for p in steps_dir.rglob("*.py")
        if "__pycache__" not in p.parts
        and not p.name.startswith("test_")
        and not p.name.endswith("_test.py")
        and p.name != "conftest.py"
    )
    definitions: list[StepDefinition] = []
    modules: list[StepModule] = []
    seen_contexts: set[int] = set()
    decorator_cache: dict[Path, dict[tuple[str, int], list[int]]] = {}
    taken: dict[tuple[Path, str, int], int] = {}

    top = steps_dir.name if steps_dir.name.isidentifier() else None
    with _isolated_imports(root, top):
        for file in files:
            name = _module_name_for(steps_dir, root, file)
            try:
                if name is not None:
                    module = importlib.import_module(name)
                else:  # folder name is not a Python identifier: load the file under a private name
                    name = "_gherkin_guard_steps_" + re.sub(r"\W", "_", str(file.relative_to(root)))
                    spec = importlib.util.spec_from_file_location(name, file)
                    assert spec and spec.loader
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
            except Exception as exc:  # noqa: BLE001 - reported to the user
                line = getattr(exc, "lineno", None) or 1
                problems.append(
                    Problem(
                        _display(file, base),
                        int(line),
                        "import-etapes",
                        f"Module d'étapes impossible à importer : {type(exc).__name__}: {exc}",
                    )
                )
                continue
            doc = inspect.getdoc(module) or ""
            modules.append(StepModule(name=name, file=file, doc=doc))
            for attr, value in list(vars(module).items()):
                if not attr.startswith(StepNamePrefix.step_def.value):
                    continue
                func = getattr(value, "_get_wrapped_function", None)
                raw = func() if callable(func) else value
                context = step_function_context_registry.get(raw)
                if context is None or id(context) in seen_contexts:
                    continue
                seen_contexts.add(id(context))
                step_func = context.step_func
                code = getattr(step_func, "__code__", None)
                try:
                    src_file = Path(inspect.getsourcefile(step_func) or file).resolve()
                except TypeError:
                    src_file = file
                first = code.co_firstlineno if code else 1
                if src_file not in decorator_cache:
                    decorator_cache[src_file] = _decorator_lines(src_file)
                candidates = decorator_cache[src_file].get((step_func.__name__, first), [])
                key = (src_file, step_func.__name__, first)
                index = taken.get(key, 0)
                taken[key] = index + 1
                line = candidates[index] if index < len(candidates) else first
                definitions.append(
                    StepDefinition(
                        type=context.type,
                        pattern=str(context.parser.name),
                        parser=context.parser,
                        module=getattr(step_func, "__module__", name) or name,
                        file=src_file,
                        line=line,
                        func_name=step_func.__name__,
                        context=context,
                    )
                )
    return definitions, modules, problems


# --------------------------------------------------------------------------------------------------
# Markers (pytest.ini)
# --------------------------------------------------------------------------------------------------
def read_markers(ini_path: Path, base: Path) -> tuple[dict[str, str], list[Problem]]:
    """Markers registered in the ini file: name -> meaning (text after the colon)."""
    problems: list[Problem] = []
    raw = ""
    try:
        if ini_path.suffix == ".toml":
            import tomllib

            data = tomllib.loads(ini_path.read_text(encoding="utf-8"))
            section = data.get("tool", {}).get("pytest", {})
            section = section.get("ini_options", section)
            value = section.get("markers", [])
            raw = "\n".join(value) if isinstance(value, list) else str(value)
        else:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read_string(ini_path.read_text(encoding="utf-8"), source=str(ini_path))
            for section in ("pytest", "tool:pytest"):
                if parser.has_section(section) and parser.has_option(section, "markers"):
                    raw = parser.get(section, "markers")
                    break
    except Exception as exc:  # noqa: BLE001 - reported to the user
        problems.append(Problem(_display(ini_path, base), 1, "ini", f"Fichier ini illisible : {exc}"))
        return {}, problems
    markers: dict[str, str] = {}
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        name, _, meaning = line.partition(":")
        name = name.split("(")[0].strip()
        if name:
            markers[name] = meaning.strip()
    return markers, problems


def _marker_line(ini_path: Path, marker: str) -> int:
    try:
        for number, line in enumerate(ini_path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"^\s*(markers\s*=\s*)?{re.escape(marker)}\s*[:(]?", line) and marker in line:
                return number
    except OSError:
        pass
    return 1


# --------------------------------------------------------------------------------------------------
# Feature files
# --------------------------------------------------------------------------------------------------
def _check_text(display: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    lines = text.split("\n")
    first_index = next((i for i, line in enumerate(lines) if line.strip().lstrip("\ufeff")), None)
    if first_index is None:
        problems.append(Problem(display, 1, "langue", "Fichier vide : la première ligne doit être « # language: fr »."))
    else:
        first = lines[first_index].lstrip("\ufeff")
        m = LANGUAGE_RE.match(first)
        if not m:
            elsewhere = next(
                (i + 1 for i, line in enumerate(lines) if LANGUAGE_RE.match(line.lstrip("\ufeff"))), None
            )
            hint = (
                f" (elle se trouve ligne {elsewhere} : Gherkin ne la lit que si elle vient en premier)"
                if elsewhere
                else ""
            )
            problems.append(
                Problem(
                    display,
                    first_index + 1,
                    "langue",
                    f"La première ligne doit être « # language: fr »{hint} ; sans elle Gherkin lit le fichier "
                    "en anglais et ne reconnaît ni « Fonctionnalité » ni « Scénario ».",
                )
            )
        elif m.group(1) != "fr":
            problems.append(
                Problem(
                    display,
                    first_index + 1,
                    "langue",
                    f"Langue « {m.group(1)} » déclarée : les fonctionnalités s'écrivent en français (« # language: fr »).",
                )
            )
    for number, line in enumerate(lines, start=1):
        if TYPOGRAPHIC_APOSTROPHE in line:
            columns = ", ".join(str(i + 1) for i, ch in enumerate(line) if ch == TYPOGRAPHIC_APOSTROPHE)
            problems.append(
                Problem(
                    display,
                    number,
                    "apostrophe",
                    f"Apostrophe typographique (’) colonne {columns} : utilisez l'apostrophe droite (').",
                )
            )
        if not unicodedata.is_normalized("NFC", line):
            bad = sorted(
                {
                    ch
                    for ch in line
                    if unicodedata.combining(ch)
                }
            )
            detail = ", ".join(f"U+{ord(ch):04X}" for ch in bad) or "caractères décomposés"
            problems.append(
                Problem(
                    display,
                    number,
                    "nfc",
                    "Texte non normalisé NFC (accents décomposés : "
                    f"{detail}) : l'étape paraîtra identique mais ne sera pas reconnue. "
                    "Retapez les lettres accentuées ou enregistrez le fichier en NFC.",
                )
            )
    return problems


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
_GHERKIN_ERROR_RE = re.compile(r"^\(\d+:\d+\): (?:(?P<eof>unexpected end of file), )?expected: (?P<expected>.*?)(?:, got '(?P<got>.*)')?$")


def _french_parse_message(detail: str) -> str:
    """Gherkin's raw message, preceded by a French reading of it."""
    m = _GHERKIN_ERROR_RE.match(detail.strip())
    if not m:
        return f"Erreur de syntaxe Gherkin : {detail}"
    expected = [t.strip() for t in m.group("expected").split(",")]
    labels = ", ".join(dict.fromkeys(_TOKEN_LABELS.get(t, t) for t in expected))
    if m.group("eof"):
        head = "Fin de fichier inattendue"
    else:
        head = f"Ligne inattendue « {m.group('got')} »"
    return f"Erreur de syntaxe Gherkin : {head} ; attendu : {labels}. (Message du parseur : {detail})"


def _parse_error_problems(display: str, exc: bdd_exceptions.GherkinParseError) -> list[Problem]:
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
    else:
        problems.append(
            Problem(display, int(exc.line or 1), "syntaxe", f"Erreur de syntaxe Gherkin : {exc.message}")
        )
    return problems


@dataclass
class _ParsedScenario:
    template: ScenarioTemplate
    line: int
    name: str
    tags: set[str]  # scenario + rule + feature
    examples_tags: list[tuple[int, set[str]]]


def _parse_feature(
    path: Path, features_dir: Path, display: str
) -> tuple[GherkinDocument | None, list[_ParsedScenario], list[Problem]]:
    """Parse with pytest-bdd's parser; keep every scenario (even duplicated names)."""
    problems: list[Problem] = []
    rel = os.path.relpath(path, features_dir)
    fparser = FeatureParser(basedir=str(features_dir), filename=rel)
    try:
        doc = get_gherkin_document(str(path))
    except bdd_exceptions.GherkinParseError as exc:
        return None, [], _parse_error_problems(display, exc)
    except UnicodeDecodeError as exc:
        return None, [], [Problem(display, 1, "syntaxe", f"Fichier non UTF-8 : {exc}")]
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
        except bdd_exceptions.GherkinParseError as exc:
            problems.extend(_parse_error_problems(display, exc))
            return None

    def add_scenario(sdata: Any, rule: Rule | None) -> None:
        try:
            template = fparser.parse_scenario(sdata, feature, rule)
        except bdd_exceptions.GherkinParseError as exc:
            problems.extend(_parse_error_problems(display, exc))
            return
        tags = set(template.tags) | set(feature.tags) | (set(rule.tags) if rule else set())
        examples_tags = [(ex.location.line, {t.name.lstrip("@") for t in ex.tags}) for ex in sdata.examples]
        scenarios.append(_ParsedScenario(template, sdata.location.line, sdata.name, tags, examples_tags))

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


# --------------------------------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------------------------------
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
    ini_display = _display(ini_path, base_path)
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

    feature_files = sorted(features_dir.rglob("*.feature"))
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
        display = _display(path, base_path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            add(Problem(display, 1, "syntaxe", f"Fichier non UTF-8 : {exc}"))
            continue
        for problem in _check_text(display, text):
            add(problem)
        doc, scenarios, parse_problems = _parse_feature(path, features_dir, display)
        for problem in parse_problems:
            add(problem)
        if doc is None:
            continue

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
                            "tag @R01 .. @R21 (la règle vérifiée).",
                        )
                    )

            for context, ex_tags, _ex_line in renderings:
                scenario = template.render(context)
                effective = frozenset(parsed.tags | ex_tags)
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
                    shown = join_keyword(keyword, step.name)
                    if not found:
                        add(_undefined_problem(display, step, shown, definitions, matching, base_path))
                    elif len(found) > 1:
                        listing = "\n".join(
                            f"    - {_display(d.file, base_path)}:{d.line} ({d.module}.{d.func_name}) "
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
                    _display(definition.file, base_path),
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


def _undefined_problem(
    display: str,
    step: Any,
    shown: str,
    definitions: Sequence[StepDefinition],
    matching: Any,
    base: Path,
) -> Problem:
    same_type = [d for d in definitions if d.type in (None, step.type)]
    lines = [f"Étape sans définition « {shown} » (type {TYPE_LABELS[step.type]})."]
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
            f"    Une définition de type {TYPE_LABELS[d.type]} correspond ({_display(d.file, base)}:{d.line}) : "
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
        lines.extend(f"    - « {human_sentence(d)} » ({_display(d.file, base)}:{d.line})" for d in nearest)
    elif not same_type:
        lines.append(f"    Aucune définition de type {TYPE_LABELS[step.type]} n'existe encore.")
    return Problem(display, step.line_number, "etape-indefinie", "\n".join(lines))


def check(
    features_dir: str | Path,
    steps_dir: str | Path,
    ini_path: str | Path,
    **kwargs: Any,
) -> list[Problem]:
    """All problems (errors first, then warnings), each with file, line, code, message, severity."""
    return analyse(features_dir, steps_dir, ini_path, **kwargs).problems


def format_report(problems: Sequence[Problem], file_count: int) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    lines = [f"Garde Gherkin : {errors} erreur(s), {warnings} avertissement(s) dans {file_count} fichiers"]
    lines.extend(p.format() for p in problems)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------------
def _argument_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--features", default="features", help="dossier des fichiers .feature (défaut : features)")
    parser.add_argument("--steps", default="steps", help="dossier des définitions d'étapes (défaut : steps)")
    parser.add_argument("--ini", default="pytest.ini", help="fichier des marqueurs (défaut : pytest.ini)")
    return parser


def _check_paths(args: argparse.Namespace) -> list[str]:
    missing = []
    if not Path(args.features).is_dir():
        missing.append(f"dossier des fonctionnalités introuvable : {args.features}")
    if not Path(args.steps).is_dir():
        missing.append(f"dossier des étapes introuvable : {args.steps}")
    if not Path(args.ini).is_file():
        missing.append(f"fichier ini introuvable : {args.ini}")
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = _argument_parser(
        "python -m tools.gherkin_guard",
        "Vérifie les fichiers .feature (syntaxe, langue, apostrophes, NFC, étapes, tags) avant toute exécution.",
    )
    args = parser.parse_args(argv)
    missing = _check_paths(args)
    if missing:
        for message in missing:
            print(f"Garde Gherkin : {message}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    analysis = analyse(args.features, args.steps, args.ini)
    print(format_report(analysis.problems, len(analysis.feature_files)))
    elapsed = time.perf_counter() - started
    print(f"({elapsed:.2f} s)", file=sys.stderr)
    return 1 if analysis.errors else 0


# --------------------------------------------------------------------------------------------------
# pytest wiring
# --------------------------------------------------------------------------------------------------
def _only_harness_tests(config: Any, root: Path) -> bool:
    args = [a for a in getattr(config, "args", []) or [] if not str(a).startswith("-")]
    if not args:
        return False
    tests_dir = (root / "tests").resolve()
    for arg in args:
        path = Path(str(arg).split("::")[0])
        path = (Path(config.invocation_params.dir) / path).resolve() if not path.is_absolute() else path
        if not path.is_relative_to(tests_dir):
            return False
    return True


def pytest_guard(
    config: Any,
    features_dir: str | Path | None = None,
    steps_dir: str | Path | None = None,
    ini_path: str | Path | None = None,
) -> list[Problem]:
    """Run the guard inside pytest; raise ``pytest.UsageError`` (exit code 4) on any error.

    Call it from the root conftest's ``pytest_configure`` (see the module docstring). Returns the
    warnings when there is no error.
    """
    import pytest

    if os.environ.get("GARDE_GHERKIN", "1").strip().lower() in {"0", "non", "no", "false", "off"}:
        return []
    if hasattr(config, "workerinput"):  # xdist worker: the controller ran the guard
        return []
    option = getattr(config, "option", None)
    if option is not None and (getattr(option, "help", False) or getattr(option, "version", False)):
        return []
    root = Path(config.rootpath)
    if _only_harness_tests(config, root):
        return []
    features = Path(features_dir) if features_dir else root / "features"
    steps = Path(steps_dir) if steps_dir else root / "steps"
    ini = Path(ini_path) if ini_path else Path(config.inipath or root / "pytest.ini")
    if not features.is_dir() or not steps.is_dir():
        return []
    analysis = analyse(features, steps, ini, base=Path(config.invocation_params.dir))
    report = format_report(analysis.problems, len(analysis.feature_files))
    if analysis.errors:
        raise pytest.UsageError(
            report + "\n(Corrigez ces erreurs ; python -m tools.gherkin_guard les liste sans lancer les tests.)"
        )
    # Shown in pytest's header: the summary line, plus the warnings with -v.
    summary = report.splitlines()
    shown = summary if getattr(config.option, "verbose", 0) > 0 else summary[:1]
    if not config.pluginmanager.has_plugin("gherkin-guard-header"):
        config.pluginmanager.register(_HeaderPlugin(shown), "gherkin-guard-header")
    return analysis.warnings


class _HeaderPlugin:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def pytest_report_header(self) -> list[str]:
        return self.lines


# A conftest that does ``from tools.gherkin_guard import pytest_guard`` must not break pytest's hook
# validation (names starting with ``pytest_`` are read as hooks): mark it an optional hook.
try:  # pragma: no cover - depends on pytest being importable
    import pytest as _pytest

    pytest_guard = _pytest.hookimpl(optionalhook=True)(pytest_guard)
except Exception:  # noqa: BLE001
    pass


if __name__ == "__main__":
    sys.exit(main())
