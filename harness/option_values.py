"""Every option and environment value of the harness, checked before anything starts.

The options are declared by the plugin that uses them (one name per option, as pytest-playwright does),
with the raw text of the command line or of the environment variable as value; this module turns each
into its type, or stops pytest with a French message naming the option, the variable and the fix
(``pytest.UsageError``: exit code 4) before the guard, the sandbox, a browser or a device starts.
A Python traceback and exit code 1 (read by CI as "a scenario failed") is what this replaces.
"""
from __future__ import annotations

import os
import pathlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from harness.values import ValueProblem, seconds, switch, url, whole_number, writable_file, writable_folder


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


@dataclass(frozen=True)
class OutputPath:
    dest: str  # attribute of config.option, as the plugin that declares the option names it
    option: str
    variable: str | None
    folder: bool  # a folder the run fills, or one file


# Every place a run writes, checked before start: an unwritable one otherwise fails at the very end (a traceback,
# an INTERNALERROR) after every scenario ran. The value is kept as given; only its refusal is new.
OUTPUT_PATHS = (
    OutputPath("html_report", "--html-report", "PA_HTML_REPORT", folder=False),
    OutputPath("history", "--historique", "PA_HISTORY", folder=False),
    OutputPath("xmlpath", "--junitxml", None, folder=False),
    OutputPath("cucumber_json_path", "--cucumberjson", None, folder=False),
    OutputPath("allure_report_dir", "--alluredir", None, folder=True),
    OutputPath("output", "--output", None, folder=True),
    OutputPath("created_accounts", "--created-accounts", "PA_CREATED_ACCOUNTS", folder=False),
)


def _source(option: str, variable: str | None, raw: str) -> str:
    from_env = variable and os.environ.get(variable) == raw
    return (f"variable {variable}" if from_env
            else f"option {option}" + (f" (variable {variable})" if variable else ""))


def check_options(config: pytest.Config) -> None:
    """Convert every checked option in place; all refusals at once, then exit code 4."""
    refusals = []
    base = pathlib.Path(getattr(getattr(config, "invocation_params", None), "dir", None) or os.getcwd())
    for output in OUTPUT_PATHS:
        raw = getattr(config.option, output.dest, None)
        if not isinstance(raw, str):
            continue
        try:
            (writable_folder if output.folder else writable_file)(raw, base)
        except ValueProblem as exc:
            refusals.append(f"- {_source(output.option, output.variable, raw)} : {exc}.")
    for checked in CHECKED:
        raw = getattr(config.option, checked.dest, None)
        if not isinstance(raw, str):  # absent (plugin not loaded), None (not given) or already converted
            continue
        try:
            setattr(config.option, checked.dest, checked.convert(raw))
        except ValueProblem as exc:
            refusals.append(f"- {_source(checked.option, checked.variable, raw)} : {exc}.")
    if refusals:
        # A value pasted by mistake (a whole file) would fill the terminal: each refusal stays a few lines.
        refusals = [line if len(line) <= 400 else line[:399] + "…" for line in refusals]
        raise pytest.UsageError("Valeur refusée avant le démarrage :\n" + "\n".join(refusals)
                                + "\nCorrigez-la sur la ligne de commande ou dans l'environnement (pytest --help "
                                  "décrit chaque option).")



# What a Playwright browser name a person may type stands for (pytest-playwright's --browser takes an engine).
BROWSER_HINTS = {
    "safari": "le moteur de Safari est webkit : --browser webkit",
    "chrome": "Chrome est un canal de chromium : --browser chromium --browser-channel chrome",
    "edge": "Edge est un canal de chromium : --browser chromium --browser-channel msedge",
    "msedge": "Edge est un canal de chromium : --browser chromium --browser-channel msedge",
}


def refused_choice(message: str) -> str | None:
    """The French refusal of an option value outside its declared choices, from argparse's English error (« argument
    --browser: invalid choice: 'safari' (choose from 'chromium', 'firefox', 'webkit') », the form of Python 3.11 to
    3.14, with or without quotes around the choices); None for any other error, which pytest then says itself."""
    found = re.search(r"argument (?P<option>-[\w-]+)(?:/-[\w-]+)*: invalid choice: '(?P<value>.*?)' "
                      r"\(choose from (?P<choices>[^)]*)\)", message, re.S)
    if found is None:
        return None
    option, value = found["option"], found["value"]
    choices = [c.strip().strip("'\"") for c in found["choices"].split(",") if c.strip()]
    what = "un navigateur que Playwright pilote" if option == "--browser" else "une valeur de cette option"
    hint = BROWSER_HINTS.get(value.lower(), "") if option == "--browser" else ""
    shown = value if len(value) <= 60 else value[:59] + "…"
    return ("Valeur refusée avant le démarrage :\n"
            f"- option {option} : « {shown} » n'est pas {what} ; valeurs possibles : {', '.join(choices)}"
            + (f" ({hint})" if hint else "") + ".\n"
            f"Corrigez-la sur la ligne de commande (par exemple {option} {choices[0] if choices else '…'} ; "
            "pytest --help décrit chaque option).")
