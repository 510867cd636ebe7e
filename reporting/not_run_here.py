"""Terminal section: the scenarios not run on this target, and why (fixtures/target_controls.py).

The HTML report shows the same reason on each such scenario (it shows a skip's reason)."""
from __future__ import annotations

from harness.targets import NOT_RUN_HERE


def _reason(report) -> str:
    longrepr = report.longrepr
    text = str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr or "")
    return text.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter) -> None:
    not_run = [(r.nodeid, _reason(r)) for r in terminalreporter.stats.get("skipped", [])
               if _reason(r).startswith(NOT_RUN_HERE) and r.when == "setup"]
    if not not_run:
        return
    terminalreporter.write_sep("-", f"Non exécutés sur cette cible : {len(not_run)} scénario(s)", yellow=True)
    for nodeid, reason in sorted(not_run):
        name = nodeid.split("::")[-1].removeprefix("test_")
        terminalreporter.write_line(f"  {name}")
        terminalreporter.write_line(f"      {reason}")
