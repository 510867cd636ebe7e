"""The report's « Accessibilité » data: per audited page, its last audit in the run (the page itself is
reporting/templates/accessibility.html.j2), with the French name and style of each axe-core impact."""
from __future__ import annotations

from harness import run_model as model

IMPACTS = {"critical": ("critique", "fail"), "serious": ("grave", "fail"), "moderate": ("modérée", "warn"),
           "minor": ("mineure", "warn")}


def latest_audits(run: model.Run) -> dict[str, tuple[dict, model.ScenarioResult]]:
    """Page name -> its last audit in the run and the scenario that made it, in the order pages were met."""
    pages: dict[str, tuple[dict, model.ScenarioResult]] = {}
    for result in run.results:
        for audit in result.accessibility:
            pages[audit["page"]] = (audit, result)
    return pages
