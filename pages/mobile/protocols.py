"""What a customer can do on each screen of the app, whatever the platform: the types the mobile steps see.

iOS and Android screen objects implement these structurally; a step names the protocol of the screen its
sentence talks about, never a platform class nor a driver.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class SignInForm(Protocol):
    def sign_in(self, email: str, password: str) -> None: ...
    def error(self) -> str: ...


@runtime_checkable
class PackChoice(Protocol):
    """iOS: the packs, monthly or yearly renewal, before the App Store sheet."""
    def offers(self) -> dict[str, str]: ...
    def choose(self, formula: str) -> PurchaseSheet: ...
    def wait_until_shown(self) -> PackChoice: ...


@runtime_checkable
class PurchaseSheet(Protocol):
    """iOS: the App Store purchase sheet, presented by the system."""
    def text(self) -> str: ...
    def confirm(self) -> PurchaseConfirmation: ...
    def cancel(self) -> PackChoice: ...


@runtime_checkable
class PurchaseConfirmation(Protocol):
    def message(self) -> str: ...


@runtime_checkable
class StoreHelp(Protocol):
    """iOS: the help about App Store purchases."""
    def apple_support_link(self) -> str: ...
    def texts(self) -> list[str]: ...


@runtime_checkable
class BuyWindow(Protocol):
    """Android: the window « Acheter l'abonnement » / « OK »."""
    def button_labels(self) -> list[str]: ...
    def is_open(self) -> bool: ...
    def ok(self) -> Computers: ...
    def buy(self) -> AccountBrowser: ...


@runtime_checkable
class AccountBrowser(Protocol):
    """Android: the phone's browser, opened by the app on the Parallels account."""
    def url(self) -> str: ...


@runtime_checkable
class Computers(Protocol):
    """Ordinateurs: the computers reached from the app, the subscription, the purchase button (both platforms)."""
    def wait_until_shown(self) -> Computers: ...
    def computer_names(self) -> list[str]: ...
    def has_buy_button(self) -> bool: ...
    def subscription_status(self) -> str: ...
    def cancel_or_refund_buttons(self) -> list[str]: ...
    def start_purchase(self) -> PackChoice | BuyWindow: ...


@runtime_checkable
class OpensStoreHelp(Protocol):
    """iOS computers screen: it also opens the help about App Store purchases."""
    def open_help(self) -> StoreHelp: ...


@runtime_checkable
class App(Protocol):
    """The app on one device (pages.mobile.MobileApp)."""
    @property
    def computers(self) -> Computers: ...
    @property
    def sign_in_screen(self) -> SignInForm: ...
    def restart(self) -> None: ...


Screen = (SignInForm | Computers | PackChoice | PurchaseSheet | PurchaseConfirmation | StoreHelp | BuyWindow
          | AccountBrowser)
