"""iOS app (iPad and iPhone): purchase through the App Store sheet, and help."""
from __future__ import annotations

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.support import expected_conditions as EC

from pages.mobile.base import Screen
from pages.mobile.common import ComputersScreen
from pages.observed import expecting, fail

# The buttons of StoreKit's purchase, step by step: the sheet, the Apple ID confirmation, the final alert.
STOREKIT_STEPS = ("S'abonner", "Se connecter", "OK")
FORMULAS = {"mensuelle": ("packMonthlyButton", "packMonthlyPrice"),
            "annuelle": ("packYearlyButton", "packYearlyPrice")}


class IOSComputersScreen(ComputersScreen):
    BUTTON_CLASS = "XCUIElementTypeButton"

    def start_purchase(self) -> "PacksScreen":
        self.tap_buy()
        return PacksScreen(self.driver).wait_until_shown()

    def open_help(self) -> "HelpScreen":
        button = self.scroll_to("helpButton")
        if button is None:
            fail("le bouton « Aide » n'est pas sur l'écran des ordinateurs, même en le faisant défiler", compare=False)
        button.click()
        return HelpScreen(self.driver).wait_until_shown()


class PacksScreen(Screen):
    """Choix du pack : renouvellement mensuel ou annuel."""
    TITLE = "packsTitle"
    LOADED = "packsLoaded"
    WHAT = "le choix des formules d'abonnement"

    def offers(self) -> dict[str, str]:
        """Formula -> price as shown, e.g. {'mensuelle': '4,99 € par mois', ...}."""
        self.wait_until_shown()
        return {formula: self.text(price) for formula, (_, price) in FORMULAS.items()}

    def choose(self, formula: str) -> "AppStoreSheet":
        self.wait_until_shown()
        self.tap(FORMULAS[formula][0])
        return AppStoreSheet(self.driver).wait_until_shown()


class AppStoreSheet(Screen):
    """The App Store purchase sheet: presented by the system, outside the app; reached through the
    alert commands (W3C alert routes, `mobile: alert`), never by the app's element tree."""

    WHAT = "la feuille d'achat de l'App Store"

    def wait_until_shown(self) -> "AppStoreSheet":
        with expecting(f"la feuille d'achat de l'App Store ne s'est pas ouverte (attendu pendant "
                       f"{self.timeout:.0f} s)", compare=False):
            self.wait.until(EC.alert_is_present())
        return self

    def text(self) -> str:  # type: ignore[override]
        return self.driver.switch_to.alert.text

    def confirm(self) -> "PurchasedScreen":
        """StoreKit's purchase in its three steps (APPS.md): the sheet (« S'abonner »), the confirmation with the
        Apple ID (« Se connecter »: the sandbox account's password prompt), then the final alert (« OK »)."""
        for label in STOREKIT_STEPS:
            self._accept_when_offered(label)
        return PurchasedScreen(self.driver).wait_until_shown()

    def _buttons(self) -> list[str]:
        try:
            return self.driver.execute_script("mobile: alert", {"action": "getButtons"})
        except NoAlertPresentException:
            return []

    def _accept_when_offered(self, label: str) -> None:
        with expecting(f"l'App Store ne propose pas « {label} » pour terminer l'achat (attendu pendant "
                       f"{self.timeout:.0f} s)", seen=self._buttons):
            self.wait.until(lambda d: label in self._buttons())
        self.driver.execute_script("mobile: alert", {"action": "accept", "buttonLabel": label})

    def cancel(self) -> PacksScreen:
        self.driver.execute_script("mobile: alert", {"action": "dismiss", "buttonLabel": "Annuler"})
        return PacksScreen(self.driver).wait_until_shown()


class PurchasedScreen(Screen):
    TITLE = "purchasedTitle"
    WHAT = "la confirmation d'achat"

    def message(self) -> str:
        return self.text("purchaseSuccess")


class HelpScreen(Screen):
    TITLE = "helpTitle"
    WHAT = "l'aide"

    def apple_support_link(self) -> str:
        return self.text("appleSupportLink")

    def texts(self) -> list[str]:
        return [self.text(i) for i in ("helpAppStoreText", "helpNoDirectRequestsText", "helpNoRefundText")]
