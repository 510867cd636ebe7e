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

from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from pages import UI_WAIT_S

DEFAULT_TIMEOUT = UI_WAIT_S
# The apps' identifiers as the stores publish them; a profile that installs the app from a file or a farm
# upload (`appium:app`) names no bundleId / appPackage, so these are the fallback.
APP_IDS = {"ios": "com.parallels.access", "android": "com.parallels.client"}
# Swipes tried before concluding that a control is not on a screen (a page each: 12 pages of content).
MAX_SWIPES = 12


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def platform_of(driver) -> str:
    return str(driver.capabilities.get("platformName", "")).lower()


class Screen:
    TITLE: str = ""  # iOS accessibility id of the screen's title, e.g. computersTitle

    def __init__(self, driver, timeout: float = DEFAULT_TIMEOUT):
        self.driver = driver
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
    def wait_until_shown(self):
        if self.shown_by:
            self.wait.until(EC.presence_of_element_located(self.shown_by),
                            message=f"l'écran « {self.__class__.__name__} » ne s'est pas affiché")
        return self

    def is_open(self) -> bool:
        """Whether this screen is the one shown now (no waiting)."""
        return bool(self.shown_by and self.driver.find_elements(*self.shown_by))

    def element(self, name: str, why: str | None = None):
        return self.wait.until(EC.presence_of_element_located(self.locator(name)),
                               message=why or f"élément « {name} » introuvable à l'écran")

    def elements(self, name: str) -> list:
        """Elements present now; call after wait_until_shown, when the screen is complete."""
        return self.driver.find_elements(*self.locator(name))

    def is_shown(self, name: str) -> bool:
        return any(e.is_displayed() for e in self.elements(name))

    def text(self, name: str) -> str:
        return self.element(name).text

    def tap(self, name: str) -> None:
        self.wait.until(EC.element_to_be_clickable(self.locator(name)),
                        message=f"bouton « {name} » introuvable ou inactif").click()

    # -- scrolling ---------------------------------------------------------------------------------
    def swipe_page(self, towards_end: bool = True) -> bool:
        """One W3C swipe of most of the window (towards the end: the finger goes up); whether the
        screen changed, i.e. there was more content that way."""
        size = self.driver.get_window_size()
        x, high, low = size["width"] // 2, int(size["height"] * 0.25), int(size["height"] * 0.75)
        before = self.driver.page_source
        start, end = (low, high) if towards_end else (high, low)
        self.driver.swipe(x, start, x, end, 300)
        return self.driver.page_source != before

    def scroll_to(self, name: str, why: str | None = None):
        """The control `name`, scrolled into the window if it is below (or above) the fold; None if the
        screen has no such control (searched to both ends)."""
        self.wait_until_shown()
        for towards_end in (True, False):
            for _ in range(MAX_SWIPES):
                found = self.elements(name)
                if found:
                    return found[0]
                if not self.swipe_page(towards_end):
                    break
        found = self.elements(name)
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
