from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.portal.keyboard import Keyboard


class SignInPage:
    """Connexion à votre compte Parallels."""

    def __init__(self, page: Page):
        self.page = page
        self.error: Locator = page.get_by_role("alert")
        self.heading: Locator = page.get_by_role("heading", name="Connexion à votre compte Parallels")
        self.email: Locator = page.get_by_label("Adresse e-mail")
        self.password: Locator = page.get_by_label("Mot de passe")

    def open(self) -> "SignInPage":
        self.page.goto("/connexion")
        return self

    def sign_in(self, email: str, password: str) -> None:
        self.email.fill(email)
        self.password.fill(password)
        self.page.get_by_role("button", name="Se connecter").click()

    def sign_in_with_keyboard(self, email: str, password: str) -> None:
        keyboard = Keyboard(self.page, "Connexion")
        keyboard.tab_to(self.email, "Adresse e-mail")
        keyboard.type(email)
        keyboard.next_is(self.password, "Mot de passe", "Adresse e-mail")
        keyboard.type(password)
        keyboard.press("Enter")
