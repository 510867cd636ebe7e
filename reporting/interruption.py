"""Interrupted is interrupted: Ctrl-C (SIGINT) or SIGTERM from CI stops the run in order, and every output says so.

Without this, a Ctrl-C during a ``-n 2`` run reached the workers and the browsers at once: the scenarios under way
failed with a library's phrase (« Target page, context or browser has been closed »), the run ended with exit code
1, and nothing said it was interrupted; a SIGTERM killed pytest before any report.

Now, in every process of a run of the scenarios (the controller and each pytest-xdist worker):

- the first SIGINT or SIGTERM sets ``session.shouldstop``: each process stops after the scenario under way, as
  ``pytest -x`` does; pytest-xdist's controller stops when its workers report it, and pytest ends with exit code 2
  (README table). The controller forwards the signal to its workers (CI sends SIGTERM to it alone);
- a scenario that fails or errors once the signal arrived (its browser went down with the Ctrl-C) is reported
  skipped, « interrompu », not failed, and not retried;
- the session's clean-up runs as on any ending (accounts deleted through the test-data API: the sandbox has its own
  session, harness/sandbox_process.py, and is still serving); the reports are written, the scenarios no test ran
  marked « interrompu », and the terminal says so in French;
- a second signal to the controller stops at once (KeyboardInterrupt, as pytest does without this module).
"""
from __future__ import annotations

import datetime as dt
import os
import pathlib
import signal
import tempfile

import pytest

from harness import run_model as model
from tools.gherkin_guard.pytest_plugin import only_harness_tests

STOP_MESSAGE = "run interrompu (Ctrl-C ou SIGTERM) : arrêt après les scénarios en cours"
NOTE = "interrompu : le run a été arrêté (Ctrl-C ou SIGTERM) avant la fin de ce scénario"
NOT_RUN_NOTE = "interrompu : le run a été arrêté (Ctrl-C ou SIGTERM) avant ce scénario"
WORKERS_VARIABLE = "PA_RUN_WORKERS_DIR"  # where each worker leaves its pid, for the controller to signal it
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interruption:
    """The signals of one process of the run, and when the first one came."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.worker = hasattr(config, "workerinput")
        self.session: pytest.Session | None = None
        self.received: str = ""  # « SIGINT à 10:42:07 »
        self.previous = {sig: signal.signal(sig, self.on_signal) for sig in SIGNALS}
        self.workers_dir = None if self.worker else pathlib.Path(tempfile.mkdtemp(prefix="pa-run-workers-"))
        if self.workers_dir is not None:
            os.environ[WORKERS_VARIABLE] = str(self.workers_dir)  # inherited by the workers, started later
        elif os.environ.get(WORKERS_VARIABLE):
            (pathlib.Path(os.environ[WORKERS_VARIABLE]) / str(os.getpid())).touch()

    def on_signal(self, signum: int, _frame) -> None:
        if self.received:
            if not self.worker:  # a second signal to the controller: stop now, as pytest would
                self.restore()
                raise KeyboardInterrupt
            return  # a worker gets the terminal's Ctrl-C and the controller's copy of it: once is enough
        self.received = f"{signal.Signals(signum).name} à {dt.datetime.now():%H:%M:%S}"
        if self.session is not None:
            self.session.shouldstop = STOP_MESSAGE
        for pid in self._worker_pids():
            try:
                os.kill(pid, signal.SIGINT)
            except OSError:
                continue

    def _worker_pids(self) -> list[int]:
        if self.workers_dir is None:
            return []
        return [int(p.name) for p in self.workers_dir.iterdir() if p.name.isdigit()]

    def restore(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        self.previous = {}
        if self.workers_dir is not None:
            for path in self.workers_dir.iterdir():
                path.unlink(missing_ok=True)
            self.workers_dir.rmdir()
            self.workers_dir = None


KEY = pytest.StashKey[Interruption]()


def pytest_configure(config: pytest.Config) -> None:
    option = config.option
    if (getattr(option, "help", False) or getattr(option, "version", False) or getattr(option, "collectonly", False)
            or only_harness_tests(config, pathlib.Path(config.rootpath))):
        return
    config.stash[KEY] = Interruption(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    interruption = config.stash.get(KEY, None)
    if interruption is not None:
        interruption.restore()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    interruption = session.config.stash.get(KEY, None)
    if interruption is not None:
        interruption.session = session
        if interruption.received:  # the signal came while the run was starting
            session.shouldstop = STOP_MESSAGE


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Once interrupted, a failure is the interruption's doing (the browser went down with the Ctrl-C): skipped,
    « interrompu », never failed nor retried; a teardown's error is not reported at all."""
    outcome = yield
    interruption = item.config.stash.get(KEY, None)
    report = outcome.get_result()
    if interruption is None or not interruption.received or not report.failed:
        return
    if report.when == "teardown":
        report.outcome, report.longrepr = "passed", None
        return
    report.outcome = "skipped"
    report.longrepr = (str(item.path), (item.location[1] or 0) + 1, f"Skipped: {NOTE}")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus) -> None:
    """Before the reports are built (reporting.plugin, trylast): the scenarios no test ran are « interrompu »."""
    if hasattr(session.config, "workerinput") or int(session.exitstatus) != pytest.ExitCode.INTERRUPTED:
        return
    from reporting.plugin import PLUGIN_NAME
    collector = getattr(session.config.pluginmanager.get_plugin(PLUGIN_NAME), "collector", None)
    option = session.config.option
    # With a selection (-k, -m, a part), a scenario not run may just not be selected: only « non exécuté » then.
    selected_all = not (getattr(option, "keyword", "") or getattr(option, "markexpr", "")
                        or getattr(option, "shard", None) or getattr(option, "lf", False))
    if collector is not None and selected_all:
        collector.not_run_note = NOT_RUN_NOTE


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    if int(exitstatus) != pytest.ExitCode.INTERRUPTED or hasattr(config, "workerinput"):
        return
    interruption = config.stash.get(KEY, None)
    from reporting.plugin import PLUGIN_NAME
    run = getattr(getattr(config.pluginmanager.get_plugin(PLUGIN_NAME), "collector", None), "run", None)
    results = run.results if run else []
    stopped = sum(r.status != model.NOT_RUN and r.error.startswith("interrompu") for r in results)
    ran = sum(r.status != model.NOT_RUN for r in results if r.bdd)
    collected = getattr(interruption.session, "testscollected", 0) if interruption else 0
    not_run = max(0, int(collected or 0) - ran)
    when = f" ({interruption.received})" if interruption and interruption.received else ""
    terminalreporter.write_line(
        f"Run interrompu{when} : {stopped} scénario(s) arrêté(s) en cours, {not_run} sélectionné(s) non exécuté(s), "
        "marqués « interrompu » dans le rapport ; comptes créés nettoyés (voir ci-dessus) ; code de sortie 2.",
        red=True, bold=True)
