from __future__ import annotations

from playwright.sync_api import Locator, Page


class SignUpPage:
    """Créer un compte Parallels : la porte publique, la seule d'un portail visé en boîte noire."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", name="Créer un compte Parallels")
        self.error: Locator = page.get_by_role("alert")

    def open(self) -> "SignUpPage":
        self.page.goto("/inscription")
        return self

    def sign_up(self, first_name: str, last_name: str, email: str, password: str) -> None:
        self.page.get_by_label("Prénom", exact=True).fill(first_name)
        self.page.get_by_label("Nom", exact=True).fill(last_name)
        self.page.get_by_label("Adresse e-mail", exact=True).fill(email)
        self.page.get_by_label("Mot de passe", exact=False).fill(password)
        self.page.get_by_role("button", name="Créer mon compte").click()
