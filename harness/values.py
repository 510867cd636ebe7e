"""Values a user types (options, environment variables, profile entries), turned into their type or refused
with the French reason. No pytest here: harness/option_values.py and the profile readers use it."""
from __future__ import annotations

import math
import os
import pathlib
import tempfile
from collections.abc import Callable
from urllib.parse import urlsplit

DAY = 86_400.0  # longest wait that makes sense for one run: beyond, a typo (1e12) rather than a choice


def shown(raw: str) -> str:
    """A value as a message quotes it: a value pasted by mistake (a whole file) stays one short line."""
    return raw if len(raw) <= 80 else f"{raw[:50]}…{raw[-20:]} ({len(raw)} caractères)"


class ValueProblem(ValueError):
    """The French reason a value is refused (without the option's name: the caller adds it)."""


def whole_number(minimum: int, maximum: int | None = None, example: str = "2") -> Callable[[str], int]:
    def convert(raw: str) -> int:
        try:
            value = int(raw.strip())
        except ValueError:
            raise ValueProblem(f"« {shown(raw)} » n'est pas un nombre entier (exemple : {example})") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"entre {minimum} et {maximum}" if maximum is not None else f"supérieur ou égal à {minimum}"
            raise ValueProblem(f"{value} hors limites : attendu un entier {bounds}")
        return value
    return convert


def seconds(raw: str) -> float:
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        raise ValueProblem(f"« {shown(raw)} » n'est pas une durée en secondes (exemple : 30 ou 2.5)") from None
    if math.isnan(value) or value <= 0:
        raise ValueProblem(f"« {shown(raw)} » : la durée doit être un nombre de secondes positif (exemple : 30)")
    if value > DAY:
        raise ValueProblem(f"« {shown(raw)} » secondes : au plus une journée ({DAY:.0f} s) ; exemple : 30")
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
        raise ValueProblem(f"« {shown(raw)} » n'est ni oui ni non (1/0, oui/non, true/false)") from None


def public(address: str) -> str:
    """An address as shown in messages: credentials (user:password@) left out."""
    head, at, tail = address.rpartition("@")
    if not at or "://" not in head:
        return address
    return head.split("://", 1)[0] + "://…@" + tail


def _first_existing(path: pathlib.Path) -> pathlib.Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _problem_on_the_way(path: pathlib.Path) -> str | None:
    """Why `path` could not be created or written: a parent that is a file, or a folder that refuses a new file
    (tried for real with a temporary file, removed at once: permissions, read-only disks and /proc all answer)."""
    existing = _first_existing(path)
    if existing == path and path.is_file():
        try:
            with open(path, "a", encoding="utf-8"):
                return None
        except OSError as exc:
            return f"le fichier n'est pas accessible en écriture ({exc.strerror})"
    if not existing.is_dir():
        return f"« {existing} » est un fichier, pas un dossier"
    try:
        with tempfile.TemporaryFile(dir=existing):
            return None
    except OSError as exc:
        return f"le dossier « {existing} » refuse un nouveau fichier ({exc.strerror})"


def writable_file(raw: str, base: pathlib.Path) -> pathlib.Path:
    """A file the run will write (a report): creatable or writable, and not a folder. Nothing is created here."""
    return _writable(raw, base, folder=False)


def writable_folder(raw: str, base: pathlib.Path) -> pathlib.Path:
    """A folder the run will fill (evidence, Allure results): creatable or writable, and not a file."""
    return _writable(raw, base, folder=True)


def _writable(raw: str, base: pathlib.Path, folder: bool) -> pathlib.Path:
    kind, example = ("dossier", "reports/allure") if folder else ("fichier", "reports/junit.xml")
    if not raw.strip() or "\x00" in raw:
        raise ValueProblem(f"« {shown(repr(raw))} » n'est pas un chemin de {kind} (exemple : {example})")
    path = base / os.path.expanduser(raw)
    try:
        if folder and path.exists() and not path.is_dir():
            raise ValueProblem(f"« {shown(raw)} » est un fichier ; attendu un dossier")
        if not folder and path.is_dir():
            raise ValueProblem(f"« {shown(raw)} » est un dossier ; attendu un fichier "
                               f"(exemple : {shown(raw.rstrip('/'))}/rapport)")
        problem = _problem_on_the_way(path)
    except OSError as exc:  # a name too long for the file system, a loop of links
        problem = exc.strerror or str(exc)
    if problem:
        raise ValueProblem(f"impossible d'écrire {'dans ' if folder else ''}« {shown(raw)} » : {problem}")
    return path
