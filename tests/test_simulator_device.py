"""The simulated device is as hard to please as a real phone where the screen objects lean on it (issue 21):
screens load progressively, a swipe lifted without a pause flings on, the iOS keyboard stays up over the bottom
of the window, an older Android theme capitalises dialog buttons, the App Store purchase is StoreKit's flow in
three steps, and the smaller driver behaviours. Each test names the driver source (or public documentation)
of the behaviour it pins; the screen objects (pages/mobile) must work against all of it without a sleep.

Driver references: WDA = appium/WebDriverAgent@c279b4c, XCUIT = appium/appium-xcuitest-driver@05ce2be,
UIA2D = appium/appium-uiautomator2-driver@d293dd9, UIA2S = appium/appium-uiautomator2-server@5412fdb,
ANDROID = appium/appium-android-driver, AOSP = aosp-mirror/platform_frameworks_base.
"""
from __future__ import annotations

import time

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import InvalidElementStateException, NoAlertPresentException
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from pages.mobile.android import AndroidComputersScreen, BuyDialog
from pages.mobile.common import SignInScreen
from pages.mobile.ios import IOSComputersScreen
from pages.observed import Constat
from sandbox.simulator.apps import LOADING_MS
from tests.test_simulator_apps import by_name
from tests.test_simulator_protocol import android_options, assert_error, ios_options, raw

A11Y = AppiumBy.ACCESSIBILITY_ID


def session(open_driver, store, make_account, platform: str, loading: float | None = None, device: str = "",
            computers=None, subscription: str | None = None):
    """A session signed in to a fresh account, with the default (progressive) loading unless told."""
    account_id = make_account(*([computers] if computers is not None else []))[0]
    if subscription:
        store.grant_subscription(account_id, subscription, "web")
    token = store.open_session(account_id)
    if platform == "ios":
        return open_driver(ios_options(device or "iPhone 15", token=token, loading=loading))
    return open_driver(android_options(device or "Pixel 7", token=token, loading=loading))


def present(driver, name: str) -> bool:
    return bool(driver.find_elements(*by_name(driver, name)))


# -- 1. progressive loading ---------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", ["ios", "android"])
def test_a_screen_shows_its_title_first_then_the_list_then_the_subscription_then_its_loaded_signal(
        open_driver, store, make_account, platform):
    """A real app shows its title, then loads the computers and the subscription from the network (two
    requests, arriving apart); the simulator does it by default (apps.LOADING_MS). Neither driver waits for an
    app's network: WDA waits for the app to be idle (animations, main run loop: XCUIApplication+FBQuiescence.m),
    UIA2S for the accessibility events to settle (`waitForIdleTimeout`), not for data still on its way."""
    # slowed down ten times (list after 1.5 or 2 s, subscription after 3 or 3.5 s): steady on a busy machine
    driver = session(open_driver, store, make_account, platform, loading=10)
    assert present(driver, "computersTitle" if platform == "ios" else "computersScreen")
    assert present(driver, "loadingIndicator")
    assert not present(driver, "computerName") and not present(driver, "subscriptionStatus")
    assert not present(driver, "computersLoaded")
    seen = []
    deadline = time.monotonic() + 15
    while not present(driver, "computersLoaded") and time.monotonic() < deadline:
        seen.append((present(driver, "computerName"), present(driver, "subscriptionStatus")))
    assert (True, False) in seen, "the list arrives before the subscription"
    assert present(driver, "computerName") and present(driver, "subscriptionStatus")
    assert present(driver, "buySubscriptionButton") and not present(driver, "loadingIndicator")
    assert LOADING_MS[platform]["computers"]["subscription"] < 500, "default delays stay small"


@pytest.mark.parametrize("platform", ["ios", "android"])
def test_an_absent_check_on_a_loading_screen_fails_or_waits_and_never_passes(
        open_driver, store, make_account, platform):
    """R02/R15: « le bouton n'est pas affiché » and « ni annulation ni remboursement » are only said of a loaded
    screen. An account without a subscription, a slow network (loading x20: the subscription arrives after 6 s
    or more): a screen object that may wait 1 s fails (it does not say « no buy button »), one that may wait long
    enough says « there is one »."""
    driver = session(open_driver, store, make_account, platform, loading=20)
    screen_class = IOSComputersScreen if platform == "ios" else AndroidComputersScreen
    assert not present(driver, "buySubscriptionButton"), "the trap: a raw read while loading sees no button"
    impatient = screen_class(driver, timeout=1)
    with pytest.raises(Constat, match="pas fini de se charger"):
        impatient.has_buy_button()
    with pytest.raises(Constat, match="pas fini de se charger"):
        impatient.cancel_or_refund_buttons()
    with pytest.raises(Constat, match="pas fini de se charger"):
        impatient.computer_names()
    patient = screen_class(driver, timeout=15)
    assert patient.has_buy_button()
    assert patient.cancel_or_refund_buttons() == []


