"""Which feature files pytest will collect: the folders and files given to pytest-bdd's ``scenarios()``.

A feature file outside them would pass the guard and then never run; the guard refuses it instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .problems import Problem, shown_path


def bound_feature_paths(steps_dir: Path, features_dir: Path) -> list[Path] | None:
    """Paths bound by ``scenarios("web", ...)`` in the test modules of the steps folder (relative to the
    features folder, pytest-bdd's ``bdd_features_base_dir``); None when they cannot be read statically."""
    bound: list[Path] = []
    for module in sorted(steps_dir.rglob("test_*.py")):
        try:
            tree = ast.parse(module.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            return None
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                    == "scenarios"):
                continue
            if node.keywords or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                return None  # computed paths or another base folder: trust them
            bound.extend((features_dir / a.value).resolve() for a in node.args)
    return bound or None


def unbound_problem(display: str, bound: list[Path], features_dir: Path, base: Path) -> Problem:
    folders = ", ".join(str(p.relative_to(features_dir)) if p.is_relative_to(features_dir) else str(p)
                        for p in bound)
    return Problem(display, 1, "non-collecte",
                   f"Ce fichier ne serait jamais exécuté : les tests ne lient que {folders} "
                   f"(scenarios(...) dans {shown_path(features_dir.parent / 'steps', base)}). Déplacez-le dans "
                   "un de ces dossiers ou liez son dossier.")
