from __future__ import annotations

from playwright.sync_api import Locator, Page


class CartPage:
    """Le panier : pack 1 mois, 1 an ou 2 ans, puis Continuer."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", name="Panier")
        self.total: Locator = page.get_by_role("status", name="Total")

    def open(self) -> "CartPage":
        self.page.goto("/panier")
        return self

    def choose_pack(self, pack: str) -> None:
        self.pack_choice(pack).check()

    def pack_choice(self, pack: str) -> Locator:
        return self.page.get_by_role("group", name="Pack d'abonnement").get_by_label(pack, exact=True)

    def pack_choices(self) -> Locator:
        return self.page.get_by_role("group", name="Pack d'abonnement").get_by_role("radio")

    def continue_(self) -> None:
        self.page.get_by_role("button", name="Continuer").click()
