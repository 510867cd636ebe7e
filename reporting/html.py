"""The French HTML report: one self-contained file (inline CSS and script, screenshots embedded as base64 data URIs,
traces linked by relative path), readable offline by a product owner.

The page is reporting/templates/report.html.j2 (with its parts beside it, report.css and report.js); this module
gives it the run and what the templates should not compute: the matrix rows, the evidence read from disk."""
from __future__ import annotations

import base64
import functools
import os
import pathlib
import re
from collections import OrderedDict

import jinja2

from harness import exit_codes
from harness import run_history as history
from harness import run_model as model
from reporting import watched_section
from reporting.accessibility_section import IMPACTS, latest_audits
from reporting.summary import seconds
from rules import verdicts

TEMPLATES = pathlib.Path(__file__).with_name("templates")
MAX_IMAGE_BYTES = 4_000_000
MAX_SOURCE_CHARS = 300_000
PLURALS = {model.PASSED: "réussis", model.FAILED: "échoués", model.ERROR: "en erreur", model.SKIPPED: "ignorés",
           model.QUARANTINED: "en quarantaine en échec", model.NOT_RUN: "non exécutés",
           model.FLAKY: "instables", "nothere": "non exécutés sur cette cible"}
ICONS = {model.PASSED: "✔", model.FAILED: "✘", model.ERROR: "✘", model.SKIPPED: "–",
         model.QUARANTINED: "⚠", model.NOT_RUN: "○", model.FLAKY: "⚠"}
STEP_ICONS = {"passed": "✔", "failed": "✘", "notrun": "○", "skipped": "–"}
# Scenarios not run on this target: their own count, column and filter (data-status), apart from the skipped ones.
NOT_HERE, NOT_HERE_STATUS = model.NOT_RUN_HERE_TITLE, "nothere"
RULE_ICONS = {verdicts.VERIFIED: "✔", verdicts.FAILED: "✘", verdicts.TOLERATED: "⚠", verdicts.UNVERIFIED: "○",
              verdicts.UNCOVERED: "–"}
RULE_CSS = {verdicts.VERIFIED: "ok", verdicts.FAILED: "fail", verdicts.TOLERATED: "quarantine",
            verdicts.UNVERIFIED: "notrun", verdicts.UNCOVERED: "uncovered"}


