"""Session life as on a real Appium server: `newCommandTimeout` ends an idle session.

Reference: appium/appium@17be28c7500383754592cfe8f78d104aaac6a597
- packages/base-driver/lib/basedriver/core.ts: NEW_COMMAND_TIMEOUT_MS = 60 * 1000 (the default);
- packages/base-driver/lib/basedriver/driver.ts: the timer is cleared when a command arrives and started
  again when it ends (executeCommand, startNewCommandTimeout); when it fires, the session is deleted;
  `caps.newCommandTimeout` is in seconds;
- packages/base-driver/lib/protocol/protocol.ts: a command for a session that no longer exists answers
  NoSuchDriverError (`invalid session id`, 404);
- packages/base-driver/lib/basedriver/commands/timeout.ts: GET /timeouts = {command, implicit}; the legacy
  {type: "command", ms} form changes the timeout; the W3C form knows script, pageLoad and implicit only.
The same expiry is compared live with a real Appium 3.8 server in test_appium_conformance.py.
Tests never wait 60 s: they set a timeout of one or two seconds and wait on the session's disappearance.
"""
from __future__ import annotations

import time

import pytest
from appium import webdriver
from appium.options.common import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import InvalidSessionIdException, SessionNotCreatedException

from tests.test_simulator_protocol import android_options, assert_error, ios_options, raw


def listed(appium_url: str) -> set[str]:
    status, payload, _ = raw(appium_url + "/appium/sessions")
    assert status == 200, payload
    return {s["id"] for s in payload["value"]}


def wait_until_gone(appium_url: str, sid: str, budget: float = 20.0) -> float:
    """Seconds until the server no longer lists the session (it is polled without touching it)."""
    started = time.monotonic()
    while sid in listed(appium_url):
        assert time.monotonic() - started < budget, f"session {sid} still alive after {budget} s"
        time.sleep(0.1)  # polling interval of a deadline-bounded wait
    return time.monotonic() - started


@pytest.mark.parametrize("make_options", [ios_options, android_options])
def test_idle_session_ends_after_its_new_command_timeout(sandbox_server, make_options):
    options = make_options()
    options.new_command_timeout = 1
    driver = webdriver.Remote(sandbox_server.appium_url, options=options)
    sid = driver.session_id
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{sid}/timeouts")
    assert payload["value"] == {"command": 1000, "implicit": 0}
    assert sid in listed(sandbox_server.appium_url)
    wait_until_gone(sandbox_server.appium_url, sid)
    status, payload, _ = raw(f"{sandbox_server.appium_url}/session/{sid}/source")
    assert_error(status, payload, 404, "invalid session id")
    with pytest.raises(InvalidSessionIdException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton")


def test_commands_keep_the_session_alive(sandbox_server):
    options = ios_options("iPhone 15")
    options.new_command_timeout = 1
    driver = webdriver.Remote(sandbox_server.appium_url, options=options)
    try:
        started = time.monotonic()
        while time.monotonic() - started < 2.5:  # more than twice the timeout, one command at a time
            assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "signInButton").text == "Se connecter"
            time.sleep(0.2)  # a customer's pace between commands, well under the timeout
        assert driver.session_id in listed(sandbox_server.appium_url)
    finally:
        driver.quit()


def test_default_is_sixty_seconds_and_legacy_form_changes_it(sandbox_server):
    driver = webdriver.Remote(sandbox_server.appium_url, options=ios_options())
    url = f"{sandbox_server.appium_url}/session/{driver.session_id}/timeouts"
    try:
        assert raw(url)[1]["value"] == {"command": 60000, "implicit": 0}
        assert raw(url, "POST", {"type": "command", "ms": 1000})[0] == 200
        assert raw(url)[1]["value"]["command"] == 1000
        # W3C form: `command` is not one of its keys
        status, payload, _ = raw(url, "POST", {"command": 5000})
        assert_error(status, payload, 400, "invalid argument")
        assert "script, pageLoad or implicit" in payload["value"]["message"]
        wait_until_gone(sandbox_server.appium_url, driver.session_id)
    finally:
        try:
            driver.quit()
        except InvalidSessionIdException:
            pass


def test_zero_disables_the_timeout_and_a_bad_value_is_refused(sandbox_server):
    caps = {"platformName": "iOS", "appium:automationName": "XCUITest", "appium:deviceName": "iPhone 15"}
    driver = webdriver.Remote(sandbox_server.appium_url,
                              options=AppiumOptions().load_capabilities({**caps, "appium:newCommandTimeout": 0}))
    try:
        assert raw(f"{sandbox_server.appium_url}/session/{driver.session_id}/timeouts")[1]["value"]["command"] == 0
    finally:
        driver.quit()
    with pytest.raises(SessionNotCreatedException) as exc:
        webdriver.Remote(sandbox_server.appium_url,
                         options=AppiumOptions().load_capabilities({**caps, "appium:newCommandTimeout": "long"}))
    assert "newCommandTimeout" in exc.value.msg
