"""Shards: ``--shard i/N`` runs the i-th of N balanced parts of the suite, as Playwright Test's
``--shard`` does, so that a CI matrix of N machines runs the suite once between them.

The split is pytest-split's ``least_duration`` algorithm (each scenario, longest first, goes to the
part with the least time so far), fed with the durations of earlier runs (``--shard-durations``,
default ``reports/durees.json``, written by every run and by the merge); without recorded durations
every scenario counts the same (split by count). Every process that collects (the only one, or each
pytest-xdist worker) computes the same split from the same collection, so every scenario is in
exactly one part.

Every run that ran scenarios also leaves, beside its HTML report, ``resultats.json`` (its results, for
``python -m reporting.merge``) and ``durees.json`` (seconds per scenario, for the next split).
"""
from __future__ import annotations

import json
import os
import pathlib
import re

import pytest

from harness import split_internals
from reporting import run_file, secrets

EMPTY = pytest.StashKey[bool]()  # this part had no scenario
RAN = pytest.StashKey[int]()  # scenarios this part ran
SHARD = re.compile(r"^\s*([0-9]+)\s*/\s*([0-9]+)\s*$")
DEFAULT_DURATIONS = "reports/" + run_file.DURATIONS_NAME
# pytest-split builds a list per part: 1/10**30 would never end. A CI matrix has a few dozen machines at most.
MAX_SHARDS = 1000


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("parties", "Parallels Access : parties (shards) de la suite")
    group.addoption("--shard", default=os.environ.get("PA_SHARD") or None, metavar="i/N",
                    help="ne lancer que la i-ème de N parties équilibrées de la suite (ex. 2/3), une par machine "
                         "de CI ; les rapports des parties se fusionnent avec `make rapport`. Variable : PA_SHARD")
    group.addoption("--shard-durations", default=os.environ.get("PA_SHARD_DURATIONS", DEFAULT_DURATIONS),
                    metavar="CHEMIN",
                    help="durées des scénarios lors des runs précédents (JSON {id: secondes}, écrit par chaque run "
                         f"et par la fusion) pour équilibrer les parties ; défaut {DEFAULT_DURATIONS}. "
                         "Absent : répartition par nombre. Variable : PA_SHARD_DURATIONS")


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


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    value = config.getoption("--shard")
    if not value:
        return
    index, total = parse(value)
    path = durations_file(config)
    load_durations(path)  # refuse a broken file before anything starts
    split_internals.ask_for_part(config, index, total, str(path))  # pytest-split, configured after, does the split


def report_folder(config: pytest.Config) -> pathlib.Path:
    """The folder of this run's reports: the HTML report's."""
    path = pathlib.Path(config.getoption("--html-report"))
    return (path if path.is_absolute() else config.invocation_params.dir / path).parent


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus):
    """Once the HTML report's run is built (reporting.plugin, a trylast hook inside this wrapper)."""
    outcome = yield
    config = session.config
    if not hasattr(config, "workerinput"):
        _write_run_files(session, exitstatus)
    return outcome


def _write_run_files(session: pytest.Session, exitstatus) -> None:
    config = session.config
    from reporting.plugin import PLUGIN_NAME
    collector = getattr(config.pluginmanager.get_plugin(PLUGIN_NAME), "collector", None)
    run = getattr(collector, "run", None)
    shard = config.getoption("--shard")
    if run is None:
        if not (shard and collector is not None and int(exitstatus) == pytest.ExitCode.NO_TESTS_COLLECTED):
            return
        # More parts than scenarios: an empty part is not an error, and the merge still finds its folder.
        config.stash[EMPTY] = True
        session.exitstatus = pytest.ExitCode.OK
        run = collector.build_run(pytest.ExitCode.OK)
    folder = report_folder(config)
    ran = run_file.durations(run)
    run_file.dump(run, folder, config.rootpath, {"shard": shard or "", "durations_file": str(durations_file(config)),
                                                 "features_dir": config.getini("bdd_features_base_dir") or "",
                                                 "run_id": os.environ.get("PA_RUN_ID", "")},
                  redact=secrets.known_secrets(config))
    # A filtered run or a shard knows only its own scenarios: the others' durations are kept.
    kept = folder / run_file.DURATIONS_NAME
    run_file.write_durations({**load_durations(kept), **ran}, kept)
    config.stash[RAN] = len(ran)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    shard = config.getoption("--shard")
    if not shard:
        return
    if config.stash.get(EMPTY, False):
        terminalreporter.write_line(f"Partie {shard} : aucun scénario (plus de parties que de scénarios).",
                                    yellow=True)
        return
    path = durations_file(config)
    how = (f"équilibrée par les durées de {os.path.relpath(path)}" if load_durations(path)
           else f"répartie par nombre (aucune durée enregistrée dans {os.path.relpath(path)})")
    terminalreporter.write_line(f"Partie {shard} : {config.stash.get(RAN, 0)} scénario(s), {how}. "
                                f"Rapports : {os.path.relpath(report_folder(config))}/ ; "
                                "fusion des parties : make rapport")
