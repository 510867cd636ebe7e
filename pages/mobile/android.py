"""Android app: the purchase window, and the hand-off to the browser."""
from __future__ import annotations

from appium.webdriver.common.appiumby import AppiumBy
from selenium.webdriver.support import expected_conditions as EC

from pages.mobile.base import APP_IDS, Screen
from pages.mobile.common import ComputersScreen

CHROME = "com.android.chrome"
APP = APP_IDS["android"]


class AndroidComputersScreen(ComputersScreen):
    BUTTON_CLASS = "android.widget.Button"

    def start_purchase(self) -> "BuyDialog":
        self.tap("buySubscriptionButton")
        return BuyDialog(self.driver).wait_until_shown()


class BuyDialog(Screen):
    """La fenêtre « Acheter l'abonnement » / « OK »."""
    TITLE = "buyDialogTitle"

    def button_labels(self) -> list[str]:
        return [self.text("dialogBuyButton"), self.text("dialogOkButton")]

    def is_open(self) -> bool:
        """Whether the window is on screen now (ask once the screen behind it has shown)."""
        return bool(self.elements(self.TITLE))

    def ok(self) -> AndroidComputersScreen:
        self.tap("dialogOkButton")
        return AndroidComputersScreen(self.driver).wait_until_shown()

    def buy(self) -> "Browser":
        self.tap("dialogBuyButton")
        return Browser(self.driver).wait_until_shown()


class Browser(Screen):
    """The phone's browser, opened by the app on the Parallels account."""

    def wait_until_shown(self) -> "Browser":
        self.wait.until(lambda d: d.query_app_state(CHROME) == 4,
                        message="le navigateur ne s'est pas ouvert au premier plan")
        return self

    def url(self) -> str:
        return self.wait.until(EC.presence_of_element_located((AppiumBy.ID, f"{CHROME}:id/url_bar")),
                               message="barre d'adresse du navigateur introuvable").text
