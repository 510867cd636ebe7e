from __future__ import annotations

import html
import re

from playwright.sync_api import Locator, Page

from pages.portal.keyboard import Keyboard


class SignInPage:
    """Connexion à votre compte Parallels."""

    PATH = "/connexion"
    HEADING = "Connexion à votre compte Parallels"

    def __init__(self, page: Page):
        self.page = page
        self.error: Locator = page.get_by_role("alert")
        self.heading: Locator = page.get_by_role("heading", name=self.HEADING)
        self.email: Locator = page.get_by_label("Adresse e-mail")
        self.password: Locator = page.get_by_label("Mot de passe")

    def open(self) -> "SignInPage":
        self.page.goto(self.PATH)
        return self

    @classmethod
    def recognises(cls, status: int, body: str) -> str | None:
        """Why an HTTP answer to PATH is not this page (None when it is): a target that answers but is not
        the portal is refused before any browser starts, instead of failing every scenario."""
        text = html.unescape(body)
        if status == 200 and cls.HEADING in text and re.search(r"type=[\"']?password", text):
            return None
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.S | re.I)
        shown = f", titre « {' '.join(title.group(1).split())[:80]} »" if title else ""
        return (f"{cls.PATH} répond {status}{shown}, sans la page « {cls.HEADING} » et son champ de mot de passe")

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