def slug(channel: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", channel.lower()).strip("-")


def first_lines(text: str, count: int) -> str:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return "\n".join(lines[:count]) + (" […]" if len(lines) > count else "")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters.update(slug=slug, seconds=seconds, first_lines=first_lines)
    env.tests["rule_tag"] = lambda tag: bool(model.RULE_ID.match(tag)) or tag == model.QUARANTINE_TAG
    env.globals.update(
        ICONS=ICONS, STEP_ICONS=STEP_ICONS, STEP_LABELS=model.STEP_LABELS, STATUS_LABELS=model.STATUS_LABELS,
        NOT_HERE=NOT_HERE, NOT_HERE_STATUS=NOT_HERE_STATUS, NOT_RUN_HERE=model.NOT_RUN_HERE, IMPACTS=IMPACTS,
        RULE_SENTENCE=verdicts.RULE_SENTENCE, RULE_CSS=RULE_CSS, RULE_ICONS=RULE_ICONS, RULE_LABELS=verdicts.LABELS,
        HISTORY_SHOWN=history.SHOWN, PASSED=model.PASSED, FAILED=model.FAILED, ERROR=model.ERROR,
        SKIPPED=model.SKIPPED, QUARANTINED=model.QUARANTINED, NOT_RUN=model.NOT_RUN, FLAKY=model.FLAKY)
    return env


def write(run: model.Run, path: pathlib.Path, past=None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(render(run, path.parent, past), encoding="utf-8")
    os.replace(tmp, path)


def render(run: model.Run, base: pathlib.Path, past=None) -> str:
    """`past`: harness.run_history.History with this run last, when the run keeps a history."""
    audits = latest_audits(run)
    return _environment().get_template("report.html.j2").render(
        run=run, counts=run.counts(), metadata=_metadata(run), matrix=_matrix(run), features=_features(run),
        tally=verdicts.tally(run.rule_status(rule) for rule in run.rules),
        watched=watched_section.totals(run), watched_sayings=sorted(watched_section.sayings().items()),
        audits=audits, blocking=sum(1 for audit, _ in audits.values() for v in audit["violations"]
                                    if v["impact"] in ("critical", "serious")),
        evidence=functools.partial(_evidence, base=base), past=past,
        strips=history.strips(past.runs) if past else [], unstable=history.unstable(past.runs) if past else [],
        css=jinja2.utils.markupsafe.Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        script=jinja2.utils.markupsafe.Markup((TEMPLATES / "report.js").read_text(encoding="utf-8")))


def _metadata(run: model.Run) -> list[tuple[str, str]]:
    info = run.info
    exit_text = ""
    if info.exit_status is not None:
        exit_text = f"{info.exit_status} — {exit_codes.meaning(info.exit_status)}"
    return [
        ("Environnement cible", info.target),
        ("Navigateur", ", ".join(info.browsers) or "aucun navigateur lancé"),
        ("Appareils", ", ".join(info.devices) or "aucun profil d'appareil utilisé"),
        ("Graine Faker", f"{info.faker_seed} (rejouer : --faker-seed {info.faker_seed})" if info.faker_seed
         else "non précisée"),
        ("Durée du run",
         seconds(info.duration) + (f" ({info.workers} processus en parallèle)" if info.workers else "")),
        ("Version testée (commit)", info.commit or "inconnue (pas de dépôt git)"),
        ("Date", info.date),
        ("Code de sortie", exit_text),
    ]


def _matrix(run: model.Run) -> list[dict]:
    rows = []
    for rule, meaning in run.rules.items():
        verdict = run.rule_verdict(rule)
        why = [f"{title} : {reason}" for title, reason in verdict.because[:3]]
        if verdict.not_here:
            note = model.not_run_here_note(verdict.status == verdicts.VERIFIED, ", ".join(verdict.not_here))
            why.append(note[:1].upper() + note[1:])
        cells = []
        for channel in run.channels:
            chips = []
            for r in run.covering(rule, channel):
                outcome = r.rule_outcomes()[rule]
                label = verdicts.LABELS[outcome.status] + (f" : {outcome.reason}" if outcome.reason else "")
                css, icon = RULE_CSS[outcome.status], RULE_ICONS[outcome.status]
                if r.not_run_here:
                    label, css, icon = r.error, RULE_CSS[verdicts.UNCOVERED], ICONS[model.SKIPPED]
                chips.append({"css": css, "icon": icon, "label": label, "anchor": r.anchor, "title": r.title})
            cells.append((channel, chips))
        rows.append({"rule": rule, "meaning": meaning, "css": RULE_CSS[verdict.status], "label": verdict.label,
                     "icon": RULE_ICONS[verdict.status], "why": why, "uncovered": not run.covering(rule),
                     "cells": cells})
    return rows


def _features(run: model.Run) -> list[dict]:
    features: OrderedDict[str, list[model.ScenarioResult]] = OrderedDict()
    for r in sorted(run.results, key=lambda r: (not r.bdd, r.feature_name, r.feature_file, r.line, r.nodeid)):
        features.setdefault(r.feature_file or r.feature_name, []).append(r)
    shown = []
    for scenarios in features.values():
        statuses = [NOT_HERE_STATUS if r.not_run_here else r.status for r in scenarios]
        summary = " · ".join(f"{PLURALS[s]} : {statuses.count(s)}" for s in [*model.STATUS_LABELS, NOT_HERE_STATUS]
                             if statuses.count(s))
        shown.append({"scenarios": scenarios, "summary": summary,
                      "file": _rel(scenarios[0].feature_file) if scenarios[0].feature_file else ""})
    return shown


def _rel(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _evidence(r: model.ScenarioResult, base: pathlib.Path) -> dict:
    """A failure's evidence as the page shows it: screenshots embedded, traces and other files linked, sources."""
    found = r.artefacts()
    shown: dict = {"screenshots": [], "traces": [], "sources": [], "others": [], "any": any(found.values())}
    for shot in found["screenshots"]:
        try:
            data = shot.read_bytes()
        except OSError:
            continue
        mime = "image/png" if shot.suffix.lower() == ".png" else "image/jpeg"
        shown["screenshots"].append({
            "name": shot.name, "link": _link(shot, base),
            "data": f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}" if len(data) <= MAX_IMAGE_BYTES
            else ""})
    shown["traces"] = [{"link": _link(t, base), "shown": _rel(str(t))} for t in found["traces"]]
    for source in found["sources"]:
        try:
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if len(text) > MAX_SOURCE_CHARS:
            text = text[:MAX_SOURCE_CHARS] + "\n[…] (tronqué)"
        shown["sources"].append({"name": source.name, "text": text})
    shown["others"] = [{"name": o.name, "link": _link(o, base)} for o in found["others"]]
    return shown


def _link(path: pathlib.Path, base: pathlib.Path) -> str:
    try:
        return pathlib.Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_uri()
