"""One-screen French summary at the end of a run: per channel, per rule, path of the HTML report."""
from __future__ import annotations

import os
import pathlib

import pytest

from harness import run_model as model
from reporting import messages, watched_section
from rules import verdicts

# Set when the run shows the failures above instead of pytest's tracebacks (--tb not given).
SHORT_FAILURES = pytest.StashKey[bool]()

NOT_HERE = model.NOT_RUN_HERE_TITLE
RULE_MARKS = {verdicts.VERIFIED: "✔", verdicts.FAILED: "✘", verdicts.TOLERATED: "⚠ quarantaine",
              verdicts.UNVERIFIED: "○ non vérifiée", verdicts.UNCOVERED: "– non couverte"}


def seconds(value: float) -> str:
    if value >= 60:
        minutes, rest = divmod(int(round(value)), 60)
        return f"{minutes} min {rest:02d} s"
    return f"{value:.2f}".replace(".", ",") + " s"


def lines(run: model.Run) -> list[str]:
    out = [f"{'Canal':<12}{'Réussis':>9}{'Échoués':>9}{'Ignorés':>9}{NOT_HERE:>{len(NOT_HERE) + 3}}"
           f"{'Non exéc.':>11}   Quarantaine"]
    for channel in run.channels + [None]:
        c = run.counts(channel)
        quarantine = f"{c['quarantined']}" + (f" (dont {c['quarantined_failed']} en échec)"
                                              if c["quarantined_failed"] else "")
        out.append(f"{channel or 'Total':<12}{c['passed']:>9}{c['failed']:>9}{c['skipped']:>9}"
                   f"{c['not_here']:>{len(NOT_HERE) + 3}}{c['notrun']:>11}   {quarantine}")
    not_here = run.counts()["not_here"]
    if not_here:
        out.append(f"{NOT_HERE} : {not_here} scénario(s), faute d'un contrôle que la cible n'offre pas, chacun "
                   "listé avec sa raison ; ni réussis, ni ignorés, ni en échec.")
    flaky = run.counts()["flaky"]
    if flaky:
        out.append(f"Instables (comptés réussis) : {flaky} scénario(s) en échec puis réussi(s) à la relance.")
    scenarios = len(run.results)
    rows = sum(run.counts(channel)["total"] for channel in run.channels)
    if rows > scenarios:
        out.append(f"({scenarios} scénarios, {rows} lignes : un scénario transverse compte sur chacun de ses canaux.)")
    found = {rule: run.rule_verdict(rule) for rule in run.rules}
    out.append(f"Règles : {verdicts.tally(v.status for v in found.values())} (✔ vérifiée, ✘ en échec, "
               "○ non vérifiée) :")
    cells = [f"{rule} {RULE_MARKS[v.status]}" for rule, v in found.items()]
    width = max((len(c) for c in cells), default=0) + 3
    for start in range(0, len(cells), 4):
        out.append("  " + "".join(cell.ljust(width) for cell in cells[start:start + 4]).rstrip())
    watched = watched_section.terminal_line(run)
    if watched:
        out.append(watched)
    for rule, verdict in found.items():  # why each rule is not verified, in one line
        if verdict.status in (verdicts.FAILED, verdicts.TOLERATED, verdicts.UNVERIFIED) and verdict.because:
            title, reason = verdict.because[0]
            more = f" (+{len(verdict.because) - 1} autre(s))" if len(verdict.because) > 1 else ""
            out.append(f"  {rule} {verdict.label} — {title} : {reason}{more}")
    for rule, verdict in found.items():  # what did not run here, named beside the rule
        if verdict.not_here:
            more = f" (+{len(verdict.not_here) - 1} autre(s))" if len(verdict.not_here) > 1 else ""
            note = model.not_run_here_note(verdict.status == verdicts.VERIFIED, verdict.not_here[0] + more)
            out.append(f"  {rule} {note}" if verdict.status == verdicts.VERIFIED else f"  {rule} : {note}")
    return out


MESSAGE_LINES = 10


def failure_lines(run: model.Run, limit: int = 20) -> list[str]:
    """Per failure, a few lines a person reads: the French scenario, where it stopped, the French message, the
    evidence. pytest's own tracebacks are on demand (--tb=long)."""
    out = []
    for r in run.failures()[:limit]:
        step = next((s for s in r.steps if s.status == "failed"), None)
        where = (f"à l'étape « {step.keyword} {step.name} »" if step else
                 "à la mise en place, avant la première étape" if r.error_where == "setup" else "au nettoyage")
        mark = "⚠ quarantaine (toléré)" if r.status == model.QUARANTINED else "✘"
        out.append(f"{mark} {r.title} — {', '.join(r.channels)}")
        out.append(f"    {where}")
        french, _library = messages.french_and_library(r.error)
        # The whole French part (fact, compared values, rules broken), a few lines; the library's English stays
        # in the report and behind --tb=long.
        lines = french.splitlines()
        out.extend(f"    {line}" for line in lines[:MESSAGE_LINES])
        if len(lines) > MESSAGE_LINES:
            out.append("    … (suite dans le rapport HTML)")
        note = r.evidence_note(_shown)
        if note:
            out.append(f"    {note}")
    hidden = len(run.failures()) - limit
    if hidden > 0:
        out.append(f"… et {hidden} autre(s) échec(s) : voir le rapport HTML.")
    return out


def write(terminalreporter, state) -> None:
    tr = terminalreporter
    if state.run is not None and state.run.failures():
        tr.write_sep("=", "Échecs")
        for line in failure_lines(state.run):
            tr.write_line(line)
        if tr.config.stash.get(SHORT_FAILURES, False):
            tr.write_line("(Traces Python complètes : relancez avec --tb=long.)")
    tr.write_sep("=", "Synthèse des scénarios")
    if state.run is not None:
        counts = state.run.counts()
        failed = counts["failed"]
        for line in lines(state.run):
            tr.write_line(line)
        if counts["quarantined_failed"]:
            tr.write_line(f"{counts['quarantined_failed']} scénario(s) en quarantaine en échec : signalé(s), "
                          "non bloquant(s).", yellow=True)
        if failed:
            tr.write_line(f"{failed} scénario(s) en échec.", red=True, bold=True)
    if state.html_path is not None:
        try:
            shown = os.path.relpath(state.html_path)
        except ValueError:
            shown = str(state.html_path)
        tr.write_line(f"Rapport HTML : {shown} (écrit en {seconds(state.html_seconds)})")
    elif state.html_error:
        tr.write_line(f"Rapport HTML non écrit : {state.html_error}", red=True)


def _shown(folder: pathlib.Path) -> str:
    """Relative to the current folder, unless outside it: the absolute path then reads better."""
    try:
        relative = os.path.relpath(folder)
    except ValueError:
        return str(folder)
    return str(folder) if relative.startswith("..") else relative
