"""The product's facts that the rules speak of, written once: the packs (name, length, price) on each channel, and
the parties a customer's question goes to. A staging portal sells the same packs at the same prices."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pack:
    label: str      # as the portal names it
    months: int
    cents: int


PACKS = {"1 mois": Pack("1 mois", 1, 499), "1 an": Pack("1 an", 12, 1999), "2 ans": Pack("2 ans", 24, 3499)}
# The App Store's names of the same packs (iOS: monthly or yearly renewal).
PACK_NAMES = {"1 mois": "1 mois", "1 an": "1 an", "2 ans": "2 ans", "mensuel": "1 mois", "mensuelle": "1 mois",
              "annuel": "1 an", "annuelle": "1 an", "par mois": "1 mois", "par an": "1 an"}
PACK_NAME = re.compile(r"(?<!\w)(1 mois|1 an|2 ans|mensuel(?:le)?|annuel(?:le)?|par mois|par an)(?!\w)", re.I)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months`, on the last day of the month when it has no such day (31 January + 1 month)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=last)
        except ValueError:
            continue
    raise ValueError(day)


def pack_named(text: str) -> Pack | None:
    """The one pack a line of text names, or None when it names none or several."""
    named = {PACK_NAMES[m.group(1).lower()] for m in PACK_NAME.finditer(text)}
    return PACKS[named.pop()] if len(named) == 1 else None


@dataclass(frozen=True)
class Party:
    """Who answers a customer's question: its names in a text, and where its links go."""
    name: str
    words: re.Pattern
    link_target: re.Pattern


APPLE = Party("Apple", re.compile(r"\bApple\b|App Store|apple\.com", re.I),
              re.compile(r"^https://(www\.)?apple\.com/", re.I))
CLEVERBRIDGE = Party("Cleverbridge", re.compile(r"cleverbridge", re.I), re.compile(r"cleverbridge", re.I))
PARTIES = (APPLE, CLEVERBRIDGE)


# The rules an approved copy of a page or screen holds (its title, as the customer reads it, to the rules whose
# sentences it shows): a difference from the copy names the first of them that the scenario carries.
RULES_OF_PAGE = (
    (re.compile(r"Connexion|Créer un compte", re.I), ("R14",)),
    (re.compile(r"^Parallels Access$|Ordinateurs", re.I), ("R15", "R14", "R02", "R08")),
    (re.compile(r"Panier", re.I), ("R16",)),
    (re.compile(r"coordonnées", re.I), ("R17", "R21")),
    (re.compile(r"Authentification|banque|3-D Secure", re.I), ("R22",)),
    (re.compile(r"Commande|Paiement", re.I), ("R17", "R18", "R21")),
    (re.compile(r"Assistance", re.I), ("R18", "R06")),
    (re.compile(r"Conditions", re.I), ("R19",)),
    (re.compile(r"Abonnement|App Store|confirmation", re.I), ("R04", "R03")),
    (re.compile(r"Aide", re.I), ("R06", "R07")),
    (re.compile(r"Acheter l'abonnement|fenêtre", re.I), ("R09", "R10")),
    (re.compile(r"navigateur|Adresse", re.I), ("R11",)),
)


def rules_of_page(title: str, carried: set[str]) -> tuple[str, ...]:
    """The rule a difference on the page `title` breaks: the first of the page's rules the scenario carries, else
    the page's first rule."""
    for pattern, rules in RULES_OF_PAGE:
        if pattern.search(title):
            mine = [r for r in rules if r in carried]
            return (mine or list(rules))[:1]
    return ()
