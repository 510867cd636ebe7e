"""The merchant's side of 3-D Secure: ask the issuer at payment time, act on its answer.

A card the issuer challenges puts the order in "authenticating" and the order page shows the
issuer's challenge in a frame (another origin). Only an authenticated payment reaches the payment
partner: a refused, abandoned or timed-out authentication ends the order with nothing charged.
"""
from __future__ import annotations

import sqlite3

from sandbox.issuer import cards
from sandbox.issuer.authentications import AUTHENTICATED, PENDING, REFUSED, Authentications
from sandbox.portal.partner import PaymentPartner
from sandbox.store import Store

# What the order page tells the customer when the bank did not authenticate the payment.
OUTCOME_MESSAGES = {
    "refused": "Votre banque n'a pas authentifié le paiement.",
    "abandoned": "Vous avez abandonné l'authentification auprès de votre banque.",
    "timed_out": "Le délai d'authentification auprès de votre banque est dépassé.",
}


class ThreeDSecure:
    def __init__(self, store: Store, authentications: Authentications, partner: PaymentPartner,
                 issuer_url: str, mutations: set[str]):
        self.store = store
        self.authentications = authentications
        self.partner = partner
        self.issuer_url = issuer_url
        self.mutations = mutations

    def initial_status(self, card_number: str) -> str:
        return "authenticating" if cards.decision(card_number) == cards.CHALLENGE else "processing"

    def start(self, order: sqlite3.Row, card_number: str) -> None:
        """A new order: open the challenge, refuse at once (frictionless refusal), or pay."""
        decision = cards.decision(card_number)
        if decision == cards.CHALLENGE:
            # Fault « bank_timeout »: the bank gives up on an unanswered challenge after delay_ms (2 s by default).
            fault = self.store.fault(order["account_id"])
            timeout_s = (fault["delay_ms"] or 2000) / 1000 if fault and fault["fault"] == "bank_timeout" else None
            self.authentications.open(order["number"], order["account_id"], card_number, order["amount_cents"],
                                      timeout_s=timeout_s)
        elif decision == cards.FRICTIONLESS_REFUSED:
            self.authentications.open(order["number"], order["account_id"], card_number, order["amount_cents"],
                                      status=REFUSED)
            self.store.fail_order(order["number"], "unauthenticated")
        else:
            self.partner.submit(order["number"])

    def challenge_url(self, order_number: str) -> str | None:
        row = self.authentications.of_order(order_number)
        return f"{self.issuer_url}/defi/{row['id']}" if row else None

    def outcome_message(self, order_number: str) -> str:
        row = self.authentications.of_order(order_number)
        return OUTCOME_MESSAGES.get(row["status"] if row else "refused", OUTCOME_MESSAGES["refused"])

    def settle(self, order: sqlite3.Row) -> sqlite3.Row:
        """Act on the issuer's answer for an order waiting for it; return the order as it is now."""
        if order["status"] != "authenticating":
            return order
        row = self.authentications.of_order(order["number"])
        status = row["status"] if row else REFUSED
        if status == PENDING:
            return order
        if status == AUTHENTICATED or "refused_authentication_charges" in self.mutations:
            if self.store.start_processing(order["number"]):
                self.partner.submit(order["number"])
        else:
            self.store.fail_order(order["number"], "unauthenticated")
        return self.store.order(order["number"])
