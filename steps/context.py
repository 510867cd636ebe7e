"""Shared scenario state and parameter types (no step here)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import parse
import pytest
from playwright.sync_api import Page

from fixtures.accounts import Account
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


@dataclass
class Scenario:
    me: Account | None = None
    other: Account | None = None
    order_number: str | None = None
    other_order_number: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    app: object = None      # the MobileApp opened by the scenario
    screen: object = None   # the app screen the customer is on


@pytest.fixture
def scenario() -> Scenario:
    return Scenario()


@pytest.fixture
def sign_in_directly(page: Page, testdata, base_url: str):
    """Sign an account in without the form (for scenarios not about signing in): a session
    from the test-data API, put in the browser context as the form would. Replaces any
    session the browser had."""
    def sign_in(account: Account) -> None:
        page.context.clear_cookies()
        cookie = testdata.open_session(account.email)["cookie"]
        page.context.add_cookies([{**cookie, "url": base_url}])
    return sign_in


@pytest.fixture
def portal(page: Page) -> Portal:
    # Actions give up after 10 s rather than Playwright's 30 s: on a local portal, an
    # element that has not appeared by then will not appear.
    page.set_default_timeout(10_000)
    return Portal(page)
