"""Wiring into pytest: ``pytest_guard`` aborts the run before any browser starts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .analysis import analyse
from .cli import format_report
from .problems import Problem


def only_harness_tests(config: Any, root: Path) -> bool:
    """Every path given to pytest lies in tests/: a run of the harness's own tests, not of the scenarios."""
    args = [a for a in getattr(config, "args", []) or [] if not str(a).startswith("-")]
    if not args:
        return False
    tests_dir = (root / "tests").resolve()
    for arg in args:
        path = Path(str(arg).split("::")[0])
        path = (Path(config.invocation_params.dir) / path).resolve() if not path.is_absolute() else path
        if not path.is_relative_to(tests_dir):
            return False
    return True


def pytest_guard(
    config: Any,
    features_dir: str | Path | None = None,
    steps_dir: str | Path | None = None,
    ini_path: str | Path | None = None,
) -> list[Problem]:
    """Run the guard inside pytest; raise ``pytest.UsageError`` (exit code 4) on any error.

    Call it from the root conftest's ``pytest_configure`` (see the package docstring). Returns the
    warnings when there is no error.
    """
    import pytest

    if os.environ.get("GARDE_GHERKIN", "1").strip().lower() in {"0", "non", "no", "false", "off"}:
        return []
    if hasattr(config, "workerinput"):  # xdist worker: the controller ran the guard
        return []
    option = getattr(config, "option", None)
    if option is not None and (getattr(option, "help", False) or getattr(option, "version", False)):
        return []
    root = Path(config.rootpath)
    if only_harness_tests(config, root):
        return []
    features = Path(features_dir) if features_dir else root / "features"
    steps = Path(steps_dir) if steps_dir else root / "steps"
    ini = Path(ini_path) if ini_path else Path(config.inipath or root / "pytest.ini")
    if not features.is_dir() or not steps.is_dir():
        return []
    analysis = analyse(features, steps, ini, base=Path(config.invocation_params.dir))
    report = format_report(analysis.problems, len(analysis.feature_files))
    if analysis.errors:
        raise pytest.UsageError(
            report + "\n(Corrigez ces erreurs ; python -m tools.gherkin_guard les liste sans lancer les tests.)"
        )
    # Shown in pytest's header: the summary line, plus the warnings with -v.
    summary = report.splitlines()
    shown = summary if getattr(config.option, "verbose", 0) > 0 else summary[:1]
    if not config.pluginmanager.has_plugin("gherkin-guard-header"):
        config.pluginmanager.register(_HeaderPlugin(shown), "gherkin-guard-header")
    return analysis.warnings


class _HeaderPlugin:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def pytest_report_header(self) -> list[str]:
        return self.lines


# A conftest that does ``from tools.gherkin_guard import pytest_guard`` must not break pytest's hook
# validation (names starting with ``pytest_`` are read as hooks): mark it an optional hook.
try:  # pragma: no cover - depends on pytest being importable
    import pytest as _pytest

    pytest_guard = _pytest.hookimpl(optionalhook=True)(pytest_guard)
except Exception:  # noqa: BLE001
    pass
