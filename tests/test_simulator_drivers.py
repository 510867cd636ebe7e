"""The simulator answers as XCUITest (WebDriverAgent) and UiAutomator2 do, where no live server can be
compared: each expectation cites the driver source it follows (repository@commit:path).

Commits read:
  WDA   = appium/WebDriverAgent@c279b4c754e0cef057d339f28783452fb58ea02a
  XCUIT = appium/appium-xcuitest-driver@05ce2bee54c4bd1ee40a9e94fc552fffed2b3a7f
  UIA2S = appium/appium-uiautomator2-server@5412fdb389363e3d94ccb36d3b72ee61adfb2b1e
  UIA2D = appium/appium-uiautomator2-driver@d293dd9b486a864cd28492c40e46cded587ffd18
  AOSP  = aosp-mirror/platform_frameworks_base@150a59330b0e74f3c6a1b2d7d377853f88cf1d07
"""
from __future__ import annotations

import time
import xml.etree.ElementTree as ET

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import (
    InvalidArgumentException,
    InvalidElementStateException,
    InvalidSelectorException,
    NoAlertPresentException,
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.test_simulator_protocol import android_options, assert_error, ios_options, raw

A11Y = AppiumBy.ACCESSIBILITY_ID
APP, CHROME = "com.parallels.client", "com.android.chrome"
MANY = [(f"Mac {n:02d} de Camille", "macOS 14") for n in range(1, 13)]


def rid(name: str) -> tuple[str, str]:
    return AppiumBy.ID, f"{APP}:id/{name}"


@pytest.fixture
def token(store, make_account):
    def make(computers=None):
        account_id = (make_account(computers) if computers else make_account())[0]
        return store.open_session(account_id), account_id
    return make


def wait_for(driver, locator, timeout: float = 5):
    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located(locator))


# == Android: a stock AlertDialog, resource-ids, alerts by label, appPackage, Chrome =====================
def open_android_dialog(open_driver, token):
    tok, account_id = token()
    driver = open_driver(android_options(token=tok))
    driver.find_element(*rid("buy_subscription_button")).click()
    wait_for(driver, (AppiumBy.ID, "android:id/alertTitle"))
    return driver, account_id


def test_android_dialog_is_a_stock_alert_dialog(open_driver, token):
    driver, _ = open_android_dialog(open_driver, token)
    root = ET.fromstring(driver.page_source.encode())
    ids = [el.get("resource-id") for el in root.iter()]
    # AOSP core/res/res/layout/alert_dialog_material.xml: parentPanel > topPanel > title_template > alertTitle,
    # contentPanel > scrollView > message, buttonPanel
    for expected in ("android:id/content", "android:id/parentPanel", "android:id/alertTitle", "android:id/message",
                     "android:id/buttonPanel", "android:id/button1", "android:id/button2"):
        assert expected in ids, ids
    # AOSP core/res/res/layout/alert_dialog_button_bar_material.xml: button3, button2, button1 left to right
    assert ids.index("android:id/button2") < ids.index("android:id/button1")
    assert driver.find_element(AppiumBy.ID, "android:id/button1").text == "Acheter l'abonnement"
    assert driver.find_element(AppiumBy.ID, "android:id/button2").text == "OK"
    assert driver.find_element(AppiumBy.ID, "android:id/alertTitle").text == "Acheter l'abonnement"
    # the dialog window is the active one: the screen behind is not in the hierarchy
    assert driver.find_elements(*rid("computers_screen")) == []
    # UIA2S utils/AlertHelpers.java getText: the dialog's texts except its buttons, joined by new lines
    assert driver.switch_to.alert.text == ("Acheter l'abonnement\nL'abonnement Parallels Access s'achète sur la "
                                           "page Parallels Access de votre compte Parallels.")


def test_android_accept_alert_honours_button_label(open_driver, token, store):
    """UIA2D lib/commands/alert.ts sends {buttonLabel}; UIA2S AlertHelpers.getRegularAlertButton clicks the
    button with that text. « OK » must close the window, not open Chrome."""
    driver, account_id = open_android_dialog(open_driver, token)
    driver.execute_script("mobile: acceptAlert", {"buttonLabel": "OK"})
    wait_for(driver, rid("computers_screen"))
    assert driver.query_app_state(CHROME) == 1 and driver.current_package == APP
    assert store.active_subscription(account_id) is None


