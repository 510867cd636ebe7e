"""A ready definition for a step no definition matches, in the house style of steps/ (pytest-bdd prints a bare
``def _(): raise NotImplementedError``; playwright-bdd and CodeceptJS print a snippet too).

The sentence becomes its pattern: a quoted value, a number, an amount in euros and an outline's ``<column>``
become typed parameters (``"{pack:texte}"``, ``{count:d}``, ``{price:euros}``, the types of steps/context.py),
everything else stays word for word, with braces doubled, so that the pattern matches the sentence as written (a
test parses every sentence of the features back). The function takes the fixtures of the channel the scenario's tags
name (the portal's page objects for @web, the app's screen for @ios and @android), declares the scenario's rules
with ``@verifies`` when it is a check, and raises until it is written.
"""
from __future__ import annotations

import ast
import functools
import re
import unicodedata
from pathlib import Path

from rules.catalogue import PACKS

TYPE_DECORATORS = {"given": "given", "when": "when", "then": "then"}
SOURCES = {"App Store", "site web", "le site web"}
MOBILE_TAGS = {"ios", "iphone", "ipad", "android", "petit_ecran"}
# An outline's <column>, a quoted value, an amount as the portal writes it, a whole number: in this order, so that
# « 19,99 € » is one amount and not two numbers.
TOKEN = re.compile(r'(?P<outline>"?<(?P<column>[^<>"]+)>"?)|"(?P<quoted>[^"]*)"|(?P<amount>\d+(?:\s\d{3})*,\d{2} €)'
                   r"|(?P<number>(?<![\w,-])\d+(?![\w,-]))")


def _identifier(text: str, default: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    if not name or name[0].isdigit():
        name = default if not name else f"{default}_{name}"
    return name


def _name_of_quoted(value: str) -> str:
    if value in PACKS:
        return "pack"
    if value in SOURCES:
        return "source"
    return "text"


def pattern_of(sentence: str) -> tuple[str, list[tuple[str, str]], bool]:
    """(parse pattern, [(parameter, Python type)], whether it needs the project's types: euros, texte)."""
    parts: list[str] = []
    params: list[tuple[str, str]] = []
    euros = False
    taken: dict[str, int] = {}

    def unique(name: str) -> str:
        taken[name] = taken.get(name, 0) + 1
        return name if taken[name] == 1 else f"{name}_{taken[name]}"

    position = 0
    for token in TOKEN.finditer(sentence):
        parts.append(sentence[position:token.start()].replace("{", "{{").replace("}", "}}"))
        position = token.end()
        if token["outline"]:
            name = unique(_identifier(token["column"], "valeur"))
            quoted = token["outline"].startswith('"') and token["outline"].endswith('"')
            parts.append(f'"{{{name}:texte}}"' if quoted else f"{{{name}}}")
            params.append((name, "str"))
            euros = euros or quoted
        elif token["quoted"] is not None:
            name = unique(_name_of_quoted(token["quoted"]))
            parts.append(f'"{{{name}:texte}}"')  # steps/context.py: a quoted value, maybe empty, never a quote
            params.append((name, "str"))
            euros = True
        elif token["amount"]:
            name = unique("price")
            parts.append(f"{{{name}:euros}}")
            params.append((name, "int"))
            euros = True
        else:
            name = unique("count")
            parts.append(f"{{{name}:d}}")
            params.append((name, "int"))
    parts.append(sentence[position:].replace("{", "{{").replace("}", "}}"))
    return "".join(parts), params, euros


@functools.cache
def _portal_pages(root: Path) -> list[str]:
    """The page objects a step reaches through the `portal` fixture (pages/portal/__init__.py), if the project has
    them."""
    source = root / "pages" / "portal" / "__init__.py"
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return []
    return [f"portal.{node.targets[0].attr}" for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)
            and isinstance(node.value, ast.Call) and node.targets[0].attr != "page"]


@functools.cache
def _screens(root: Path) -> list[str]:
    source = root / "pages" / "mobile" / "protocols.py"
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return []
    return [node.name for node in tree.body if isinstance(node, ast.ClassDef) and node.name != "App"]


def _literal(pattern: str) -> str:
    """The pattern as a Python string literal in the quotes steps/ uses: '...', or '''...''' when it holds a '."""
    if "'" not in pattern:
        return f"'{pattern}'"
    if "'''" not in pattern and not pattern.endswith("'"):
        return f"'''{pattern}'''"
    return repr(pattern)


def snippet(step_type: str, keyword: str, sentence: str, tags: frozenset[str] | set[str], rules: list[str],
            root: Path) -> str:
    """The definition to paste, as text."""
    pattern, params, euros = pattern_of(sentence)
    decorator = TYPE_DECORATORS.get(step_type, "step")
    if params:
        extra = ", extra_types=TYPES" if euros else ""
        lines = [f"@{decorator}(parsers.parse({_literal(pattern)}{extra}))"]
    else:
        lines = [f"@{decorator}({_literal(pattern)})"]
    check = step_type == "then"
    if check:
        declared = ", ".join(f'"{rule}"' for rule in rules) or '"R??"'
        lines.append(f"@verifies({declared})" + ("" if rules else "  # la règle que cette vérification prouve"))
    mobile = bool(set(tags) & MOBILE_TAGS)
    fixtures = ["scenario: Scenario"] if mobile else ["portal: Portal"]
    fixtures += [f"{name}: {kind}" for name, kind in params]
    name = _identifier(" ".join(sentence.split()[:6]), "step")
    lines.append(f"def {name}({', '.join(fixtures)}):")
    lines.append('    """Ce que fait l\'étape, pour qui la relit (renommez la fonction en anglais)."""')
    if mobile:
        screens = ", ".join(_screens(root)[:5]) or "pages/mobile/"
        where = f"l'écran du client, scenario.screen ({screens}…)"
    else:
        pages = ", ".join(_portal_pages(root)[:5]) or "pages/portal/"
        where = f"une page du portail ({pages}…)"
    if check:
        lines.append(f"    # Lisez {where} ;")
        lines.append('    # un écart se dit en français : with expecting("ce que le client verrait"): expect(...)')
    else:
        lines.append(f"    # Appelez une intention sur {where}, jamais un sélecteur.")
    shown = f"{keyword.strip()} {sentence}".replace("\\", "\\\\").replace('"', '\\"')
    lines.append(f'    raise NotImplementedError("Étape à écrire : « {shown} »")')
    return "\n".join(lines)


def imports_needed(text: str) -> list[str]:
    """The imports the snippet uses, as steps/ writes them."""
    needed = []
    decorators = sorted({d for d in ("given", "when", "then") if f"@{d}(" in text})
    if "parsers." in text:
        decorators = ["parsers", *decorators]
    needed.append(f"from pytest_bdd import {', '.join(decorators)}")
    if "extra_types=TYPES" in text:
        needed.append("from steps.context import TYPES")
    if "scenario: Scenario" in text:
        needed.append("from fixtures.world import Scenario")
    if "portal: Portal" in text:
        needed.append("from pages.portal import Portal")
    if "@verifies(" in text:
        needed.append("from rules import verifies")
    return needed
