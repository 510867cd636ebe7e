"""Wiring into pytest: ``pytest_guard`` aborts the run before any browser starts."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from pathlib import Path
from typing import Any

from .analysis import analyse
from .cli import format_report
from .problems import Problem

# pytest's cache (config.cache, .pytest_cache/): the content key of the last run the guard found clean, and its report.
CACHE_KEY = "gherkin-guard/derniere-analyse-propre"


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
    base = Path(config.invocation_params.dir)
    # Neither the features, the steps, the markers nor the guard changed since its last clean run: nothing to check.
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider: the guard always runs
    key = content_key(features, steps, ini, base)
    cached = cache.get(CACHE_KEY, None) if cache is not None else None
    if isinstance(cached, dict) and cached.get("key") == key:
        _show(config, cached.get("report", ""))
        return []
    analysis = analyse(features, steps, ini, base=base)
    report = format_report(analysis.problems, len(analysis.feature_files))
    if analysis.errors:
        raise pytest.UsageError(
            report + "\n(Corrigez ces erreurs ; python -m tools.gherkin_guard les liste sans lancer les tests.)"
        )
    if cache is not None:
        cache.set(CACHE_KEY, {"key": key, "report": report})
    _show(config, report)
    return analysis.warnings


def content_key(features: Path, steps: Path, ini: Path, base: Path) -> str:
    """What the guard's verdict depends on: every feature file, every step module, the ini file (markers), the
    guard itself and pytest-bdd's version, by content; and the folder paths are shown from."""
    digest = hashlib.sha256(f"{importlib.metadata.version('pytest-bdd')}\0{base}\0".encode())
    guard = Path(__file__).parent
    for path in [*sorted(features.rglob("*.feature")), *sorted(steps.rglob("*.py")), ini,
                 *sorted(guard.glob("*.py"))]:
        digest.update(f"{path}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


def _show(config: Any, report: str) -> None:
    """Shown in pytest's header: the summary line, plus the warnings with -v."""
    summary = report.splitlines()
    shown = summary if getattr(config.option, "verbose", 0) > 0 else summary[:1]
    if not config.pluginmanager.has_plugin("gherkin-guard-header"):
        config.pluginmanager.register(_HeaderPlugin(shown), "gherkin-guard-header")


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