def test_back_to_a_loaded_screen_does_not_load_it_again(open_driver, store, make_account):
    """Going back (navigation pop, a dialog closed) shows the screen below as it was: no new loading."""
    driver = session(open_driver, store, make_account, "ios")
    WebDriverWait(driver, 5).until(EC.presence_of_element_located((A11Y, "computersLoaded")))
    driver.find_element(A11Y, "buySubscriptionButton").click()
    WebDriverWait(driver, 5).until(EC.presence_of_element_located((A11Y, "packsLoaded")))
    driver.find_element(A11Y, "backButton").click()
    assert present(driver, "computersLoaded") and present(driver, "subscriptionStatus")


# -- 3. the iOS keyboard -----------------------------------------------------------------------------------
def signed_out(open_driver, make_account, device: str):
    _, email, password = make_account()
    return open_driver(ios_options(device, loading=0)), email, password


def test_ios_keyboard_stays_up_after_typing_and_a_tap_under_it_lands_on_the_keyboard(open_driver, make_account):
    """WDA XCUIElement+FBTyping.m fb_prepareForTextInputWithSnapshot taps the field for the keyboard focus and
    nothing hides it afterwards; XCUIT lib/commands/keyboard.ts isKeyboardShown looks for an
    XCUIElementTypeKeyboard; WDA FBElementCommands.m handleClick taps the element's hit point whatever covers
    it. On an iPhone SE « Se connecter » is under the keyboard: the click types nothing and signs nobody in."""
    driver, email, password = signed_out(open_driver, make_account, "iPhone SE (3rd generation)")
    assert driver.is_keyboard_shown() is False
    driver.find_element(A11Y, "emailField").send_keys(email)
    driver.find_element(A11Y, "passwordField").send_keys(password)
    assert driver.is_keyboard_shown() is True
    assert "XCUIElementTypeKeyboard" in driver.page_source
    button = driver.find_element(A11Y, "signInButton")
    assert button.is_displayed() and button.get_attribute("hittable") == "false"
    button.click()
    assert present(driver, "signInTitle") and not present(driver, "signInError")


def test_ios_hide_keyboard_taps_a_named_key_and_on_an_iphone_nothing_else(open_driver, make_account):
    """XCUIT keyboard.ts mobileHideKeyboard sends keyNames = keys + 'done'; WDA XCUIApplication+FBHelpers.m
    fb_dismissKeyboardWithKeyNames taps a key whose identifier or label is one of them, on an iPad the last key
    (the hide key), else answers `invalid element state` « Did not know how to dismiss the keyboard »."""
    driver, email, password = signed_out(open_driver, make_account, "iPhone 15")
    driver.find_element(A11Y, "emailField").send_keys(email)
    with pytest.raises(InvalidElementStateException, match="Did not know how to dismiss the keyboard"):
        driver.hide_keyboard()
    with pytest.raises(InvalidElementStateException):  # « suivant » taps, moves on to the password, stays up
        driver.execute_script("mobile: hideKeyboard", {"keys": ["suivant"]})
    assert driver.is_keyboard_shown()
    driver.execute_script("mobile: hideKeyboard", {"keys": ["Done"]})
    assert not driver.is_keyboard_shown()
    ipad, _, _ = signed_out(open_driver, make_account, "iPad Pro (12.9-inch)")
    ipad.find_element(A11Y, "emailField").send_keys(email)
    ipad.hide_keyboard()
    assert not ipad.is_keyboard_shown()


@pytest.mark.parametrize("device", ["iPhone SE (3rd generation)", "iPhone 15", "iPad Pro (12.9-inch)"])
def test_sign_in_screen_hides_the_keyboard_before_tapping(open_driver, make_account, device):
    driver, email, password = signed_out(open_driver, make_account, device)
    SignInScreen(driver, timeout=5).wait_until_shown().sign_in(email, password)
    IOSComputersScreen(driver, timeout=5).wait_until_shown()


