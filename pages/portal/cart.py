from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.observed import expecting
from pages.portal.keyboard import Keyboard, KeyboardFocusError


class CartPage:
    """Le panier : pack 1 mois, 1 an ou 2 ans, puis Continuer."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", name="Panier")
        self.total: Locator = page.get_by_role("status", name="Total")

    def wait_until_shown(self, after: str = "") -> None:
        with expecting(f"le panier ne s'est pas affiché {after}".strip(), "Panier",
                       self.page.get_by_role("heading", level=1).first.inner_text):
            self.heading.wait_for()

    def pack_labels(self) -> list[str]:
        """The packs offered, as their labels read."""
        return [label.strip() for label in self.pack_choices().evaluate_all(
            "radios => radios.map(r => (r.labels[0] && r.labels[0].innerText) || r.value)")]

    def open(self) -> "CartPage":
        self.page.goto("/panier")
        return self

    def choose_pack(self, pack: str) -> None:
        with expecting(f"le panier ne propose pas le pack {pack}", pack, self.pack_labels):
            self.pack_choice(pack).check()

    def pack_choice(self, pack: str) -> Locator:
        return self.page.get_by_role("group", name="Pack d'abonnement").get_by_label(pack, exact=True)

    def pack_choices(self) -> Locator:
        return self.page.get_by_role("group", name="Pack d'abonnement").get_by_role("radio")

    def continue_(self) -> None:
        with expecting("le panier n'offre pas de bouton « Continuer »", compare=False):
            self.continue_button.click()

    @property
    def continue_button(self) -> Locator:
        return self.page.get_by_role("button", name="Continuer")

    def choose_pack_and_continue_with_keyboard(self, pack: str) -> None:
        """Tab into the pack group, arrow keys to the pack (a radio group is one Tab stop), Tab, Enter."""
        keyboard = Keyboard(self.page, "Panier")
        choices = self.pack_choices()
        keyboard.tab_to(choices.first, "Pack d'abonnement")
        keyboard.press("Space")
        for _ in range(choices.count()):
            if self.pack_choice(pack).is_checked():
                break
            keyboard.press("ArrowDown")
        if not self.pack_choice(pack).is_checked():
            raise KeyboardFocusError(f"Page « Panier » : le pack « {pack} » ne se choisit pas avec les flèches.")
        keyboard.next_is(self.continue_button, "Continuer", "Pack d'abonnement")
        keyboard.press("Enter")
