"""--appium-url: the mobile scenarios run against an Appium server started elsewhere.

The device simulator runs as a separate process, the way a remote Appium server would
(`python -m sandbox --only simulator`), beside a portal started separately (`--only portal`),
both on the same database and token. The harness attaches to that portal (--sandbox-url)
instead of starting its own sandbox, so accounts, sessions and orders are the simulator's too.
"""
from __future__ import annotations

import os
import pathlib
import re
import socket
import subprocess
import sys
import time

import pytest

from harness.sandbox_process import SandboxProcess

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture
def split_sandbox(tmp_path):
    """Portal and simulator as two processes sharing one SQLite file and one token."""
    portal = SandboxProcess(tmp_path / "portal.log", extra_args=["--only", "portal"],
                            env={"PA_SANDBOX_MUTATIONS": None})
    portal_url = portal.start()["portal_url"]
    simulator = SandboxProcess(tmp_path / "simulator.log",
                               extra_args=["--only", "simulator", "--db", str(portal.db_path)],
                               env={"PA_PORTAL_URL": portal_url, "PA_SANDBOX_MUTATIONS": None})
    simulator.token = portal.token
    try:
        appium_url = simulator.start()["appium_url"]
    except Exception:
        portal.stop()
        raise
    yield portal_url, appium_url, portal.token
    simulator.stop()
    portal.stop()


def run_mobile(tmp_path, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-m", "ios or android", "-p", "no:cacheprovider", "-q",
         "--output", str(tmp_path / "artefacts"), "--junitxml", str(tmp_path / "junit.xml"),
         "--html-report", str(tmp_path / "index.html"), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**{k: v for k, v in os.environ.items() if k not in ("PA_SANDBOX_MUTATIONS", "PA_APPIUM_URL")},
             **(env or {})})


@pytest.mark.verifier
def test_mobile_scenarios_pass_against_a_separate_simulator(tmp_path, split_sandbox):
    portal_url, appium_url, token = split_sandbox
    result = run_mobile(tmp_path, "--sandbox-url", portal_url, "--appium-url", appium_url,
                        env={"PA_SANDBOX_TOKEN": token})
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    passed = int(re.search(r"(\d+) passed", out).group(1))
    assert passed >= 10 and "failed" not in out, out[-3000:]


@pytest.mark.verifier
def test_sandbox_url_without_token_is_refused_clearly(tmp_path, split_sandbox):
    portal_url, _, _ = split_sandbox
    result = run_mobile(tmp_path, "--sandbox-url", portal_url, env={"PA_SANDBOX_TOKEN": ""})
    assert result.returncode == 4, result.stdout + result.stderr
    assert "PA_SANDBOX_TOKEN" in result.stderr


