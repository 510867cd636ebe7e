"""What holding every page and screen whole costs (fixtures/watch.py): `.venv/bin/python bench/watch_cost.py`.

In one invocation, the same scenarios run back to back with the watch and without it (`-p no:fixtures.watch`),
alternated over N rounds so that the machine's load falls on both alike; serial (-n 0), so that the wall time is the
scenarios' own. Printed: the median wall time of each and their ratio, and, from the runs with the watch, the time
the watch itself took (user property `surveillance_secondes` in JUnit) against the scenarios' time: the share of a
scenario that reading, comparing and watching costs, which load moves less than wall times.
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A web purchase, a 3-D Secure purchase, an iOS and an Android purchase: every kind of place the watch reads.
DEFAULT_SELECTION = ("acheter_un_abonnement_de_pack or paiement_confirmé or "
                     "(acheter_un_abonnement_à_formule and iPhone and annuelle and not SE) or mène_au_compte_parallels")


def run(selection: str, watched: bool, folder: pathlib.Path) -> tuple[float, float, float]:
    """(wall seconds, scenarios' seconds from JUnit, watch seconds from JUnit)."""
    junit = folder / f"junit-{'avec' if watched else 'sans'}.xml"
    command = [sys.executable, "-m", "pytest", "steps", "-n", "0", "-q", "-p", "no:cacheprovider", "-k", selection,
               "--junitxml", str(junit), "--html-report", str(folder / "index.html"), "--output", str(folder / "a")]
    if not watched:
        command += ["-p", "no:fixtures.watch"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"Le run {'avec' if watched else 'sans'} surveillance a échoué (code {result.returncode}) :\n"
                 f"{result.stdout[-2000:]}")
    cases = list(ET.parse(junit).iter("testcase"))
    spent = sum(float(c.get("time", 0)) for c in cases)
    watch = sum(float(p.get("value", 0)) for c in cases for p in c.iter("property")
                if p.get("name") == "surveillance_secondes")
    return wall, spent, watch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-k", default=DEFAULT_SELECTION)
    args = parser.parse_args()
    walls = {True: [], False: []}
    shares = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for watched in (False, True):
                wall, spent, watch = run(args.k, watched, pathlib.Path(tmp))
                walls[watched].append(wall)
                if watched:
                    shares.append(watch / spent if spent else 0.0)
    without, with_ = statistics.median(walls[False]), statistics.median(walls[True])
    print(f"Sans surveillance : {without:.1f} s (médiane de {args.rounds})")
    print(f"Avec surveillance : {with_:.1f} s (médiane de {args.rounds})")
    print(f"Rapport avec / sans : {with_ / without:.3f} (cible : moins de 1,10)")
    print(f"Part du temps des scénarios passée à lire, comparer et surveiller : {statistics.median(shares):.1%}")


if __name__ == "__main__":
    main()
