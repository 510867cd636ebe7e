"""What holding every page and screen whole costs (fixtures/watch.py): `.venv/bin/python bench/watch_cost.py`.

In one invocation, the same scenarios run back to back with the watch and without it (`-p no:fixtures.watch`),
alternated over N rounds so that the machine's load falls on both alike; serial (-n 0), so that the time is the
scenarios' own. Each scenario's time comes from bench/timing_plugin.py (set-up, steps and teardown, without the
session's start-up: the browser launch and the sandbox are the same with or without the watch). Printed: the median
over the rounds of the scenarios' summed time with and without the watch, their ratio (issue 18's target: under
1.10), the same for the whole command, and the share of the watched scenarios' time that the watch itself measured
(its user property `surveillance_secondes`), which load moves less than wall times.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A web purchase, a 3-D Secure purchase, an iOS and an Android purchase: every kind of place the watch reads.
DEFAULT_SELECTION = ("acheter_un_abonnement_de_pack or paiement_confirmé or "
                     "(acheter_un_abonnement_à_formule and iPhone and annuelle and not SE) or mène_au_compte_parallels")


def run(selection: str, watched: bool, folder: pathlib.Path) -> tuple[float, float, float]:
    """(wall seconds of the command, scenarios' seconds without the session's start-up, watch seconds)."""
    events = folder / f"events-{'avec' if watched else 'sans'}.jsonl"
    events.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pytest", "steps", "-n", "0", "-q", "-p", "no:cacheprovider", "-k", selection,
               "-p", "bench.timing_plugin", "--html-report", str(folder / "index.html"),
               "--output", str(folder / "a")]
    if not watched:
        command += ["-p", "no:fixtures.watch"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PA_BENCH_OUT": str(events)})
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"Le run {'avec' if watched else 'sans'} surveillance a échoué (code {result.returncode}) :\n"
                 f"{result.stdout[-2000:]}")
    tests = [e for e in map(json.loads, events.read_text(encoding="utf-8").splitlines()) if e["kind"] == "test"]
    spent = sum(t["seconds"] - t["session_setup"] for t in tests)
    return wall, spent, sum(t.get("watch", 0.0) for t in tests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-k", default=DEFAULT_SELECTION)
    args = parser.parse_args()
    walls, spents, shares = {True: [], False: []}, {True: [], False: []}, []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for watched in (False, True):
                wall, spent, watch = run(args.k, watched, pathlib.Path(tmp))
                walls[watched].append(wall)
                spents[watched].append(spent)
                if watched:
                    shares.append(watch / spent if spent else 0.0)
    for label, figures in (("Scénarios (sans le démarrage de la session)", spents), ("Commande entière", walls)):
        without, with_ = statistics.median(figures[False]), statistics.median(figures[True])
        print(f"{label} : sans surveillance {without:.1f} s, avec {with_:.1f} s (médianes de {args.rounds}) ; "
              f"rapport {with_ / without:.3f}")
    print("Cible (ticket 18) : le rapport des scénarios sous 1,10")
    print(f"Part du temps des scénarios surveillés passée à lire, comparer et surveiller : "
          f"{statistics.median(shares):.1%}")


if __name__ == "__main__":
    main()
