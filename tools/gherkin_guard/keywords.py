"""Lines where a French keyword was meant but Gherkin reads description text.

Gherkin takes a line for a block (« Scénario: ») only when it starts with one of the dialect's keywords followed
at once by a colon. « Scenario: » (no accent), « Scénario : » (the French space before the colon) or « Exemple: »
misspelt « Exmples: » are read as text: the scenario, its steps or its examples silently vanish from the run. Such
a line is refused when its head is an English keyword, or a French block keyword give or take an accent, a space,
a letter.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import gherkin

from .problems import Problem

BLOCKS = ("feature", "background", "scenario", "scenarioOutline", "examples", "rule")
HEAD_RE = re.compile(r"^\s*([^\W\d_][\w' ]{0,40}?)\s*:")
CLOSE = 0.8


@cache
def _dialects() -> dict:
    return json.loads((Path(gherkin.__file__).parent / "gherkin-languages.json").read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    """Without accents, case or spaces: what a writer's slip changes."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace()).casefold()


@cache
def _keywords() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(French block keywords, English block keywords, French step keywords)."""
    fr, en = _dialects()["fr"], _dialects()["en"]
    french = tuple(k for block in BLOCKS for k in fr[block])
    english = tuple(k for block in BLOCKS for k in en[block])
    steps = tuple(k.strip() for kind in ("given", "when", "then", "and", "but") for k in fr[kind] if k.strip() != "*")
    return french, english, steps


def keyword_problems(display: str, text: str) -> list[Problem]:
    french, english, steps = _keywords()
    plain_french = {_plain(k): k for k in reversed(french)}  # the first spelling wins: « Plan du scénario »
    problems = []
    in_docstring = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith(('"""', "```")):
            in_docstring = None if in_docstring == stripped[:3] else (in_docstring or stripped[:3])
            continue
        if in_docstring or stripped.startswith(("#", "@", "|")):
            continue
        if any(stripped.startswith(f"{k}:") for k in french) or stripped.startswith(steps):
            continue
        match = HEAD_RE.match(line)
        if not match:
            continue
        meant = _meant(match.group(1), plain_french, english)
        if meant:
            problems.append(Problem(
                display, number, "mot-cle-inconnu",
                f"« {line[:match.end()].strip()} » n'est pas un mot-clé Gherkin français : Gherkin lit cette ligne "
                "comme du texte de description, et ce qu'elle ouvre disparaît du run sans erreur. Écrivez "
                f"« {meant}: » (accents compris, sans espace avant les deux-points)."))
    return problems


def _meant(head: str, plain_french: dict[str, str], english: tuple[str, ...]) -> str | None:
    """The French keyword `head` stands for, or None when it is ordinary text (« Note : … »)."""
    plain = _plain(head)
    if plain in plain_french:
        return plain_french[plain]
    english_plain = {_plain(k) for k in english}
    if plain in english_plain:
        return _french_for_english(plain)
    close = difflib.get_close_matches(plain, plain_french, n=1, cutoff=CLOSE)
    return plain_french[close[0]] if close else None


def _french_for_english(plain: str) -> str:
    fr, en = _dialects()["fr"], _dialects()["en"]
    for block in BLOCKS:
        if plain in {_plain(k) for k in en[block]}:
            return next(k for k in fr[block] if k != "Exemple") if block == "scenario" else fr[block][0]
    return fr["scenario"][1]
