"""What every screen object shares: one name per control, found the way each platform's app exposes it,
explicit waits, and scrolling to what is below the fold.

A control has one name, its iOS accessibility identifier (`buySubscriptionButton`). On Android the app
exposes the same control by resource-id, the snake_case of that name in the app's package
(`com.parallels.client:id/buy_subscription_button`). Screens are recognised by their title on iOS
(`computersTitle`) and by the resource-id of their root view on Android (`computers_screen`).
sandbox/simulator/APPS.md lists what each screen must expose.
"""
from __future__ import annotations

import re
from typing import Self

from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import (
    InvalidElementStateException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from pages import UI_WAIT_S
from pages.observed import expecting, fail

DEFAULT_TIMEOUT = UI_WAIT_S
# The apps' identifiers as the stores publish them; a profile that installs the app from a file or a farm
# upload (`appium:app`) names no bundleId / appPackage, so these are the fallback.
APP_IDS = {"ios": "com.parallels.access", "android": "com.parallels.client"}
# Scrolls tried before concluding that a control is not on a screen (half a window each: 20 windows of content,
# e.g. 40 computers on an iPhone SE take 10).
MAX_SWIPES = 40
# iOS: the keys the app dismisses its keyboard with, by identifier or French label (APPS.md: the return key of the
# last field, `UIReturnKeyType.done`); WebDriverAgent taps the first one the keyboard has.
KEYBOARD_DONE_KEYS = ("Done", "OK")
# The controls as the customer names them, for failure messages (never the identifier).
SAID = {
    "emailField": "le champ « Adresse e-mail »", "passwordField": "le champ « Mot de passe »",
    "signInButton": "le bouton « Se connecter »", "signInError": "un message d'erreur de connexion",
    "buySubscriptionButton": "le bouton « Acheter l'abonnement »", "subscriptionStatus": "l'état de l'abonnement",
    "helpButton": "le bouton « Aide »", "packMonthlyButton": "la formule mensuelle",
    "packYearlyButton": "la formule annuelle", "packMonthlyPrice": "le prix de la formule mensuelle",
    "packYearlyPrice": "le prix de la formule annuelle", "purchaseSuccess": "un message de confirmation d'achat",
    "appleSupportLink": "le lien vers le service client d'Apple", "helpAppStoreText": "le texte sur l'App Store",
    "helpNoDirectRequestsText": "le texte sur les demandes faites à Parallels",
    "helpNoRefundText": "le texte sur les remboursements", "computerName": "la liste des ordinateurs",
    "noComputers": "le message « aucun ordinateur »",
    "android:id/button1": "le bouton « Acheter l'abonnement »", "android:id/button2": "le bouton « OK »",
}


def said(name: str) -> str:
    return SAID.get(name, "un élément attendu")


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def platform_of(driver) -> str:
    return str(driver.capabilities.get("platformName", "")).lower()


class Screen:
    TITLE: str = ""  # iOS accessibility id of the screen's title, e.g. computersTitle
    # The screen's loaded signal (APPS.md): an element the app exposes once every part of the screen's data
    # has arrived, e.g. computersLoaded. A real app shows its title first and loads the rest from the network:
    # until this signal, « absent » means « not loaded yet », never « not there ».
    LOADED: str = ""
    WHAT: str = "l'écran attendu"  # the screen as the customer names it, for failure messages

    def __init__(self, driver, timeout: float = DEFAULT_TIMEOUT):
        self.driver = driver
        self.timeout = timeout
        self.android = platform_of(driver) == "android"
        self.wait = WebDriverWait(driver, timeout, poll_frequency=0.05,
                                  ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))

    # -- locators ---------------------------------------------------------------------------
    def locator(self, name: str) -> tuple[str, str]:
        """How the app exposes the control `name`: iOS accessibility id, Android resource-id (a full
        `package:id/x` is taken as is)."""
        if not self.android:
            return AppiumBy.ACCESSIBILITY_ID, name
        if ":id/" in name:
            return AppiumBy.ID, name
        return AppiumBy.ID, f"{APP_IDS['android']}:id/{snake(name)}"

    @property
    def shown_by(self) -> tuple[str, str] | None:
        """What is on screen exactly when this screen is: the title (iOS), the root view (Android)."""
        if not self.TITLE:
            return None
        if self.android:
            return self.locator(f"{snake(self.TITLE.removesuffix('Title'))}_screen")
        return self.locator(self.TITLE)

    # -- waiting and reading -------------------------------------------------------------------
    def wait_until_shown(self) -> Self:
        """The screen shown and, if it loads data, loaded (its LOADED signal present)."""
        if self.shown_by:
            with expecting(f"l'application n'affiche pas {self.WHAT} (attendu pendant {self.timeout:.0f} s)",
                           compare=False):
                self.wait.until(EC.presence_of_element_located(self.shown_by))
        if self.LOADED:
            with expecting(f"{self.WHAT} n'a pas fini de se charger (signal « {self.LOADED} » attendu pendant "
                           f"{self.timeout:.0f} s) : impossible de dire ce qu'il affiche", compare=False):
                self.wait.until(EC.presence_of_element_located(self.locator(self.LOADED)))
        return self

    def is_open(self) -> bool:
        """Whether this screen is the one shown now (no waiting)."""
        return bool(self.shown_by and self.driver.find_elements(*self.shown_by))

    def element(self, name: str, why: str | None = None):
        with expecting(why or f"{self.WHAT} ne montre pas {said(name)} (attendu pendant {self.timeout:.0f} s)",
                       compare=False):
            return self.wait.until(EC.presence_of_element_located(self.locator(name)))

    def elements(self, name: str) -> list:
        """Elements present now; call after wait_until_shown, when the screen is loaded."""
        return self.driver.find_elements(*self.locator(name))

    def is_shown(self, name: str) -> bool:
        return any(e.is_displayed() for e in self.elements(name))

    def text(self, name: str) -> str:
        return self.element(name).text

    def tap(self, name: str) -> None:
        with expecting(f"{self.WHAT} ne propose pas {said(name)}, ou il ne répond pas au toucher "
                       f"(attendu pendant {self.timeout:.0f} s)", compare=False):
            self.wait.until(EC.element_to_be_clickable(self.locator(name))).click()

    def hide_keyboard(self) -> None:
        """iOS leaves the keyboard up after typing (WebDriverAgent taps a field to type in it) and it covers the
        bottom of the window: a tap on a control under it lands on a key. Hide it with the app's « done » key
        (on an iPad WebDriverAgent taps the keyboard's own hide key). Android: UiAutomator2 types without it."""
        if self.android or not self.driver.is_keyboard_shown():
            return
        try:
            self.driver.execute_script("mobile: hideKeyboard", {"keys": list(KEYBOARD_DONE_KEYS)})
        except InvalidElementStateException:
            fail(f"le clavier reste affiché sur {self.WHAT} et cache le bas de l'écran : l'application doit le "
                 f"fermer avec sa touche « OK » (APPS.md)", compare=False)

    # -- scrolling ---------------------------------------------------------------------------------
    def swipe_page(self, towards_end: bool = True) -> bool:
        """Scroll about half a window with a gesture that has a defined end; whether the screen changed, i.e.
        there was more content that way. Not the client's W3C `swipe()`: it lifts the finger while moving and
        the content flings on, so rows would go by unread. iOS `mobile: scroll` {direction, distance}
        (appium-xcuitest-driver lib/commands/gesture.ts mobileScroll: « move the current viewport exactly »);
        Android `mobile: scrollGesture` over the window below the toolbar (appium-uiautomator2-server
        handler/gestures/Scroll.java: UiObject2.scroll, by a percentage of the area)."""
        before = self.driver.page_source
        if self.android:
            size = self.driver.get_window_size()
            top = int(size["height"] * 0.2)
            self.driver.execute_script("mobile: scrollGesture", {
                "left": 0, "top": top, "width": size["width"], "height": int(size["height"] * 0.7),
                "direction": "down" if towards_end else "up", "percent": 0.5})
        else:
            self.driver.execute_script("mobile: scroll", {"direction": "down" if towards_end else "up",
                                                          "distance": 0.5})
        return self.driver.page_source != before

    def displayed(self, name: str) -> list:
        """The controls `name` in the window now. Off-screen rows are not in the tree on either platform, but
        on a real iOS app the other views of a scroll view are, with visible="false" (WebDriverAgent
        XCUIElement+FBIsVisible.m): present is not enough to be seen."""
        return [element for element in self.elements(name) if element.is_displayed()]

    def scroll_to(self, name: str, why: str | None = None):
        """The control `name`, scrolled into the window if it is below (or above) the fold; None if the
        screen shows no such control (searched to both ends)."""
        self.wait_until_shown()
        for towards_end in (True, False):
            for _ in range(MAX_SWIPES):
                found = self.displayed(name)
                if found:
                    return found[0]
                if not self.swipe_page(towards_end):
                    break
        found = self.displayed(name)
        return found[0] if found else None

    def scroll_to_top(self) -> None:
        for _ in range(MAX_SWIPES):
            if not self.swipe_page(towards_end=False):
                return

    def collect(self, read) -> list:
        """`read()` on every page of the screen, from the top; an item seen on two pages counted once. An
        item is its element id with its value: both drivers keep an element's id while its view stays on
        screen (WebDriverAgent FBElementCache: fb_cacheId; UiAutomator2: AxNodeInfoHelper.toUuid), and a
        RecyclerView row re-used for another item keeps its id but shows another value."""
        self.wait_until_shown()
        self.scroll_to_top()
        seen: dict[tuple[str, object], object] = {}
        for _ in range(MAX_SWIPES):
            for element, value in read():
                seen.setdefault((element.id, value), value)
            if not self.swipe_page(towards_end=True):
                break
        return list(seen.values())