def test_android_accept_without_label_is_button1_dismiss_is_button2(open_driver, token):
    """UIA2S AlertHelpers.getRegularAlertButton: accept -> the lowest buttonN, dismiss -> the next one."""
    driver, _ = open_android_dialog(open_driver, token)
    driver.execute_script("mobile: dismissAlert", {})
    wait_for(driver, rid("computers_screen"))
    assert driver.current_package == APP
    driver.find_element(*rid("buy_subscription_button")).click()
    wait_for(driver, (AppiumBy.ID, "android:id/alertTitle"))
    driver.switch_to.alert.accept()
    WebDriverWait(driver, 5).until(lambda d: d.query_app_state(CHROME) == 4)


def test_android_unknown_button_label_is_invalid_element_state(open_driver, token, sandbox_server):
    """UIA2S AlertHelpers.handle: no matching button -> InvalidElementStateException."""
    driver, _ = open_android_dialog(open_driver, token)
    with pytest.raises(InvalidElementStateException) as exc:
        driver.execute_script("mobile: acceptAlert", {"buttonLabel": "Annuler"})
    assert "cannot be detected" in exc.value.msg
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/alert/dismiss", "POST",
                             {"buttonLabel": "Fermer"})
    assert_error(status, payload, 400, "invalid element state")
    driver.find_element(AppiumBy.ID, "android:id/button2").click()
    with pytest.raises(NoAlertPresentException):  # AlertHelpers.getAlertType: NoAlertOpenException
        _ = driver.switch_to.alert.text


def test_android_screens_carry_resource_ids_not_test_descriptions(open_driver, token):
    tok, _ = token()
    driver = open_driver(android_options(token=tok))
    root = ET.fromstring(driver.page_source.encode())
    app_nodes = [el for el in root.iter() if el.get("package") == APP]
    assert {el.get("content-desc") for el in app_nodes} == {""}  # a stock app sets no content description
    for name in ("computers_screen", "toolbar", "computers_list", "computer_cell", "computer_name",
                 "subscription_status", "buy_subscription_button", "sign_out_button"):
        assert driver.find_elements(*rid(name)), name
    toolbar = driver.find_element(*rid("toolbar"))
    title = toolbar.find_element(AppiumBy.CLASS_NAME, "android.widget.TextView")
    assert title.text == "Ordinateurs" and title.get_attribute("resource-id") == ""  # Toolbar's title: no id
    assert driver.find_elements(A11Y, "buySubscriptionButton") == []


def test_android_bare_id_gets_the_app_package_not_the_foreground_one(open_driver, token):
    """UIA2S utils/ElementLocationHelpers.java rewriteIdLocator/getPackageName: the appPackage capability."""
    driver, _ = open_android_dialog(open_driver, token)
    assert driver.find_elements(AppiumBy.ID, "button1") == []  # com.parallels.client:id/button1, not android:
    driver.find_element(AppiumBy.ID, "android:id/button1").click()
    WebDriverWait(driver, 5).until(lambda d: d.query_app_state(CHROME) == 4)
    assert driver.find_elements(AppiumBy.ID, "url_bar") == []  # -> com.parallels.client:id/url_bar
    assert driver.find_element(AppiumBy.ID, f"{CHROME}:id/url_bar")


def test_android_chrome_shows_the_address_without_scheme(open_driver, token, sandbox_server):
    driver, _ = open_android_dialog(open_driver, token)
    driver.find_element(AppiumBy.ID, "android:id/button1").click()
    WebDriverWait(driver, 5).until(lambda d: d.query_app_state(CHROME) == 4)
    shown = driver.find_element(AppiumBy.ID, f"{CHROME}:id/url_bar").text
    assert shown.startswith(sandbox_server.portal_url.split("://", 1)[1] + "/connexion/lien/"), shown  # no scheme


def test_android_unknown_attribute_is_unknown_command(open_driver, sandbox_server):
    """UIA2S utils/ElementHelpers.java generateNoAttributeException -> NoSuchAttributeException, an
    UnknownCommandException (common/exceptions/UnknownCommandException.java: `unknown command`, 404)."""
    driver = open_driver(android_options())
    button = driver.find_element(AppiumBy.ID, "sign_in_button")
    assert button.get_attribute("resource-id") == f"{APP}:id/sign_in_button"
    assert button.get_attribute("name") == "Se connecter"  # no content description: the text
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/element/{button.id}"
                             f"/attribute/placeholderValue")
    assert_error(status, payload, 404, "unknown command")
    assert "attribute is unknown" in payload["value"]["message"]


