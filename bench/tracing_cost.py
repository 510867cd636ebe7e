"""What pytest-playwright's own evidence options cost on passing scenarios: `.venv/bin/python bench/tracing_cost.py`.

In one invocation, the same web scenarios (`-m web -k achat`, -n 2 as `make e2e` runs them) run back to back
with the harness's scheme (fixtures/retry.py: nothing recorded on a first attempt, the retry traced) and with
pytest-playwright's `--tracing retain-on-failure --screenshot only-on-failure` (every attempt traced, the trace kept
only on failure), alternated over N rounds so that the machine's load falls on both alike. Printed: the median
wall time and machine-wide CPU-seconds (/proc/stat, Chromium included) of each, and their ratios (issue 19: the
library's options unless they cost more than 5 %).
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import machine_cpu_seconds  # noqa: E402  (the project's root is not on the path of a script)

LIBRARY = ["--tracing", "retain-on-failure", "--screenshot", "only-on-failure"]


def run(marker: str, selection: str, library: bool, folder: pathlib.Path) -> tuple[float, float, int]:
    """(wall seconds, machine CPU-seconds, tests passed) of one command."""
    command = [sys.executable, "-m", "pytest", "steps", "-n", "2", "-q", "-p", "no:cacheprovider", "-m", marker,
               "-k", selection, "--html-report", str(folder / "index.html"), "--output", str(folder / "a"),
               *(LIBRARY if library else [])]
    wall, cpu = time.perf_counter(), machine_cpu_seconds()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - wall, machine_cpu_seconds() - cpu
    if result.returncode != 0:
        sys.exit(f"Le run {'bibliothèque' if library else 'harnais'} a échoué (code {result.returncode}) :\n"
                 f"{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    tail = result.stdout.strip().splitlines()[-1]
    return wall, cpu, int(tail.split(" passed")[0].split()[-1]) if " passed" in tail else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-m", default="web")
    parser.add_argument("-k", default="achat")
    args = parser.parse_args()
    figures: dict[bool, list[tuple[float, float, int]]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for library in (False, True):
                figures[library].append(run(args.m, args.k, library, pathlib.Path(tmp)))
                wall, cpu, passed = figures[library][-1]
                print(f"tour {round_ + 1} {'bibliothèque' if library else 'harnais     '} : {wall:.1f} s, "
                      f"{cpu:.1f} CPU-s, {passed} réussis", flush=True)
    medians = {lib: [statistics.median(f[i] for f in figures[lib]) for i in (0, 1)] for lib in figures}
    for index, label in ((0, "temps réel"), (1, "CPU de la machine")):
        ours, theirs = medians[False][index], medians[True][index]
        print(f"{label} : harnais {ours:.1f} s, pytest-playwright {' '.join(LIBRARY)} {theirs:.1f} s "
              f"(médianes de {args.rounds}) ; rapport {theirs / ours:.3f}")


if __name__ == "__main__":
    main()
