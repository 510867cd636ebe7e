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


# ------------------------------------------------------------------ run stamp and merge (no browser: make test)
def write_part(folder: pathlib.Path, stamp_id: str | None, results_id: str | None, finished: bool = True,
               shard: str = "1/1") -> pathlib.Path:
    """A part's folder as a run leaves it: its stamp, and its results (as reporting.shard writes them)."""
    from harness import run_model as model
    from harness import run_stamp
    from reporting import run_file
    if results_id is not None:
        run = model.Run(rules={}, results=[], info=model.RunInfo(exit_status=0))
        run_file.dump(run, folder, ROOT, {"shard": shard, "run_id": results_id})
    if stamp_id is not None:
        run_stamp._write(folder, {"run_id": stamp_id, "started": "2026-12-03T10:00:00", "finished": finished})
    return folder


# (what is wrong, stamp's run, results' run, stamp finished, what the refusal says)
REFUSED_PARTS = [
    ("killed before its results", "B", None, False, "ne s'est pas terminé (tué ou arrêté net)"),
    ("killed, previous results left", "B", "A", False, "ne s'est pas terminé"),
    ("results of an earlier run", "B", "A", True, "résultats périmés"),
    ("results without run id", "B", "", True, "résultats périmés"),
    ("no stamp", None, "A", True, "pas de run.json lisible"),
]


@pytest.mark.parametrize("stamp,results,finished,says", [c[1:] for c in REFUSED_PARTS],
                         ids=[c[0] for c in REFUSED_PARTS])
def test_the_merge_refuses_a_part_of_a_killed_or_earlier_run_in_french(tmp_path, stamp, results, finished, says):
    from reporting import merge
    part = write_part(tmp_path / "shard-1-sur-2", stamp, results, finished)
    good = write_part(tmp_path / "shard-2-sur-2", "C", "C", shard="2/2")
    code = merge.main([str(part), str(good), "--sortie", str(tmp_path / "fusion")])
    assert code == 4
    assert not (tmp_path / "fusion" / "index.html").exists()


@pytest.mark.parametrize("stamp,results,finished,says", [c[1:] for c in REFUSED_PARTS],
                         ids=[c[0] for c in REFUSED_PARTS])
def test_each_refusal_names_the_folder_and_the_fix(tmp_path, stamp, results, finished, says):
    from harness import run_stamp
    part = write_part(tmp_path / "shard-1-sur-1", stamp, results, finished)
    problem = run_stamp.part_problem(part)
    assert problem and problem.startswith(str(part)) and says in problem and "Relancez cette partie" in problem


def test_a_part_of_a_finished_run_is_merged(tmp_path):
    from harness import run_stamp
    from reporting import merge
    parts = [write_part(tmp_path / f"shard-{i}-sur-2", f"R{i}", f"R{i}", shard=f"{i}/2") for i in (1, 2)]
    assert [run_stamp.part_problem(p) for p in parts] == [None, None]
    assert merge.main([*map(str, parts), "--sortie", str(tmp_path / "fusion")]) != 4


def test_a_run_starts_by_superseding_the_previous_results(tmp_path):
    from harness import run_stamp
    from reporting import run_file
    write_part(tmp_path, "A", "A")
    run_stamp.start(tmp_path, "B")
    assert not (tmp_path / run_file.FILE_NAME).exists()
    assert run_stamp.read(tmp_path)["finished"] is False
    assert "ne s'est pas terminé" in run_stamp.part_problem(tmp_path)
    run_stamp.finish(tmp_path, "B", 2)
    assert run_stamp.read(tmp_path) | {"ended": ""} == {"run_id": "B", "started": run_stamp.read(tmp_path)["started"],
                                                        "finished": True, "ended": "", "exit_status": 2}


def writers_of(log: pathlib.Path) -> list[int]:
    """Processes that hold `log` open (the sandbox writes its log through its stderr)."""
    found = []
    for fd_dir in pathlib.Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd) == str(log) for fd in fd_dir.iterdir()):
                found.append(int(fd_dir.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.verifier
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc, PR_SET_PDEATHSIG : Linux seulement")
def test_a_run_killed_outright_is_refused_by_the_merge_and_leaves_no_sandbox(tmp_path):
    """SIGKILL to the whole run (pytest, its workers, the browsers) while a scenario runs, as a CI time-out does;
    the part's folder held a finished earlier run, whose results must not be merged as this one's."""
    from reporting import merge
    part = write_part(tmp_path / "shard-1-sur-1", "ANCIEN", "ANCIEN")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PA_", "PYTEST_"))}, "PYTHONUNBUFFERED": "1"}
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-n", "2", "--splits", "1", "--group", "1",
         "-k", "acheter_un_abonnement_de_pack", "--html-report", str(part / "index.html"),
         "--output", str(part / "artefacts")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    log, output = part / "sandbox.log", b""
    try:
        # Until the portal has served a scenario: a request line in the sandbox's log.
        while b"POST" not in (log.read_bytes() if log.exists() else b""):
            ready, _, _ = select.select([run.stdout], [], [], 120)
            chunk = os.read(run.stdout.fileno(), 65536) if ready else b""
            assert chunk, f"le run s'est arrêté avant son premier scénario :\n{output.decode()[-3000:]}"
            output += chunk
        sandboxes = writers_of(log)
        assert sandboxes, "aucun processus n'écrit le journal du bac à sable"
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        assert all(ends_within(pid, 15) for pid in sandboxes), "bac à sable toujours en vie après le run tué"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    done = subprocess.run([sys.executable, "-m", "reporting.merge", str(part), "--sortie", str(tmp_path / "fusion")],
                          cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "ne s'est pas terminé (tué ou arrêté net)" in done.stderr and "Relancez cette partie" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "fusion" / "index.html").exists()
    assert merge.run_stamp.read(part)["run_id"] != "ANCIEN"


# --------------------------------------------------- accounts left on a target: recorded the moment they are made
RECORDER = """
import os, pathlib, signal, sys
from fixtures.accounts import RecordedAccounts
created = RecordedAccounts(pathlib.Path(sys.argv[1]), "# en-tête\\n")
for i in range(int(sys.argv[3])):
    created.append(f"{sys.argv[2]}-{i}@exemple.fr")
os.kill(os.getpid(), signal.SIGKILL)  # killed outright: no end of run, no sessionfinish
"""


def test_each_created_account_is_on_disk_before_the_run_is_killed(tmp_path):
    path = tmp_path / "rapport" / "comptes-crees.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Four processes at once, as pytest-xdist workers: every line whole, the header once.
    writers = [subprocess.Popen([sys.executable, "-c", RECORDER, str(path), f"gw{n}", "25"], cwd=ROOT, env=env)
               for n in range(4)]
    assert [w.wait(timeout=60) for w in writers] == [-signal.SIGKILL] * 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# en-tête" and lines.count("# en-tête") == 1
    assert sorted(lines[1:]) == sorted(f"gw{n}-{i}@exemple.fr" for n in range(4) for i in range(25))


def test_nothing_is_recorded_where_the_target_deletes_its_accounts(tmp_path):
    from fixtures.accounts import RecordedAccounts
    created = RecordedAccounts(None, "# en-tête\n")
    created.append("a@exemple.fr")
    assert created == ["a@exemple.fr"] and not list(tmp_path.iterdir())
