"""The device simulator speaks Appium: driven here by the real Appium-Python-Client, command by command.

Every error is checked by the exception the client raises (it picks it from `value.error`), and for a
few by the raw HTTP answer (status, envelope). Never a fixed sleep: waits poll with a deadline.
"""
from __future__ import annotations

import base64
import json
import struct
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import pytest
from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.options.common import AppiumOptions
from appium.options.ios import XCUITestOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import (
    InvalidElementStateException,
    InvalidSelectorException,
    InvalidSessionIdException,
    NoAlertPresentException,
    NoSuchElementException,
    SessionNotCreatedException,
    StaleElementReferenceException,
    UnknownMethodException,
)
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

W3C = "element-6066-11e4-a52e-4f735466cecf"


def raw(url: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status, json.loads(resp.read()), resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read()), err.headers.get("Content-Type", "")


def assert_error(status: int, payload: dict, expected_status: int, error: str) -> None:
    assert status == expected_status, payload
    assert set(payload) == {"value"}
    assert set(payload["value"]) == {"error", "message", "stacktrace"}
    assert payload["value"]["error"] == error


# The protocol and app-model tests read a screen as soon as it is shown: their sessions load screens at once
# (`pa:loadingScale` 0). tests/test_simulator_device.py drives the default, progressive loading.
def ios_options(device: str = "iPad Pro (12.9-inch)", token: str | None = None,
                loading: float | None = 0) -> XCUITestOptions:
    options = XCUITestOptions()
    options.device_name = device
    options.bundle_id = "com.parallels.access"
    if token:
        options.process_arguments = {"args": ["-PASessionToken", token]}
    if loading is not None:
        options.set_capability("pa:loadingScale", loading)
    return options


def android_options(device: str = "Pixel 7", token: str | None = None,
                    loading: float | None = 0) -> UiAutomator2Options:
    options = UiAutomator2Options()
    options.device_name = device
    options.app_package = "com.parallels.client"
    options.app_activity = ".MainActivity"
    if token:
        options.optional_intent_arguments = f"--es PASessionToken {token}"
    if loading is not None:
        options.set_capability("pa:loadingScale", loading)
    return options


@pytest.fixture
def ios(open_driver):
    return open_driver(ios_options())


@pytest.fixture
def android(open_driver):
    return open_driver(android_options())


@pytest.fixture
def signed_in_token(store, make_account):
    account_id, _, _ = make_account()
    return store.open_session(account_id)


# -- server and sessions ----------------------------------------------------------
def test_status_answers_like_appium(sandbox_server):
    status, payload, content_type = raw(sandbox_server.appium_url + "/status")
    assert status == 200 and content_type == "application/json; charset=utf-8"
    assert payload["value"]["ready"] is True and "version" in payload["value"]["build"]
    assert raw(sandbox_server.appium_url + "/wd/hub/status")[0] == 200


@pytest.mark.parametrize("options, width, height", [
    (ios_options("iPad Pro (12.9-inch)"), 1024, 1366),
    (ios_options("iPhone 15"), 393, 852),
    (android_options("Pixel 7"), 1080, 2400),
])
def test_session_per_device_has_its_window(open_driver, options, width, height):
    driver = open_driver(options)
    assert driver.get_window_size() == {"width": width, "height": height}
    assert driver.capabilities["deviceName"] == options.device_name
    assert driver.orientation == "PORTRAIT"


def test_wd_hub_base_path_works(open_driver):
    driver = open_driver(ios_options("iPhone 15"), base="/wd/hub")
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton").text == "Se connecter"


@pytest.mark.parametrize("caps", [
    {"platformName": "iOS", "appium:automationName": "XCUITest", "appium:deviceName": "Pixel 7"},
    {"platformName": "Android", "appium:automationName": "UIAutomator2", "appium:deviceName": "iPad Air"},
    {"platformName": "Android", "appium:automationName": "XCUITest", "appium:deviceName": "Pixel 7"},
    {"platformName": "Windows", "appium:automationName": "XCUITest", "appium:deviceName": "iPhone 15"},
    {"platformName": "iOS", "appium:automationName": "XCUITest", "appium:deviceName": "iPhone 15",
     "appium:bundleId": "com.example.other"},
])
def test_unsupported_device_is_refused_in_french_and_english(sandbox_server, caps):
    with pytest.raises(SessionNotCreatedException) as exc:
        webdriver.Remote(sandbox_server.appium_url, options=AppiumOptions().load_capabilities(caps))
    assert "Appareils acceptés" in exc.value.msg and "Accepted" in exc.value.msg
    status, payload, _ = raw(sandbox_server.appium_url + "/session", "POST",
                             {"capabilities": {"alwaysMatch": caps, "firstMatch": [{}]}})
    assert_error(status, payload, 500, "session not created")


