"""Step sentences as the writers read them: patterns in French, keywords joined, text normalised."""

from __future__ import annotations

import re
import unicodedata
from typing import Any


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
