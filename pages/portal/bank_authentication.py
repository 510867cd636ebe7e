from __future__ import annotations

from playwright.sync_api import FrameLocator, Locator, Page

from pages.portal.keyboard import Keyboard

FRAME_TITLE = "Authentification 3-D Secure de votre banque"


class BankAuthenticationPage:
    """Authentification du paiement : le défi de la banque (3-D Secure), dans un cadre d'une autre origine.

    Everything inside the frame is located by role and label through the frame, as the customer sees
    it: a cross-origin frame is not part of the portal's DOM."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", level=1, name="Authentification du paiement")
        self.frame_element: Locator = page.get_by_title(FRAME_TITLE)
        self.frame: FrameLocator = self.frame_element.content_frame
        self.challenge_heading: Locator = self.frame.get_by_role("heading", name="Confirmez votre paiement")
        self.payment: Locator = self.frame.get_by_label("Paiement à confirmer")
        self.code_error: Locator = self.frame.get_by_role("alert")
        self.code: Locator = self.frame.get_by_label("Code reçu par SMS")
        self.confirm_button: Locator = self.frame.get_by_role("button", name="Valider")

    def confirm(self, code: str) -> None:
        self.code.fill(code)
        self.confirm_button.click()

    def confirm_with_keyboard(self, code: str) -> None:
        """Tab from the portal's page into the bank's frame, type the code, Tab, Enter."""
        keyboard = Keyboard(self.page, "Authentification du paiement")
        keyboard.tab_to(self.code, "Code reçu par SMS")
        keyboard.type(code)
        keyboard.next_is(self.confirm_button, "Valider", "Code reçu par SMS")
        keyboard.press("Enter")

    def refuse(self) -> None:
        self.frame.get_by_role("button", name="Refuser le paiement").click()

    def cancel(self) -> None:
        self.frame.get_by_role("button", name="Annuler").click()

    def leave(self) -> None:
        """« Abandonner le paiement », on the portal's page beside the bank's frame."""
        self.page.get_by_role("button", name="Abandonner le paiement").click()
