from __future__ import annotations

from playwright.sync_api import Locator, Page


class SignInPage:
    """Connexion à votre compte Parallels."""

    def __init__(self, page: Page):
        self.page = page
        self.error: Locator = page.get_by_role("alert")
        self.heading: Locator = page.get_by_role("heading", name="Connexion à votre compte Parallels")

    def open(self) -> "SignInPage":
        self.page.goto("/connexion")
        return self

    def sign_in(self, email: str, password: str) -> None:
        self.page.get_by_label("Adresse e-mail").fill(email)
        self.page.get_by_label("Mot de passe").fill(password)
        self.page.get_by_role("button", name="Se connecter").click()
