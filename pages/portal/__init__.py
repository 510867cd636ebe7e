"""Page objects of the Parallels account portal (Playwright)."""
from __future__ import annotations

from playwright.sync_api import Page

from pages.portal.bank_authentication import BankAuthenticationPage
from pages.portal.cart import CartPage
from pages.portal.customer_details import CustomerDetailsPage
from pages.portal.order import OrderPage
from pages.portal.parallels_access import ParallelsAccessPage
from pages.portal.sign_in import SignInPage
from pages.portal.sign_up import SignUpPage
from pages.portal.support import Footer, SupportPage, TermsPage


class Portal:
    """Every page of the portal, on one browser page."""

    def __init__(self, page: Page):
        self.page = page
        # Page objects hold lazy locators only: making them all here costs nothing.
        self.sign_in = SignInPage(page)
        self.sign_up = SignUpPage(page)
        self.parallels_access = ParallelsAccessPage(page)
        self.cart = CartPage(page)
        self.details = CustomerDetailsPage(page)
        self.order = OrderPage(page)
        self.bank_authentication = BankAuthenticationPage(page)
        self.support = SupportPage(page)
        self.terms = TermsPage(page)
        self.footer = Footer(page)

    def open_address(self, url: str) -> None:
        """Open an address handed over by another channel (the Android app opens the browser)."""
        self.page.goto(url)
