"""Time that issue 12 adds to `make e2e`: `.venv/bin/python bench/added_time.py [--rounds N]`.

Back to back in this invocation, the suite as `make e2e` runs it (-n 2, reports written), with three
selections by marker, alternated over N rounds so that the machine's load falls on each alike:
  base        : every scenario except the new ones  (-m "not R22 and not R23 and not horloge")
  base + a11y : base + the accessibility scenarios (R23: 8 page audits + the keyboard-only purchase)
  all         : the whole suite (+ 3-D Secure R22 and the clock @horloge)
Printed: median wall time of each, the differences and the ratios against base; and the time axe-core
itself took per page audit (recorded by harness.accessibility in the HTML report's data).
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
SELECTIONS = {
    "base": "not R22 and not R23 and not horloge",
    "base + a11y": "(not R22 and not horloge) or R23",
    "all": "",
}


def run(marker: str, out: pathlib.Path) -> tuple[float, int, float]:
    """Wall time, scenarios passed, and the axe-core time summed over the run's audits."""
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pytest", "steps", "-n", "2", "-q", "-p", "no:cacheprovider",
           "--junitxml", str(out / "junit.xml"), "--cucumberjson", str(out / "cucumber.json"),
           "--html-report", str(out / "index.html"), "--output", str(out / "artefacts")]
    if marker:
        cmd += ["-m", marker]
    start = time.monotonic()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit(f"Run « {marker or 'tout'} » en échec (code {result.returncode}) :\n{result.stdout[-2000:]}")
    suite = ET.parse(out / "junit.xml").getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    passed = int(suite.get("tests")) - int(suite.get("failures")) - int(suite.get("errors")) - int(suite.get("skipped"))
    axe = sum(float(p.get("value")) for p in suite.iter("property") if p.get("name") == "axe_seconds")
    return wall, passed, axe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in SELECTIONS}
    counts, axe = {}, []
    with tempfile.TemporaryDirectory(prefix="pa-bench-12-") as tmp:
        for round_ in range(args.rounds):
            for name, marker in SELECTIONS.items():
                wall, passed, axe_s = run(marker, pathlib.Path(tmp) / f"{round_}-{name.replace(' ', '')}")
                times[name].append(wall)
                counts[name] = passed
                if axe_s:
                    axe.append(axe_s)
                print(f"  tour {round_ + 1} — {name:<12} {wall:6.1f} s ({passed} scénarios)", flush=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["base"]
    print("\nTemps ajouté à `make e2e` (-n 2), médianes sur", args.rounds, "tour(s) :")
    for name in SELECTIONS:
        print(f"  {name:<12} {median[name]:6.1f} s  {counts[name]:3d} scénarios  "
              f"+{median[name] - base:5.1f} s  ratio {median[name] / base:.2f}")
    print(f"  dont accessibilité : +{median['base + a11y'] - base:.1f} s ; 3-D Secure et horloge : "
          f"+{median['all'] - median['base + a11y']:.1f} s")
    if axe:
        print(f"  axe-core lui-même (somme des audits d'un run, 8 pages) : {statistics.median(axe):.2f} s de "
              "temps de scénario")


if __name__ == "__main__":
    main()
