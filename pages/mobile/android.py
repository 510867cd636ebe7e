"""Android app: the purchase window (a stock AlertDialog), and the hand-off to the browser."""
from __future__ import annotations

import re

from appium.webdriver.common.appiumby import AppiumBy
from selenium.webdriver.support import expected_conditions as EC

from pages.mobile.base import APP_IDS, Screen
from pages.mobile.common import ComputersScreen

CHROME = "com.android.chrome"
APP = APP_IDS["android"]
# The title of an AlertDialog: android:id/alertTitle (framework) or <app>:id/alertTitle (AppCompat)
DIALOG_TITLE = (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().resourceIdMatches(".+:id/alertTitle")')


class AndroidComputersScreen(ComputersScreen):
    BUTTON_CLASS = "android.widget.Button"

    def start_purchase(self) -> "BuyDialog":
        self.tap_buy()
        return BuyDialog(self.driver).wait_until_shown()


class BuyDialog(Screen):
    """La fenêtre « Acheter l'abonnement » / « OK » : an AlertDialog whose positive button (button1)
    buys and negative button (button2) is « OK »."""
    BUY, OK = "android:id/button1", "android:id/button2"

    @property
    def shown_by(self):
        return DIALOG_TITLE

    def title(self) -> str:
        return self.wait.until(EC.presence_of_element_located(DIALOG_TITLE)).text

    def button_labels(self) -> list[str]:
        return [self.text(self.BUY), self.text(self.OK)]

    def ok(self) -> AndroidComputersScreen:
        self.tap(self.OK)
        return AndroidComputersScreen(self.driver).wait_until_shown()

    def buy(self) -> "Browser":
        self.tap(self.BUY)
        return Browser(self.driver).wait_until_shown()


class Browser(Screen):
    """The phone's browser, opened by the app on the Parallels account."""

    def wait_until_shown(self) -> "Browser":
        self.wait.until(lambda d: d.query_app_state(CHROME) == 4,
                        message="le navigateur ne s'est pas ouvert au premier plan")
        return self

    def address(self) -> str:
        """The address as Chrome shows it: without « https:// » or « http:// »."""
        return self.wait.until(EC.presence_of_element_located((AppiumBy.ID, f"{CHROME}:id/url_bar")),
                               message="barre d'adresse du navigateur introuvable").text

    def is_on(self, url: str) -> bool:
        return strip_scheme(self.address()) == strip_scheme(url)

    def url(self, scheme: str = "https") -> str:
        """The full address, with `scheme` when Chrome hides it."""
        shown = self.address()
        return shown if re.match(r"^[a-z]+://", shown) else f"{scheme}://{shown}"


def strip_scheme(url: str) -> str:
    return re.sub(r"^[a-z]+://", "", url)
