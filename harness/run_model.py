"""Results of a run, gathered on the controller from the test reports (serial or pytest-xdist).

One :class:`ScenarioResult` per test (scenario, or Examples row), built from the reports of its
last attempt; the channel/device of a scenario comes from its tags (``@web @ios @android``,
``@ipad @iphone``), from an Examples value naming a device, or from the ``device`` user property.

The facts of a run, not their presentation: reporting/ builds them (reporting.results, reporting.run_file) and shows
them (HTML, terminal, CI files), the history (harness/run_history.py) keeps them across runs.
"""
from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import rules
from harness.session import QUARANTINE_TAG
from harness.targets import NOT_RUN_HERE
from rules import verdicts

RULE_ID = re.compile(r"^R\d{2}$")
FLAKY_TAG = "instable"  # JUnit property and Cucumber tag of a scenario that passed only on a retry
# How the skip reason of a scenario that needs a control the target lacks starts (fixtures/target_controls.py):
# such a scenario is counted apart from the other skipped ones, and leaves a rule verified by the others.
NOT_RUN_HERE_TITLE = "Non exécutés sur cette cible"  # their count, in the terminal summary and the HTML report


_FIRST_FAILURE_IS = " ; échec de la 1re tentative : "


def flaky_note(attempt: int, first_failure: str) -> str:
    return f"réussi à la tentative {attempt}{_FIRST_FAILURE_IS}{first_failure}"


def first_failure_of(note: str) -> str:
    """The first attempt's failure message, from an « instable » note (JUnit's <flakyFailure message>)."""
    return note.partition(_FIRST_FAILURE_IS)[2] or note


def flaky_message(report) -> str | None:
    """The « instable » note of a test report (a user property of its call report), or None."""
    return next((str(v) for k, v in getattr(report, "user_properties", []) or [] if k == FLAKY_TAG), None)


def not_run_here_note(verified: bool, names: str) -> str:
    """What a rule's verdict says of the scenarios carrying it that did not run on this target."""
    return ("vérifiée par les scénarios exécutés ; " if verified else "") + f"{NOT_RUN_HERE_TITLE.lower()} : {names}"

# Channel columns, in report order. A scenario can belong to several channels (cross-channel rules).
WEB, IPAD, IPHONE, IOS, ANDROID, NONE = "Web", "iOS iPad", "iOS iPhone", "iOS", "Android", "Sans canal"
BASE_CHANNELS = [WEB, IPAD, IPHONE, ANDROID]

# Scenario statuses (ids used in CSS classes and filters) and their French labels.
PASSED, FAILED, ERROR, SKIPPED, QUARANTINED, NOT_RUN, FLAKY = (
    "passed", "failed", "error", "skipped", "quarantined", "notrun", "flaky")
STATUS_LABELS = {
    PASSED: "réussi",
    FAILED: "échoué",
    ERROR: "erreur",
    SKIPPED: "ignoré",
    QUARANTINED: "quarantaine : échec toléré",
    NOT_RUN: "non exécuté",
    FLAKY: "instable : réussi à la relance",
}
STEP_LABELS = {"passed": "réussie", "failed": "échouée", "notrun": "non exécutée", "skipped": "ignorée"}


rules_from_markers = rules.sentences  # R01..R23 and their sentence, from the ini ``markers`` lines


def channels_of(markers: set[str], example: dict[str, str] | None = None, device: str = "") -> list[str]:
    """Channel columns of a scenario: from tags, then Examples values, then the ``device`` property."""
    hints = {m.lower() for m in markers}
    words = " ".join([*(example or {}).values(), device or ""]).lower()
    for name in ("ipad", "iphone"):
        if re.search(rf"\b{name}\b", words):
            hints.add(name)
    channels = []
    if "web" in hints:
        channels.append(WEB)
    if "ios" in hints or "ipad" in hints or "iphone" in hints:
        ios = [c for tag, c in (("ipad", IPAD), ("iphone", IPHONE)) if tag in hints]
        channels.extend(ios or [IOS])
    if "android" in hints:
        channels.append(ANDROID)
    return channels or [NONE]


@dataclass
class StepResult:
    keyword: str
    name: str
    line: int
    status: str  # passed | failed | notrun | skipped
    duration: float
    rules: tuple[str, ...] = ()  # rules its step definition declares (rules.verifies)


