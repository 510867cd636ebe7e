"""The app models of the simulator follow the article, read the shared store, and each sandbox
mutation introduces exactly its bug."""
from __future__ import annotations

import re

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from sandbox.simulator.ui import snake
from tests.conftest import start_sandbox
from tests.test_simulator_protocol import android_options, ios_options

A11Y = AppiumBy.ACCESSIBILITY_ID
IOS_APP, ANDROID_APP, CHROME = "com.parallels.access", "com.parallels.client", "com.android.chrome"


def wait_for(driver, locator, timeout: float = 5):
    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located(locator))


def absent(driver, value: str) -> bool:
    return driver.find_elements(*by_name(driver, value)) == []


def by_name(driver, name: str) -> tuple[str, str]:
    """iOS: accessibility id; Android: the resource-id (snake_case of the same name)."""
    if driver.capabilities["platformName"].lower() == "android":
        return AppiumBy.ID, f"{ANDROID_APP}:id/{snake(name)}"
    return A11Y, name


# -- sign-in --------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", ["ios", "android"])
def test_sign_in_refuses_a_wrong_password_then_accepts_the_right_one(open_driver, make_account, platform):
    _, email, password = make_account()
    driver = open_driver(ios_options("iPhone 15") if platform == "ios" else android_options())
    driver.find_element(*by_name(driver, "emailField")).send_keys(email)
    driver.find_element(*by_name(driver, "passwordField")).send_keys("mauvais")
    if platform == "ios":  # the keyboard stays up after typing and covers « Se connecter » (test_simulator_device)
        driver.hide_keyboard("Done")
    driver.find_element(*by_name(driver, "signInButton")).click()
    assert wait_for(driver, by_name(driver, "signInError")).text == "Adresse e-mail ou mot de passe incorrect."
    field = driver.find_element(*by_name(driver, "passwordField"))
    field.clear()
    field.send_keys(password)
    if platform == "ios":
        driver.hide_keyboard("Done")
    driver.find_element(*by_name(driver, "signInButton")).click()
    wait_for(driver, by_name(driver, "computersTitle" if platform == "ios" else "computersScreen"))
    assert [c.text for c in driver.find_elements(*by_name(driver, "computerName"))] == \
        ["Mac de bureau", "PC du salon"]


def test_empty_sign_in_form_asks_for_both_fields(open_driver):
    driver = open_driver(ios_options())
    driver.find_element(A11Y, "signInButton").click()
    assert wait_for(driver, (A11Y, "signInError")).text == \
        "Saisissez votre adresse e-mail et votre mot de passe."


def test_an_invalid_launch_token_shows_the_sign_in_screen(open_driver):
    driver = open_driver(ios_options(token="not-a-session"))
    assert driver.find_element(A11Y, "signInButton").is_displayed()


# -- iOS purchase -----------------------------------------------------------------------------
@pytest.mark.parametrize("device", ["iPad Pro (12.9-inch)", "iPhone 15"])
def test_ios_purchase_of_a_pack_through_the_app_store_sheet(open_driver, store, make_account, device):
    account_id, _, _ = make_account()
    driver = open_driver(ios_options(device, token=store.open_session(account_id)))
    assert driver.find_element(A11Y, "subscriptionStatus").text == "Aucun abonnement actif."
    driver.find_element(A11Y, "buySubscriptionButton").click()
    assert wait_for(driver, (A11Y, "packMonthlyButton")).text == "Mensuel"
    assert driver.find_element(A11Y, "packMonthlyPrice").text == "4,99 € par mois"
    assert driver.find_element(A11Y, "packYearlyButton").text == "Annuel"
    assert driver.find_element(A11Y, "packYearlyPrice").text == "19,99 € par an"
    driver.find_element(A11Y, "packYearlyButton").click()
    alert = WebDriverWait(driver, 5).until(EC.alert_is_present())
    assert "Parallels Access" in alert.text and "Annuel" in alert.text and "19,99 €" in alert.text
    driver.execute_script("mobile: alert", {"action": "accept", "buttonLabel": "S'abonner"})
    # StoreKit's confirmation (the sandbox Apple ID), then its final alert (test_simulator_device.py)
    assert "[Environment: Sandbox]" in driver.switch_to.alert.text and store.active_subscription(account_id) is None
    driver.execute_script("mobile: alert", {"action": "accept", "buttonLabel": "Se connecter"})
    assert wait_for(driver, (A11Y, "purchaseSuccess")).text == "Merci ! Votre abonnement est actif."
    sub = store.active_subscription(account_id)
    assert (sub.pack, sub.source) == ("1y", "app_store")
    driver.execute_script("mobile: alert", {"action": "accept", "buttonLabel": "OK"})
    driver.find_element(A11Y, "continueButton").click()
    status = wait_for(driver, (A11Y, "subscriptionStatus")).text
    assert "1 an" in status and "App Store" in status
    assert absent(driver, "buySubscriptionButton")


