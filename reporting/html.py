"""The French HTML report: one self-contained file (inline CSS and script, screenshots embedded as
base64 data URIs, traces linked by relative path), readable offline by a product owner."""
from __future__ import annotations

import base64
import html
import os
import pathlib
import re
from collections import OrderedDict

from harness import exit_codes
from reporting import model, verdicts, watched_section
from reporting.accessibility_section import accessibility_section
from reporting.summary import seconds

MAX_IMAGE_BYTES = 4_000_000
MAX_SOURCE_CHARS = 300_000
PLURALS = {model.PASSED: "réussis", model.FAILED: "échoués", model.ERROR: "en erreur", model.SKIPPED: "ignorés",
           model.QUARANTINED: "en quarantaine en échec", model.NOT_RUN: "non exécutés",
           model.FLAKY: "instables", "nothere": "non exécutés sur cette cible"}
HERE = ' <strong class="here">◀ échec ici</strong>'
ICONS = {model.PASSED: "✔", model.FAILED: "✘", model.ERROR: "✘", model.SKIPPED: "–",
         model.QUARANTINED: "⚠", model.NOT_RUN: "○", model.FLAKY: "⚠"}
STEP_ICONS = {"passed": "✔", "failed": "✘", "notrun": "○", "skipped": "–"}
# Scenarios not run on this target: their own count, column and filter (data-status), apart from the skipped ones.
NOT_HERE, NOT_HERE_STATUS = model.NOT_RUN_HERE_TITLE, "nothere"
RULE_ICONS = {verdicts.VERIFIED: "✔", verdicts.FAILED: "✘", verdicts.TOLERATED: "⚠", verdicts.UNVERIFIED: "○",
              verdicts.UNCOVERED: "–"}
