"""Each run stamps its report folder: a killed run leaves nothing that a merge could take for its results.

At the start of a run of the scenarios, the controller picks a run id (``PA_RUN_ID``, inherited by the workers and
the sandbox), writes ``run.json`` beside the HTML report (``{"run_id", "started", "finished": false}``) and removes the
previous run's ``resultats.json`` there: it is this run's now, or nothing. At the end (after reporting.shard wrote
``resultats.json`` with the same id) the stamp says ``finished``, with the exit code, interrupted runs included
(exit code 2: their scenarios not run are « interrompu »). A run killed outright (SIGKILL, a CI time-out, a machine
lost) never gets there: ``python -m reporting.merge`` then refuses its folder in French (:func:`part_problem`),
instead of building a report, dated now, from the previous run's data.

The stamp itself, without pytest: the run writes it through fixtures/run_stamp.py, the merge reads it.
"""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import secrets

from harness.shards import RESULTS_NAME

STAMP_NAME = "run.json"
RUN_ID_VARIABLE = "PA_RUN_ID"


def new_run_id() -> str:
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def _write(folder: pathlib.Path, stamp: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / (STAMP_NAME + ".tmp")
    temporary.write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(folder / STAMP_NAME)  # whole or not at all, even if killed while writing


def start(folder: pathlib.Path, run_id: str) -> None:
    """This folder is now `run_id`'s: the previous run's results cannot be read as this one's."""
    (folder / RESULTS_NAME).unlink(missing_ok=True)
    _write(folder, {"run_id": run_id, "started": dt.datetime.now().isoformat(timespec="seconds"), "finished": False})


def finish(folder: pathlib.Path, run_id: str, exit_status: int) -> None:
    stamp = read(folder) or {"run_id": run_id}
    stamp.update(finished=True, ended=dt.datetime.now().isoformat(timespec="seconds"), exit_status=exit_status)
    _write(folder, stamp)


def read(folder: pathlib.Path) -> dict | None:
    try:
        stamp = json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def part_problem(folder: pathlib.Path) -> str | None:
    """Why `folder` cannot be merged (in French), or None: a part from a run that finished, results of that run."""
    stamp = read(folder)
    if stamp is None and not (folder / RESULTS_NAME).exists():
        return None  # not a part at all: the merge says what it expected
    if stamp is None:
        return (f"{folder} : pas de {STAMP_NAME} lisible, le tampon qu'écrit chaque run. Ce dossier vient d'une "
                "version antérieure du harnais ou a été copié à moitié. Relancez cette partie (make e2e SHARD=i/N).")
    if not stamp.get("finished"):
        return (f"{folder} : le run {stamp.get('run_id', '?')}, démarré le {stamp.get('started', '?')}, ne s'est pas "
                "terminé (tué ou arrêté net) : ses résultats manquent ou sont d'un autre run. Relancez cette partie "
                "(make e2e SHARD=i/N).")
    try:
        results_id = json.loads((folder / RESULTS_NAME).read_text(encoding="utf-8")).get("run_id")
    except (OSError, ValueError, AttributeError):
        return None  # missing or unreadable: the merge says so itself
    if results_id != stamp.get("run_id"):
        return (f"{folder} : {RESULTS_NAME} vient du run {results_id or 'sans identifiant'}, pas du dernier run "
                f"lancé dans ce dossier ({stamp.get('run_id')}) : résultats périmés. Relancez cette partie.")
    return None
