"""Checks of a feature file's raw text: language line, typographic apostrophes, NFC form."""

from __future__ import annotations

import re
import unicodedata

from .problems import WARNING, Problem

LANGUAGE_RE = re.compile(r"^\s*#\s*language\s*:\s*(\S*)\s*$")
TYPOGRAPHIC_APOSTROPHE = "\u2019"
BOM = "\ufeff"


def is_blank(text: str) -> bool:
    """Nothing but blank lines and comments (the language line included): no feature to run."""
    return all(not line.strip() or line.strip().startswith("#") for line in text.lstrip(BOM).split("\n"))


def _check_text(display: str, text: str) -> list[Problem]:
    problems: list[Problem] = []
    if text.startswith(BOM):
        problems.append(Problem(
            display, 1, "bom",
            "Le fichier commence par une marque d'ordre des octets (BOM UTF-8, U+FEFF), ajoutée par certains "
            "éditeurs : Gherkin ne reconnaît alors pas « # language: fr » et lit le fichier en anglais. "
            "Enregistrez-le en « UTF-8 sans BOM »."))
    if is_blank(text):
        what = "vide" if not text.lstrip(BOM).strip() else "sans autre contenu que des commentaires"
        problems.append(Problem(
            display, 1, "fichier-vide",
            f"Fichier {what} : aucune « Fonctionnalité: » ni aucun scénario. Écrivez la fonctionnalité "
            "(« # language: fr » puis « Fonctionnalité: … ») ou supprimez le fichier."))
        return problems
    lines = text.lstrip(BOM).split("\n")
    first_index = next(i for i, line in enumerate(lines) if line.strip())
    language_index = next((i for i, line in enumerate(lines) if LANGUAGE_RE.match(line)), None)
    only_comments_before = language_index is not None and all(
        not line.strip() or line.strip().startswith("#") for line in lines[:language_index])
    m = LANGUAGE_RE.match(lines[language_index]) if only_comments_before else None
    if m is None:
        hint = (f" (elle se trouve ligne {language_index + 1}, après du contenu Gherkin : elle n'est lue "
                "que si seuls des commentaires la précèdent)" if language_index is not None else "")
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
                language_index + 1,
                "langue",
                f"Langue « {m.group(1)} » déclarée : les fonctionnalités s'écrivent en français (« # language: fr »).",
            )
        )
    elif language_index != first_index:
        problems.append(Problem(
            display, first_index + 1, "commentaire-avant-langue",
            f"Un commentaire précède « # language: fr » (ligne {language_index + 1}) : Gherkin l'accepte, "
            "mais l'usage est de la mettre en toute première ligne.", severity=WARNING))
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
