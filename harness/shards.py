"""What ``--shard i/N`` means (one of N balanced parts of the suite, as Playwright Test's ``--shard``) and the durations
file that balances the parts (seconds per scenario of earlier runs, written by every run and by the merge)."""
from __future__ import annotations

import json
import os
import pathlib
import re

import pytest

SHARD = re.compile(r"^\s*([0-9]+)\s*/\s*([0-9]+)\s*$")
DURATIONS_NAME = "durees.json"
RESULTS_NAME = "resultats.json"  # a part's results, for the merge (reporting/run_file.py writes it)
DEFAULT_DURATIONS = "reports/" + DURATIONS_NAME
# pytest-split builds a list per part: 1/10**30 would never end. A CI matrix has a few dozen machines at most.
MAX_SHARDS = 1000


def parse(value: str) -> tuple[int, int]:
    """'2/3' -> (2, 3); a French usage error otherwise."""
    match = SHARD.match(value or "")
    value = value if len(value or "") <= 40 else value[:37] + "…"  # as shown in the message: one line
    if not match:
        raise pytest.UsageError(f"--shard « {value} » : attendu i/N, par exemple --shard 2/3 "
                                "(la 2e de 3 parties ; make e2e SHARD=2/3).")
    # Cut before int(): Python refuses to convert more than 4300 digits, and no part number needs ten.
    index, total = (int(group) if len(group) < 10 else MAX_SHARDS + 1 for group in match.groups())
    if total > MAX_SHARDS:
        raise pytest.UsageError(f"--shard « {value} » : au plus {MAX_SHARDS} parties (une par machine de CI), "
                                "par exemple --shard 1/3.")
    if total < 1 or not 1 <= index <= total:
        raise pytest.UsageError(f"--shard « {value} » : la partie i doit être entre 1 et N (N ≥ 1), "
                                f"par exemple --shard 1/{max(total, 1)}.")
    return index, total


def durations_file(config: pytest.Config) -> pathlib.Path:
    path = pathlib.Path(os.path.expanduser(config.getoption("--shard-durations")))
    return path if path.is_absolute() else config.invocation_params.dir / path


def load_durations(path: pathlib.Path) -> dict[str, float]:
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise pytest.UsageError(f"--shard-durations {path} : fichier illisible ({exc}). Supprimez-le (répartition "
                                "par nombre) ou donnez le durees.json d'un run précédent.") from None
    if not isinstance(values, dict) or not all(isinstance(v, (int, float)) for v in values.values()):
        raise pytest.UsageError(f"--shard-durations {path} : attendu un objet JSON {{id du scénario: secondes}}.")
    return {str(k): float(v) for k, v in values.items()}
