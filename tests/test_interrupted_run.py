"""Interrupted is interrupted (issue 22, part 1): a Ctrl-C in the terminal (SIGINT to the whole process group) or a
SIGTERM from CI (to pytest alone) during a ``-n 2`` run stops the workers in order, exit code 2, a French line in the
terminal, the reports written with « interrompu », no scenario failed with a library's phrase, no account left."""
from __future__ import annotations

import os
import pathlib
import select
import signal
import subprocess
import sys

import pytest

from tests.conftest import start_sandbox

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = "acheter_un_abonnement_de_pack or une_carte_refusée or double_clic"


@pytest.mark.verifier
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="groupes de processus POSIX")
@pytest.mark.parametrize("how", ["Ctrl-C", "SIGTERM"])
def test_an_interrupted_run_stops_in_order_and_says_so(tmp_path, how):
    sandbox = start_sandbox(tmp_path / "sandbox")  # attached: its accounts can be counted after the run
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PA_", "PYTEST_"))},
           "PYTHONUNBUFFERED": "1", "PA_SANDBOX_TOKEN": sandbox.token}
    reports = tmp_path / "rapport"
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-n", "2", "-k", SCENARIOS,
         "--sandbox-url", sandbox.portal_url, "--html-report", str(reports / "index.html"),
         "--output", str(reports / "artefacts"), "--junitxml", str(reports / "junit.xml")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    output = b""
    try:
        # Until a scenario is under way: an account created in the sandbox.
        store = sandbox.store()
        while not store.account_emails():
            ready, _, _ = select.select([run.stdout], [], [], 120)
            chunk = os.read(run.stdout.fileno(), 65536) if ready else b""
            assert chunk, f"le run s'est arrêté avant son premier scénario :\n{output.decode()[-3000:]}"
            output += chunk
        if how == "Ctrl-C":
            os.killpg(run.pid, signal.SIGINT)  # the terminal signals the whole foreground group
        else:
            run.send_signal(signal.SIGTERM)  # CI signals the command it started
        rest, _ = run.communicate(timeout=240)
        out = (output + rest).decode("utf-8", "replace")
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    try:
        assert run.returncode == 2, out[-4000:]
        assert "Run interrompu (SIG" in out, out[-3000:]
        assert "Target page, context or browser has been closed" not in out, out[-4000:]
        assert " failed" not in out.splitlines()[-1], out[-3000:]
        page = (reports / "index.html").read_text(encoding="utf-8")
        assert "interrompu" in page
        junit = (reports / "junit.xml").read_text(encoding="utf-8")
        # Ctrl-C reaches the browsers too: the scenarios under way are « interrompu »; a SIGTERM to pytest alone
        # lets them end (passed or failed on their own account), then the run stops.
        assert "interrompu" in junit or how == "SIGTERM", junit[-2000:]
        assert store.account_emails() == [], f"comptes laissés dans le bac à sable :\n{out[-5000:]}"
    finally:
        sandbox.stop()
