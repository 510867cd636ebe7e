"""How far the « always / never » rules were watched in the run (fixtures/watch.py, rules.invariants): per rule, the
page and screen states read after the steps of every scenario, in the terminal and in the HTML report
(reporting/templates/watched.html.j2)."""
from __future__ import annotations

from collections import Counter

from harness import run_model as model
from rules import invariants


def totals(run: model.Run) -> Counter:
    counted: Counter = Counter()
    for result in run.results:
        counted.update(result.watched)
    return counted


def sayings() -> dict[str, list[str]]:
    said: dict[str, list[str]] = {}
    for invariant in invariants.INVARIANTS:
        for rule in invariant.rules:
            said.setdefault(rule, []).append(invariant.says)
    return said


def terminal_line(run: model.Run) -> str:
    counted = totals(run)
    if not counted:
        return ""
    return ("Règles surveillées sur chaque page et chaque écran (états lus) : "
            + ", ".join(f"{rule} {n}" for rule, n in sorted(counted.items())) + ".")