@dataclass
class ScenarioResult:
    nodeid: str
    feature_name: str
    feature_keyword: str = "Fonctionnalité"
    feature_file: str = ""
    feature_description: str = ""
    keyword: str = "Scénario"
    name: str = ""
    line: int = 0
    markers: set[str] = field(default_factory=set)
    example: dict[str, str] = field(default_factory=dict)
    device: str = ""
    status: str = NOT_RUN
    steps: list[StepResult] = field(default_factory=list)
    error: str = ""
    error_where: str = ""  # "setup", "call", "teardown"
    duration: float = 0.0
    attempts: int = 1
    evidence_dir: str = ""
    bdd: bool = True
    accessibility: list[dict] = field(default_factory=list)  # pages.portal.accessibility_audit.PageAudit.as_dict()
    watched: dict[str, int] = field(default_factory=dict)  # rule -> page and screen states it was watched on
    timeline: dict = field(default_factory=dict)  # harness.timeline.Timeline.ordered(): {"events": [...], "left_out"}

    @property
    def quarantine(self) -> bool:
        return QUARANTINE_TAG in self.markers

    @property
    def rules(self) -> list[str]:
        return sorted(m for m in self.markers if RULE_ID.match(m))

    @property
    def not_run_here(self) -> bool:
        """Skipped because the target lacks a control the scenario needs (its reason says which)."""
        return self.status == SKIPPED and self.error.startswith(NOT_RUN_HERE)

    @property
    def channels(self) -> list[str]:
        return channels_of(self.markers, self.example, self.device)

    def rule_outcomes(self) -> dict[str, verdicts.RuleOutcome]:
        """Each rule the scenario carries: verified, failed, or not verified (and why), from its checks."""
        checks = [verdicts.Check(s.status, verdicts.checked_rules(s.rules, self.rules), f"{s.keyword} {s.name}")
                  for s in self.steps]
        failed_step = next((s for s in self.steps if s.status == "failed"), None)
        if failed_step is not None:
            stopped = f"à l'étape « {failed_step.keyword} {failed_step.name} »"
        elif self.status == ERROR and self.error_where == "setup":
            stopped = "à sa mise en place, avant sa première étape"
        elif self.status in (NOT_RUN, SKIPPED):
            stopped = "avant de commencer : " + STATUS_LABELS[self.status] + (f" ({self.error})" if self.error else "")
        else:
            stopped = ""
        return verdicts.scenario_outcomes(self.rules, checks, stopped_at=stopped,
                                          quarantined=self.status == QUARANTINED)

    @property
    def anchor(self) -> str:
        return "sc-" + re.sub(r"[^a-zA-Z0-9]+", "-", self.nodeid).strip("-")[-120:]

    @property
    def title(self) -> str:
        if self.example and self.name and not any(v in self.name for v in self.example.values() if v):
            return f"{self.name} ({', '.join(f'{k} = {v}' for k, v in self.example.items())})"
        return self.name or self.nodeid

    def attempt_folders(self) -> list[pathlib.Path]:
        """The evidence folder of each attempt, first to last (pytest-playwright's ``<test>``, ``<test>-retryN``)."""
        if not self.evidence_dir:
            return []
        last = pathlib.Path(self.evidence_dir)
        base = re.sub(r"-retry\d+$", "", last.name)
        names = [base] + [f"{base}-retry{n}" for n in range(1, max(self.attempts, 1))]
        return [last.parent / name for name in dict.fromkeys([*names, last.name])]

    def evidence_note(self, shown: Callable[[pathlib.Path], str]) -> str:
        """« Preuves : <folder> (files) ; relance : <folder name> (files) »: each attempt with its own files, the
        first folder as `shown` gives it, the next ones (its siblings) by name."""
        kinds = {".png": 0, ".jpg": 0, ".jpeg": 0, ".zip": 1, ".xml": 2}  # screenshots, traces, page sources
        parts = []
        for folder in self.attempt_folders():
            files = sorted((p for p in folder.iterdir() if p.suffix.lower() in kinds) if folder.is_dir() else (),
                           key=lambda p: (kinds[p.suffix.lower()], p.name))
            if files:
                where = shown(folder) if not parts else ("relance : " + folder.name)
                parts.append(f"{where} ({', '.join(p.name for p in files)})")
        return "Preuves : " + " ; ".join(parts) if parts else ""

    def artefacts(self) -> dict[str, list[pathlib.Path]]:
        """Evidence files of every attempt: screenshots, traces, Appium page sources, videos."""
        found: dict[str, list[pathlib.Path]] = {"screenshots": [], "traces": [], "sources": [], "others": []}
        paths = [p for folder in self.attempt_folders() if folder.is_dir() for p in sorted(folder.iterdir())]
        for path in paths:
            suffix = path.suffix.lower()
            if suffix in (".png", ".jpg", ".jpeg"):
                found["screenshots"].append(path)
            elif suffix == ".zip":
                found["traces"].append(path)
            elif suffix == ".xml":
                found["sources"].append(path)
            elif path.is_file():
                found["others"].append(path)
        return found