def test_first_match_list_picks_the_first_valid_entry(open_driver):
    first = AppiumOptions().load_capabilities({"platformName": "iOS", "appium:automationName": "XCUITest",
                                               "appium:deviceName": "Nokia 3310"})
    second = AppiumOptions().load_capabilities({"platformName": "iOS", "appium:automationName": "XCUITest",
                                                "appium:deviceName": "iPhone 15"})
    driver = open_driver([first, second])
    assert driver.get_window_size()["width"] == 393


def test_quit_then_commands_answer_invalid_session_id(open_driver, sandbox_server):
    driver = open_driver(ios_options())
    sid = driver.session_id
    driver.quit()
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{sid}/source")
    assert_error(status, payload, 404, "invalid session id")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{sid}", "DELETE")
    assert_error(status, payload, 404, "invalid session id")
    with pytest.raises(InvalidSessionIdException):
        _ = driver.page_source  # a property: reading it makes the request


# -- finding ----------------------------------------------------------------------------------
@pytest.mark.parametrize("by, value", [
    (AppiumBy.ACCESSIBILITY_ID, "signInButton"),
    (AppiumBy.ID, "signInButton"),
    (AppiumBy.XPATH, "//XCUIElementTypeButton[@name='signInButton']"),
    (AppiumBy.XPATH, "//XCUIElementTypeButton[contains(@label, 'connecter') and @enabled='true']"),
    (AppiumBy.XPATH, "/AppiumAUT/XCUIElementTypeApplication//XCUIElementTypeButton[last()]"),
    (AppiumBy.XPATH, "(//XCUIElementTypeButton)[1]"),
    (AppiumBy.XPATH, "//XCUIElementTypeSecureTextField/following-sibling::XCUIElementTypeButton"),
    (AppiumBy.XPATH, "//*[@type='XCUIElementTypeButton' or @name='nothing'][1]"),
    (AppiumBy.IOS_PREDICATE, "label == 'Se connecter'"),
    (AppiumBy.IOS_PREDICATE, "type == 'XCUIElementTypeButton' AND name == 'signInButton'"),
    (AppiumBy.IOS_PREDICATE, "label CONTAINS 'connecter'"),
    (AppiumBy.IOS_CLASS_CHAIN, "**/XCUIElementTypeButton[`name == \"signInButton\"`]"),
    (AppiumBy.IOS_CLASS_CHAIN, "**/XCUIElementTypeButton[`label == 'Se connecter'`][1]"),
])
def test_ios_locator_strategies(ios, by, value):
    element = ios.find_element(by, value)
    assert element.text == "Se connecter"
    assert element.tag_name == "XCUIElementTypeButton"


def test_ios_class_name_and_find_elements(ios):
    fields = ios.find_elements(AppiumBy.CLASS_NAME, "XCUIElementTypeTextField")
    assert len(fields) == 1
    assert ios.find_elements(AppiumBy.ID, "nope") == []
    buttons = ios.find_elements(AppiumBy.IOS_PREDICATE, "type == 'XCUIElementTypeButton'")
    assert [b.text for b in buttons] == ["Se connecter"]


