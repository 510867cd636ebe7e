"""The reports of a part (pytest-split's ``--splits N --group i``, fixtures/shard.py) and of every run that ran
scenarios: beside its HTML report, ``resultats.json`` (its results, for ``python -m reporting.merge``); in the
terminal, what the part ran and how it was balanced. The durations are pytest-split's own (``--store-durations``).
"""
from __future__ import annotations

import os
import pathlib

import pytest

from harness import run_model as model
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
    shard = part(config)
    if run is None:
        if not (shard and collector is not None and int(exitstatus) == pytest.ExitCode.NO_TESTS_COLLECTED):
            return
        # More parts than scenarios: an empty part is not an error, and the merge still finds its folder.
        config.stash[EMPTY] = True
        session.exitstatus = pytest.ExitCode.OK
        run = collector.build_run(pytest.ExitCode.OK)
    folder = report_folder(config)
    extra = {"shard": shard or "", "durations_file": config.getoption("durations_path"),
             "features_dir": config.getini("bdd_features_base_dir") or "", "run_id": os.environ.get("PA_RUN_ID", "")}
    run_file.dump(run, folder, config.rootpath, extra, redact=known_secrets(config))
    config.stash[RAN] = sum(r.status != model.NOT_RUN for r in run.results)


def part(config: pytest.Config) -> str | None:
    """« i/N » for pytest-split's group i of N, as the merge and the terminal name a part."""
    splits, group = config.getoption("splits"), config.getoption("group")
    return f"{group}/{splits}" if splits and group else None


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    shard = part(config)
    if not shard:
        return
    if config.stash.get(EMPTY, False):
        terminalreporter.write_line(f"Partie {shard} : aucun scénario (plus de parties que de scénarios).",
                                    yellow=True)
        return
    path = pathlib.Path(config.getoption("durations_path"))
    how = (f"équilibrée par les durées de {os.path.relpath(path)}" if shards.has_durations(path)
           else f"répartie par nombre (aucune durée enregistrée dans {os.path.relpath(path)})")
    terminalreporter.write_line(f"Partie {shard} : {config.stash.get(RAN, 0)} scénario(s), {how}. "
                                f"Rapports : {os.path.relpath(report_folder(config))}/ ; "
                                "fusion des parties : make rapport")
