"""Screens that mean the same on iOS and Android: sign-in and the computers screen."""
from __future__ import annotations

from appium.webdriver.common.appiumby import AppiumBy

from pages import vocabulary
from pages.mobile.base import Screen
from pages.mobile.protocols import BuyWindow, PackChoice
from pages.observed import fail


class SignInScreen(Screen):
    TITLE = "signInTitle"
    WHAT = "l'écran de connexion"

    def sign_in(self, email: str, password: str) -> None:
        for field, value in (("emailField", email), ("passwordField", password)):
            element = self.element(field)
            element.clear()  # a previous attempt leaves its text in the field
            element.send_keys(value)
        self.hide_keyboard()  # else, on a phone, « Se connecter » is under the keyboard
        self.tap("signInButton")

    def error(self) -> str:
        return self.text("signInError")


class ComputersScreen(Screen):
    """Ordinateurs : the computers reached from the app, the subscription, the purchase button.
    On a small phone or with many computers, part of it is below the fold: reading it scrolls."""
    TITLE = "computersTitle"
    LOADED = "computersLoaded"
    WHAT = "l'écran des ordinateurs"
    BUTTON_CLASS = ""  # the platform's button element type

    def computer_names(self) -> list[str]:
        return self.collect(lambda: [(e, e.text) for e in self.elements("computerName")])

    def no_computer_notice(self) -> str | None:
        """The notice of an account without computers (only the agent adds them), or None if not shown."""
        notice = self.scroll_to("noComputers")
        return notice.text if notice is not None else None

    def has_buy_button(self) -> bool:
        button = self.scroll_to("buySubscriptionButton")
        return button is not None and button.is_displayed()

    def subscription_status(self) -> str:
        status = self.scroll_to("subscriptionStatus")
        if status is None:
            fail("l'écran des ordinateurs n'indique pas l'état de l'abonnement, même en le faisant défiler",
                 compare=False)
        return status.text

    def button_labels(self) -> list[str]:
        return self.collect(lambda: [(e, e.text) for e in self.driver.find_elements(AppiumBy.CLASS_NAME,
                                                                                     self.BUTTON_CLASS)])

    def cancel_or_refund_buttons(self) -> list[str]:
        """Labels of any button that would cancel or refund the subscription."""
        return [label for label in self.button_labels() if vocabulary.cancels_or_refunds(label)]

    def tap_buy(self) -> None:
        button = self.scroll_to("buySubscriptionButton")
        if button is None:
            fail("le bouton « Acheter l'abonnement » n'est pas sur l'écran des ordinateurs, même en le faisant "
                 "défiler", compare=False)
        button.click()

    def start_purchase(self) -> PackChoice | BuyWindow:
        """Tap « Acheter l'abonnement »; returns the screen that opens (platform-specific)."""
        raise NotImplementedError
