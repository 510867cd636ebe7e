"""Checks of a feature file's raw text: language line, typographic apostrophes, NFC form."""

from __future__ import annotations

import re
import unicodedata

from .problems import Problem

LANGUAGE_RE = re.compile(r"^\s*#\s*language\s*:\s*(\S*)\s*$")
TYPOGRAPHIC_APOSTROPHE = "\u2019"


def _check_text(display: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    lines = text.split("\n")
    first_index = next((i for i, line in enumerate(lines) if line.strip().lstrip("\ufeff")), None)
    if first_index is None:
        problems.append(Problem(display, 1, "langue", "Fichier vide : la première ligne doit être « # language: fr »."))
    else:
        first = lines[first_index].lstrip("\ufeff")
        m = LANGUAGE_RE.match(first)
        if not m:
            elsewhere = next(
                (i + 1 for i, line in enumerate(lines) if LANGUAGE_RE.match(line.lstrip("\ufeff"))), None
            )
            hint = (
                f" (elle se trouve ligne {elsewhere} : Gherkin ne la lit que si elle vient en premier)"
                if elsewhere
                else ""
            )
            problems.append(
                Problem(
                    display,
                    first_index + 1,
                    "langue",
                    f"La première ligne doit être « # language: fr »{hint} ; sans elle Gherkin lit le fichier "
                    "en anglais et ne reconnaît ni « Fonctionnalité » ni « Scénario ».",
                )
            )
        elif m.group(1) != "fr":
            problems.append(
                Problem(
                    display,
                    first_index + 1,
                    "langue",
                    f"Langue « {m.group(1)} » déclarée : les fonctionnalités s'écrivent en français "
                    "(« # language: fr »).",
                )
            )
    for number, line in enumerate(lines, start=1):
        if TYPOGRAPHIC_APOSTROPHE in line:
            columns = ", ".join(str(i + 1) for i, ch in enumerate(line) if ch == TYPOGRAPHIC_APOSTROPHE)
            problems.append(
                Problem(
                    display,
                    number,
                    "apostrophe",
                    f"Apostrophe typographique (’) colonne {columns} : utilisez l'apostrophe droite (').",
                )
            )
        if not unicodedata.is_normalized("NFC", line):
            bad = sorted(
                {
                    ch
                    for ch in line
                    if unicodedata.combining(ch)
                }
            )
            detail = ", ".join(f"U+{ord(ch):04X}" for ch in bad) or "caractères décomposés"
            problems.append(
                Problem(
                    display,
                    number,
                    "nfc",
                    "Texte non normalisé NFC (accents décomposés : "
                    f"{detail}) : l'étape paraîtra identique mais ne sera pas reconnue. "
                    "Retapez les lettres accentuées ou enregistrez le fichier en NFC.",
                )
            )
    return problems
