"""What the step sentences read: parameter types, and amounts and subscriptions as the messages say them (no
step here; the scenario's world is fixtures/world.py)."""
from __future__ import annotations

import re

import parse


@parse.with_pattern(r"\d+(?:\s\d{3})*,\d{2} €")
def euros(text: str) -> int:
    """'34,99 €' -> 3499 (cents): French decimals, which {:f} does not read."""
    return int(re.sub(r"[^\d]", "", text))


@parse.with_pattern(r'[^"]*')
def text(value: str) -> str:
    """A quoted value that may be empty."""
    return value


TYPES = {"euros": euros, "texte": text}


def format_euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d} €"


def describe_subscription(subscription: dict | None) -> str:
    """A subscription of the test-data API, as a failure message says it (French)."""
    if not subscription:
        return "aucun abonnement actif"
    source = {"web": "le site web", "app_store": "l'App Store"}.get(subscription["source"], subscription["source"])
    ends = subscription["ends_at"][:10].split("-")
    return f"abonnement {subscription['pack_label']} acheté sur {source}, actif jusqu'au {ends[2]}/{ends[1]}/{ends[0]}"
