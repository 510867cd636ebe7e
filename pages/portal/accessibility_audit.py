"""Accessibility audit of a web page with axe-core, against WCAG 2.1 A and AA, described in French.

The engine is axe-core 4.12.1 as bundled by axe-playwright-python (pinned in pyproject.toml). Its
French rule texts come from axe-core's own locale of the same version (npm axe-core@4.12.1,
locales/fr.json, MPL-2.0), kept here as axe-fr.json: a product owner reads the report in French.

A frame from another origin (the bank's 3-D Secure challenge) has its own document: axe-core is
injected and run in it separately, and its violations are reported under the same page.
"""
from __future__ import annotations

import json
import pathlib
from dataclasses import asdict, dataclass, field

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Page

FRENCH_RULES: dict[str, dict[str, str]] = json.loads(
    (pathlib.Path(__file__).with_name("axe-fr.json")).read_text(encoding="utf-8"))["rules"]
# WCAG 2.1 levels A and AA, as axe-core tags them (2.0 criteria are part of 2.1).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"],
           # each frame is audited in its own document (see the module's docstring)
           "iframes": False}
IMPACTS = {"critical": "critique", "serious": "grave", "moderate": "modérée", "minor": "mineure"}
BLOCKING = ("critical", "serious")


@dataclass
class Violation:
    rule: str
    impact: str
    help: str            # French, what the rule asks for
    help_url: str        # Deque University page of the rule
    elements: list[str]  # CSS paths of the failing elements, as axe-core gives them
    snippets: list[str]  # their HTML
    frame: str = ""      # origin of the frame, when not the page itself

    @property
    def impact_fr(self) -> str:
        return IMPACTS.get(self.impact, self.impact or "inconnue")

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING

    def describe(self) -> str:
        where = f" (cadre {self.frame})" if self.frame else ""
        return (f"{self.rule} ({self.impact_fr}) : {self.help} — élément{'s' if len(self.elements) > 1 else ''} "
                f"{', '.join(self.elements)}{where}")


@dataclass
class PageAudit:
    page: str  # the page's name as the customer knows it, e.g. « Vos coordonnées »
    url: str
    violations: list[Violation] = field(default_factory=list)

    @property
    def blocking(self) -> list[Violation]:
        return [v for v in self.violations if v.blocking]

    def as_dict(self) -> dict:
        return {"page": self.page, "url": self.url, "violations": [asdict(v) for v in self.violations]}

    @classmethod
    def from_dict(cls, data: dict) -> "PageAudit":
        return cls(data["page"], data["url"], [Violation(**v) for v in data["violations"]])


def _violations(target: Page | Frame, frame_origin: str = "") -> list[Violation]:
    found = []
    for v in Axe().run(target, options=OPTIONS).response["violations"]:
        french = FRENCH_RULES.get(v["id"], {})
        found.append(Violation(
            rule=v["id"], impact=v.get("impact") or "", help=french.get("help", v["help"]), help_url=v["helpUrl"],
            elements=[" > ".join(t) if isinstance(t, list) else t for node in v["nodes"] for t in node["target"]],
            snippets=[node["html"] for node in v["nodes"]], frame=frame_origin))
    return found


def audit(page: Page, name: str) -> PageAudit:
    """Audit the page as it is now, and each frame it shows."""
    result = PageAudit(name, page.url, _violations(page))
    for frame in page.frames:
        if frame is page.main_frame or not frame.url.startswith("http"):
            continue
        result.violations += _violations(frame, "/".join(frame.url.split("/")[:3]))
    return result