@pytest.mark.parametrize("by, value", [
    (AppiumBy.ID, "sign_in_button"),
    (AppiumBy.ID, "com.parallels.client:id/sign_in_button"),
    (AppiumBy.XPATH, "//android.widget.Button[@text='Se connecter']"),
    (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Se connecter")'),
    (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().resourceId("com.parallels.client:id/sign_in_button")'),
    (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().resourceIdMatches(".+:id/sign_in_button")'),
    (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().className("android.widget.Button").textContains("connect")'),
])
def test_android_locator_strategies(android, by, value):
    element = android.find_element(by, value)
    assert element.text == "Se connecter"
    assert element.tag_name == "android.widget.Button"


def test_find_from_element(open_driver, signed_in_token):
    driver = open_driver(ios_options(token=signed_in_token))
    table = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "computersList")
    cells = table.find_elements(AppiumBy.CLASS_NAME, "XCUIElementTypeCell")
    assert [c.find_element(AppiumBy.ACCESSIBILITY_ID, "computerName").text for c in cells] == \
        ["Mac de bureau", "PC du salon"]
    with pytest.raises(NoSuchElementException):
        cells[0].find_element(AppiumBy.ACCESSIBILITY_ID, "signOutButton")


@pytest.mark.parametrize("by, value", [
    (AppiumBy.XPATH, "//*["),
    (AppiumBy.XPATH, "//XCUIElementTypeButton/@name"),
    (AppiumBy.IOS_PREDICATE, "label ~~ 'x'"),
    (AppiumBy.IOS_CLASS_CHAIN, "**/Button[`name == 'x'`]"),
    (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("x")'),
    (AppiumBy.CSS_SELECTOR, "#signInButton"),
])
def test_ios_invalid_selectors(ios, by, value):
    with pytest.raises(InvalidSelectorException) as exc:
        ios.find_element(by, value)
    assert exc.value.msg


@pytest.mark.parametrize("value", ['new UiScrollable(new UiSelector()).scrollIntoView(new UiSelector().text("x"))',
                                   'new UiSelector().fooBar("x")', 'UiSelector().text("x")'])
def test_android_unsupported_uiautomator_is_invalid_selector(android, value):
    with pytest.raises(InvalidSelectorException) as exc:
        android.find_element(AppiumBy.ANDROID_UIAUTOMATOR, value)
    assert "UiSelector" in exc.value.msg


def test_no_such_element(ios, android):
    for driver in (ios, android):
        with pytest.raises(NoSuchElementException):
            driver.find_element(AppiumBy.ACCESSIBILITY_ID, "doesNotExist")


def test_implicit_wait_and_timeouts(ios, sandbox_server):
    ios.implicitly_wait(0.2)
    with pytest.raises(NoSuchElementException):
        ios.find_element(AppiumBy.ACCESSIBILITY_ID, "doesNotExist")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/timeouts")
    assert status == 200 and payload["value"]["implicit"] == 200
    ios.implicitly_wait(0)


# -- element commands -------------------------------------------------------------------------
def test_element_commands_on_ios(ios):
    email = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "emailField")
    assert email.get_attribute("value") == "Adresse e-mail"  # placeholder, as iOS reports it
    email.send_keys("camille@example.fr")
    assert email.text == "camille@example.fr"
    assert email.get_attribute("value") == "camille@example.fr"
    assert email.get_attribute("type") == "XCUIElementTypeTextField"
    assert email.get_attribute("name") == "emailField"
    assert email.get_attribute("enabled") == "true"
    email.clear()
    assert email.get_attribute("value") == "Adresse e-mail"
    password = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "passwordField")
    password.send_keys("secret")
    assert password.get_attribute("value") == "\u2022" * 6  # a secure field never shows the password
    button = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton")
    assert button.is_displayed() and button.is_enabled() and not button.is_selected()
    rect = button.rect
    assert set(rect) == {"x", "y", "width", "height"} and rect["width"] > 0
    assert button.location == {"x": rect["x"], "y": rect["y"]}
    with pytest.raises(InvalidElementStateException):
        button.send_keys("x")


def test_element_commands_on_android(android):
    email = android.find_element(AppiumBy.ID, "email_field")
    assert email.text == "Adresse e-mail"  # hint of an empty EditText
    email.send_keys("camille@example.fr")
    assert email.text == "camille@example.fr"
    assert email.get_attribute("resource-id") == "com.parallels.client:id/email_field"
    assert email.get_attribute("content-desc") == ""
    assert email.get_attribute("class") == "android.widget.EditText"
    assert email.get_attribute("clickable") == "true"
    password = android.find_element(AppiumBy.ID, "password_field")
    assert password.get_attribute("password") == "true"
    bounds = android.find_element(AppiumBy.ID, "sign_in_button").get_attribute("bounds")
    assert bounds.startswith("[") and "][" in bounds


def test_click_changes_screen_and_old_elements_become_stale(open_driver, make_account):
    _, email, password = make_account()
    driver = open_driver(ios_options("iPhone 15"))
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "emailField").send_keys(email)
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "passwordField").send_keys(password)
    driver.hide_keyboard("Done")  # the keyboard stays up after typing and covers « Se connecter »
    button = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton")
    again = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton")
    assert button.id == again.id  # the same element keeps its id while the screen stays
    button.click()
    WebDriverWait(driver, 5).until(EC.presence_of_element_located((AppiumBy.ACCESSIBILITY_ID, "computersTitle")))
    with pytest.raises(StaleElementReferenceException):
        button.click()
    with pytest.raises(StaleElementReferenceException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "computersTitle").parent.execute(
            "getElementText", {"id": str(uuid.uuid4())})


