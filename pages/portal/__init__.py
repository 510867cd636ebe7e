"""Page objects of the Parallels account portal (Playwright)."""
from __future__ import annotations

from functools import cached_property

from playwright.sync_api import Page

from pages.portal.cart import CartPage
from pages.portal.customer_details import CustomerDetailsPage
from pages.portal.order import OrderPage
from pages.portal.parallels_access import ParallelsAccessPage
from pages.portal.sign_in import SignInPage
from pages.portal.support import Footer, SupportPage, TermsPage


class Portal:
    """Every page of the portal, on one browser page."""

    def __init__(self, page: Page):
        self.page = page

    def open_address(self, url: str) -> None:
        """Open an address handed over by another channel (the Android app opens the browser)."""
        self.page.goto(url)

    @cached_property
    def sign_in(self) -> SignInPage:
        return SignInPage(self.page)

    @cached_property
    def parallels_access(self) -> ParallelsAccessPage:
        return ParallelsAccessPage(self.page)

    @cached_property
    def cart(self) -> CartPage:
        return CartPage(self.page)

    @cached_property
    def details(self) -> CustomerDetailsPage:
        return CustomerDetailsPage(self.page)

    @cached_property
    def order(self) -> OrderPage:
        return OrderPage(self.page)

    @cached_property
    def support(self) -> SupportPage:
        return SupportPage(self.page)

    @cached_property
    def terms(self) -> TermsPage:
        return TermsPage(self.page)

    @cached_property
    def footer(self) -> Footer:
        return Footer(self.page)