@dataclass
class RunInfo:
    """Run metadata shown at the top of the report."""
    target: str = ""
    browsers: list[str] = field(default_factory=list)
    devices: list[str] = field(default_factory=list)
    faker_seed: str = ""
    duration: float = 0.0
    commit: str = ""
    date: str = ""
    exit_status: int | None = None
    workers: int = 0


@dataclass
class Run:
    rules: dict[str, str]
    results: list[ScenarioResult]
    info: RunInfo

    def __post_init__(self) -> None:
        # Feature file order, not arrival order: the same report serially, under -n 2 and merged from shards.
        self.results = sorted(self.results, key=lambda r: (not r.bdd, r.feature_file, r.line, r.nodeid))

    @property
    def channels(self) -> list[str]:
        extra = {c for r in self.results for c in r.channels} - set(BASE_CHANNELS)
        return BASE_CHANNELS + [c for c in (IOS, NONE) if c in extra]

    def counts(self, channel: str | None = None) -> dict[str, int]:
        """passed/failed/skipped/quarantined per channel. Quarantined scenarios are counted apart
        (``quarantined``), with ``quarantined_failed`` the ones whose failure was tolerated; so are the scenarios
        not run on this target (``not_here``), apart from the other skipped ones and from those no test ran
        (``notrun``: deselected, interrupted)."""
        counts = {"passed": 0, "failed": 0, "skipped": 0, "not_here": 0, "notrun": 0, "quarantined": 0,
                  "quarantined_failed": 0, "flaky": 0, "total": 0}
        for r in self.results:
            if channel is not None and channel not in r.channels:
                continue
            counts["total"] += 1
            if r.quarantine:
                counts["quarantined"] += 1
                counts["quarantined_failed"] += r.status in (QUARANTINED, FAILED, ERROR)
            elif r.status in (FAILED, ERROR):
                counts["failed"] += 1
            elif r.status in (PASSED, FLAKY):
                counts["passed"] += 1
                counts["flaky"] += r.status == FLAKY
            elif r.status == NOT_RUN:
                counts["notrun"] += 1
            elif r.not_run_here:
                counts["not_here"] += 1
            else:
                counts["skipped"] += 1
        return counts

    def covering(self, rule: str, channel: str | None = None) -> list[ScenarioResult]:
        return [r for r in self.results if rule in r.markers and (channel is None or channel in r.channels)]

    def rule_verdict(self, rule: str, channel: str | None = None) -> verdicts.RuleVerdict:
        """The rule over the scenarios that carry it (on `channel`): see rules.verdicts. A scenario not run on
        this target neither verifies the rule nor leaves it unverified when others that ran verify it: the
        verdict names it (``not_here``); with none run, the rule is « non vérifiée » because of them."""
        covering = self.covering(rule, channel)
        ran = [r for r in covering if not r.not_run_here]
        verdict = verdicts.rule_verdict(rule, [(r.title, r.rule_outcomes()[rule]) for r in ran or covering])
        if ran:
            verdict.not_here = [r.title for r in covering if r.not_run_here]
        return verdict

    def rule_status(self, rule: str, channel: str | None = None) -> str:
        """One of rules.verdicts' VERIFIED, FAILED, TOLERATED, UNVERIFIED, UNCOVERED."""
        return self.rule_verdict(rule, channel).status

    def failures(self) -> list[ScenarioResult]:
        return [r for r in self.results if r.status in (FAILED, ERROR, QUARANTINED, FLAKY)]
