"""Command line (``python -m tools.gherkin_guard``) and the report it prints."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .analysis import analyse
from .problems import Problem


def format_report(problems: Sequence[Problem], file_count: int) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    lines = [f"Garde Gherkin : {errors} erreur(s), {warnings} avertissement(s) dans {file_count} fichiers"]
    lines.extend(p.format() for p in problems)
    return "\n".join(lines)


def _argument_parser(prog: str, description: str) -> argparse.ArgumentParser:
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
    parser = _argument_parser(
        "python -m tools.gherkin_guard",
        "Vérifie les fichiers .feature (syntaxe, langue, apostrophes, NFC, étapes, tags) avant toute exécution.",
    )
    args = parse_project_args(parser, argv, "Garde Gherkin")
    if args is None:
        return 2
    started = time.perf_counter()
    analysis = analyse(args.features, args.steps, args.ini)
    print(format_report(analysis.problems, len(analysis.feature_files)))
    elapsed = time.perf_counter() - started
    print(f"({elapsed:.2f} s)", file=sys.stderr)
    return 1 if analysis.errors else 0
