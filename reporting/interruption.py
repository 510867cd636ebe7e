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


@pytest.hookimpl(trylast=True)  # the last word before pytest's own lines (« KeyboardInterrupt » after a second Ctrl-C)
def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    received = config.stash.get(facts.INTERRUPTED, "")
    if not received or hasattr(config, "workerinput"):
        return
    from reporting.plugin import PLUGIN_NAME
    run = getattr(getattr(config.pluginmanager.get_plugin(PLUGIN_NAME), "collector", None), "run", None)
    results = run.results if run else []
    stopped = sum(r.error == facts.STOPPED_NOTE for r in results)
    not_started = sum(r.status == model.NOT_RUN and r.error == facts.NOT_STARTED_NOTE for r in results)
    if received.endswith(facts.STOPPED_AT_ONCE):
        # pytest's terminal writes its own English lines right after this summary (« KeyboardInterrupt », where the
        # signal landed, « to show a full traceback… »: _pytest/terminal.py, TerminalReporter._report_keyboardinterrupt,
        # from wrap_session's `except KeyboardInterrupt` in _pytest/main.py); pytest offers no public way to change
        # them, so the French line comes first, right above them.
        terminalreporter.write_line(
            f"Run interrompu ({received}) : les scénarios en cours n'ont pas fini ; eux et ceux qui restaient sont "
            "« non exécuté » dans les rapports ; les comptes créés n'ont peut-être pas tous été supprimés ; code de "
            "sortie 2. Les lignes « KeyboardInterrupt » qui suivent sont celles de pytest.", red=True, bold=True)
        return
    terminalreporter.write_line(
        f"Run interrompu ({received}) : {stopped} scénario(s) arrêté(s) en cours, {not_started} sélectionné(s) non "
        "exécuté(s), marqués « interrompu » dans le rapport ; comptes créés nettoyés (voir ci-dessus) ; "
        "code de sortie 2.", red=True, bold=True)
