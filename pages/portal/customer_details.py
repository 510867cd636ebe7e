from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.observed import expecting
from pages.portal.keyboard import Keyboard

# What the customer reads beside each field; the keys are the harness's own names.
LABELS = {
    "first_name": "Prénom",
    "last_name": "Nom",
    "email": "Adresse e-mail",
    "address": "Adresse",
    "postcode": "Code postal",
    "city": "Ville",
    "country": "Pays",
    "card_number": "Numéro de carte",
    "card_expiry": "Date d'expiration (MM/AA)",
    "card_cvc": "Cryptogramme visuel",
}


class CustomerDetailsPage:
    """Vos coordonnées : identité, adresse et carte, puis Valider la commande."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", name="Vos coordonnées")
        self.summary: Locator = page.get_by_label("Récapitulatif")
        self.form_error: Locator = page.get_by_role("alert")
        self.submit_button: Locator = page.get_by_role("button", name="Valider la commande")

    def wait_until_shown(self) -> None:
        with expecting("la page « Vos coordonnées » ne s'est pas affichée après le panier", "Vos coordonnées",
                       self.page.get_by_role("heading", level=1).first.inner_text):
            self.heading.wait_for()

    def field(self, label: str) -> Locator:
        return self.page.get_by_label(label, exact=True)

    def field_message(self, label: str) -> str:
        """The message the form shows for the field (its accessible description), empty if none."""
        return self.field(label).evaluate(
            "f => (f.getAttribute('aria-describedby') || '').split(' ').map(i => document.getElementById(i))"
            ".filter(Boolean).map(e => e.innerText).join(' ')", timeout=1000)

    def refusals(self) -> list[str]:
        """« Field : message » for each field the form flags after it was sent, in the order the form reads."""
        return [f"{label} : {message}" for label in LABELS.values() if self.field(label).count()
                for message in [self.field_message(label)] if message]

    def fill(self, details: dict[str, str]) -> None:
        for key, value in details.items():
            field = self.field(LABELS[key])
            with expecting(f"le formulaire « Vos coordonnées » n'a pas de champ {LABELS[key]}", compare=False):
                if key == "country":
                    field.select_option(label=value)
                else:
                    field.fill(value)

    def submit(self) -> None:
        # Sending the form always loads a page: the order, or this form with its errors.
        with expecting("« Valider la commande » n'a mené à aucune page", compare=False):
            with self.page.expect_navigation():
                self.submit_button.click()

    def come_back(self) -> None:
        """The browser's Back button to this form after sending it, then a reload."""
        self.page.go_back()
        self.page.reload()

    def fill_and_submit_with_keyboard(self, details: dict[str, str]) -> None:
        """Field after field with Tab, in the order the form reads, then Enter on « Valider la commande »."""
        keyboard = Keyboard(self.page, "Vos coordonnées")
        previous = None
        for key, label in LABELS.items():
            field = self.field(label)
            if previous is None:
                keyboard.tab_to(field, label)
            else:
                keyboard.next_is(field, label, previous)
            if key == "country":
                keyboard.press("Home")  # a closed list is chosen by typing, from its first option
                self.page.keyboard.type(details[key])
            else:
                keyboard.type(details[key])
            previous = label
        keyboard.next_is(self.submit_button, "Valider la commande", previous)
        with self.page.expect_navigation():
            keyboard.press("Enter")

    def submit_with_double_click(self) -> None:
        with expecting("« Valider la commande » (double clic) n'a mené à aucune page", compare=False):
            with self.page.expect_navigation():
                self.submit_button.dblclick()
