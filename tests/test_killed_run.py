"""A killed run leaves nothing that lies (issue 22, part 2): the sandbox dies with the process that started it,
even killed by SIGKILL; a Ctrl-C in the terminal does not reach it (its own session) while the run stops in order."""
from __future__ import annotations

import os
import pathlib
import select
import signal
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

PARENT = """
import pathlib, sys, threading
from harness.sandbox_process import SandboxProcess
process = SandboxProcess(pathlib.Path(sys.argv[1]) / "sandbox.log")
process.start(60)
print(process.pid, flush=True)
threading.Event().wait()  # until killed
"""


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent that does not reap it (a container's init may not)."""
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def ends_within(pid: int, timeout: float) -> bool:
    """Wait for the process to end (a pidfd becomes readable when it does), not for a fixed time."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], timeout)[0]) or not alive(pid)
    finally:
        os.close(fd)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG : Linux seulement")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["SIGKILL", "SIGTERM", "SIGINT"])
def test_the_sandbox_dies_with_the_process_that_started_it(tmp_path, how):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        sandbox = int(parent.stdout.readline())
        assert alive(sandbox)
        parent.send_signal(how)
        parent.wait(timeout=30)
        assert ends_within(sandbox, 15), f"bac à sable {sandbox} toujours en vie"
    finally:
        parent.kill()
        parent.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sessions POSIX")
def test_a_ctrl_c_in_the_terminal_does_not_reach_the_sandbox(tmp_path):
    from harness.sandbox_process import SandboxProcess
    process = SandboxProcess(tmp_path / "sandbox.log")
    process.start(60)
    try:
        assert os.getpgid(process.pid) != os.getpgid(0)  # the terminal signals pytest's group, not this one
    finally:
        process.stop()
    assert ends_within(process.pid, 15)
