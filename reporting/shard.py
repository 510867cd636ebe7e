"""The reports of a part (``--shard i/N``, fixtures/shard.py) and of every run that ran scenarios: beside its HTML
report, ``resultats.json`` (its results, for ``python -m reporting.merge``) and ``durees.json`` (seconds per
scenario, for the next split); in the terminal, what the part ran and how it was balanced.
"""
from __future__ import annotations

import os
import pathlib

import pytest

from harness import shards
from harness.secret_scan import known_secrets
from reporting import run_file

EMPTY = pytest.StashKey[bool]()  # this part had no scenario
RAN = pytest.StashKey[int]()  # scenarios this part ran


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
    extra = {"shard": shard or "", "durations_file": str(shards.durations_file(config)),
             "features_dir": config.getini("bdd_features_base_dir") or "", "run_id": os.environ.get("PA_RUN_ID", "")}
    run_file.dump(run, folder, config.rootpath, extra, redact=known_secrets(config))
    # A filtered run or a shard knows only its own scenarios: the others' durations are kept.
    kept = folder / run_file.DURATIONS_NAME
    run_file.write_durations({**shards.load_durations(kept), **ran}, kept)
    config.stash[RAN] = len(ran)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    shard = config.getoption("--shard")
    if not shard:
        return
    if config.stash.get(EMPTY, False):
        terminalreporter.write_line(f"Partie {shard} : aucun scénario (plus de parties que de scénarios).",
                                    yellow=True)
        return
    path = shards.durations_file(config)
    how = (f"équilibrée par les durées de {os.path.relpath(path)}" if shards.load_durations(path)
           else f"répartie par nombre (aucune durée enregistrée dans {os.path.relpath(path)})")
    terminalreporter.write_line(f"Partie {shard} : {config.stash.get(RAN, 0)} scénario(s), {how}. "
                                f"Rapports : {os.path.relpath(report_folder(config))}/ ; "
                                "fusion des parties : make rapport")
