"""Screen objects of the Parallels Access mobile apps (Appium): one facade per app."""
from __future__ import annotations

from pages.mobile.android import AndroidComputersScreen
from pages.mobile.base import APP_IDS
from pages.mobile.common import ComputersScreen, SignInScreen
from pages.mobile.ios import IOSComputersScreen


class MobileApp:
    """The app on one device; `platform` is 'ios' or 'android'."""

    COMPUTERS = {"ios": IOSComputersScreen, "android": AndroidComputersScreen}

    def __init__(self, platform: str, driver, device):
        self.platform = platform
        self.driver = driver
        self.device = device

    @classmethod
    def for_platform(cls, platform: str, driver, device) -> "MobileApp":
        return cls(platform, driver, device)

    @property
    def computers(self) -> ComputersScreen:
        return self.COMPUTERS[self.platform](self.driver)

    @property
    def sign_in_screen(self) -> SignInScreen:
        return SignInScreen(self.driver)

    def sign_in(self, email: str, password: str) -> None:
        self.sign_in_screen.wait_until_shown().sign_in(email, password)
        self.computers.wait_until_shown()

    @property
    def app_id(self) -> str:
        caps = self.device.capabilities
        return caps.get("appium:bundleId") or caps.get("appium:appPackage") or APP_IDS[self.platform]

    def restart(self) -> None:
        """Close and reopen the app, as a user does to see fresh data."""
        app_id = self.app_id
        self.driver.terminate_app(app_id)
        self.driver.activate_app(app_id)
        self.computers.wait_until_shown()
