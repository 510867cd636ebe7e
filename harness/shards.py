"""A part of the suite is pytest-split's (``--splits N --group i``; ``make e2e SHARD=i/N`` passes them), balanced on
pytest-split's own durations file (``.test_durations``, ``--durations-path``). What pytest-split does not say in
French: which values make no part, and a durations file it could not read (it would stop on a traceback)."""
from __future__ import annotations

import json
import pathlib

RESULTS_NAME = "resultats.json"  # a part's results, for the merge (reporting/run_file.py writes it)
# pytest-split builds a list per part: 10**30 parts would never end. A CI matrix has a few dozen machines at most.
MAX_SHARDS = 1000
EXAMPLE = "par exemple --splits 3 --group 2 (la 2e de 3 parties ; make e2e SHARD=2/3)"


def refusal(splits: int | None, group: int | None) -> str | None:
    """Why ``--splits``/``--group`` name no part, in French; None when they do (or when neither is given)."""
    if splits is None and group is None:
        return None
    if splits is None or group is None:
        return f"--splits et --group vont ensemble : {EXAMPLE}."
    if splits > MAX_SHARDS:
        return f"--splits {splits} : au plus {MAX_SHARDS} parties (une par machine de CI), {EXAMPLE}."
    if splits < 1 or not 1 <= group <= splits:
        return (f"--splits {splits} --group {group} : la partie (--group) doit être entre 1 et le nombre de parties "
                f"(--splits ≥ 1), {EXAMPLE}.")
    return None


def durations_problem(path: pathlib.Path) -> str | None:
    """Why pytest-split could not read its durations file, in French; None when it can (or when there is none)."""
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return (f"--durations-path {path} : fichier illisible ({exc}). Supprimez-le (répartition par nombre) ou "
                "reprenez celui du dépôt (git checkout .test_durations).")
    if not isinstance(values, dict) or not all(isinstance(v, (int, float)) for v in values.values()):
        return f"--durations-path {path} : attendu l'objet JSON de pytest-split {{id du test: secondes}}."
    return None


def has_durations(path: pathlib.Path) -> bool:
    return durations_problem(path) is None and path.is_file() and bool(json.loads(path.read_text(encoding="utf-8")))
