"""Step catalogue: every step sentence a scenario can use, in French, for QA writers and product owners.

For each step definition: the sentence with its parameters shown as «paramètre», its type (Soit /
Étant donné, Quand, Alors), the channels it is used on (from the tags of the scenarios that use it,
"non utilisée" when none), the ``file:line`` of its definition and one example of use (``file:line``
and the step as written). Steps are grouped by domain: one steps module, titled by the first line of its
docstring.

Command line::

    python -m tools.step_catalogue [--format markdown|text] [--output FILE] [--editeur DIR]
                                   [--features DIR] [--steps DIR] [--ini FILE]

``--editeur .vscode`` (what ``make catalogue`` passes) also writes the editor settings that take each sentence to its
definition in VS Code (tools/editor_settings.py).

Default: markdown on stdout. Exit code 0, or 2 when a folder is missing. It reuses the analysis of
``tools.gherkin_guard`` (same parser, same matching as pytest-bdd), so what it lists is what runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools import editor_settings
from tools.gherkin_guard import Analysis, StepDefinition, analyse, human_sentence
from tools.gherkin_guard.analysis import CHANNEL_TAGS
from tools.gherkin_guard.cli import argument_parser, parse_project_args
from tools.gherkin_guard.problems import shown_path

TYPE_TITLES = {
    "given": "Soit / Étant donné",
    "when": "Quand",
    "then": "Alors",
    None: "Soit / Quand / Alors",
}
TYPE_ORDER = {"given": 0, "when": 1, "then": 2, None: 3}
NOT_USED = "non utilisée"
NO_CHANNEL = "aucun canal"


@dataclass
class Entry:
    type_title: str
    sentence: str
    channels: str
    example_location: str | None
    example_text: str | None
    definition: str  # file:line of the Python definition


@dataclass
class Domain:
    title: str
    module: str
    file: str
    entries: list[Entry] = field(default_factory=list)


def _title_from_doc(doc: str, fallback: str) -> str:
    first = doc.strip().splitlines()[0].strip() if doc.strip() else ""
    return first.rstrip(".") or fallback


def build_catalogue(analysis: Analysis, channels: Sequence[str] = CHANNEL_TAGS) -> list[Domain]:
    base = analysis.base
    docs = {m.name: m.doc for m in analysis.modules}
    files = {m.name: m.file for m in analysis.modules}
    by_module: dict[str, list[StepDefinition]] = {}
    for definition in analysis.definitions:
        by_module.setdefault(definition.module, []).append(definition)

    domains: list[Domain] = []
    for module in sorted(by_module):
        definitions = sorted(by_module[module], key=lambda d: (TYPE_ORDER.get(d.type, 9), d.line))
        file = files.get(module) or definitions[0].file
        domain = Domain(
            title=_title_from_doc(docs.get(module, ""), module),
            module=module,
            file=shown_path(file, base),
        )
        for definition in definitions:
            # Prefer a concrete example (not an outline line with <paramètres>), then file order.
            uses = sorted(
                analysis.uses_of(definition), key=lambda u: ("<" in u.text, str(u.file), u.line)
            )
            if uses:
                tags = set().union(*(u.tags for u in uses))
                used_channels = [c for c in channels if c in tags]
                channel_text = ", ".join(used_channels) or NO_CHANNEL
                example = uses[0]
                location = f"{shown_path(example.file, base)}:{example.line}"
                text = example.as_written
            else:
                channel_text, location, text = NOT_USED, None, None
            domain.entries.append(
                Entry(
                    type_title=TYPE_TITLES.get(definition.type, str(definition.type)),
                    sentence=human_sentence(definition),
                    channels=channel_text,
                    example_location=location,
                    example_text=text,
                    definition=f"{shown_path(definition.file, base)}:{definition.line}",
                )
            )
        domains.append(domain)
    return domains


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(domains: Sequence[Domain]) -> str:
    total = sum(len(d.entries) for d in domains)
    lines = [
        "# Catalogue des étapes",
        "",
        "Phrases disponibles pour écrire un scénario (fichier `.feature` commençant par `# language: fr`).",
        "Une valeur entre «guillemets» est un paramètre : écrivez la valeur voulue à sa place",
        "(par exemple «pack» devient `1 an`). « Et » et « Mais » reprennent le type de l'étape précédente.",
        "Le canal d'un scénario se donne par un tag (@web, @ios, @android) et la règle vérifiée par @R01 à @R23.",
        "",
        f"{total} phrase(s) dans {len(domains)} domaine(s).",
        "",
    ]
    for domain in domains:
        lines += [
            f"## {domain.title}",
            "",
            f"Module `{domain.file}`",
            "",
            "| Type | Phrase | Définition | Canaux | Exemple |",
            "|---|---|---|---|---|",
        ]
        for entry in domain.entries:
            if entry.example_location:
                example = f"`{entry.example_location}` : {_md_cell(entry.example_text or '')}"
            else:
                example = "—"
            lines.append(
                f"| {entry.type_title} | {_md_cell(entry.sentence)} | `{entry.definition}` | {entry.channels} "
                f"| {example} |"
            )
        lines.append("")
    return "\n".join(lines)


def render_text(domains: Sequence[Domain]) -> str:
    total = sum(len(d.entries) for d in domains)
    lines = ["CATALOGUE DES ÉTAPES", f"{total} phrase(s) dans {len(domains)} domaine(s).", ""]
    for domain in domains:
        lines.append(f"== {domain.title} ({domain.file})")
        for entry in domain.entries:
            lines.append(f"  [{entry.type_title}] {entry.sentence}")
            lines.append(f"      définition : {entry.definition}")
            lines.append(f"      canaux : {entry.channels}")
            if entry.example_location:
                lines.append(f"      exemple : {entry.example_location}  {entry.example_text}")
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argument_parser(
        "python -m tools.step_catalogue",
        "Liste les phrases d'étapes disponibles, par domaine, avec leurs canaux et un exemple.",
    )
    parser.add_argument("--format", choices=("markdown", "text"), default="markdown", help="défaut : markdown")
    parser.add_argument("--output", default=None, help="fichier de sortie (défaut : sortie standard)")
    parser.add_argument("--editeur", default=None, metavar="DOSSIER",
                        help="écrit aussi, dans DOSSIER (.vscode), les réglages qui mènent chaque phrase à sa "
                             "définition dans VS Code (extension « Cucumber ») : etapes_pour_editeur.py, settings.json")
    args = parse_project_args(parser, argv, "Catalogue des étapes")
    if args is None:
        return 2
    analysis = analyse(args.features, args.steps, args.ini)
    domains = build_catalogue(analysis)
    output = render_markdown(domains) if args.format == "markdown" else render_text(domains)
    if args.output:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(output + "\n", encoding="utf-8")
    else:
        sys.stdout.write(output + "\n")
    if args.editeur:
        try:
            files = editor_settings.write(analysis, Path(args.steps), Path(args.features), Path(args.editeur))
        except ValueError as exc:
            print(f"Réglages de l'éditeur non écrits : {exc}", file=sys.stderr)
            return 1
        for problem in files.problems:
            print(f"Réglages de l'éditeur : {problem}", file=sys.stderr)
        folder = Path(args.editeur)
        print(f"Réglages de l'éditeur : {len(files.entries)} phrase(s) dans {folder / editor_settings.GLUE_NAME}, "
              f"réglages dans {folder / editor_settings.SETTINGS_NAME}.", file=sys.stderr)
        if files.problems:
            return 1
    if analysis.errors:
        print(
            f"Catalogue des étapes : {len(analysis.errors)} erreur(s) signalée(s) par la garde Gherkin "
            "(python -m tools.gherkin_guard).",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