def test_ios_cancelling_the_sheet_buys_nothing(open_driver, store, make_account):
    account_id, _, _ = make_account()
    driver = open_driver(ios_options(token=store.open_session(account_id)))
    driver.find_element(A11Y, "buySubscriptionButton").click()
    driver.find_element(A11Y, "packMonthlyButton").click()
    WebDriverWait(driver, 5).until(EC.alert_is_present()).dismiss()
    assert wait_for(driver, (A11Y, "packMonthlyButton")).is_displayed()
    assert store.active_subscription(account_id) is None
    driver.find_element(A11Y, "packMonthlyButton").click()
    driver.execute_script("mobile: alert", {"action": "dismiss", "buttonLabel": "Annuler"})
    assert store.active_subscription(account_id) is None


def test_ios_active_subscription_shows_no_buy_cancel_or_refund(open_driver, store, make_account):
    account_id, _, _ = make_account()
    store.grant_subscription(account_id, "2y", "web")
    driver = open_driver(ios_options(token=store.open_session(account_id)))
    status = driver.find_element(A11Y, "subscriptionStatus").text
    assert "2 ans" in status and "Site web" in status and "valable jusqu'au" in status
    assert absent(driver, "buySubscriptionButton")
    buttons = [b.text.lower() for b in driver.find_elements(AppiumBy.CLASS_NAME, "XCUIElementTypeButton")]
    assert not [b for b in buttons if "annul" in b or "rembours" in b or "résili" in b]


def test_ios_subscription_bought_elsewhere_shows_after_activate(open_driver, store, make_account):
    account_id, _, _ = make_account()
    driver = open_driver(ios_options(token=store.open_session(account_id)))
    assert driver.find_element(A11Y, "buySubscriptionButton").is_displayed()
    store.grant_subscription(account_id, "1y", "web")  # bought on the portal meanwhile
    driver.terminate_app(IOS_APP)
    driver.activate_app(IOS_APP)
    assert "Site web" in wait_for(driver, (A11Y, "subscriptionStatus")).text
    assert absent(driver, "buySubscriptionButton")


def test_ipad_and_iphone_layouts_differ_with_the_same_ids(open_driver, store, make_account):
    account_id, _, _ = make_account()
    token = store.open_session(account_id)
    ipad = open_driver(ios_options("iPad Pro (12.9-inch)", token=token))
    iphone = open_driver(ios_options("iPhone 15", token=token))
    pad_rect = ipad.find_element(A11Y, "buySubscriptionButton").rect
    phone_rect = iphone.find_element(A11Y, "buySubscriptionButton").rect
    assert pad_rect != phone_rect
    # iPad: the computers are in a left column, beside the subscription panel
    pad_cell = ipad.find_element(A11Y, "computerCell").rect
    assert pad_cell["x"] + pad_cell["width"] <= pad_rect["x"]
    phone_cell = iphone.find_element(A11Y, "computerCell").rect
    assert phone_cell["y"] + phone_cell["height"] <= phone_rect["y"]


def test_ios_help_points_to_apple_and_refuses_refunds(open_driver, store, make_account):
    account_id, _, _ = make_account()
    driver = open_driver(ios_options("iPhone 15", token=store.open_session(account_id)))
    driver.find_element(A11Y, "helpButton").click()
    assert "https://www.apple.com/fr/support/contact/" in wait_for(driver, (A11Y, "helpAppStoreText")).text
    assert driver.find_element(A11Y, "appleSupportLink").text == "https://www.apple.com/fr/support/contact/"
    assert "ne peut pas traiter directement" in driver.find_element(A11Y, "helpNoDirectRequestsText").text
    refund = driver.find_element(A11Y, "helpNoRefundText").text
    assert "ni remboursé ni annulé" in refund and "remboursements partiels" in refund
    driver.find_element(A11Y, "backButton").click()
    wait_for(driver, (A11Y, "computersTitle"))


# -- Android -----------------------------------------------------------------------------------
def open_dialog(driver):
    driver.find_element(*by_name(driver, "buySubscriptionButton")).click()
    return wait_for(driver, (AppiumBy.ID, "android:id/button2"))


def test_android_ok_closes_the_dialog_and_buys_nothing(open_driver, store, make_account):
    account_id, _, _ = make_account()
    driver = open_driver(android_options(token=store.open_session(account_id)))
    ok = open_dialog(driver)
    assert ok.text == "OK"
    assert driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR,
                               'new UiSelector().resourceId("android:id/button1")').text == "Acheter l'abonnement"
    assert driver.find_elements(*by_name(driver, "computersScreen")) == []  # the dialog window is in front
    ok.click()
    wait_for(driver, by_name(driver, "buySubscriptionButton"))
    assert store.active_subscription(account_id) is None
    assert driver.query_app_state(ANDROID_APP) == 4


