"""The report's « Accessibilité » section: per audited page, each WCAG 2.1 A/AA violation axe-core found,
with its rule, its impact and the element, in French for a product owner."""
from __future__ import annotations

import html

from reporting import model

IMPACTS = {"critical": ("critique", "fail"), "serious": ("grave", "fail"), "moderate": ("modérée", "warn"),
           "minor": ("mineure", "warn")}


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def latest_audits(run: model.Run) -> dict[str, tuple[dict, model.ScenarioResult]]:
    """Page name -> its last audit in the run and the scenario that made it, in the order pages were met."""
    pages: dict[str, tuple[dict, model.ScenarioResult]] = {}
    for result in run.results:
        for audit in result.accessibility:
            pages[audit["page"]] = (audit, result)
    return pages


def accessibility_section(run: model.Run) -> str:
    pages = latest_audits(run)
    if not pages:
        return ""
    rows = []
    for page, (audit, scenario) in pages.items():
        violations = audit["violations"]
        name = (f'<th scope="row" rowspan="{max(1, len(violations))}">{_esc(page)}'
                f'<br><a class="muted" href="#{scenario.anchor}">scénario</a></th>')
        if not violations:
            rows.append(f'<tr>{name}<td class="rule-state ok" colspan="4">✔ aucune violation</td></tr>')
            continue
        for index, v in enumerate(violations):
            label, cls = IMPACTS.get(v["impact"], (v["impact"] or "inconnue", "warn"))
            elements = "<br>".join(f"<code>{_esc(e)}</code>" for e in v["elements"])
            where = f'<br><span class="muted">dans le cadre {_esc(v["frame"])}</span>' if v.get("frame") else ""
            rows.append(
                f'<tr>{name if index == 0 else ""}<td class="rule-state {cls}">{_esc(label)}</td>'
                f'<td>{_esc(v["help"])} <a href="{_esc(v["help_url"])}" class="muted">({_esc(v["rule"])}, '
                f'en anglais)</a></td><td>{elements}{where}</td>'
                f'<td><code>{_esc(v["snippets"][0] if v["snippets"] else "")}</code></td></tr>')
    blocking = sum(1 for audit, _ in pages.values() for v in audit["violations"]
                   if v["impact"] in ("critical", "serious"))
    verdict = (f'<p class="verdict bad">✘ {blocking} violation(s) grave(s) ou critique(s)</p>' if blocking
               else '<p class="muted">Aucune violation grave ou critique.</p>')
    return ('<section id="accessibilite" aria-labelledby="accessibilite-titre">'
            '<h2 id="accessibilite-titre">Accessibilité (WCAG 2.1 A et AA)</h2>'
            '<p class="muted">Chaque page du parcours d\'achat est auditée avec axe-core à chaque exécution '
            "(cadre de la banque compris). Une violation grave ou critique fait échouer le scénario de la page ; "
            "les violations modérées ou mineures sont signalées ici.</p>"
            f"{verdict}"
            '<table class="matrix"><thead><tr><th>Page</th><th>Impact</th><th>Règle non respectée</th>'
            f'<th>Élément</th><th>Code HTML</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')
