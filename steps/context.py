"""Shared scenario state and parameter types (no step here)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

import parse
import pytest
from playwright.sync_api import Page

from fixtures.accounts import Account
from pages import UI_WAIT_MS
from pages.mobile.protocols import App, BuyWindow, Screen
from pages.portal import Portal


@parse.with_pattern(r"\d+(?:\s\d{3})*,\d{2} €")
def euros(text: str) -> int:
    """'34,99 €' -> 3499 (cents): French decimals, which {:f} does not read."""
    return int(re.sub(r"[^\d]", "", text))


@parse.with_pattern(r'[^"]*')
def text(value: str) -> str:
    """A quoted value that may be empty."""
    return value


TYPES = {"euros": euros, "texte": text}


def format_euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d} €"


def describe_subscription(subscription: dict | None) -> str:
    """A subscription of the test-data API, as a failure message says it (French)."""
    if not subscription:
        return "aucun abonnement actif"
    source = {"web": "le site web", "app_store": "l'App Store"}.get(subscription["source"], subscription["source"])
    ends = subscription["ends_at"][:10].split("-")
    return f"abonnement {subscription['pack_label']} acheté sur {source}, actif jusqu'au {ends[2]}/{ends[1]}/{ends[0]}"


ScreenT = TypeVar("ScreenT")


@dataclass
class Scenario:
    """The scenario's world: who the customer is, what they ordered, where they are in the app."""
    me: Account | None = None
    other: Account | None = None
    order_number: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    subscription_before: dict | None = None  # the account's subscription before time moved
    second_tab: Portal | None = None  # the portal in a second tab of the same browser
    app: App | None = None          # the app the scenario opened
    screen: Screen | None = None    # the app screen the customer is on
    window: BuyWindow | None = None  # Android: the purchase window, once opened

    def on(self, kind: type[ScreenT], what: str) -> ScreenT:
        """The current screen, as the one the sentence talks about (`what`, in French)."""
        if not isinstance(self.screen, kind):
            shown = getattr(self.screen, "WHAT", "aucun écran connu")
            pytest.fail(f"Cette étape suppose {what} à l'écran ; l'application affiche {shown}. "
                        "Vérifiez l'ordre des étapes du scénario.", pytrace=False)
        return self.screen

    @property
    def opened_app(self) -> App:
        if self.app is None:
            pytest.fail("Cette étape suppose l'application ouverte : ajoutez « l'application Parallels Access est "
                        "ouverte sur … » avant elle.", pytrace=False)
        return self.app


@pytest.fixture
def scenario() -> Scenario:
    return Scenario()


@pytest.fixture
def sign_in_directly(request, page: Page, target, base_url: str):
    """Sign an account in for scenarios not about signing in. Replaces any session the browser had.
    With the test-data API: a session from it, put in the browser as the form would; on a target
    without it: through the sign-in form, as the customer does."""
    def by_contract(account: Account) -> None:
        page.context.clear_cookies()
        cookie = request.getfixturevalue("testdata").open_session(account.email)["cookie"]
        page.context.add_cookies([{**cookie, "url": base_url}])

    def by_form(account: Account) -> None:
        page.context.clear_cookies()
        portal = Portal(page)
        portal.sign_in.open().sign_in(account.email, account.password)
        portal.parallels_access.signed_in_as.wait_for()
    return by_contract if target.control == "full" else by_form


@pytest.fixture
def portal(page: Page) -> Portal:
    page.set_default_timeout(UI_WAIT_MS)  # rather than Playwright's 30 s
    return Portal(page)
