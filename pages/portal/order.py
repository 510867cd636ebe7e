from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

FINAL_HEADINGS = re.compile(r"^(Commande confirmée|Paiement refusé|Commande non traitée)$")


class OrderPage:
    """La page de la commande : en cours de traitement, puis confirmée ou refusée."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", level=1)
        self.processing: Locator = page.get_by_role("status").filter(has_text="en cours de traitement")
        self.refusal: Locator = page.get_by_role("alert")
        self.final_heading: Locator = page.get_by_role("heading", level=1, name=FINAL_HEADINGS)

    def open(self, number: str) -> "OrderPage":
        self.page.goto(f"/commandes/{number}")
        return self

    def wait_until_processed(self, timeout_s: float) -> str:
        """Wait for the partner's answer (the page updates by itself); return the heading."""
        self.final_heading.wait_for(timeout=timeout_s * 1000)
        return self.heading.inner_text()

    def fact(self, term: str) -> Locator:
        """A value of the order summary, e.g. 'Numéro de commande', 'Montant débité'."""
        return self.page.locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")

    def number_from_url(self) -> str:
        return self.page.url.rstrip("/").rsplit("/", 1)[-1]

    def contact_cleverbridge(self) -> None:
        self.page.get_by_role("link", name="Contacter Cleverbridge").click()
