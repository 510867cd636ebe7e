"""Screens that mean the same on iOS and Android: sign-in and the computers screen."""
from __future__ import annotations

from appium.webdriver.common.appiumby import AppiumBy

from pages import vocabulary
from pages.mobile.base import Screen


class SignInScreen(Screen):
    TITLE = "signInTitle"

    def sign_in(self, email: str, password: str) -> None:
        for field, value in (("emailField", email), ("passwordField", password)):
            element = self.element(field)
            element.clear()  # a previous attempt leaves its text in the field
            element.send_keys(value)
        self.tap("signInButton")

    def error(self) -> str:
        return self.text("signInError")


class ComputersScreen(Screen):
    """Ordinateurs : the computers reached from the app, the subscription, the purchase button."""
    TITLE = "computersTitle"
    BUTTON_CLASS = ""  # the platform's button element type

    def computer_names(self) -> list[str]:
        self.wait_until_shown()
        return [e.text for e in self.elements("computerName")]

    def has_buy_button(self) -> bool:
        self.wait_until_shown()
        return self.is_shown("buySubscriptionButton")

    def subscription_status(self) -> str:
        return self.text("subscriptionStatus")

    def button_labels(self) -> list[str]:
        self.wait_until_shown()
        return [e.text for e in self.driver.find_elements(AppiumBy.CLASS_NAME, self.BUTTON_CLASS)]

    def cancel_or_refund_buttons(self) -> list[str]:
        """Labels of any button that would cancel or refund the subscription."""
        return [label for label in self.button_labels() if vocabulary.cancels_or_refunds(label)]

    def start_purchase(self):
        """Tap « Acheter l'abonnement »; returns the screen that opens (platform-specific)."""
        raise NotImplementedError
