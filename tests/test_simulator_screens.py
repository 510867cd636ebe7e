"""The screen objects (pages/mobile) against the simulator: what they need from a real app (APPS.md) is all
they use, on a tablet, a phone, a small phone with a list that scrolls, and Android."""
from __future__ import annotations

import pytest
from appium import webdriver
from appium.options.common import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import InvalidSessionIdException

from harness import devices
from pages.mobile import MobileApp
from pages.mobile.android import BuyDialog
from pages.mobile.ios import AppStoreSheet, PacksScreen

MANY = [(f"MacBook {n:02d}", "macOS 14") for n in range(1, 13)]


@pytest.fixture
def open_app(sandbox_server, store, make_account):
    opened = []

    def open_(device: str, computers=MANY, subscription: str | None = None) -> MobileApp:
        account_id = make_account(computers)[0]
        if subscription:
            store.grant_subscription(account_id, subscription, "web")
        token = store.open_session(account_id)
        profile = devices.load("simulator").device(device)
        caps = dict(profile.capabilities)
        if profile.platform == "ios":
            caps["appium:processArguments"] = {"args": ["-PASessionToken", token]}
        else:
            caps["appium:optionalIntentArguments"] = f"--es PASessionToken {token}"
        driver = webdriver.Remote(sandbox_server.appium_url, options=AppiumOptions().load_capabilities(caps))
        opened.append(driver)
        return MobileApp.for_platform(profile.platform, driver, profile)
    yield open_
    for driver in opened:
        try:
            driver.quit()
        except InvalidSessionIdException:
            pass


@pytest.mark.parametrize("device", ["iPad", "iPhone", "iPhone SE", "Android"])
def test_computers_screen_reads_everything_even_below_the_fold(open_app, device):
    app = open_app(device)
    computers = app.computers.wait_until_shown()
    assert computers.computer_names() == [name for name, _ in MANY]
    assert computers.has_buy_button()
    assert computers.subscription_status() == "Aucun abonnement actif."
    assert computers.cancel_or_refund_buttons() == []


def test_small_phone_scrolls_to_the_buy_button_then_buys(open_app, store):
    app = open_app("iPhone SE")
    computers = app.computers.wait_until_shown()
    # below the fold at first: in the tree (a view of the scroll view, not a row), not visible
    assert not app.driver.find_element(AppiumBy.ACCESSIBILITY_ID, "buySubscriptionButton").is_displayed()
    packs = computers.start_purchase()
    assert isinstance(packs, PacksScreen)
    sheet = packs.choose("annuelle")
    assert isinstance(sheet, AppStoreSheet) and "19,99 € par an" in sheet.text()
    assert sheet.confirm().message() == "Merci ! Votre abonnement est actif."


@pytest.mark.parametrize("device", ["iPhone SE", "Android"])
def test_no_buy_button_is_concluded_after_scrolling_to_the_end(open_app, device):
    app = open_app(device, subscription="1y")
    computers = app.computers.wait_until_shown()
    assert not computers.has_buy_button()
    assert "Abonnement actif : 1 an, acheté sur Site web" in computers.subscription_status()


def test_android_window_by_resource_ids(open_app):
    app = open_app("Android", computers=MANY[:2])
    window = app.computers.start_purchase()
    assert isinstance(window, BuyDialog) and window.is_open()
    assert window.title() == "Acheter l'abonnement"
    # the default Android profile's theme writes dialog buttons in capitals (test_simulator_device.py)
    assert window.button_labels() == ["ACHETER L'ABONNEMENT", "OK"]
    computers = window.ok()
    assert not BuyDialog(app.driver).is_open() and computers.has_buy_button()
    browser = app.computers.start_purchase().buy()
    assert "://" not in browser.address()  # as Chrome shows it
    assert browser.url(scheme="http").startswith("http://") and browser.url().endswith("onglet%3Dordinateurs")
