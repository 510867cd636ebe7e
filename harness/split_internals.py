"""The one door to pytest-split: its split is asked for through its own options (``--splits``, ``--group``,
``--durations-path``, ``--splitting-algorithm``), which it reads from ``config.option`` once every plugin is
configured. The harness's ``--shard i/N`` (fixtures/shard.py) names a part as Playwright Test does and sets them
here; pytest-split has no other way to be told.

An upgrade of pytest-split: change PINNED_VERSION with the pin of pyproject.toml, run `make test`
(tests/test_library_doors.py fails loudly when one of these options moved).
"""
from __future__ import annotations

from importlib.metadata import version

import pytest

PINNED_VERSION = "0.11.0"
OPTIONS = ("splits", "group", "durations_path", "splitting_algorithm")


def installed_version() -> str:
    return version("pytest-split")


def ask_for_part(config: pytest.Config, index: int, total: int, durations: str) -> None:
    """Part `index` of `total`, balanced by pytest-split's least_duration on the durations file."""
    config.option.splits, config.option.group = total, index
    config.option.durations_path = durations
    config.option.splitting_algorithm = "least_duration"
