"""The sandbox's own options and environment variables, checked with French messages before anything listens.

Each value is given on the command line or, by default, in an environment variable; both go through the same
converter, which says what is wrong and how to write it. `python -m sandbox` stops with exit code 2 (argparse's
usage code) and no traceback on a bad value: « PA_PARTNER_DELAY=nan » or « PA_SANDBOX_ONLY=portail » used to be
accepted or to end in an English traceback.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from sandbox.config import MUTATIONS

PARTS = ("portal", "simulator")
DAY = 86_400.0


class SettingProblem(ValueError):
    """Why a value is refused, in French, without the option's name."""


def _shown(raw: str) -> str:
    return raw if len(raw) <= 60 else f"{raw[:40]}… ({len(raw)} caractères)"


def port(raw: str) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingProblem(f"« {_shown(raw)} » n'est pas un numéro de port (exemple : 8080 ; 0 : un port libre)") \
            from None
    if not 0 <= value <= 65535:
        raise SettingProblem(f"{value} : un port va de 0 (un port libre) à 65535")
    return value


def seconds(maximum: float, allow_zero: bool) -> Callable[[str], float]:
    def convert(raw: str) -> float:
        try:
            value = float(raw.strip().replace(",", "."))
        except ValueError:
            raise SettingProblem(f"« {_shown(raw)} » n'est pas un nombre (exemple : 2 ou 0.5)") from None
        if math.isnan(value) or value < 0 or (value == 0 and not allow_zero):
            least = "positif ou nul" if allow_zero else "strictement positif"
            raise SettingProblem(f"« {_shown(raw)} » : attendu un nombre {least}")
        if value > maximum:
            raise SettingProblem(f"« {_shown(raw)} » : au plus {maximum:g}")
        return value
    return convert


def part(raw: str) -> str:
    if raw.strip() not in PARTS:
        raise SettingProblem(f"« {_shown(raw)} » inconnu ; valeurs possibles : portal (le portail seul) ou "
                             "simulator (le simulateur d'appareils seul)")
    return raw.strip()


def mutation_names(raw: str) -> set[str]:
    names = {m.strip() for m in raw.split(",") if m.strip()}
    unknown = sorted(names - MUTATIONS.keys())
    if unknown:
        raise SettingProblem(f"régression(s) inconnue(s) : {', '.join(_shown(u) for u in unknown)} ; connues : "
                             f"{', '.join(sorted(MUTATIONS))}")
    return names


def switch(raw: str) -> bool:
    words = {"1": True, "oui": True, "true": True, "0": False, "non": False, "false": False, "": False}
    try:
        return words[raw.strip().lower()]
    except KeyError:
        raise SettingProblem(f"« {_shown(raw)} » n'est ni 1 ni 0") from None


@dataclass(frozen=True)
class Setting:
    dest: str
    variable: str
    default: str
    convert: Callable[[str], Any]


SETTINGS = (
    Setting("portal_port", "PA_SANDBOX_PORTAL_PORT", "8080", port),
    Setting("simulator_port", "PA_SANDBOX_SIMULATOR_PORT", "4723", port),
    Setting("issuer_port", "PA_SANDBOX_ISSUER_PORT", "8081", port),
    Setting("challenge_timeout", "PA_CHALLENGE_TIMEOUT", "600", seconds(DAY, allow_zero=False)),
    Setting("partner_delay", "PA_PARTNER_DELAY", "2", seconds(3600, allow_zero=True)),
    Setting("loading_scale", "PA_SANDBOX_LOADING_SCALE", "1", seconds(100, allow_zero=True)),
    Setting("only", "PA_SANDBOX_ONLY", "", part),
    Setting("mutations_from_env", "PA_SANDBOX_MUTATIONS", "", mutation_names),
    Setting("sealed", "PA_SANDBOX_SEALED", "", switch),
)


def from_environment(environ: dict | None = None) -> tuple[dict[str, Any], list[str]]:
    """(converted defaults, French refusals) of every variable that is set."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    refusals = []
    for setting in SETTINGS:
        raw = environ.get(setting.variable)
        if raw is None or (raw == "" and setting.default == ""):
            values[setting.dest] = setting.convert(setting.default) if setting.default else None
            continue
        try:
            values[setting.dest] = setting.convert(raw)
        except SettingProblem as exc:
            refusals.append(f"- variable {setting.variable} : {exc}.")
    if values.get("mutations_from_env") is None:
        values["mutations_from_env"] = set()
    if values.get("sealed") is None:
        values["sealed"] = False
    return values, refusals


def argument_type(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """`convert` as argparse calls it: its French reason as argparse's message."""
    def checked(raw: str) -> Any:
        try:
            return convert(raw)
        except SettingProblem as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return checked


class FrenchParser(argparse.ArgumentParser):
    """argparse, with its refusal said in French (its own words after « argument »)."""

    def error(self, message: str) -> NoReturn:
        message = message.replace("argument ", "option ").replace("unrecognized arguments", "options inconnues")
        refuse(f"{message}.\n{self.format_usage().strip()}")


def refuse(message: str) -> NoReturn:
    print(f"python -m sandbox : {message}\nCorrigez la valeur (python -m sandbox --help décrit chaque option).",
          file=sys.stderr)
    sys.exit(2)
