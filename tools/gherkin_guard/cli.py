"""Command line (``python -m tools.gherkin_guard``) and the report it prints."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .analysis import analyse
from .problems import Problem

# Problems printed in full by default: a file of thousands of mistakes is refused in a screen, not in megabytes.
SHOWN_PROBLEMS = 50


def format_report(problems: Sequence[Problem], file_count: int, limit: int | None = SHOWN_PROBLEMS) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    lines = [f"Garde Gherkin : {errors} erreur(s), {warnings} avertissement(s) dans {file_count} fichiers"]
    shown = problems if limit is None else problems[:limit]
    lines.extend(p.format() for p in shown)
    hidden = len(problems) - len(shown)
    if hidden:
        files = len({p.file for p in problems[len(shown):]})
        lines.append(f"… et {hidden} autre(s) problème(s) dans {files} fichier(s), non affichés "
                     "(python -m tools.gherkin_guard --tout les liste tous).")
    return "\n".join(lines)


def argument_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--features", default="features", help="dossier des fichiers .feature (défaut : features)")
    parser.add_argument("--steps", default="steps", help="dossier des définitions d'étapes (défaut : steps)")
    parser.add_argument("--ini", default="pytest.ini", help="fichier des marqueurs (défaut : pytest.ini)")
    return parser


def _check_paths(args: argparse.Namespace) -> list[str]:
    missing = []
    if not Path(args.features).is_dir():
        missing.append(f"dossier des fonctionnalités introuvable : {args.features}")
    if not Path(args.steps).is_dir():
        missing.append(f"dossier des étapes introuvable : {args.steps}")
    if not Path(args.ini).is_file():
        missing.append(f"fichier ini introuvable : {args.ini}")
    return missing


def parse_project_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None,
                       tool: str) -> argparse.Namespace | None:
    """Parse the command line; None (after saying why on stderr) when a project path is missing."""
    args = parser.parse_args(argv)
    missing = _check_paths(args)
    for message in missing:
        print(f"{tool} : {message}", file=sys.stderr)
    return None if missing else args


def main(argv: Sequence[str] | None = None) -> int:
    parser = argument_parser(
        "python -m tools.gherkin_guard",
        "Vérifie les fichiers .feature (syntaxe, langue, apostrophes, NFC, étapes, tags) avant toute exécution.",
    )
    parser.add_argument("--tout", action="store_true",
                        help=f"afficher tous les problèmes (défaut : les {SHOWN_PROBLEMS} premiers, puis leur nombre)")
    args = parse_project_args(parser, argv, "Garde Gherkin")
    if args is None:
        return 2
    started = time.perf_counter()
    analysis = analyse(args.features, args.steps, args.ini)
    print(format_report(analysis.problems, len(analysis.feature_files), None if args.tout else SHOWN_PROBLEMS))
    elapsed = time.perf_counter() - started
    print(f"({elapsed:.2f} s)", file=sys.stderr)
    return 1 if analysis.errors else 0
