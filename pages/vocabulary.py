"""The product's words that the harness expects on every channel, said once (French, as the customer reads them).

Values a product owner tunes per scenario (prices, packs, messages of a form) are in the feature files instead.
"""
from __future__ import annotations

import re

APPLE_SUPPORT_URL = "https://www.apple.com/fr/support/contact/"
NO_REFUND = ("Un abonnement actif ne peut être ni remboursé ni annulé. "
             "Les remboursements partiels ne sont pas autorisés.")
APP_PURCHASE_CONFIRMED = "Merci ! Votre abonnement est actif."
# What an account without computers is told on its Ordinateurs tab: a new account has none until the Parallels
# Access agent is installed on one (a customer never adds one from the portal).
NO_COMPUTER = "Aucun ordinateur n'est encore associé à ce compte."
# A control whose label holds one of these words would cancel or refund a subscription.
CANCEL_OR_REFUND_WORDS = ("annuler", "rembourser", "résilier")
CANCEL_OR_REFUND = re.compile("|".join(CANCEL_OR_REFUND_WORDS), re.I)


def cancels_or_refunds(label: str) -> bool:
    return bool(CANCEL_OR_REFUND.search(label))
