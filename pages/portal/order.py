from __future__ import annotations

import re
import time

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from pages.observed import expecting

FINAL_HEADINGS = re.compile(r"^(Commande confirmée|Paiement refusé|Paiement non authentifié|Commande non traitée)$")


class OrderPage:
    """La page de la commande : en cours de traitement, puis confirmée ou refusée."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", level=1)
        self.processing: Locator = page.get_by_role("status").filter(has_text="en cours de traitement")
        self.refusal: Locator = page.get_by_role("alert")
        self.final_heading: Locator = page.get_by_role("heading", level=1, name=FINAL_HEADINGS)
        self.subscription_notice: Locator = page.get_by_text("Votre abonnement Parallels Access est actif jusqu'au")

    def wait_until_shown(self) -> None:
        with expecting("la page de la commande ne s'est pas affichée après « Valider la commande »",
                       compare=False):
            self.heading.wait_for()

    def is_shown(self) -> bool:
        """Whether the browser is on an order's page now (no waiting)."""
        return "/commandes/" in self.page.url

    def refusal_text(self) -> str:
        return " ".join(self.refusal.all_inner_texts()).strip()

    def visit(self, number: str) -> int:
        """Go to the page of order `number`; return the HTTP status the portal answered."""
        return self.page.goto(f"/commandes/{number}").status

    def wait_until_processed(self, timeout_s: float) -> str | None:
        """Wait for the partner's answer (the page reloads itself when it comes); return the heading, or None
        if the page still says « en cours de traitement » after `timeout_s`.

        Waiting for the reload rather than polling the heading: Playwright's polling backs off to
        500 ms, which made the answer seen ~400 ms late (bench/run.py, figure b)."""
        deadline = time.monotonic() + timeout_s
        loads: list[int] = []
        record = lambda *_: loads.append(1)  # noqa: E731
        # Events reach Python only during a Playwright call: a reload during is_visible() is recorded.
        self.page.on("domcontentloaded", record)
        try:
            while not self.final_heading.is_visible():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                if not loads:
                    try:
                        self.page.wait_for_event("domcontentloaded", timeout=remaining * 1000)
                    except PlaywrightTimeout:
                        return None
                loads.clear()
        finally:
            self.page.remove_listener("domcontentloaded", record)
        return self.heading.inner_text()

    def fact(self, term: str) -> Locator:
        """A value of the order summary, e.g. 'Numéro de commande', 'Montant débité'."""
        return self.page.locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")

    def number_from_url(self) -> str:
        return self.page.url.rstrip("/").rsplit("/", 1)[-1]

    def contact_cleverbridge(self) -> None:
        self.page.get_by_role("link", name="Contacter Cleverbridge").click()
