from __future__ import annotations

from playwright.sync_api import Locator, Page


class SupportPage:
    """Assistance : qui contacter pour une commande en ligne ou un achat App Store."""

    def __init__(self, page: Page):
        self.page = page

    def section(self, heading: str) -> Locator:
        return self.page.get_by_role("region", name=heading)

    def cleverbridge_section(self) -> Locator:
        return self.section("Une question sur une commande de la Boutique en ligne Parallels ?")

    def cleverbridge_link(self) -> Locator:
        return self.cleverbridge_section().get_by_role("link", name="assistance Cleverbridge")


class TermsPage:
    """Parallels Access : Conditions d'utilisation."""

    def __init__(self, page: Page):
        self.page = page
        self.heading: Locator = page.get_by_role("heading", level=1)

    def statement(self, text: str) -> Locator:
        return self.page.get_by_role("article").get_by_text(text)


class Footer:
    def __init__(self, page: Page):
        self.page = page

    def open_support(self) -> None:
        self.page.get_by_role("contentinfo").get_by_role("link", name="Assistance").click()

    def open_terms_of_use(self) -> None:
        footer = self.page.get_by_role("contentinfo")
        footer.get_by_role("link", name="Parallels Access : Conditions d'utilisation").click()
