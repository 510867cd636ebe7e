"""Values a user types (options, environment variables, profile entries), turned into their type or refused
with the French reason. No pytest here: harness/option_values.py and the profile readers use it."""
from __future__ import annotations

import math
from collections.abc import Callable
from urllib.parse import urlsplit


class ValueProblem(ValueError):
    """The French reason a value is refused (without the option's name: the caller adds it)."""


def whole_number(minimum: int, maximum: int | None = None, example: str = "2") -> Callable[[str], int]:
    def convert(raw: str) -> int:
        try:
            value = int(raw.strip())
        except ValueError:
            raise ValueProblem(f"« {raw} » n'est pas un nombre entier (exemple : {example})") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"entre {minimum} et {maximum}" if maximum is not None else f"supérieur ou égal à {minimum}"
            raise ValueProblem(f"{value} hors limites : attendu un entier {bounds}")
        return value
    return convert


def seconds(raw: str) -> float:
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        raise ValueProblem(f"« {raw} » n'est pas une durée en secondes (exemple : 30 ou 2.5)") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueProblem(f"« {raw} » : la durée doit être un nombre de secondes positif (exemple : 30)")
    return value


def url(*schemes: str) -> Callable[[str], str]:
    """An address with one of `schemes`, a host and a valid port; returned without a trailing slash."""
    def convert(raw: str) -> str:
        text = raw.strip()
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number or out of range
        except ValueError as exc:
            raise ValueProblem(f"adresse « {public(text)} » mal formée ({exc})") from None
        if parts.scheme not in schemes:
            allowed = " ou ".join(f"{s}://" for s in schemes)
            raise ValueProblem(f"l'adresse « {public(text)} » doit commencer par {allowed} "
                               f"(exemple : {schemes[0]}://127.0.0.1:4723)")
        if not parts.hostname:
            raise ValueProblem(f"l'adresse « {public(text)} » n'a pas de nom d'hôte")
        return text.rstrip("/")
    return convert


def switch(raw: str) -> bool:
    words = {"1": True, "oui": True, "yes": True, "true": True, "on": True,
             "0": False, "non": False, "no": False, "false": False, "off": False, "": False}
    try:
        return words[raw.strip().lower()]
    except KeyError:
        raise ValueProblem(f"« {raw} » n'est ni oui ni non (1/0, oui/non, true/false)") from None


def public(address: str) -> str:
    """An address as shown in messages: credentials (user:password@) left out."""
    head, at, tail = address.rpartition("@")
    if not at or "://" not in head:
        return address
    return head.split("://", 1)[0] + "://…@" + tail