def test_android_unknown_element_id_is_no_such_element(open_driver, sandbox_server):
    """UIA2S model/ElementsCache.java get: an id not in the cache -> ElementNotFoundException."""
    driver = open_driver(android_options())
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/element/999/text")
    assert_error(status, payload, 404, "no such element")


# == iOS: the App Store sheet is a system alert; WebDriverAgent's attributes and locators ==================
def open_ios_sheet(open_driver, token, device="iPhone 15"):
    tok, account_id = token()
    driver = open_driver(ios_options(device, token=tok))
    driver.find_element(A11Y, "buySubscriptionButton").click()
    driver.find_element(A11Y, "packYearlyButton").click()
    WebDriverWait(driver, 5).until(EC.alert_is_present())
    return driver, account_id


def test_ios_sheet_is_outside_the_app(open_driver, token):
    """WDA FBAlert.m alertElementFromApplication: SpringBoard first, then the app; the page source is the
    app's (respectSystemAlerts off): the sheet's buttons are reached by the alert commands only."""
    driver, _ = open_ios_sheet(open_driver, token)
    assert "XCUIElementTypeAlert" not in driver.page_source
    assert driver.find_elements(A11Y, "S'abonner") == []
    assert driver.execute_script("mobile: alert", {"action": "getButtons"}) == ["Annuler", "S'abonner"]
    assert driver.switch_to.alert.text.startswith("App Store\nParallels Access : abonnement Annuel, 19,99 € par an")


def test_ios_default_accept_is_the_last_button_dismiss_the_first(open_driver, token, store):
    """WDA FBAlert.m accept/dismiss: for an XCUIElementTypeAlert, accept taps the last button, dismiss the
    first."""
    driver, account_id = open_ios_sheet(open_driver, token)
    driver.switch_to.alert.dismiss()
    wait_for(driver, (A11Y, "packsTitle"))
    assert store.active_subscription(account_id) is None
    driver.find_element(A11Y, "packYearlyButton").click()
    driver.switch_to.alert.accept()  # « S'abonner »
    driver.switch_to.alert.accept()  # « Se connecter »: StoreKit's confirmation
    wait_for(driver, (A11Y, "purchaseSuccess"))
    assert store.active_subscription(account_id).pack == "1y"
    driver.switch_to.alert.accept()  # « OK », the final alert's only button
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text


def test_ios_alert_by_label_and_its_errors(open_driver, token, sandbox_server):
    driver, _ = open_ios_sheet(open_driver, token)
    # WDA FBAlert.m clickAlertButton: no such label -> FBAlertActionFailedException -> invalid element state
    with pytest.raises(InvalidElementStateException) as exc:
        driver.execute_script("mobile: alert", {"action": "accept", "buttonLabel": "Acheter"})
    assert "Failed to find button with label 'Acheter'" in exc.value.msg
    # XCUIT lib/commands/alert.ts mobileHandleAlert: a plain Error (unknown error, 500)
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/execute/sync", "POST",
                             {"script": "mobile: alert", "args": [{"action": "press"}]})
    assert_error(status, payload, 500, "unknown error")
    # the XCUITest driver proxies WDA's own route
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/wda/alert/buttons")
    assert status == 200 and payload["value"] == ["Annuler", "S'abonner"]
    driver.execute_script("mobile: alert", {"action": "dismiss", "buttonLabel": "Annuler"})
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text


def test_ios_tap_behind_the_sheet_does_nothing_and_is_not_an_error(open_driver, token, sandbox_server):
    """WDA defines `unexpected alert open` (FBCommandStatus) but no command answers it: a tap behind a
    system alert lands on the alert's background."""
    tok, _ = token()
    driver = open_driver(ios_options("iPhone 15", token=tok))
    driver.find_element(A11Y, "buySubscriptionButton").click()
    back = driver.find_element(A11Y, "backButton")
    driver.find_element(A11Y, "packMonthlyButton").click()
    WebDriverWait(driver, 5).until(EC.alert_is_present())
    back.click()
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/back", "POST", {})
    assert status == 200, payload
    assert driver.switch_to.alert.text.startswith("App Store")
    assert driver.find_element(A11Y, "packsTitle")


