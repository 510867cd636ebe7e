"""What the customer sees on an app screen, in the one shape of every channel: Playwright's ARIA snapshot (rules.seen).

The page source of XCUITest (``XCUIElementType…``) and of UiAutomator2 (``android.widget…``) are different trees of
the same things: a title, texts, buttons, a list of computers, a dialog. Each is turned into roles, labels and texts,
with the layout containers left out, so that an approved copy of the iOS screen reads like the Android one and like
a portal page. A system alert (the App Store sheet on iOS) belongs to another process than the app: XCUITest's page
source of the app does not hold it, WebDriverAgent reaches it by the alert routes (``GET /alert/text``,
``mobile: alert`` with ``getButtons``), and so does this copy.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import yaml
from selenium.common.exceptions import NoAlertPresentException, WebDriverException

IOS_ROLES = {"XCUIElementTypeStaticText": "text", "XCUIElementTypeButton": "button", "XCUIElementTypeLink": "link",
             "XCUIElementTypeTextField": "textbox", "XCUIElementTypeSecureTextField": "textbox",
             "XCUIElementTypeSearchField": "textbox", "XCUIElementTypeCell": "listitem",
             "XCUIElementTypeTable": "list", "XCUIElementTypeCollectionView": "list",
             "XCUIElementTypeAlert": "alertdialog", "XCUIElementTypeSheet": "alertdialog",
             "XCUIElementTypeSwitch": "switch", "XCUIElementTypeNavigationBar": "banner",
             "XCUIElementTypeKeyboard": "keyboard", "XCUIElementTypeActivityIndicator": "progressbar",
             "XCUIElementTypeProgressIndicator": "progressbar"}
ANDROID_ROLES = {"android.widget.TextView": "text", "android.widget.Button": "button",
                 "android.widget.ImageButton": "button", "android.widget.EditText": "textbox",
                 "androidx.recyclerview.widget.RecyclerView": "list", "android.widget.ListView": "list",
                 "android.webkit.WebView": "document", "android.widget.Switch": "switch",
                 "android.widget.CheckBox": "checkbox", "android.widget.ProgressBar": "progressbar"}
ANDROID_DIALOG = "android:id/parentPanel"
ANDROID_ADDRESS_BAR = ":id/url_bar"
HIDDEN = "•••"  # what a password field shows


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line(role: str, name: str = "", value: str = "") -> tuple[str, str | None]:
    key = f"{role} {_quoted(name)}" if name else role
    return key, (value or None)


def _ios(element: ET.Element) -> list:
    role = IOS_ROLES.get(element.get("type") or element.tag)
    children = [item for child in element for item in _ios(child)]
    if role is None or role == "banner" and not children:
        return children
    label, value = element.get("label") or "", element.get("value") or ""
    if role == "text":
        return [{"text": label or value}] if (label or value) else children
    if role == "textbox":
        shown = HIDDEN if element.get("type") == "XCUIElementTypeSecureTextField" and value else value
        return [_entry(*_line(role, label or element.get("placeholderValue") or "", shown))]
    if role == "progressbar":  # still loading: the watch compares the screen once it is loaded
        return ["progressbar"]
    if role in ("list", "listitem", "alertdialog", "banner", "keyboard"):
        return [_entry(_line(role, label if role == "alertdialog" else "")[0], children)]
    return [_entry(*_line(role, label or value))]


def _android(element: ET.Element) -> list:
    cls = element.get("class") or element.tag
    rid = element.get("resource-id") or ""
    children = [item for child in element for item in _android(child)]
    text, desc = element.get("text") or "", element.get("content-desc") or ""
    if rid == ANDROID_DIALOG:
        return [_entry("alertdialog", children)]
    if rid.endswith(ANDROID_ADDRESS_BAR):
        return [_entry(*_line("textbox", "Adresse", text))]
    role = ANDROID_ROLES.get(cls)
    if role is None:
        if element.get("clickable") == "true" and children and element.get("focusable") == "true":
            return [_entry("listitem", children)]
        return children
    if role == "text":
        return [{"text": text or desc}] if (text or desc) else children
    if role == "textbox":
        shown = HIDDEN if element.get("password") == "true" and text else text
        return [_entry(*_line(role, desc or element.get("hint") or "", shown))]
    if role in ("list", "document", "progressbar"):
        return [_entry(role, children)] if children else [role]
    return [_entry(*_line(role, text or desc))]


def _entry(key: str, value) -> dict | str:
    return {key: value} if value else key


def _alert(driver) -> list:
    """The iOS system alert on screen, as the alert routes give it (nothing when there is none)."""
    try:
        text = driver.switch_to.alert.text
    except (NoAlertPresentException, WebDriverException):
        return []
    try:
        buttons = driver.execute_script("mobile: alert", {"action": "getButtons"}) or []
    except WebDriverException:
        buttons = []
    return [{"alertdialog": [{"text": text}, *(f"button {_quoted(b)}" for b in buttons)]}]


def copy_of(driver) -> str:
    """The screen on `driver` as an ARIA snapshot text (rules.seen), system alert included."""
    ios = str(driver.capabilities.get("platformName", "")).lower() == "ios"
    root = ET.fromstring(driver.page_source.encode("utf-8"))
    # An Android dialog is in the app's own tree; an iOS system alert is not.
    tree = _ios(root) + _alert(driver) if ios else _android(root)
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
