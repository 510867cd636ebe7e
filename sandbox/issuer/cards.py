"""What the issuer decides for each card, with the public test numbers payment providers document.

Sources (checked 12/2026):
- Stripe, "Testing" > "3D Secure authentication" and "Regulatory (SCA) cards"
  (https://docs.stripe.com/testing#regulatory-cards):
  4000 0027 6000 3184 "always authenticate"; 4000 0000 0000 3220 "3DS required, succeeds once
  authenticated"; 4000 0084 0000 1629 "3DS required, then declined (card_declined)";
  4000 0000 0000 3055 "3DS supported, not required"; 4242 4242 4242 4242 no authentication.
- Braintree, "3D Secure > Testing" (https://developer.paypal.com/braintree/docs/guides/3d-secure/testing):
  4000 0000 0000 2701 "successful no-challenge authentication"; 4000 0000 0000 2925 "failed
  no-challenge authentication".
A card the issuer does not list is not enrolled: the payment goes straight through, as real
issuers do for cards outside 3-D Secure.
"""
from __future__ import annotations

CHALLENGE = "challenge"
FRICTIONLESS = "frictionless"
FRICTIONLESS_REFUSED = "frictionless_refused"

DECISIONS: dict[str, str] = {
    "4000002760003184": CHALLENGE,
    "4000000000003220": CHALLENGE,
    "4000008400001629": CHALLENGE,
    "4000000000003055": FRICTIONLESS,
    "4242424242424242": FRICTIONLESS,
    "4000000000002701": FRICTIONLESS,
    "4000000000002925": FRICTIONLESS_REFUSED,
}
# Authenticated by its holder, then refused by the bank at authorisation (Stripe 4000 0084 0000 1629).
DECLINED_AFTER_AUTHENTICATION = {"4000008400001629"}


def decision(card_number: str) -> str:
    return DECISIONS.get(card_number, FRICTIONLESS)