def test_ios_page_source_has_webdriveragent_attributes(open_driver):
    """WDA Utilities/FBXPath.m supportedAttributes (order: type, value, name, label, enabled, visible,
    accessible, x, y, width, height, index, hittable, placeholderValue, traits) and
    Categories/XCUIElement+FBWebDriverAttributes.m wdValue (static text: its label; text field: its
    placeholder when empty)."""
    driver = open_driver(ios_options("iPhone 15"))
    root = ET.fromstring(driver.page_source.encode())
    intro = root.find(".//XCUIElementTypeStaticText[@name='signInIntro']")
    assert intro.get("value") == intro.get("label") == "Connectez-vous avec votre compte Parallels."
    assert list(intro.attrib) == ["type", "value", "name", "label", "enabled", "visible", "accessible", "x", "y",
                                  "width", "height", "index", "traits"]
    assert intro.get("traits") == "StaticText"
    email = root.find(".//XCUIElementTypeTextField")
    assert email.get("placeholderValue") == "Adresse e-mail" and email.get("value") == "Adresse e-mail"
    assert root.find(".//XCUIElementTypeButton").get("traits") == "Button"
    assert "hittable" not in driver.page_source  # written only when a query names it
    button = driver.find_element(AppiumBy.XPATH, "//XCUIElementTypeButton[@hittable='true']")
    assert button.get_attribute("name") == "signInButton"
    assert driver.find_element(A11Y, "signInIntro").get_attribute("value") == intro.get("label")
    assert driver.find_element(A11Y, "emailField").get_attribute("placeholderValue") == "Adresse e-mail"
    # WDA Routing/FBElementUtils.m: an unknown attribute name throws; FBExceptionHandler.m -> unknown error
    with pytest.raises(WebDriverException) as exc:
        driver.find_element(A11Y, "signInButton").get_attribute("content-desc")
    assert "is unknown" in exc.value.msg


@pytest.mark.parametrize("by, value", [
    (AppiumBy.CLASS_NAME, "Button"),                       # XCUIT lib/commands/find.ts: prefix added
    (AppiumBy.CLASS_NAME, "UIAButton"),                    # ... "UIA" dropped first
    (AppiumBy.IOS_CLASS_CHAIN, "**/XCUIElementTypeAny[`name == 'signInButton'`]"),
    (AppiumBy.IOS_PREDICATE, "elementType == 9 AND label == 'Se connecter'"),  # WDA FBElementTypeTransformer.m
    (AppiumBy.IOS_PREDICATE, "hittable == 1 AND type == 'XCUIElementTypeButton'"),
    (AppiumBy.IOS_PREDICATE, "label MATCHES 'Se conn.*'"),
])
def test_ios_locator_forms_of_the_real_driver(open_driver, by, value):
    driver = open_driver(ios_options("iPhone 15"))
    assert driver.find_element(by, value).text == "Se connecter"


def test_ios_predicates_on_webdriveragent_attributes(open_driver):
    driver = open_driver(ios_options("iPhone 15"))
    assert driver.find_element(AppiumBy.IOS_PREDICATE, "placeholderValue == 'Mot de passe'").get_attribute(
        "name") == "passwordField"
    assert driver.find_element(AppiumBy.IOS_PREDICATE,
                               "value BEGINSWITH 'Connectez-vous'").get_attribute("name") == "signInIntro"


@pytest.mark.parametrize("by, value", [
    (AppiumBy.IOS_CLASS_CHAIN, "**/Bouton"),
    (AppiumBy.IOS_PREDICATE, "colour == 'red'"),
    (AppiumBy.IOS_PREDICATE, "label IN {'a', 'b'}"),
])
def test_ios_unsupported_forms_are_refused_loudly(open_driver, by, value):
    driver = open_driver(ios_options("iPhone 15"))
    with pytest.raises(InvalidSelectorException):
        driver.find_element(by, value)


@pytest.mark.parametrize("by, value", [(AppiumBy.CLASS_NAME, "Bouton"), (AppiumBy.CLASS_NAME, "UIAFooBar")])
def test_ios_a_locator_webdriveragent_refuses_is_no_such_element_after_the_implicit_wait(open_driver, by, value):
    """An unknown element type: WebDriverAgent refuses it, and the XCUITest driver swallows WDA's error and looks
    again until the implicit wait ends (appium-xcuitest-driver lib/commands/find.ts doNativeFind, performLookup:
    `catch { els = [] }`): `no such element`, [] for find elements, never `invalid selector`."""
    driver = open_driver(ios_options("iPhone 15"))
    driver.implicitly_wait(0.5)
    started = time.monotonic()
    with pytest.raises(NoSuchElementException):
        driver.find_element(by, value)
    assert time.monotonic() - started >= 0.5
    assert driver.find_elements(by, value) == []


