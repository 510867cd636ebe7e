"""How far the « always / never » rules were watched in the run (fixtures/watch.py, rules.invariants): per rule, the
page and screen states read after the steps of every scenario, in the terminal and in the HTML report."""
from __future__ import annotations

import html
from collections import Counter

from reporting import model
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


def section(run: model.Run) -> str:
    counted = totals(run)
    if not counted:
        return ""
    rows = "".join(
        f"<tr><th scope=\"row\">{rule}</th><td>{'<br>'.join(html.escape(s) for s in says)}</td>"
        f"<td class=\"num\">{counted.get(rule, 0)}</td></tr>" for rule, says in sorted(sayings().items()))
    return ('<section id="surveillees"><h2>Règles surveillées partout</h2>'
            "<p>Après chaque étape de chaque scénario, chaque page et chaque écran que le client voit (cadre de la "
            "banque, feuille de l'App Store et fenêtre Android compris) est lu en entier ; ces règles y sont "
            "vérifiées sans qu'une phrase du scénario les nomme.</p>"
            "<table><thead><tr><th>Règle</th><th>Ce qui est vérifié</th><th>Pages et écrans lus</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")
