"""What every screen object shares: accessibility-id locators and explicit waits."""
from __future__ import annotations

from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from pages import UI_WAIT_S

DEFAULT_TIMEOUT = UI_WAIT_S
# The apps' identifiers as the stores publish them; a profile that installs the app from a file or a farm
# upload (`appium:app`) names no bundleId / appPackage, so these are the fallback.
APP_IDS = {"ios": "com.parallels.access", "android": "com.parallels.client"}


class Screen:
    TITLE: str = ""  # accessibility id of the screen's title

    def __init__(self, driver, timeout: float = DEFAULT_TIMEOUT):
        self.driver = driver
        self.wait = WebDriverWait(driver, timeout, poll_frequency=0.05,
                                  ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))

    def wait_until_shown(self):
        if self.TITLE:
            self.element(self.TITLE, f"l'écran « {self.__class__.__name__} » ne s'est pas affiché")
        return self

    def element(self, accessibility_id: str, why: str | None = None):
        return self.wait.until(EC.presence_of_element_located((AppiumBy.ACCESSIBILITY_ID, accessibility_id)),
                               message=why or f"élément « {accessibility_id} » introuvable à l'écran")

    def elements(self, accessibility_id: str) -> list:
        """Elements present now; call after wait_until_shown, when the screen is complete."""
        return self.driver.find_elements(AppiumBy.ACCESSIBILITY_ID, accessibility_id)

    def is_shown(self, accessibility_id: str) -> bool:
        return any(e.is_displayed() for e in self.elements(accessibility_id))

    def text(self, accessibility_id: str) -> str:
        return self.element(accessibility_id).text

    def tap(self, accessibility_id: str) -> None:
        self.wait.until(EC.element_to_be_clickable((AppiumBy.ACCESSIBILITY_ID, accessibility_id)),
                        message=f"bouton « {accessibility_id} » introuvable ou inactif").click()
