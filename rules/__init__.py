"""The article's rules as the harness checks them: a leaf package that steps, pages and the reporting import, and
that imports nothing of theirs (nor any pytest plugin).

- :func:`verifies` — a check (an « Alors » step) declares the rules it verifies; :func:`broken_by` — the rules a
  failing check breaks in its scenario, and :func:`rule_lines` — how a failure names them (« Règle R16 — … »);
- :mod:`rules.verdicts` — which rule a run verified, failed or left unverified: the one verdict model that every
  report reads;
- :mod:`rules.catalogue` — the product's facts the rules speak of (packs, prices, lengths, the parties a question
  goes to), written once;
- :mod:`rules.seen` — what the customer sees on a page or a screen, as an accessibility tree;
- :mod:`rules.invariants` — each « always / never » rule written once over what the customer sees, checked on every
  page and screen a scenario shows (fixtures/watch.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

RULE_ID = re.compile(r"^R\d{2}$")
_ATTRIBUTE = "__verified_rules__"
RULE_LINE = "Règle {rule} — {sentence}"
NO_SENTENCE = "(règle sans phrase dans les marqueurs de pytest.ini)"


def verifies(*rules: str) -> Callable:
    """Declare the rules a check (a ``then`` step definition) verifies. Put it under ``@then(...)``."""
    bad = [r for r in rules if not RULE_ID.match(r)]
    if bad or not rules:
        raise ValueError(f"verifies() attend des identifiants de règle R01..R99, reçu : {rules!r}")

    def mark(func: Callable) -> Callable:
        setattr(func, _ATTRIBUTE, tuple(dict.fromkeys(getattr(func, _ATTRIBUTE, ()) + rules)))
        return func
    return mark


def declared_rules(step_func: Callable | None) -> tuple[str, ...]:
    """Rules a step definition declares (empty for an action or an undeclared check)."""
    return tuple(getattr(step_func, _ATTRIBUTE, ()) or ())


def broken_by(step_func: Callable | None, tags: Iterable[str]) -> tuple[str, ...]:
    """The rules a failing step breaks in its scenario: those it declares that the scenario carries as tags (none for
    an action: its scenario's rules are then « non vérifiées », not « en échec »)."""
    carried = set(tags)
    return tuple(rule for rule in declared_rules(step_func) if rule in carried)


def sentences(marker_lines: Iterable[str]) -> dict[str, str]:
    """R01..R23 and their sentence, from pytest.ini's ``markers`` lines (the one copy of each sentence)."""
    found = {}
    for line in marker_lines:
        name, _, sentence = line.partition(":")
        if RULE_ID.match(name.strip()):
            found[name.strip()] = sentence.strip()
    return dict(sorted(found.items()))


def rule_lines(rules: Iterable[str], sentences_by_rule: Mapping[str, str]) -> list[str]:
    """How a failure names the rules it breaks, after the fact it observed."""
    return [RULE_LINE.format(rule=rule, sentence=sentences_by_rule.get(rule) or NO_SENTENCE) for rule in rules]