def test_android_buy_opens_the_account_page_in_chrome(open_driver, store, make_account, sandbox_server):
    account_id, _, _ = make_account()
    driver = open_driver(android_options(token=store.open_session(account_id)))
    open_dialog(driver)
    driver.find_element(AppiumBy.ID, "android:id/button1").click()
    WebDriverWait(driver, 5).until(lambda d: d.query_app_state(CHROME) == 4)
    assert driver.query_app_state(ANDROID_APP) == 3
    assert driver.current_package == CHROME
    url = driver.find_element(AppiumBy.ID, "com.android.chrome:id/url_bar").text  # Chrome hides the scheme
    # The signed-in app hands the browser a one-time sign-in link to the Parallels Access page (APPS.md)
    link = re.fullmatch(re.escape(sandbox_server.portal_url.split("://", 1)[1]) + r"/connexion/lien/([\w-]+)"
                        r"\?suite=%2Fparallels-access%3Fonglet%3Dordinateurs", url)
    assert link, url
    assert store.use_sign_in_link(link.group(1)) == account_id  # it signs in this account...
    assert store.use_sign_in_link(link.group(1)) is None  # ...once
    assert store.active_subscription(account_id) is None
    driver.back()
    wait_for(driver, by_name(driver, "computersScreen"))
    assert driver.query_app_state(ANDROID_APP) == 4


def test_android_dialog_answers_alert_commands(open_driver, store, make_account):
    account_id, _, _ = make_account()
    driver = open_driver(android_options(token=store.open_session(account_id)))
    open_dialog(driver)
    assert "compte Parallels" in driver.switch_to.alert.text
    driver.switch_to.alert.dismiss()  # the negative button: OK
    wait_for(driver, by_name(driver, "buySubscriptionButton"))
    assert store.active_subscription(account_id) is None


def test_android_active_subscription_hides_the_button(open_driver, store, make_account):
    account_id, _, _ = make_account()
    store.buy_in_app_store(account_id, "1m")
    driver = open_driver(android_options(token=store.open_session(account_id)))
    assert "App Store" in driver.find_element(*by_name(driver, "subscriptionStatus")).text
    assert absent(driver, "buySubscriptionButton")


# -- mutations: each one introduces exactly its bug --------------------------------------------------
@pytest.fixture(scope="module")
def mutated_server(tmp_path_factory):
    running = start_sandbox(tmp_path_factory.mktemp("mutated"),
                            ["ios_button_despite_subscription", "android_ok_buys", "android_handoff_wrong_url",
                             "ios_sheet_cancel_buys"])
    yield running
    running.stop()


def test_mutation_ios_button_despite_subscription(open_driver, mutated_server):
    store = mutated_server.store()
    account_id = store.create_account("m1@example.fr", "x")
    store.grant_subscription(account_id, "1y", "web")
    driver = open_driver(ios_options(token=store.open_session(account_id)), mutated_server)
    assert driver.find_element(A11Y, "buySubscriptionButton").is_displayed()


def test_mutation_ios_sheet_cancel_buys(open_driver, mutated_server):
    store = mutated_server.store()
    account_id = store.create_account("m2@example.fr", "x")
    driver = open_driver(ios_options(token=store.open_session(account_id)), mutated_server)
    driver.find_element(A11Y, "buySubscriptionButton").click()
    driver.find_element(A11Y, "packMonthlyButton").click()
    WebDriverWait(driver, 5).until(EC.alert_is_present()).dismiss()
    assert store.active_subscription(account_id) is not None


def test_mutation_android_ok_buys(open_driver, mutated_server):
    store = mutated_server.store()
    account_id = store.create_account("m3@example.fr", "x")
    driver = open_driver(android_options(token=store.open_session(account_id)), mutated_server)
    open_dialog(driver).click()
    assert store.active_subscription(account_id) is not None


def test_mutation_android_handoff_wrong_url(open_driver, mutated_server):
    store = mutated_server.store()
    account_id = store.create_account("m4@example.fr", "x")
    driver = open_driver(android_options(token=store.open_session(account_id)), mutated_server)
    open_dialog(driver)
    driver.find_element(AppiumBy.ID, "android:id/button1").click()
    WebDriverWait(driver, 5).until(lambda d: d.query_app_state(CHROME) == 4)
    url = driver.find_element(AppiumBy.ID, "com.android.chrome:id/url_bar").text
    assert mutated_server.portal_url.endswith(url.split("/", 1)[0])
    assert not url.endswith("/parallels-access?onglet=ordinateurs")


def test_mutations_are_off_by_default(open_driver, store, make_account):
    account_id, _, _ = make_account()
    store.grant_subscription(account_id, "1y", "web")
    driver = open_driver(ios_options(token=store.open_session(account_id)))
    with pytest.raises(NoSuchElementException):
        driver.find_element(A11Y, "buySubscriptionButton")