RULE_CSS = {verdicts.VERIFIED: "ok", verdicts.FAILED: "fail", verdicts.TOLERATED: "quarantine",
            verdicts.UNVERIFIED: "notrun", verdicts.UNCOVERED: "uncovered"}


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def slug(channel: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", channel.lower()).strip("-")


def write(run: model.Run, path: pathlib.Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(render(run, path.parent), encoding="utf-8")
    os.replace(tmp, path)


def render(run: model.Run, base: pathlib.Path) -> str:
    counts = run.counts()
    failed = counts["failed"]
    if failed:
        verdict = f'<p class="verdict bad">✘ {failed} scénario{"s" if failed > 1 else ""} en échec</p>'
    elif counts["passed"] + counts["quarantined"] == 0:
        verdict = '<p class="verdict neutral">Aucun scénario exécuté</p>'
    else:
        verdict = '<p class="verdict good">✔ Tous les scénarios exécutés ont réussi</p>'
    if counts["flaky"]:
        gate = ("le run échoue (--flaky-fails-run)" if run.info.exit_status == 1 and not failed
                else "signalé(s), sans bloquer le run")
        verdict += (f'<p class="verdict {"bad" if "échoue" in gate else "warn"}">⚠ {counts["flaky"]} scénario(s) '
                    f"instable(s) : en échec puis réussi(s) à la relance ; {gate}</p>")
    if counts["quarantined_failed"]:
        verdict += (f'<p class="verdict warn">⚠ {counts["quarantined_failed"]} scénario(s) en quarantaine '
                    "en échec : signalé(s), sans bloquer le run</p>")
    if counts["not_here"]:
        verdict += (f'<p class="verdict neutral">– {counts["not_here"]} scénario(s) non exécuté(s) sur cette cible '
                    "(un contrôle qu'elle n'offre pas) : ni réussis ni ignorés, chacun avec sa raison "
                    '(<a href="#synthese">synthèse</a>, filtre « Non exécutés sur cette cible »)</p>')
    parts = [
        "<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Rapport des scénarios — achat Parallels Access</title>", f"<style>{CSS}</style></head>",
        "<body>", "<header>", "<h1>Rapport des scénarios — achat d'un abonnement Parallels Access</h1>",
        verdict, _metadata(run), "</header>",
        _filters(run), "<main>", _synthesis(run), _failures(run, base), _matrix(run), watched_section.section(run),
        accessibility_section(run),
        _features(run, base),
        "</main>", f"<script>{SCRIPT}</script>", "</body></html>",
    ]
    return "\n".join(parts)


def _metadata(run: model.Run) -> str:
    info = run.info
    exit_text = ""
    if info.exit_status is not None:
        exit_text = f"{info.exit_status} — {exit_codes.meaning(info.exit_status)}"
    rows = [
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
    return '<dl class="meta">' + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in rows) + "</dl>"


def _filters(run: model.Run) -> str:
    buttons = [f'<button type="button" class="on" data-channel="">Tous ({len(run.results)})</button>']
    for channel in run.channels:
        buttons.append(f'<button type="button" data-channel="{slug(channel)}">{esc(channel)} '
                       f'({run.counts(channel)["total"]})</button>')
    statuses = [("", "Tous"), ("failed error", "Échecs"), ("quarantine", "Quarantaine"),
                ("notrun skipped", "Non exécutés"), (NOT_HERE_STATUS, NOT_HERE)]
    status_buttons = "".join(
        f'<button type="button" class="{"on" if not key else ""}" data-status="{key}">{label}</button>'
        for key, label in statuses)
    return ('<nav class="filters" aria-label="Filtres"><span class="label">Canal :</span>'
            f'<span class="group" id="channel-filter">{"".join(buttons)}</span>'
            '<span class="label">Statut :</span>'
            f'<span class="group" id="status-filter">{status_buttons}</span></nav>')


def _synthesis(run: model.Run) -> str:
    rows = []
    for channel in run.channels + [None]:
        c = run.counts(channel)
        cls = "total" if channel is None else ""
        quarantine = str(c["quarantined"]) + (f' <span class="warn">(dont {c["quarantined_failed"]} en échec)</span>'
                                              if c["quarantined_failed"] else "")
        rows.append(
            f'<tr class="{cls}" data-col="{slug(channel) if channel else ""}">'
            f'<th scope="row">{esc(channel or "Total")}</th>'
            f'<td class="num">{c["passed"]}</td><td class="num{" bad" if c["failed"] else ""}">{c["failed"]}</td>'
            f'<td class="num">{c["skipped"]}</td><td class="num not-here">{c["not_here"]}</td>'
            f'<td class="num">{c["notrun"]}</td><td class="num">{quarantine}</td></tr>')
    return ('<section id="synthese"><h2>Synthèse par canal</h2><table class="synthesis"><thead><tr><th>Canal</th>'
            f"<th>Réussis</th><th>Échoués</th><th>Ignorés</th><th>{NOT_HERE}</th><th>Non exécutés</th>"
            "<th>En quarantaine</th></tr>"
            f'</thead><tbody>{"".join(rows)}</tbody></table></section>')


def _failures(run: model.Run, base: pathlib.Path) -> str:
    failures = run.failures()
    if not failures:
        return '<section id="echecs"><h2>Échecs</h2><p class="none">Aucun échec.</p></section>'
    items = []
    for r in failures:
        step = next((s for s in r.steps if s.status == "failed"), None)
        where = ("en échec à la 1re tentative, réussi à la relance" if r.status == model.FLAKY else
                 f"à l'étape « {esc(step.keyword)} {esc(step.name)} »" if step else
                 "avant la première étape (mise en place)" if r.error_where == "setup" else "au nettoyage")
        badge = _status_badge(r)
        items.append(
            f'<li class="scenario-ref" {_data_attrs(r)}>{badge} <a href="#{r.anchor}">{esc(r.title)}</a> '
            f'<span class="muted">— {esc(", ".join(r.channels))}, {where}</span>'
            f'<div class="error-short">{esc(_first_lines(r.error, 3))}</div></li>')
    return (f'<section id="echecs"><h2>Échecs ({len(failures)})</h2>'
            f'<ul class="failure-list">{"".join(items)}</ul></section>')


def _first_lines(text: str, count: int) -> str:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return "\n".join(lines[:count]) + (" […]" if len(lines) > count else "")


def _matrix(run: model.Run) -> str:
    head = "".join(f'<th data-col="{slug(c)}">{esc(c)}</th>' for c in run.channels)
    rows = []
    for rule, meaning in run.rules.items():
        verdict = run.rule_verdict(rule)
        state_cls = RULE_CSS[verdict.status]
        why = "".join(f'<div class="why">{esc(title)} : {esc(reason)}</div>'
                      for title, reason in verdict.because[:3])
        if verdict.not_here:
            note = model.not_run_here_note(verdict.status == verdicts.VERIFIED, ", ".join(verdict.not_here))
            why += f'<div class="why">{esc(note[:1].upper() + note[1:])}</div>'
        cells = ""
        if not run.covering(rule):
            cells = (f'<td class="uncovered" colspan="{len(run.channels)}">'
                     f'non couverte : aucun scénario ne porte le tag @{rule}</td>')
        else:
            for channel in run.channels:
                covering = run.covering(rule, channel)
                if not covering:
                    cells += f'<td data-col="{slug(channel)}" class="empty">—</td>'
                    continue
                chips = []
                for r in covering:
                    outcome = r.rule_outcomes()[rule]
                    label = verdicts.LABELS[outcome.status] + (f" : {outcome.reason}" if outcome.reason else "")
                    css, icon = RULE_CSS[outcome.status], RULE_ICONS[outcome.status]
                    if r.not_run_here:
                        label, css, icon = r.error, RULE_CSS[verdicts.UNCOVERED], ICONS[model.SKIPPED]
                    chips.append(f'<a class="chip rule-{css}" href="#{r.anchor}" title="{esc(r.title)} — {esc(label)}">'
                                 f'{icon} {esc(r.title)}</a>')
                cells += f'<td data-col="{slug(channel)}" data-label="{esc(channel)}">{"".join(chips)}</td>'
        rows.append(f'<tr class="rule-{state_cls}"><th scope="row"><span class="rule-id">{rule}</span> '
                    f'<span class="rule-text">{esc(meaning)}</span></th>'
                    f'<td class="rule-state {state_cls}">{RULE_ICONS[verdict.status]} {esc(verdict.label)}{why}</td>'
                    f'{cells}</tr>')
    tally = verdicts.tally(run.rule_status(rule) for rule in run.rules)
    return ('<section id="matrice"><h2>Matrice des règles</h2>'
            f'<p class="tally">{len(run.rules)} règles : {esc(tally)}.</p>'
            f'<p class="muted">{esc(verdicts.RULE_SENTENCE)} Chaque case donne, par canal, les scénarios qui portent '
            "la règle et ce qu'ils en disent (✔ vérifiée, ✘ en échec, ⚠ quarantaine, ○ non vérifiée, "
            "– non exécuté sur cette cible).</p>"
            f'<table class="matrix"><thead><tr><th>Règle</th><th>État</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _status_badge(r: model.ScenarioResult) -> str:
    label = model.NOT_RUN_HERE if r.not_run_here else model.STATUS_LABELS[r.status]
    badge = f'<span class="badge st-{r.status}">{ICONS[r.status]} {esc(label)}</span>'
    if r.quarantine and r.status != model.QUARANTINED:
        badge += ' <span class="badge st-quarantined">en quarantaine</span>'
    return badge


def _data_attrs(r: model.ScenarioResult) -> str:
    status = "quarantine " + r.status if r.quarantine else NOT_HERE_STATUS if r.not_run_here else r.status
    return f'data-channels="{" ".join(slug(c) for c in r.channels)}" data-status="{status}"'


def _features(run: model.Run, base: pathlib.Path) -> str:
    features: OrderedDict[str, list[model.ScenarioResult]] = OrderedDict()
    for r in sorted(run.results, key=lambda r: (not r.bdd, r.feature_name, r.feature_file, r.line, r.nodeid)):
        features.setdefault(r.feature_file or r.feature_name, []).append(r)
    out = ['<section id="fonctionnalites"><h2>Fonctionnalités et scénarios</h2>']
    for scenarios in features.values():
        first = scenarios[0]
        statuses = [NOT_HERE_STATUS if r.not_run_here else r.status for r in scenarios]
        summary = " · ".join(f"{PLURALS[s]} : {statuses.count(s)}" for s in [*model.STATUS_LABELS, NOT_HERE_STATUS]
                             if statuses.count(s))
        desc = f'<p class="feature-desc">{esc(first.feature_description)}</p>' if first.feature_description else ""
        out.append(f'<section class="feature"><h3>{esc(first.feature_keyword)} : {esc(first.feature_name)}</h3>'
                   f'<p class="muted">{esc(_rel(first.feature_file)) if first.feature_file else ""}'
                   f' — {esc(summary)}</p>'
                   f"{desc}")
        out.extend(_scenario(r, base) for r in scenarios)
        out.append("</section>")
    out.append("</section>")
    return "".join(out)


def _rel(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _scenario(r: model.ScenarioResult, base: pathlib.Path) -> str:
    tags = " ".join(f'<span class="tag">@{esc(t)}</span>' for t in sorted(r.markers)
                    if model.RULE_ID.match(t) or t == model.QUARANTINE_TAG)
    channels = " ".join(f'<span class="channel">{esc(c)}</span>' for c in r.channels)
    attempts = (f' <span class="muted">{r.attempts} tentatives</span>' if r.attempts > 1 else "")
    is_open = " open" if r.status in (model.FAILED, model.ERROR, model.QUARANTINED) else ""
    example = ""
    if r.example:
        example = ('<table class="example"><tr>' + "".join(f"<th>{esc(k)}</th>" for k in r.example) + "</tr><tr>"
                   + "".join(f"<td>{esc(v)}</td>" for v in r.example.values()) + "</tr></table>")
    steps = "".join(
        f'<tr class="step step-{s.status}"><td class="icon">{STEP_ICONS.get(s.status, "")}</td>'
        f'<td class="kw">{esc(s.keyword)}</td><td>{esc(s.name)}'
        f'{HERE if s.status == "failed" else ""}</td>'
        f'<td class="st">{esc(model.STEP_LABELS.get(s.status, s.status))}</td>'
        f'<td class="num">{seconds(s.duration) if s.status != "notrun" else ""}</td></tr>' for s in r.steps)
    steps_table = (f'<table class="steps"><thead><tr><th></th><th>Mot-clé</th><th>Étape</th><th>Statut</th>'
                   f'<th>Durée</th></tr></thead><tbody>{steps}</tbody></table>' if r.steps else "")
    failure = _failure_block(r, base) if is_open or r.error else ""
    return (f'<details class="scenario st-{r.status}" id="{r.anchor}" {_data_attrs(r)}{is_open}>'
            f'<summary>{_status_badge(r)} <span class="sc-kw">{esc(r.keyword)} :</span> '
            f'<span class="sc-name">{esc(r.title)}</span> {channels} {tags}{attempts}'
            f'<span class="dur">{seconds(r.duration) if r.status != model.NOT_RUN else ""}</span></summary>'
            f'<div class="sc-body">{example}{steps_table}{failure}</div></details>')


def _failure_block(r: model.ScenarioResult, base: pathlib.Path) -> str:
    if r.status in (model.SKIPPED, model.NOT_RUN):
        return f'<p class="muted">{esc(r.error)}</p>' if r.error else ""
    title = {"setup": "Échec à la mise en place du scénario", "teardown": "Échec au nettoyage du scénario"}.get(
        r.error_where, "Échec")
    if r.status == model.QUARANTINED:
        title = "Échec toléré (scénario en quarantaine)"
    if r.status == model.FLAKY:
        title = "Instable : en échec, puis réussi à la relance"
    parts = [f'<div class="failure"><h4>{esc(title)}</h4><pre class="error">{esc(r.error)}</pre>']
    evidence = r.artefacts()
    for shot in evidence["screenshots"]:
        parts.append(_image(shot, base))
    for trace in evidence["traces"]:
        link = _link(trace, base)
        parts.append(f'<p class="trace">Trace Playwright : <a href="{esc(link)}">{esc(link)}</a> — à ouvrir avec '
                     f'<code>playwright show-trace {esc(_rel(str(trace)))}</code></p>')
    for source in evidence["sources"]:
        try:
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if len(text) > MAX_SOURCE_CHARS:
            text = text[:MAX_SOURCE_CHARS] + "\n[…] (tronqué)"
        parts.append(f'<details class="source"><summary>Source de l\'écran (Appium) : {esc(source.name)}</summary>'
                     f'<pre>{esc(text)}</pre></details>')
    for other in evidence["others"]:
        link = _link(other, base)
        parts.append(f'<p class="muted">Autre pièce : <a href="{esc(link)}">{esc(other.name)}</a></p>')
    if not any(evidence.values()):
        parts.append('<p class="muted">Aucune capture d\'écran ni trace pour ce scénario.</p>')
    if r.attempts > 1:
        parts.append(f'<p class="muted">Pièces de chaque tentative en échec ({r.attempts} tentatives au total) : '
                     "capture et source des pages à chaque échec, trace Playwright de la relance.</p>")
    parts.append("</div>")
    return "".join(parts)


def _link(path: pathlib.Path, base: pathlib.Path) -> str:
    try:
        return pathlib.Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_uri()


def _image(path: pathlib.Path, base: pathlib.Path) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    link = _link(path, base)
    if len(data) > MAX_IMAGE_BYTES:
        return f'<p>Capture d\'écran (trop lourde pour être intégrée) : <a href="{esc(link)}">{esc(path.name)}</a></p>'
    mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<figure class="shot"><img src="data:{mime};base64,{encoded}" alt="Capture d\'écran au moment de '
            f'l\'échec ({esc(path.name)})"><figcaption>Capture d\'écran : {esc(path.name)}</figcaption></figure>')


CSS = """
:root{--ok:#1a7f37;--ok-bg:#dafbe1;--ko:#cf222e;--ko-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
--mute:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0969da}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0;
color:#1f2328;background:#fff}
header{background:var(--bg);border-bottom:1px solid var(--line);padding:18px 28px 10px}
h1{font-size:22px;margin:0 0 8px}
h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:17px;margin:22px 0 4px}
h4{margin:4px 0 8px;font-size:15px;color:var(--ko)}
main{padding:0 28px 40px}
.verdict{display:inline-block;margin:4px 8px 8px 0;padding:5px 12px;border-radius:6px;font-weight:600}
.verdict.good{background:var(--ok-bg);color:var(--ok)}.verdict.bad{background:var(--ko-bg);color:var(--ko)}
.verdict.warn{background:var(--warn-bg);color:var(--warn)}.verdict.neutral{background:#eaeef2;color:var(--mute)}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:6px 18px;margin:8px 0}
.meta div{min-width:0}.meta dt{font-size:12px;color:var(--mute);text-transform:uppercase;letter-spacing:.03em}
.meta dd{margin:0;overflow-wrap:anywhere}
.filters{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:8px 28px;
display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center}
.filters .label{color:var(--mute);font-size:13px;margin-left:6px}
.filters .group{display:inline-flex;flex-wrap:wrap;gap:4px}
.filters button{font:inherit;font-size:13px;border:1px solid var(--line);background:#fff;border-radius:14px;
padding:2px 10px;cursor:pointer}
.filters button.on{background:var(--accent);border-color:var(--accent);color:#fff}
table{border-collapse:collapse}
.synthesis th,.synthesis td{border:1px solid var(--line);padding:4px 12px}
.synthesis thead th{background:var(--bg);font-size:13px}
.synthesis tr.total{font-weight:600;background:var(--bg)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.bad{color:var(--ko);font-weight:600}.warn{color:var(--warn)}
.muted{color:var(--mute);font-size:13px}.none{color:var(--ok)}
.failure-list{padding-left:18px}.failure-list li{margin:6px 0}
.error-short{white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;color:var(--ko);
margin:2px 0 0}
.matrix{width:100%;table-layout:fixed}
.matrix th,.matrix td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
.matrix thead th{background:var(--bg);font-size:13px}
.matrix thead th:first-child{width:24%}.matrix thead th:nth-child(2){width:9em}
.matrix .rule-id{font-weight:700;margin-right:4px}.matrix .rule-text{font-weight:400;font-size:13px}
.rule-state{font-size:13px;font-weight:600;white-space:nowrap}
.rule-state.ok{color:var(--ok)}.rule-state.fail{color:var(--ko)}.rule-state.quarantine{color:var(--warn)}
.rule-state.notrun{color:var(--mute)}.rule-state.uncovered{color:var(--warn)}
.rule-state .why{font-weight:400;font-size:12px;color:var(--mute);margin-top:2px;white-space:normal}
.chip.rule-ok{background:var(--ok-bg,#dafbe1);color:var(--ok)}.chip.rule-fail{background:var(--ko-bg,#ffebe9);color:var(--ko)}
.chip.rule-quarantine{background:var(--warn-bg);color:var(--warn)}.chip.rule-notrun{background:#eaeef2;color:var(--mute)}
td.uncovered{background:var(--warn-bg);color:var(--warn);font-size:13px;font-weight:600}
td.empty{color:#8c959f;text-align:center}
.chip{display:block;font-size:12px;line-height:1.3;text-decoration:none;border-radius:4px;padding:2px 6px;
margin:2px 0;overflow-wrap:anywhere}
.st-passed.chip{background:var(--ok-bg);color:var(--ok)}.st-failed.chip,.st-error.chip{background:var(--ko-bg);color:var(--ko)}
.st-flaky.chip,.st-quarantined.chip{background:var(--warn-bg);color:var(--warn)}.st-notrun.chip,.st-skipped.chip{background:#eaeef2;color:var(--mute)}
.badge{display:inline-block;font-size:12px;font-weight:600;border-radius:10px;padding:1px 8px;white-space:nowrap}
.badge.st-passed{background:var(--ok-bg);color:var(--ok)}.badge.st-failed,.badge.st-error{background:var(--ko-bg);color:var(--ko)}
.badge.st-flaky,.badge.st-quarantined{background:var(--warn-bg);color:var(--warn)}.badge.st-skipped,.badge.st-notrun{background:#eaeef2;color:var(--mute)}
.feature-desc{white-space:pre-line;color:var(--mute);margin:2px 0 8px}
details.scenario{border:1px solid var(--line);border-left:4px solid #8c959f;border-radius:6px;margin:6px 0;\
background:#fff}
details.scenario.st-passed{border-left-color:var(--ok)}details.scenario.st-failed,details.scenario.st-error{border-left-color:var(--ko)}
details.scenario.st-flaky,details.scenario.st-quarantined{border-left-color:var(--warn)}
details.scenario>summary{cursor:pointer;padding:6px 10px;list-style-position:inside}
.sc-kw{color:var(--mute)}.sc-name{font-weight:600}
.channel{font-size:12px;border:1px solid var(--line);border-radius:10px;padding:0 7px;color:var(--mute)}
.tag{font-size:11.5px;color:var(--accent);font-family:ui-monospace,Menlo,Consolas,monospace}
.dur{float:right;color:var(--mute);font-size:13px}
.sc-body{padding:2px 12px 12px}
.steps{width:100%;margin:4px 0}
.steps th{font-size:12px;color:var(--mute);text-align:left;border-bottom:1px solid var(--line);padding:2px 6px}
.steps td{padding:3px 6px;border-bottom:1px solid #eaeef2;vertical-align:top}
.steps td.icon{width:1.6em;text-align:center}.steps td.kw{font-weight:600;white-space:nowrap;width:1%}
.steps td.st{white-space:nowrap;width:1%;font-size:13px}.steps td.num{width:5em;font-size:13px;color:var(--mute)}
.step-passed .icon,.step-passed .st{color:var(--ok)}
.step-failed{background:var(--ko-bg)}.step-failed td{color:var(--ko);border-bottom-color:#ffcecb}
.step-notrun td{color:#8c959f}
.here{font-size:12px;margin-left:6px}
.example{margin:6px 0;font-size:13px}.example th,.example td{border:1px solid var(--line);padding:2px 8px}
.example th{background:var(--bg)}
.failure{border:1px solid #ffcecb;background:#fffafa;border-radius:6px;padding:8px 12px;margin-top:10px}
details.st-flaky .failure,details.st-quarantined .failure{border-color:#eed888;background:#fffdf0}
details.st-flaky .failure h4,details.st-quarantined .failure h4{color:var(--warn)}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:4px 0}
pre.error{background:#fff;border:1px solid var(--line);border-radius:4px;padding:8px}
.shot{margin:8px 0}.shot img{max-width:100%;max-height:520px;border:1px solid var(--line);border-radius:4px}
.shot figcaption{font-size:12px;color:var(--mute)}
.source pre{max-height:360px;overflow:auto;background:var(--bg);padding:8px;border-radius:4px}
code{font:13px ui-monospace,Menlo,Consolas,monospace;background:var(--bg);padding:1px 4px;border-radius:3px}
.hidden{display:none!important}
@media print{.filters{display:none}details.scenario{break-inside:avoid}}
/* A phone (390 px): the matrix becomes one card per rule, each channel labelled; wide tables scroll. */
@media (max-width:640px){.matrix,.matrix tbody,.matrix tr,.matrix th,.matrix td{display:block;width:auto}
.matrix{table-layout:auto}
.matrix thead{display:none}
.matrix tr{border:1px solid var(--line);margin:0 0 8px}
.matrix th,.matrix td{border:0;border-top:1px solid var(--line)}
.matrix td.empty{display:none}
.matrix td[data-label]::before{content:attr(data-label);display:block;font-size:12px;font-weight:600;color:var(--mute)}
table.synthesis,table.steps{display:block;overflow-x:auto;max-width:100%}
img{max-width:100%}
pre,code{white-space:pre-wrap;word-break:break-word}}
"""

SCRIPT = """
(function(){
  var channel='', status='';
  function apply(){
    document.querySelectorAll('[data-channels]').forEach(function(el){
      var okC=!channel||(' '+el.dataset.channels+' ').indexOf(' '+channel+' ')>=0;
      var okS=!status||status.split(' ').some(function(s){return (' '+el.dataset.status+' ').indexOf(' '+s+' ')>=0;});
      el.classList.toggle('hidden',!(okC&&okS));
    });
    document.querySelectorAll('section.feature').forEach(function(sec){
      sec.classList.toggle('hidden',!sec.querySelector('details.scenario:not(.hidden)'));
    });
    document.querySelectorAll('[data-col]').forEach(function(el){
      var col=el.dataset.col; el.classList.toggle('hidden',!!(channel&&col&&col!==channel));
    });
  }
  function bind(id,set){
    var group=document.getElementById(id); if(!group)return;
    group.addEventListener('click',function(e){
      var b=e.target.closest('button'); if(!b)return;
      group.querySelectorAll('button').forEach(function(x){x.classList.remove('on');});
      b.classList.add('on'); set(b); apply();
    });
  }
  bind('channel-filter',function(b){channel=b.dataset.channel;});
  bind('status-filter',function(b){status=b.dataset.status;});
})();
"""