def test_raw_element_reference_has_both_keys(ios, sandbox_server):
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/element", "POST",
                             {"using": "accessibility id", "value": "signInButton"})
    assert status == 200 and set(payload["value"]) == {W3C, "ELEMENT"}
    assert payload["value"][W3C] == payload["value"]["ELEMENT"]


# -- screen ----------------------------------------------------------------------------------
def test_page_source_formats(ios, android):
    root = ET.fromstring(ios.page_source.encode())
    assert root.tag == "AppiumAUT" and root[0].tag == "XCUIElementTypeApplication"
    button = root.find(".//XCUIElementTypeButton")
    for attr in ("type", "name", "label", "enabled", "visible", "accessible", "x", "y", "width", "height", "index"):
        assert attr in button.attrib
    root = ET.fromstring(android.page_source.encode())
    assert root.tag == "hierarchy" and root[0].tag.startswith("android.widget.")
    button = root.find(".//android.widget.Button")
    for attr in ("index", "package", "class", "text", "resource-id", "content-desc", "checkable", "checked",
                 "clickable", "enabled", "focusable", "focused", "scrollable", "selected", "displayed", "bounds"):
        assert attr in button.attrib


@pytest.mark.parametrize("device", ["iPad Pro (12.9-inch)", "iPhone 15", "Pixel 7"])
def test_screenshot_is_a_png_of_the_window(open_driver, device):
    driver = open_driver(android_options(device) if device.startswith("Pixel") else ios_options(device))
    data = driver.get_screenshot_as_png()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert {"width": width, "height": height} == driver.get_window_size()
    assert base64.b64decode(driver.get_screenshot_as_base64()) == data


def test_element_screenshot_is_unknown_method(ios):
    with pytest.raises(UnknownMethodException):
        _ = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton").screenshot_as_png


def test_settings(ios):
    assert "snapshotMaxDepth" in ios.get_settings()
    ios.update_settings({"snapshotMaxDepth": 30})
    assert ios.get_settings()["snapshotMaxDepth"] == 30


# -- alerts, apps, back --------------------------------------------------------------------------
def open_purchase_sheet(driver) -> None:
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "buySubscriptionButton").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "packMonthlyButton").click()
    WebDriverWait(driver, 5).until(EC.alert_is_present())


def test_alerts_and_their_errors(open_driver, signed_in_token, sandbox_server):
    driver = open_driver(ios_options(token=signed_in_token))
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text
    open_purchase_sheet(driver)
    assert "Parallels Access" in driver.switch_to.alert.text
    assert driver.execute_script("mobile: alert", {"action": "getButtons"}) == ["Annuler", "S'abonner"]
    driver.switch_to.alert.dismiss()
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.accept()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "packYearlyButton").click()  # still on the pack choice
    WebDriverWait(driver, 5).until(EC.alert_is_present())
    driver.execute_script("mobile: alert", {"action": "dismiss", "buttonLabel": "Annuler"})
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/alert/text")
    assert_error(status, payload, 404, "no such alert")


def test_app_management(open_driver, signed_in_token):
    driver = open_driver(ios_options(token=signed_in_token))
    app = "com.parallels.access"
    assert driver.query_app_state(app) == 4
    assert driver.terminate_app(app) is True
    assert driver.query_app_state(app) == 1
    assert driver.terminate_app(app) is False
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Parallels Access").tag_name == "XCUIElementTypeIcon"
    driver.activate_app(app)
    assert driver.query_app_state(app) == 4
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "computersTitle").text == "Ordinateurs"
    assert driver.query_app_state("com.example.absent") == 0


def test_unsupported_execute_and_unknown_commands(ios, sandbox_server):
    with pytest.raises(UnknownMethodException):
        ios.execute_script("mobile: shake")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/execute/sync", "POST",
                             {"script": "mobile: shake", "args": []})
    assert_error(status, payload, 500, "unsupported operation")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/nonexistent", "POST", {})
    assert_error(status, payload, 404, "unknown command")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/totally/unknown")
    assert_error(status, payload, 404, "unknown command")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/element", "POST",
                             {"using": "id"})
    assert_error(status, payload, 400, "invalid argument")
    assert "value" in payload["value"]["message"]
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/deadbeef/source")
    assert_error(status, payload, 404, "invalid session id")
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{ios.session_id}/url")
    assert_error(status, payload, 405, "unknown method")


def test_back_navigates(open_driver, signed_in_token):
    driver = open_driver(ios_options(token=signed_in_token))
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "helpButton").click()
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "helpTitle").text == "Aide"
    driver.back()
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "computersTitle").text == "Ordinateurs"
