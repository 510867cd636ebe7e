"""Interrupted is interrupted (issue 22, part 1): a Ctrl-C in the terminal (SIGINT to the whole process group) or a
SIGTERM from CI (to pytest alone) during a ``-n 2`` run stops the workers in order, exit code 2, a French line in the
terminal, the reports written with « interrompu », no scenario failed with a library's phrase, no account left."""
from __future__ import annotations

import json
import os
import pathlib
import select
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import start_sandbox

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = "acheter_un_abonnement_de_pack or une_carte_refusée or double_clic"


def read_until(run: subprocess.Popen, condition, what: str, output: bytes = b"", limit: float = 300) -> bytes:
    """The run's output read until `condition()` holds (checked at least every 0.2 s and after each chunk)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < limit, f"{what} : pas en {limit:.0f} s :\n{output.decode()[-3000:]}"
        ready, _, _ = select.select([run.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(run.stdout.fileno(), 65536)
            assert chunk, f"le run s'est arrêté avant : {what}\n{output.decode()[-3000:]}"
            output += chunk
    return output


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
    try:
        store = sandbox.store()
        output = read_until(run, store.account_emails, "un scénario en cours (son compte créé)")
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


# `make e2e` as a person runs it and Ctrl-C's it (SIGINT to the terminal's whole foreground group: make, the script
# that keeps pytest's code, pytest, its workers, the browsers), and `.ci/run e2e` as CI stops it (SIGTERM to the job's
# group; make forwards it to its recipe as well). Three of the five selected scenarios cannot have started when the
# first one creates its account (two workers): they are « interrompu »; the 79 deselected ones are not.
MAKE_CASES = [(["make", "e2e"], signal.SIGINT), ([".ci/run", "e2e"], signal.SIGTERM)]


@pytest.mark.verifier
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="groupes de processus POSIX")
@pytest.mark.parametrize(("command", "sig"), MAKE_CASES, ids=["make-e2e-Ctrl-C", "ci-run-SIGTERM"])
def test_ctrl_c_on_make_e2e_says_interrompu_and_exits_2(checkout, tmp_path, command, sig):
    sandbox = start_sandbox(tmp_path / "sandbox")
    selected = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "--collect-only", "-q", "-p", "no:cacheprovider", "-k", SCENARIOS],
        cwd=checkout, capture_output=True, text=True, timeout=120).stdout
    selected = {line for line in selected.splitlines() if line.startswith("steps/")}
    assert len(selected) == 5, selected
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PA_", "PYTEST_", "MAKE"))},
           "PYTHONUNBUFFERED": "1", "PA_SANDBOX_TOKEN": sandbox.token, "WORKERS": "2",
           "PYTEST_ARGS": f"-k '{SCENARIOS}' --sandbox-url {sandbox.portal_url} -p no:cacheprovider"}
    run = subprocess.Popen(command, cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           start_new_session=True)
    try:
        store = sandbox.store()
        output = read_until(run, store.account_emails, "un scénario en cours (son compte créé)")
        os.killpg(run.pid, sig)
        rest, _ = run.communicate(timeout=300)
        out = (output + rest).decode("utf-8", "replace")
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    reports = checkout / "reports"
    try:
        if command[0] == "make":  # GNU make dies of the signal it got, once its recipe has ended
            assert run.returncode in (2, -sig), out[-4000:]
        else:
            assert run.returncode == 2, out[-4000:]  # .ci/run: pytest's own code, kept by the recipe
        assert (reports / "exit-code").read_text().strip() == "2", out[-4000:]
        assert "Code de sortie de pytest : 2 " in out, out[-4000:]
        assert f"Run interrompu ({sig.name} à " in out, out[-4000:]
        assert "Target page, context or browser has been closed" not in out, out[-4000:]
        assert "Interrupted" not in out and "KeyboardInterrupt" not in out, out[-4000:]
        page = (reports / "index.html").read_text(encoding="utf-8")
        assert "interrompu : le run a été arrêté" in page
        results = json.loads((reports / "resultats.json").read_text(encoding="utf-8"))["results"]
        ran = {r["nodeid"]: r for r in results if "::" in r["nodeid"]}
        # Every selected scenario has its own result, and only those: « interrompu » never names a deselected one.
        assert selected == set(ran), sorted(ran)
        interrupted = [r for r in ran.values() if r["error"].startswith("interrompu")]
        not_started = [r for r in interrupted if r["status"] == "notrun"]
        assert len(not_started) >= 2, [(r["nodeid"], r["status"], r["error"]) for r in ran.values()]
        assert all(r["status"] in ("passed", "skipped", "notrun") for r in ran.values()), ran
        placeholders = [r for r in results if "::" not in r["nodeid"]]
        assert placeholders and not any("interrompu" in r["error"] for r in placeholders)
        stamp = json.loads((reports / "run.json").read_text(encoding="utf-8"))
        assert stamp["finished"] and stamp["exit_status"] == 2, stamp
        assert store.account_emails() == [], f"comptes laissés dans le bac à sable :\n{out[-5000:]}"
    finally:
        sandbox.stop()


@pytest.mark.verifier
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="groupes de processus POSIX")
def test_a_second_ctrl_c_stops_at_once_and_says_so_in_french(tmp_path):
    """The first Ctrl-C of a ``-n 2`` run leaves no English line (no pytest-xdist « Interrupted: », which its controller
    raises only when a worker reports ``session.shouldstop``: xdist/dsession.py, DSession.pytest_runtestloop; the
    harness never sets it). A second one stops at once: pytest then writes « KeyboardInterrupt » itself
    (_pytest/terminal.py, TerminalReporter._report_keyboardinterrupt), with no public way to say it otherwise, so the
    harness's French line is written right above it."""
    sandbox = start_sandbox(tmp_path / "sandbox")
    temporary = tmp_path / "tmp"  # where the controller notes the first signal for its workers (fixtures/interruption)
    temporary.mkdir()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PA_", "PYTEST_"))},
           "PYTHONUNBUFFERED": "1", "PA_SANDBOX_TOKEN": sandbox.token, "TMPDIR": str(temporary)}
    reports = tmp_path / "rapport"
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-n", "2", "-k", SCENARIOS,
         "--sandbox-url", sandbox.portal_url, "--html-report", str(reports / "index.html"),
         "--output", str(reports / "artefacts")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output = read_until(run, sandbox.store().account_emails, "un scénario en cours (son compte créé)")
        os.killpg(run.pid, signal.SIGINT)
        output = read_until(run, lambda: any(temporary.glob("pa-run-workers-*/interrompu")), "le premier Ctrl-C noté",
                            output)
        os.killpg(run.pid, signal.SIGINT)
        rest, _ = run.communicate(timeout=240)
        out = (output + rest).decode("utf-8", "replace")
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
        sandbox.stop()
    assert run.returncode == 2, out[-4000:]
    lines = out.splitlines()
    french = next((i for i, line in enumerate(lines) if "puis un second Ctrl-C à " in line), None)
    english = next((i for i, line in enumerate(lines) if "KeyboardInterrupt" in line and "« KeyboardInterrupt »"
                    not in line), None)
    assert french is not None and english is not None, out[-4000:]
    assert "arrêt net) : les scénarios en cours n'ont pas fini" in lines[french], lines[french]
    assert 0 < english - french <= 2, lines[french:english + 1]  # right above pytest's line
    assert "Interrupted:" not in out, out[-4000:]