def test_ios_unknown_element_id_is_stale(open_driver, sandbox_server):
    """WDA Routing/FBElementCache.m elementForUUID: not in the cache -> FBStaleElementException."""
    driver = open_driver(ios_options("iPhone 15"))
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/element/999/text")
    assert_error(status, payload, 404, "stale element reference")


# == Gestures and scrolling: a small phone, an account with many computers ===============================
def test_small_phone_below_the_fold_rows_are_absent_other_views_invisible(open_driver, token):
    """Rows of a table out of the window are not in the tree (recycled cells); the other views of the scroll view
    are, with visible="false" (WDA XCUIElement+FBIsVisible.m), and `mobile: scroll` by name brings one into view
    (WDA XCUIElement+FBScrolling.m fb_scrollToVisibleWithError)."""
    tok, _ = token(MANY)
    driver = open_driver(ios_options("iPhone SE (3rd generation)", token=tok))
    assert driver.get_window_size() == {"width": 375, "height": 667}
    hidden = driver.find_element(A11Y, "buySubscriptionButton")
    assert not hidden.is_displayed() and hidden.rect["y"] > 667
    assert 'name="buySubscriptionButton" label="Acheter l\'abonnement" enabled="true" visible="false"' in \
        driver.page_source
    first_cell = driver.find_elements(A11Y, "computerCell")[0]
    names_before = [e.text for e in driver.find_elements(A11Y, "computerName")]
    assert names_before[0] == "Mac 01 de Camille" and len(names_before) < len(MANY)
    # a W3C swipe, finger going up: the content below comes into the window
    driver.swipe(187, 550, 187, 150, 300)
    visible = [e.text for e in driver.find_elements(A11Y, "computerName")]
    assert visible[-1] != names_before[-1]
    with pytest.raises(StaleElementReferenceException):  # the first row left the window
        _ = first_cell.text
    driver.execute_script("mobile: scroll", {"name": "buySubscriptionButton"})
    button = driver.find_element(A11Y, "buySubscriptionButton")
    assert button.is_displayed() and button.id == hidden.id
    rect = button.rect
    # a W3C tap at its centre
    driver.tap([(rect["x"] + rect["width"] // 2, rect["y"] + rect["height"] // 2)])
    wait_for(driver, (A11Y, "packsTitle"))


def test_rows_still_in_the_window_keep_their_element_id(open_driver, token):
    tok, _ = token(MANY)
    driver = open_driver(ios_options("iPhone SE (3rd generation)", token=tok))
    before = {e.id: e.text for e in driver.find_elements(A11Y, "computerName")}
    driver.swipe(187, 500, 187, 400, 300)  # a short swipe: most rows stay
    after = {e.id: e.text for e in driver.find_elements(A11Y, "computerName")}
    kept = set(before) & set(after)
    assert kept and all(before[i] == after[i] for i in kept)


def test_ios_scroll_and_swipe_extensions(open_driver, token, sandbox_server):
    tok, _ = token(MANY)
    driver = open_driver(ios_options("iPhone SE (3rd generation)", token=tok))
    driver.execute_script("mobile: swipe", {"direction": "up"})
    driver.execute_script("mobile: scroll", {"direction": "down", "distance": 2})
    assert driver.find_element(A11Y, "buySubscriptionButton")
    driver.execute_script("mobile: scroll", {"direction": "up", "distance": 5})
    assert not driver.find_element(A11Y, "buySubscriptionButton").is_displayed()
    # XCUIT lib/commands/gesture.ts mobileScroll: one strategy is required; a bad direction is refused
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: scroll", {})
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: swipe", {"direction": "sideways"})
    # WDA FBElementCommands.m handleScroll: a name that matches nothing in the tree -> no such element; a view out
    # of the window is in the tree (visible="false") and scrolled into view
    with pytest.raises(NoSuchElementException):
        driver.execute_script("mobile: scroll", {"name": "noSuchControl"})
    driver.execute_script("mobile: scroll", {"name": "buySubscriptionButton"})
    assert driver.find_element(A11Y, "buySubscriptionButton").is_displayed()


def test_android_scroll_gesture_tells_whether_more_content_follows(open_driver, token):
    """UIA2D mobile: scrollGesture returns whether the area can scroll further."""
    tok, _ = token(MANY + [("PC 10", "Windows 11"), ("PC 11", "Windows 11"), ("PC 12", "Windows 11"),
                           ("PC 13", "Windows 11"), ("PC 14", "Windows 11"), ("PC 15", "Windows 11")])
    driver = open_driver(android_options(token=tok))
    assert driver.find_elements(*rid("buy_subscription_button")) == []
    area = {"left": 0, "top": 400, "width": 1080, "height": 1600, "direction": "down", "percent": 1.0}
    moves = 0
    while driver.execute_script("mobile: scrollGesture", area):
        moves += 1
        assert moves < 10
    assert driver.find_element(*rid("buy_subscription_button"))
    driver.execute_script("mobile: swipeGesture", {**area, "direction": "down", "percent": 1.0})
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: scrollGesture", {"direction": "down", "percent": 0.5})


TOUCH = {"type": "pointer", "id": "finger", "parameters": {"pointerType": "touch"}}
TAP = [{"type": "pointerMove", "duration": 0, "x": 10, "y": 10}, {"type": "pointerDown", "button": 0},
       {"type": "pause", "duration": 50}, {"type": "pointerUp", "button": 0}]


# Each bad sequence and the answer of (XCUITest, UiAutomator2). What Appium's fake driver shares with them
# (routes, envelopes, a tap, a swipe, `actions` missing) is compared live in test_appium_conformance.py; the fake
# driver takes any sequence (appium@17be28c packages/fake-driver/lib/commands/general.ts performActions), so
# these come from the drivers' source:
# - not a list: XCUIT lib/commands/gesture.ts performActions (`actionSeq.some`) and UIA2D lib/commands/actions.ts
#   performActions (`actions.map`) throw a TypeError, that Appium answers `unknown error` (appium@17be28c
#   packages/base-driver/lib/protocol/errors.ts getResponseForW3CError);
# - WDA Utilities/FBW3CActionsSynthesizer.m refuses a source that is not `pointer` / `key`, a gesture item that is
#   not pause / pointerDown / pointerUp / pointerMove, a key pause without duration, an id missing or repeated,
#   answered by Commands/FBTouchActionCommands.m with FBResponseWithUnknownError: `unknown error` 500;
# - UIA2S utils/w3c/ActionsPreprocessor.java and ActionsTokenizer.java refuse a source type other than pointer /
#   key / none, an item type its source does not allow, a pause or pointerMove without duration, a negative
#   duration, an id missing or repeated: ActionsParseException, an InvalidArgumentException, `invalid argument` 400.
UNKNOWN, INVALID = (500, "unknown error"), (400, "invalid argument")
BAD_SEQUENCES = {
    "not a list": ({"actions": "tap"}, UNKNOWN, UNKNOWN),
    "unknown source type": ({"actions": [{"type": "finger", "id": "f", "actions": []}]}, UNKNOWN, INVALID),
    "wheel source": ({"actions": [{"type": "wheel", "id": "w", "actions": [
        {"type": "scroll", "x": 0, "y": 0, "deltaX": 0, "deltaY": 300, "duration": 100}]}]}, UNKNOWN, INVALID),
    "none source": ({"actions": [{"type": "none", "id": "n", "actions": [{"type": "pause", "duration": 10}]},
                                 {**TOUCH, "actions": TAP}]}, UNKNOWN, None),
    "unknown pointer item": ({"actions": [{**TOUCH, "actions": [{"type": "wiggle"}]}]}, UNKNOWN, INVALID),
    "pointerCancel": ({"actions": [{**TOUCH, "actions": [*TAP, {"type": "pointerCancel"}]}]}, UNKNOWN, None),
    "move without duration": ({"actions": [{**TOUCH, "actions": [{"type": "pointerMove", "x": 10, "y": 10},
                                                                   *TAP[1:]]}]}, None, INVALID),
    "negative pause": ({"actions": [{**TOUCH, "actions": [*TAP[:2], {"type": "pause", "duration": -1}, TAP[3]]}]},
                       UNKNOWN, INVALID),
    "repeated id": ({"actions": [{**TOUCH, "actions": TAP}, {**TOUCH, "actions": TAP}]}, UNKNOWN, INVALID),
}


@pytest.mark.parametrize("platform", ["ios", "android"])
@pytest.mark.parametrize("case", list(BAD_SEQUENCES))
def test_bad_action_sequences_are_refused_as_each_driver_does(open_driver, sandbox_server, case, platform):
    body, ios_answer, android_answer = BAD_SEQUENCES[case]
    expected = ios_answer if platform == "ios" else android_answer
    driver = open_driver(ios_options("iPhone 15") if platform == "ios" else android_options())
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/actions", "POST", body)
    if expected is None:  # this driver performs it
        assert (status, payload) == (200, {"value": None}), payload
    else:
        assert_error(status, payload, *expected)
