"""The article's rules as the harness checks them: a leaf package that steps, pages and the reporting import, and
that imports nothing of theirs (nor any pytest plugin).

- :func:`verifies` — a check (an « Alors » step) declares the rules it verifies;
- :mod:`rules.catalogue` — the product's facts the rules speak of (packs, prices, lengths, the parties a question
  goes to), written once;
- :mod:`rules.seen` — what the customer sees on a page or a screen, as an accessibility tree;
- :mod:`rules.invariants` — each « always / never » rule written once over what the customer sees, checked on every
  page and screen a scenario shows (fixtures/watch.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable

RULE_ID = re.compile(r"^R\d{2}$")
_ATTRIBUTE = "__verified_rules__"


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