# -- 4. Android dialog buttons in capitals -------------------------------------------------------------------
@pytest.mark.parametrize("version, shown", [("11", ["ACHETER L'ABONNEMENT", "OK"]),
                                            ("13", ["Acheter l'abonnement", "OK"]),
                                            (None, ["Acheter l'abonnement", "OK"])])
def test_an_android_theme_with_text_all_caps_shows_dialog_buttons_in_capitals(
        open_driver, store, make_account, version, shown):
    """AOSP styles_material.xml TextAppearance.Material.Button sets textAllCaps (the DeviceDefault theme up to
    Android 11, AppCompat and MaterialComponents themes); TextView.getTextForAccessibility gives UiAutomator2 the
    text as displayed; UIA2S AlertHelpers.java filterButtonByLabel compares `buttonLabel` with that text exactly.
    The simulator's default Android profile (config/devices/simulator.toml) is such a device."""
    options = android_options(token=store.open_session(make_account()[0]))
    if version:
        options.platform_version = version
    driver = open_driver(options)
    driver.find_element(*by_name(driver, "buySubscriptionButton")).click()
    dialog = BuyDialog(driver, timeout=5).wait_until_shown()
    assert dialog.button_labels() == shown
    assert dialog.title() == "Acheter l'abonnement"  # the title keeps its case
    if version == "11":
        with pytest.raises(InvalidElementStateException):
            driver.execute_script("mobile: acceptAlert", {"buttonLabel": "Acheter l'abonnement"})
    driver.execute_script("mobile: acceptAlert", {"buttonLabel": shown[0]})
    assert driver.query_app_state("com.android.chrome") == 4


# -- 2. fling -------------------------------------------------------------------------------------------------
FORTY = [(f"Poste {n:02d}", "Windows 11") for n in range(1, 41)]


def names_in_window(driver) -> list[str]:
    return [e.text for e in driver.find_elements(*by_name(driver, "computerName")) if e.is_displayed()]


def drag(driver, travel: int, hold_ms: int | None):
    """A finger from 75 % of the window up by `travel`, in 300 ms, then a pause of `hold_ms` before the lift."""
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput
    size = driver.get_window_size()
    x, start = size["width"] // 2, int(size["height"] * 0.75)
    builder = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"), duration=300)
    builder.pointer_action.move_to_location(x, start).pointer_down()
    builder.pointer_action.move_to_location(x, start - travel)
    if hold_ms:
        builder.pointer_action.pause(hold_ms / 1000)
    builder.pointer_action.release()
    builder.perform()


