from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from pages import vocabulary
from pages.observed import expecting, fail, read_quietly
from pages.portal.keyboard import Keyboard
from pages.portal.sign_in import SignInPage


class ParallelsAccessPage:
    """La page Parallels Access du compte : onglets Ordinateurs et Commandes, abonnement à droite."""

    def __init__(self, page: Page):
        self.page = page
        self.subscription_panel: Locator = page.get_by_role("complementary", name="Abonnement")
        self.buy_button: Locator = self.subscription_panel.get_by_role("button", name="Acheter l'abonnement")
        self.computers_panel: Locator = page.get_by_role("tabpanel")
        self.computers: Locator = page.get_by_role("list", name="Mes ordinateurs").get_by_role("listitem")
        self.no_computer_notice: Locator = self.computers_panel.get_by_text(vocabulary.NO_COMPUTER)
        self.signed_in_as: Locator = page.get_by_role("navigation", name="Compte")

    def open(self, tab: str = "Ordinateurs", visit: bool = True) -> "ParallelsAccessPage":
        """The page (loaded again unless `visit` is False: already shown), then its tab `tab`."""
        if visit:
            self.visit()
        heading = self.page.get_by_role("heading", level=1).first
        tab_control = self.page.get_by_role("tab", name=tab)
        sign_in = self.page.get_by_role("heading", name=SignInPage.HEADING)
        with expecting(f"la page Parallels Access n'affiche pas d'onglet {tab}", tab, heading.inner_text):
            tab_control.or_(sign_in).first.wait_for()
        # The portal sends a visitor who is not signed in to the sign-in page: say that, not « no tab ».
        if sign_in.is_visible():
            fail("Le portail affiche la page de connexion au lieu de la page Parallels Access : le client n'est "
                 "pas connecté (connexion refusée ou session perdue)", "la page Parallels Access",
                 read_quietly(heading.inner_text))
        with expecting(f"la page Parallels Access n'affiche pas d'onglet {tab}", tab, heading.inner_text):
            tab_control.click()
        return self

    def wait_for_subscription_panel(self) -> None:
        with expecting("l'encadré Abonnement n'est pas affiché sur la page Parallels Access", compare=False):
            self.subscription_panel.wait_for()

    def computer_names(self) -> list[str]:
        return self.computers.all_inner_texts()

    def visit(self) -> None:
        """Go to the page's address, as a bookmark does (the portal may send to sign-in)."""
        self.page.goto("/parallels-access")

    def buy_button_is_right_of_computers(self) -> bool:
        button, computers = self.buy_button.bounding_box(), self.computers_panel.bounding_box()
        return button["x"] >= computers["x"] + computers["width"]

    def cancel_or_refund_controls(self) -> Locator:
        """Any button or link of the subscription panel that would cancel or refund it."""
        words = vocabulary.CANCEL_OR_REFUND
        return self.subscription_panel.get_by_role("button", name=words).or_(
            self.subscription_panel.get_by_role("link", name=words))

    def orders_with(self, *texts: str) -> Locator:
        """Rows of the « Commandes » tab showing all of `texts` (pack, amount, state)."""
        rows = self.page.get_by_role("table", name="Mes commandes").get_by_role("row")
        for text in texts:
            rows = rows.filter(has_text=text)
        return rows

    def sign_out(self) -> None:
        self.signed_in_as.get_by_role("button", name="Se déconnecter").click()

    def selected_tab(self) -> Locator:
        return self.page.get_by_role("tab", selected=True)

    def start_purchase(self) -> None:
        with expecting("le bouton « Acheter l'abonnement » n'est pas affiché dans l'encadré Abonnement",
                       compare=False):
            self.buy_button.click()

    def start_purchase_with_keyboard(self) -> None:
        keyboard = Keyboard(self.page, "Parallels Access")
        keyboard.tab_to(self.buy_button, "Acheter l'abonnement")
        keyboard.press("Enter")

    def subscription_fact(self, label: str) -> Locator:
        """A line of the subscription panel, e.g. 'Abonnement actif', 'Acheté sur'."""
        return self.subscription_panel.get_by_text(re.compile(rf"^{re.escape(label)}"))

    def panel_text(self, text: str) -> Locator:
        return self.subscription_panel.get_by_text(text)

    def panel_link(self, name: str) -> Locator:
        return self.subscription_panel.get_by_role("link", name=name)


    def subscription_summary(self) -> dict[str, str] | None:
        """What the panel says of the active subscription: {'Abonnement actif': '1 an',
        'Actif jusqu'au': '02/12/2027', 'Acheté sur': 'Site web'}, or None when it says there is none."""
        self.subscription_panel.wait_for()
        if self.panel_text("Aucun abonnement actif").count():
            return None
        facts = {}
        for label in ("Abonnement actif", "Actif jusqu'au", "Acheté sur"):
            line = self.subscription_fact(label)
            facts[label] = line.get_by_role("strong").inner_text().strip() if line.count() else ""
        return facts

    def orders(self, visit: bool = True) -> list[dict[str, str]]:
        """The rows of the Commandes tab, by column header (Numéro, Pack, Montant, Débité, État)."""
        self.open("Commandes", visit)
        panel = self.page.get_by_role("tabpanel", name="Commandes")
        panel.wait_for()
        table = panel.get_by_role("table", name="Mes commandes")
        if not table.count():
            return []
        headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
        rows = table.get_by_role("row").filter(has=self.page.get_by_role("cell"))
        return [dict(zip(headers, (c.strip() for c in row.get_by_role("cell").all_inner_texts()), strict=True))
                for row in rows.all()]
