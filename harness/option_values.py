"""Every option and environment value of the harness, checked before anything starts.

The options are declared by the plugin that uses them (one name per option, as pytest-playwright does),
with the raw text of the command line or of the environment variable as value; this module turns each
into its type, or stops pytest with a French message naming the option, the variable and the fix
(``pytest.UsageError``: exit code 4) before the guard, the sandbox, a browser or a device starts.
A Python traceback and exit code 1 (read by CI as "a scenario failed") is what this replaces.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from harness.values import ValueProblem, seconds, switch, url, whole_number


def env_default(variable: str, default: str | None = None) -> str | None:
    """Default of an option: its environment variable as written (checked later, with the others)."""
    return os.environ.get(variable) or default


@dataclass(frozen=True)
class Checked:
    option: str  # command-line flag
    variable: str | None  # environment variable that gives its default
    convert: Callable[[str], Any]

    @property
    def dest(self) -> str:
        return self.option.lstrip("-").replace("-", "_")


# One line per value a user can give. A plugin's option not listed here keeps pytest's own checking.
CHECKED = (
    Checked("--faker-seed", "PA_FAKER_SEED", whole_number(0, example="123456")),
    Checked("--order-timeout", "PA_ORDER_TIMEOUT", seconds),
    Checked("--quarantine-reruns", "PA_QUARANTINE_RERUNS", whole_number(0, 10)),
    Checked("--sandbox-url", "PA_SANDBOX_URL", url("http", "https")),
    Checked("--appium-url", "PA_APPIUM_URL", url("http", "https")),
    Checked("--browser-server", "PA_BROWSER_SERVER", url("ws", "wss")),
    Checked("--retries", "PA_RETRIES", whole_number(0, 10)),
    Checked("--flaky-fails-run", "PA_FLAKY_FAILS_RUN", switch),
    Checked("--video-on-retry", "PA_VIDEO_ON_RETRY", switch),
)


def check_options(config: pytest.Config) -> None:
    """Convert every checked option in place; all refusals at once, then exit code 4."""
    refusals = []
    for checked in CHECKED:
        raw = getattr(config.option, checked.dest, None)
        if not isinstance(raw, str):  # absent (plugin not loaded), None (not given) or already converted
            continue
        try:
            setattr(config.option, checked.dest, checked.convert(raw))
        except ValueProblem as exc:
            from_env = checked.variable and os.environ.get(checked.variable) == raw
            source = (f"variable {checked.variable}" if from_env
                      else f"option {checked.option}" + (f" (variable {checked.variable})" if checked.variable else ""))
            refusals.append(f"- {source} : {exc}.")
    if refusals:
        raise pytest.UsageError("Valeur refusée avant le démarrage :\n" + "\n".join(refusals)
                                + "\nCorrigez-la sur la ligne de commande ou dans l'environnement (pytest --help "
                                  "décrit chaque option).")

