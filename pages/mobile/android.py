"""Android app: the purchase window (a stock AlertDialog), and the hand-off to the browser."""
from __future__ import annotations

import re

from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support import expected_conditions as EC

from pages.mobile.base import APP_IDS, Screen
from pages.mobile.common import ComputersScreen
from pages.observed import expecting

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
    WHAT = "la fenêtre d'achat"

    @property
    def shown_by(self):
        return DIALOG_TITLE

    def title(self) -> str:
        with expecting("la fenêtre d'achat n'a pas de titre", compare=False):
            return self.wait.until(EC.presence_of_element_located(DIALOG_TITLE)).text

    def button_labels(self) -> list[str]:
        return [self.text(self.BUY), self.text(self.OK)]

    def ok(self) -> AndroidComputersScreen:
        """Tap « OK »; the screen the app should be back on (the check says whether it is)."""
        self.tap(self.OK)
        return AndroidComputersScreen(self.driver)

    def shown_after_closing(self) -> str:
        """What the phone shows once the window should have closed: the computers screen (`ordinateurs`), the
        window still (`fenetre`), the browser (`navigateur`), or something else (`autre`)."""
        computers, browser = AndroidComputersScreen(self.driver), Browser(self.driver)
        try:
            self.wait.until(lambda d: browser.is_open() or (not self.is_open() and computers.is_open()))
        except TimeoutException:
            pass
        if browser.is_open():
            return "navigateur"
        if self.is_open():
            return "fenetre"
        return "ordinateurs" if computers.is_open() else "autre"

    def buy(self) -> "Browser":
        self.tap(self.BUY)
        return Browser(self.driver).wait_until_shown()


class Browser(Screen):
    """The phone's browser, opened by the app on the Parallels account."""
    WHAT = "le navigateur"

    def wait_until_shown(self) -> "Browser":
        with expecting(f"le navigateur ne s'est pas ouvert au premier plan (attendu pendant {self.timeout:.0f} s)",
                       compare=False):
            self.wait.until(lambda d: self.is_open())
        return self

    def is_open(self) -> bool:
        """Whether the browser is in the foreground now (no waiting)."""
        return self.driver.query_app_state(CHROME) == 4

    def address(self) -> str:
        """The address as Chrome shows it: without « https:// » or « http:// »."""
        with expecting("le navigateur n'affiche pas de barre d'adresse", compare=False):
            return self.wait.until(EC.presence_of_element_located((AppiumBy.ID, f"{CHROME}:id/url_bar"))).text

    def is_on(self, url: str) -> bool:
        return strip_scheme(self.address()) == strip_scheme(url)

    def url(self, scheme: str = "https") -> str:
        """The full address, with `scheme` when Chrome hides it."""
        shown = self.address()
        return shown if re.match(r"^[a-z]+://", shown) else f"{scheme}://{shown}"


def strip_scheme(url: str) -> str:
    return re.sub(r"^[a-z]+://", "", url)
