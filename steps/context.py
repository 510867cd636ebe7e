"""What the step sentences read: parameter types, amounts and subscriptions as the messages say them, and the test
cards they name (no step here; the scenario's world is fixtures/world.py)."""
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


# Public test card numbers, by what the customer's bank does with them (3-D Secure, PSD2). Numbers documented by
# payment providers for their test environments, so the same scenario can run against the sandbox and against a
# staging portal wired to such a provider:
# - Stripe, "Testing" > "Regulatory (SCA) cards" and "3D Secure authentication"
#   (https://docs.stripe.com/testing#regulatory-cards): 4000 0027 6000 3184 always authenticates;
#   4000 0000 0000 3055 supports 3-D Secure without requiring it (frictionless).
# - Stripe, same page, "Declined payments": 4000 0000 0000 0002 is declined (generic_decline).
# French description used in the scenarios -> card number.
CARDS = {
    "qui demande l'authentification de la banque": "4000 0027 6000 3184",
    "que la banque accepte sans authentification": "4000 0000 0000 3055",
    "refusée par la banque": "4000 0000 0000 0002",
}
