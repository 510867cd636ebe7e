"""CPU of the same scenarios, Chromium's headless shell (the harness's default when installed) vs the full browser
in headless mode, interleaved: `.venv/bin/python bench/headless_shell.py [-k SELECTION] [--rounds N]`.

CPU-seconds of the whole process tree, Chromium's processes included: this process makes itself their subreaper
(prctl PR_SET_CHILD_SUBREAPER), so the processes Chromium leaves to the system come back to it and are counted when
reaped; on a machine shared with other work this is the figure that stays clean (/proc/stat counts everyone).
The full browser is chosen by hiding the headless shell: PATH holds only a link to the system's `chromium`.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PR_SET_CHILD_SUBREAPER = 36
DEFAULT_SELECTION = "depuis_le_compte or autre_compte or Panier or partenaire"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(label: str, selection: str, path: str, work: pathlib.Path) -> None:
    env = {**os.environ, "PATH": path}
    env.pop("PA_SANDBOX_MUTATIONS", None)
    cpu, started = children_cpu(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-n", "0", "-q", "-p", "no:cacheprovider", "-k", selection,
         "--html-report", str(work / label / "index.html"), "--output", str(work / label / "artefacts")],
        cwd=ROOT, env=env, capture_output=True, text=True)
    while True:  # every process of the tree, Chromium's orphans included, is reaped here: its CPU is counted
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    result = next((line for line in reversed(done.stdout.splitlines()) if " in " in line), "?")
    print(f"{label:28s} {wall:6.1f} s, {cpu:6.1f} CPU-s — {result}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-k", default=DEFAULT_SELECTION, help="scénarios mesurés (expression -k de pytest)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    shell, full = shutil.which("chromium-headless-shell"), shutil.which("chromium")
    if not shell or not full:
        raise SystemExit("Il faut chromium et chromium-headless-shell (paquets Debian) pour comparer.")
    if ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit("prctl(PR_SET_CHILD_SUBREAPER) refusé : le CPU de Chromium ne peut être compté.")
    work = pathlib.Path(tempfile.mkdtemp(prefix="pa-headless-"))
    only_full = work / "path"
    only_full.mkdir()
    (only_full / "chromium").symlink_to(full)
    for _ in range(args.rounds):
        run("chromium-headless-shell", args.k, os.environ["PATH"], work)
        run("chromium (complet, headless)", args.k, str(only_full), work)
    print(f"Rapports : {work}")


if __name__ == "__main__":
    main()
