"""An interrupted run said as such, in French, on the terminal (fixtures/interruption.py stops it and makes each
report say « interrompu »; this module only reads them).

The results model counts a scenario skipped before it started (``harness.session.NOT_STARTED_NOTE``) as not run
(reporting/results.py): it is in the « Non exéc. » column, with its reason, in every output, and its duration is no
duration for the shards' balance.
"""
from __future__ import annotations

import pytest

from harness import run_model as model
from harness import session as facts


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    received = config.stash.get(facts.INTERRUPTED, "")
    if not received or hasattr(config, "workerinput"):
        return
    from reporting.plugin import PLUGIN_NAME
    run = getattr(getattr(config.pluginmanager.get_plugin(PLUGIN_NAME), "collector", None), "run", None)
    results = run.results if run else []
    stopped = sum(r.error == facts.STOPPED_NOTE for r in results)
    not_started = sum(r.status == model.NOT_RUN and r.error == facts.NOT_STARTED_NOTE for r in results)
    terminalreporter.write_line(
        f"Run interrompu ({received}) : {stopped} scénario(s) arrêté(s) en cours, {not_started} sélectionné(s) non "
        "exécuté(s), marqués « interrompu » dans le rapport ; comptes créés nettoyés (voir ci-dessus) ; "
        "code de sortie 2.", red=True, bold=True)
