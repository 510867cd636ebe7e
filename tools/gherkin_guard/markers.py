"""Markers registered in the ini file (``markers =`` of pytest.ini or pyproject.toml)."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from .problems import Problem, shown_path

# Markers that pytest registers itself: a tag with one of these names is accepted.
BUILTIN_MARKERS = frozenset({"skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings"})


def read_markers(ini_path: Path, base: Path) -> tuple[dict[str, str], list[Problem]]:
    """Markers registered in the ini file: name -> meaning (text after the colon)."""
    problems: list[Problem] = []
    raw = ""
    try:
        if ini_path.suffix == ".toml":
            import tomllib

            data = tomllib.loads(ini_path.read_text(encoding="utf-8"))
            section = data.get("tool", {}).get("pytest", {})
            section = section.get("ini_options", section)
            value = section.get("markers", [])
            raw = "\n".join(value) if isinstance(value, list) else str(value)
        else:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read_string(ini_path.read_text(encoding="utf-8"), source=str(ini_path))
            for section in ("pytest", "tool:pytest"):
                if parser.has_section(section) and parser.has_option(section, "markers"):
                    raw = parser.get(section, "markers")
                    break
    except Exception as exc:  # noqa: BLE001 - reported to the user
        problems.append(Problem(shown_path(ini_path, base), 1, "ini", f"Fichier ini illisible : {exc}"))
        return {}, problems
    markers: dict[str, str] = {}
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        name, _, meaning = line.partition(":")
        name = name.split("(")[0].strip()
        if name:
            markers[name] = meaning.strip()
    return markers, problems


def _marker_line(ini_path: Path, marker: str) -> int:
    try:
        for number, line in enumerate(ini_path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"^\s*(markers\s*=\s*)?{re.escape(marker)}\s*[:(]?", line) and marker in line:
                return number
    except OSError:
        pass
    return 1