@pytest.mark.verifier
def test_unreachable_appium_server_stops_the_run_as_a_set_up_error(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    started = time.monotonic()
    result = run_mobile(tmp_path, "--appium-url", dead, "-k", "iPad or Android", "-x")
    elapsed = time.monotonic() - started
    out = result.stdout + result.stderr
    assert result.returncode == 3, out[-3000:]  # as an unreachable browser server; 1 is "a scenario failed"
    assert "Serveur Appium injoignable" in out, out[-3000:]
    # Generous on a loaded machine (pytest's own start-up included): the point is seconds, not the 60 s of a driver
    assert elapsed < 90, f"{elapsed:.1f} s pour constater que le serveur Appium est injoignable"


# -- device-farm and local profiles: capabilities in the documented shapes ------------------------
FARM_ENV = {"BROWSERSTACK_USERNAME": "camille", "BROWSERSTACK_ACCESS_KEY": "k3y", "PA_BS_IOS_APP": "bs://ios",
            "PA_BS_ANDROID_APP": "bs://android", "SAUCE_USERNAME": "camille", "SAUCE_ACCESS_KEY": "k3y",
            "PA_SAUCE_IOS_APP": "storage:filename=Parallels.ipa", "PA_SAUCE_ANDROID_APP": "storage:filename=app.apk",
            "PA_IOS_UDID": "u1", "PA_IPHONE_UDID": "u2", "PA_IPHONE_SE_UDID": "u4", "PA_ANDROID_UDID": "u3",
            "PA_IOS_APP": "/a.ipa", "PA_ANDROID_APP": "/a.apk"}
W3C_STANDARD = {"platformName", "browserName", "browserVersion", "acceptInsecureCerts", "pageLoadStrategy", "proxy",
                "setWindowRect", "timeouts", "strictFileInteractability", "unhandledPromptBehavior"}
# Keys the farms document inside their vendor object:
# https://www.browserstack.com/docs/app-automate/capabilities (bstack:options),
# https://docs.saucelabs.com/dev/test-configuration-options/ (sauce:options).
VENDOR_KEYS = {"bstack:options": {"projectName", "buildName", "sessionName", "idleTimeout", "userName", "accessKey",
                                  "appiumVersion", "debug", "networkLogs", "deviceLogs", "local"},
               "sauce:options": {"name", "build", "idleTimeout", "username", "accessKey", "appiumVersion", "tags",
                                 "commandTimeout", "maxDuration"}}


@pytest.mark.parametrize("profile, vendor", [("browserstack", "bstack:options"), ("saucelabs", "sauce:options"),
                                             ("local-appium", None), ("simulator", None)])
@pytest.mark.parametrize("device", ["iPad", "iPhone", "iPhone SE", "Android"])
def test_device_profiles_produce_w3c_capabilities(profile, vendor, device):
    from harness import devices
    caps = devices.load(profile, FARM_ENV).device(device, FARM_ENV).capabilities
    # W3C: every extension capability has a vendor prefix (Appium 2+ refuses unprefixed ones)
    assert all(key in W3C_STANDARD or ":" in key for key in caps), caps
    assert caps["appium:automationName"] == ("UIAutomator2" if device == "Android" else "XCUITest")
    assert caps["platformName"] == ("Android" if device == "Android" else "iOS")
    # an idle session must survive the Android hand-off: Appium's limit and the farm's own
    assert caps["appium:newCommandTimeout"] == 180
    if profile != "simulator":  # a real app in French (XCUITest capabilities.md, UiAutomator2 driver README)
        assert (caps["appium:language"], caps["appium:locale"]) == (("fr", "FR") if device == "Android"
                                                                    else ("fr", "fr_FR"))
    if vendor:
        options = caps[vendor]
        assert set(options) <= VENDOR_KEYS[vendor], options
        assert options["idleTimeout"] == 180
        assert caps["appium:app"].startswith(("bs://", "storage:"))
        # a farm installs the app from its upload: no simulator launch argument, no bundle id needed
        assert not {"appium:processArguments", "appium:optionalIntentArguments"} & set(caps)
        # credentials travel in the URL's basic auth (AppiumClientConfig), never in a capability
        assert "k3y" not in repr(caps)


def test_profile_without_new_command_timeout_is_refused_in_french(tmp_path, monkeypatch):
    from harness import devices
    from harness.profile_files import ProfileError
    (tmp_path / "maison.toml").write_text('description = "x"\nappium_url = "http://127.0.0.1:4723"\n'
                                          '[ipad]\nplatform = "ios"\ncapabilities = { platformName = "iOS" }\n')
    monkeypatch.setattr(devices, "DEVICES_DIR", tmp_path)
    with pytest.raises(ProfileError, match="new_command_timeout = 180"):
        devices.load("maison", {})


@pytest.mark.parametrize("device, platform", [("iPhone", "ios"), ("Android", "android")])
def test_restart_needs_no_bundle_id_or_package(sandbox_server, store, make_account, device, platform):
    """A profile that installs the app from a file (local Appium, farms) names no bundleId / appPackage:
    restarting the app still works."""
    from appium import webdriver
    from appium.options.common import AppiumOptions

    from harness import devices
    from pages.mobile import MobileApp
    profile = devices.load("local-appium", FARM_ENV).device(device, FARM_ENV)
    caps = {k: v for k, v in profile.capabilities.items()
            if k not in ("appium:bundleId", "appium:appPackage", "appium:udid", "appium:app")}
    caps["appium:deviceName"] = "iPhone 15" if platform == "ios" else "Pixel 7"
    token = store.open_session(make_account()[0])
    if platform == "ios":
        caps["appium:processArguments"] = {"args": ["-PASessionToken", token]}
    else:
        caps["appium:optionalIntentArguments"] = f"--es PASessionToken {token}"
    driver = webdriver.Remote(sandbox_server.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        profile.capabilities = caps
        app = MobileApp.for_platform(platform, driver, profile)
        app.computers.wait_until_shown()
        app.restart()
        assert app.computers.subscription_status() == "Aucun abonnement actif."
        assert driver.query_app_state(app.app_id) == 4
    finally:
        driver.quit()


@pytest.mark.parametrize("device", ["iPad", "iPhone", "iPhone SE", "Android"])
def test_profile_idle_limit_reaches_the_appium_server(sandbox_server, device):
    """The Android hand-off leaves the app idle during the whole web purchase: the session the harness
    opens must hold for the profile's new_command_timeout (180 s), not Appium's default 60 s."""
    import json
    import urllib.request

    from appium import webdriver
    from appium.options.common import AppiumOptions

    from harness import devices
    caps = devices.load("simulator").device(device).capabilities
    driver = webdriver.Remote(sandbox_server.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        with urllib.request.urlopen(f"{sandbox_server.appium_url}/session/{driver.session_id}/timeouts") as resp:
            assert json.loads(resp.read())["value"]["command"] == 180_000
    finally:
        driver.quit()


@pytest.mark.verifier
def test_hand_off_fails_clearly_when_the_idle_limit_is_too_short(tmp_path):
    """The same Android hand-off passes with the profiles' 180 s (make e2e); with 1 s, the session Appium
    closes during the web purchase and the scenario says so in French, with what to change: the first thing
    the terminal and JUnit say about the failure, not the client's « A session is either terminated… »."""
    import xml.etree.ElementTree as ET

    result = run_mobile(tmp_path, "-k", "mène_au_compte_parallels", env={"PA_NEW_COMMAND_TIMEOUT": "1"})
    out = result.stdout + result.stderr
    assert result.returncode == 1, out[-3000:]
    said = "Le serveur Appium a fermé la session de l'application avant la fin du scénario."
    # terminal: under the step that met the closed session (« je relance l'application », or an earlier one on a
    # loaded machine: 1 s is short), the French message is the first line
    lines = [line.strip() for line in out.splitlines()]
    where = next((i for i, line in enumerate(lines) if line.startswith("à l'étape «")), None)
    assert where is not None, out[-3000:]
    assert lines[where + 1].startswith(said) and "new_command_timeout = 1 s" in lines[where + 1], out[-3000:]
    # JUnit: the failure's message is it (the server's English answer stays in the details)
    failures = ET.parse(tmp_path / "junit.xml").getroot().findall(".//failure")
    assert len(failures) == 1, out[-3000:]
    message = failures[0].get("message", "")
    assert message.startswith(said) and "new_command_timeout = 1 s" in message, message


@pytest.mark.verifier
def test_bad_idle_limit_is_a_usage_error(tmp_path):
    result = run_mobile(tmp_path, env={"PA_NEW_COMMAND_TIMEOUT": "longtemps"})
    assert result.returncode == 4, result.stdout + result.stderr
    assert "new_command_timeout doit être un nombre entier" in result.stderr
