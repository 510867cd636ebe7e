"""A rule's history across runs (``--historique CHEMIN``, ``PA_HISTORY``): « R15 on iOS, verified in how many of the
last runs? which scenario flips? ».

Each run that writes the HTML report appends one line to a JSON Lines file: its date, commit, target, Faker seed,
exit code, each scenario's status and channels, and each rule's verdict per channel (the matrix's, from the same
results). CI keeps the file between runs as a cache or an artefact (README). The report then shows, per rule and
channel, the last verdicts as a strip with their flip rate, and flags « instable (historique) » a scenario that both
passed and failed on one commit: the code did not change, the result did. It proposes quarantine; it never applies
it (a person decides, with the @quarantaine tag).

A line that cannot be read is skipped and counted; a file that cannot be read at all (not UTF-8, not a file) is set
aside under a new name and a new history starts: the run and its report never fail because of their history.
The strips and flip rates are facts computed here; reporting/templates/history.html.j2 shows them.
"""
from __future__ import annotations

import datetime as dt
import json
import pathlib
from dataclasses import dataclass, field

from harness import run_model as model
from rules import verdicts

FORMAT = 1
SHOWN = 10  # verdicts per strip: the last ten runs, this one included
PASSING = {model.PASSED, model.FLAKY}
FAILING = {model.FAILED, model.ERROR}


@dataclass
class History:
    runs: list[dict] = field(default_factory=list)
    problem: str = ""  # in French, for the report and the terminal: what was wrong with the file and what was done


def record(run: model.Run) -> dict:
    rules = {}
    for rule in run.rules:
        channels = {}
        for channel in run.channels:
            # What the scenarios that ran said of the rule: a run of a few scenarios says nothing of the others.
            ran = [r for r in run.covering(rule, channel) if r.status != model.NOT_RUN and not r.not_run_here]
            if ran:
                said = [(r.title, r.rule_outcomes()[rule]) for r in ran]
                channels[channel] = verdicts.rule_verdict(rule, said).status
        if channels:
            rules[rule] = channels
    scenarios = {r.nodeid: {"titre": r.title, "statut": r.status, "canaux": r.channels}
                 for r in run.results if r.bdd and r.status != model.NOT_RUN}
    info = run.info
    return {"format": FORMAT, "date": info.date, "commit": info.commit, "cible": info.target,
            "graine": info.faker_seed, "code": info.exit_status, "regles": rules, "scenarios": scenarios}


def read(path: pathlib.Path) -> History:
    if not path.exists():
        return History()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        aside = path.with_name(f"{path.name}.illisible-{dt.datetime.now():%Y%m%d-%H%M%S}")
        try:
            path.rename(aside)
            kept = f"mis de côté sous {aside.name}"
        except OSError:
            kept = "laissé tel quel"
        return History(problem=f"historique {path} illisible ({exc.__class__.__name__}) : {kept}, un nouvel "
                               "historique commence avec ce run")
    runs, unreadable = [], 0
    for line in lines:
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            unreadable += 1
            continue
        if isinstance(entry, dict) and entry.get("format") == FORMAT:
            runs.append(entry)
        else:
            unreadable += 1
    problem = (f"historique {path} : {unreadable} ligne(s) illisible(s) ignorée(s), les autres sont gardées"
               if unreadable else "")
    return History(runs, problem)


def append(path: pathlib.Path, entry: dict) -> str:
    """Add this run; the French problem if it could not be written (the run goes on)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as exc:
        return f"historique {path} non écrit ({exc.strerror or exc.__class__.__name__})"
    return ""


def _outcome(status: str) -> str:
    return "passed" if status in PASSING else "failed" if status in FAILING else "other"


@dataclass
class Strip:
    rule: str
    channel: str
    statuses: list[str]  # oldest first, this run last

    @property
    def flip_rate(self) -> float:
        pairs = list(zip(self.statuses, self.statuses[1:], strict=False))
        return sum(a != b for a, b in pairs) / len(pairs) if pairs else 0.0


def strips(runs: list[dict], shown: int = SHOWN) -> list[Strip]:
    """Per rule and channel of the last run, its last verdicts (the runs where it had one)."""
    if not runs:
        return []
    recent = runs[-shown:]
    found = []
    for rule, channels in recent[-1]["regles"].items():
        for channel in channels:
            found.append(Strip(rule, channel, [r["regles"][rule][channel] for r in recent
                                               if channel in r.get("regles", {}).get(rule, {})]))
    return found


@dataclass
class Unstable:
    title: str
    channels: list[str]
    commit: str
    statuses: list[str]


def unstable(runs: list[dict], shown: int = SHOWN) -> list[Unstable]:
    """Scenarios that passed and failed on one commit among the last runs: « instable (historique) »."""
    by_scenario: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for entry in runs[-shown:]:
        for nodeid, scenario in entry.get("scenarios", {}).items():
            by_scenario.setdefault((nodeid, entry.get("commit", "")), []).append((entry.get("date", ""), scenario))
    flagged = []
    for (_nodeid, commit), seen in by_scenario.items():
        outcomes = {_outcome(s["statut"]) for _, s in seen}
        if {"passed", "failed"} <= outcomes:
            last = seen[-1][1]
            flagged.append(Unstable(last["titre"], last["canaux"], commit, [s["statut"] for _, s in seen]))
    return sorted(flagged, key=lambda u: u.title)
