"""Time that issue 12 adds to `make e2e`: `.venv/bin/python bench/added_time.py [--rounds N]`.

Back to back in this invocation, the suite as `make e2e` runs it (-n 2, reports written), with three
selections by marker, alternated over N rounds so that the machine's load falls on each alike:
  base        : every scenario except the new ones  (-m "not R22 and not R23 and not horloge")
  base + a11y : base + the accessibility scenarios (R23: 8 page audits + the keyboard-only purchase)
  all         : the whole suite (+ 3-D Secure R22 and the clock @horloge)
Printed: median wall time of each, the differences and the ratios against base. On a shared machine the
wall times move by more than the differences, so the run « all » also gives a figure that load moves less:
the time of the new scenarios themselves (setup + steps + teardown, JUnit), by group, and the time axe-core
took in its audits (user property axe_seconds); divided by the 2 workers, it is what they add to the wall time.
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


GROUPS = {"accessibilité (R23)": "R23", "3-D Secure (R22)": "R22 and not R23", "horloge": "horloge"}


def node_ids(marker: str) -> set[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "steps", "--collect-only", "-q", "-p",
                             "no:cacheprovider", "-m", marker], cwd=ROOT, capture_output=True, text=True)
    return {line.strip() for line in result.stdout.splitlines() if "::" in line}


def scenario_seconds(junit: pathlib.Path) -> dict[str, float]:
    """Node id -> time of the test case (setup + call + teardown)."""
    times = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        module = case.get("classname").replace(".", "/") + ".py"
        times[f"{module}::{case.get('name')}"] = float(case.get("time"))
    return times


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
    groups = {name: node_ids(marker) for name, marker in GROUPS.items()}
    group_seconds: dict[str, list[float]] = {name: [] for name in GROUPS}
    with tempfile.TemporaryDirectory(prefix="pa-bench-12-") as tmp:
        for round_ in range(args.rounds):
            for name, marker in SELECTIONS.items():
                out = pathlib.Path(tmp) / f"{round_}-{name.replace(' ', '').replace('+', '-')}"
                wall, passed, axe_s = run(marker, out)
                if name == "all":
                    seconds = scenario_seconds(out / "junit.xml")
                    for group, ids in groups.items():
                        group_seconds[group].append(sum(seconds.get(i, 0.0) for i in ids))
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
    print("\nTemps des nouveaux scénarios eux-mêmes dans le run « all » (JUnit, médiane) ; /2 workers :")
    for group, values in group_seconds.items():
        total = statistics.median(values)
        print(f"  {group:<20} {len(groups[group]):2d} scénarios  {total:6.1f} s  → ~{total / 2:5.1f} s de temps réel")
    if axe:
        print(f"  dont axe-core (somme des audits d'un run) : {statistics.median(axe):.2f} s → "
              f"~{statistics.median(axe) / 2:.2f} s de temps réel")


if __name__ == "__main__":
    main()