@pytest.mark.parametrize("platform", ["ios", "android"])
def test_a_swipe_lifted_without_a_pause_flings_on_and_a_held_one_stops(open_driver, store, make_account, platform):
    """Appium-Python-Client webdriver/extensions/action_helpers.py swipe(): move, down, move, release, no pause:
    the scroll view goes on with the lift velocity (UIScrollView deceleration, RecyclerView fling), here up to
    twice the finger's travel (gestures.FLING_HOLD_MS, FLING_S). A pause of 100 ms or more before the lift: the
    content stops with the finger."""
    driver = session(open_driver, store, make_account, platform, loading=0, device="iPhone SE (3rd generation)"
                     if platform == "ios" else "", computers=FORTY)
    def row_y(name: str) -> int:
        return next(e.rect["y"] for e in driver.find_elements(*by_name(driver, "computerName")) if e.text == name)
    row = driver.find_elements(*by_name(driver, "computerCell"))[0].rect["height"]
    travel = 2 * row
    y = row_y("Poste 04")
    drag(driver, travel, hold_ms=150)
    assert abs((y - row_y("Poste 04")) - travel) <= 1, "held before the lift: the content moved with the finger"
    before = names_in_window(driver)
    size = driver.get_window_size()
    driver.swipe(size["width"] // 2, int(size["height"] * 0.75), size["width"] // 2, int(size["height"] * 0.25), 300)
    after = names_in_window(driver)
    skipped = FORTY.index((after[0], "Windows 11")) - FORTY.index((before[-1], "Windows 11"))
    assert skipped > 1, f"the fling carries rows past unread: {before} -> {after}"


@pytest.mark.parametrize("platform, device", [("ios", "iPhone SE (3rd generation)"), ("ios", "iPad Pro (12.9-inch)"),
                                              ("android", "")])
def test_the_computers_screen_reads_forty_computers_whole(open_driver, store, make_account, platform, device):
    """The screen objects scroll with a defined end (Screen.swipe_page: iOS `mobile: scroll`, Android
    `mobile: scrollGesture`) and read a long list whole, from the top, each row once."""
    driver = session(open_driver, store, make_account, platform, device=device, computers=FORTY)
    screen = (IOSComputersScreen if platform == "ios" else AndroidComputersScreen)(driver, timeout=10)
    assert screen.computer_names() == [name for name, _ in FORTY]
    assert screen.has_buy_button()


# -- 5. StoreKit's purchase ------------------------------------------------------------------------------------
def test_the_app_store_purchase_is_storekit_s_flow_and_the_screen_objects_complete_it(open_driver, store,
                                                                                      make_account):
    """Apple, « Testing In-App Purchase Transactions » (developer.apple.com/documentation/storekit/in-app_purchase/
    testing_in-app_purchase_transactions): the purchase asks to sign in to the App Store, the prompt says
    « [Environment: Sandbox] »; the purchase ends with a system alert. All three are system alerts here, reached as
    WDA reaches one (FBAlert.m, XCUIApplication+FBAlert.m: SpringBoard first). Nothing is bought before the
    confirmation; the final alert comes once the transaction has gone through (after a delay)."""
    from pages.mobile.ios import PacksScreen, PurchasedScreen
    account_id = make_account()[0]
    driver = open_driver(ios_options("iPhone 15", token=store.open_session(account_id), loading=None))
    IOSComputersScreen(driver, timeout=5).tap_buy()
    sheet = PacksScreen(driver, timeout=5).wait_until_shown().choose("annuelle")
    assert "Annuel" in sheet.text()
    driver.execute_script("mobile: alert", {"action": "accept", "buttonLabel": "S'abonner"})
    assert driver.execute_script("mobile: alert", {"action": "getButtons"}) == ["Annuler", "Se connecter"]
    assert store.active_subscription(account_id) is None
    driver.execute_script("mobile: alert", {"action": "dismiss", "buttonLabel": "Annuler"})
    assert store.active_subscription(account_id) is None
    sheet = PacksScreen(driver, timeout=5).wait_until_shown().choose("annuelle")
    purchased = sheet.confirm()
    assert isinstance(purchased, PurchasedScreen) and store.active_subscription(account_id).pack == "1y"
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text  # the final alert was answered


# -- 6. the smaller ones -------------------------------------------------------------------------------------
def test_mobile_alert_without_action_and_an_empty_android_selector_are_refused_as_the_drivers_do(
        open_driver, store, make_account, sandbox_server):
    """`mobile: alert` without `action`: XCUIT lib/execute-method-map.ts {required: ['action']}, checked by
    appium's base driver before the driver runs (protocol.ts validateExecuteMethodParams): 400 invalid argument.
    An empty selector on Android: appium-android-driver lib/commands/find.ts findElOrEls throws a plain Error
    « Must provide a selector when finding elements »: 500 unknown error (an empty content-desc would match the
    many nodes that have none)."""

    ios = open_driver(ios_options("iPhone 15"))
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/execute/sync", "POST",
                             {"script": "mobile: alert", "args": [{}]})
    assert_error(status, payload, 400, "invalid argument")
    android = open_driver(android_options())
    for using in ("accessibility id", "id", "xpath"):
        status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{android.session_id}/elements", "POST",
                                 {"using": using, "value": ""})
        assert_error(status, payload, 500, "unknown error")
        assert "Must provide a selector" in payload["value"]["message"]


def test_ios_keeps_views_out_of_the_window_in_the_tree_invisible_android_leaves_them_out(open_driver, store,
                                                                                         make_account):
    """iOS: the views of a scroll view out of the window stay in the tree, visible="false" (WDA
    XCUIElement+FBIsVisible.m), rows of a table do not (recycled cells); a click on such a view: XCTest scrolls it
    into view, then taps it. Android: UiAutomator2 leaves out views not visible to the user (`allowInvisibleElements`
    false)."""
    ios = session(open_driver, store, make_account, "ios", loading=0, device="iPhone SE (3rd generation)",
                  computers=FORTY)
    button = ios.find_element(A11Y, "buySubscriptionButton")
    assert not button.is_displayed()
    assert len(ios.find_elements(A11Y, "computerCell")) < len(FORTY)
    button.click()
    WebDriverWait(ios, 5).until(EC.presence_of_element_located((A11Y, "packsTitle")))
    android = session(open_driver, store, make_account, "android", loading=0, computers=FORTY)
    assert not present(android, "buySubscriptionButton")
