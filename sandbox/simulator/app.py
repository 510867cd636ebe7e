"""The device simulator: a W3C WebDriver / Appium HTTP server (Starlette) over the app models.

It answers as a real Appium 3.8 server does (see docs/reference/appium-wire-exchanges.md): the same
envelopes (`{"value": ...}`), element references carrying both `element-6066-11e4-a52e-4f735466cecf`
and `ELEMENT`, the same error names and HTTP statuses. Served under `/` and `/wd/hub`.
"""
from __future__ import annotations

import asyncio
import base64
import json
import re
import time
import uuid
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sandbox.config import SandboxConfig
from sandbox.simulator import gestures, png
from sandbox.simulator.apps import CHROME, Device, launch_token, profile_for
from sandbox.simulator.errors import WebDriverError, no_such_element
from sandbox.simulator.locators import find
from sandbox.simulator.ui import Rendered, android_text, ios_value, render, screenshot_boxes
from sandbox.store import Store

W3C_ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
APPIUM_VERSION = "3.8.0"
STANDARD_CAPS = {"platformName", "browserName", "browserVersion", "acceptInsecureCerts", "pageLoadStrategy",
                 "proxy", "setWindowRect", "timeouts", "strictFileInteractability", "unhandledPromptBehavior",
                 "webSocketUrl"}
IOS_EXECUTE = ("mobile: activateApp", "mobile: launchApp", "mobile: terminateApp", "mobile: queryAppState",
               "mobile: alert", "mobile: hideKeyboard", "mobile: isKeyboardShown", "mobile: activeAppInfo",
               "mobile: scroll", "mobile: swipe")
ANDROID_EXECUTE = ("mobile: activateApp", "mobile: terminateApp", "mobile: queryAppState",
                   "mobile: hideKeyboard", "mobile: isKeyboardShown", "mobile: pressKey",
                   "mobile: acceptAlert", "mobile: dismissAlert", "mobile: getCurrentPackage",
                   "mobile: getCurrentActivity", "mobile: scrollGesture", "mobile: swipeGesture")
ACTIVITIES = {CHROME: "org.chromium.chrome.browser.ChromeTabbedActivity"}
# appium base-driver: NEW_COMMAND_TIMEOUT_MS = 60 * 1000
# (appium/appium@17be28c:packages/base-driver/lib/basedriver/core.ts)
NEW_COMMAND_TIMEOUT_MS = 60_000
# Attribute names WebDriverAgent answers from the page-source attributes (FBElementUtils.m maps more)
IOS_ATTRIBUTES = {"type", "enabled", "visible", "accessible", "index", "traits"}
IOS_SETTINGS = {"snapshotMaxDepth": 50, "elementResponseAttributes": "type,label", "shouldUseCompactResponses": True,
                "mjpegServerFramerate": 10, "boundElementsByIndex": False}
ANDROID_SETTINGS = {"ignoreUnimportantViews": False, "waitForIdleTimeout": 10000, "waitForSelectorTimeout": 10000,
                    "enableMultiWindows": False, "actionAcknowledgmentTimeout": 3000}


def reply(value, status: int = 200) -> Response:
    body = json.dumps({"value": value}, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


def error_reply(err: WebDriverError) -> Response:
    body = json.dumps(err.payload(), ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=err.status, media_type="application/json; charset=utf-8")


def require(body: dict, names: list[str]) -> None:
    missing = [n for n in names if n not in body]
    if missing:
        raise WebDriverError(
            "InvalidArgumentError",
            f"The following required parameter is missing: {json.dumps(missing)}\n"
            f"Known required parameters are: {json.dumps(names, separators=(',', ':'))}\n"
            f"You have provided: {json.dumps(sorted(body), separators=(',', ':'))}", replace=True)


@dataclass
class Session:
    id: str
    caps: dict
    device: Device
    timeouts: dict = field(default_factory=lambda: {"command": NEW_COMMAND_TIMEOUT_MS, "implicit": 0})
    created: int = field(default_factory=lambda: int(time.time() * 1000))
    idle_timer: asyncio.TimerHandle | None = None
    settings: dict = field(default_factory=dict)
    elements: dict = field(default_factory=dict)   # element id -> (serial, key)
    ids: dict = field(default_factory=dict)        # (serial, key) -> element id
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def platform(self) -> str:
        return self.device.profile.platform

    def render(self, hittable: bool = False) -> Rendered:
        return render(self.device.screen(), self.device.profile, hittable)

    @property
    def app_package(self) -> str:
        """UiAutomator2 completes a bare id with the `appPackage` capability (the driver fills it in from
        the app it installs): appium/appium-uiautomator2-server@5412fdb:
        app/src/main/java/io/appium/uiautomator2/utils/ElementLocationHelpers.java (rewriteIdLocator)."""
        return self.caps.get("appPackage") or self.device.launched_app

    def ref(self, node) -> dict:
        k = (self.device.serial, node.key)
        eid = self.ids.get(k)
        if eid is None:
            eid = str(uuid.uuid4())
            self.ids[k] = eid
            self.elements[eid] = k
        return {W3C_ELEMENT: eid, "ELEMENT": eid}

    def resolve(self, eid: str, rendered: Rendered):
        entry = self.elements.get(eid)
        if entry is None and self.platform == "android":
            # appium-uiautomator2-server@5412fdb: model/ElementsCache.java (get): an id never given out
            raise WebDriverError("NoSuchElementError", f"The element identified by '{eid}' is not present in the "
                                 f"cache or has expired. Try to find it again", replace=True)
        if entry is None or entry[0] != self.device.serial or entry[1] not in rendered.by_key:
            # WebDriverAgent@c279b4c: WebDriverAgentLib/Routing/FBElementCache.m (elementForUUID)
            raise WebDriverError("StaleElementReferenceError")
        return rendered.by_key[entry[1]]


class Simulator:
    def __init__(self, store: Store, config: SandboxConfig):
        self.store, self.config = store, config
        self.sessions: dict[str, Session] = {}
        s, e = r"/session/(?P<sid>[^/]+)", r"/element/(?P<eid>[^/]+)"
        table = [
            ("GET", r"/status", self.status, False),
            ("POST", r"/session", self.new_session, False),
            ("GET", r"/appium/sessions", self.appium_sessions, False),
            ("GET", s, self.get_session, True),
            ("DELETE", s, self.delete_session, True),
            ("POST", s + r"/element", self.find_element, True),
            ("POST", s + r"/elements", self.find_elements, True),
            ("POST", s + e + r"/element", self.find_element, True),
            ("POST", s + e + r"/elements", self.find_elements, True),
            ("POST", s + e + r"/click", self.click, True),
            ("GET", s + e + r"/text", self.text, True),
            ("GET", s + e + r"/attribute/(?P<name>[^/]+)", self.attribute, True),
            ("GET", s + e + r"/property/(?P<name>[^/]+)", self.attribute, True),
            ("GET", s + e + r"/name", self.tag_name, True),
            ("GET", s + e + r"/displayed", self.displayed, True),
            ("GET", s + e + r"/enabled", self.enabled, True),
            ("GET", s + e + r"/selected", self.selected, True),
            ("GET", s + e + r"/rect", self.rect, True),
            ("POST", s + e + r"/value", self.send_keys, True),
            ("POST", s + e + r"/clear", self.clear, True),
            ("GET", s + r"/source", self.source, True),
            ("GET", s + r"/screenshot", self.screenshot, True),
            ("GET", s + r"/alert/text", self.alert_text, True),
            ("POST", s + r"/alert/text", self.alert_send_keys, True),
            ("POST", s + r"/alert/accept", self.alert_accept, True),
            ("POST", s + r"/alert/dismiss", self.alert_dismiss, True),
            ("GET", s + r"/wda/alert/buttons", self.alert_buttons, True),
            ("POST", s + r"/actions", self.actions, True),
            ("DELETE", s + r"/actions", self.release_actions, True),
            ("POST", s + r"/execute/sync", self.execute, True),
            ("POST", s + r"/execute/async", self.execute, True),
            ("GET", s + r"/window/rect", self.window_rect, True),
            ("GET", s + r"/timeouts", self.get_timeouts, True),
            ("POST", s + r"/timeouts", self.set_timeouts, True),
            ("POST", s + r"/back", self.back, True),
            ("GET", s + r"/appium/settings", self.get_settings, True),
            ("POST", s + r"/appium/settings", self.update_settings, True),
            ("GET", s + r"/orientation", self.orientation, True),
            ("GET", s + r"/contexts", self.contexts, True),
            ("GET", s + r"/context", self.context, True),
            ("POST", s + r"/context", self.set_context, True),
            ("GET", s + r"/appium/device/current_package", self.current_package, True),
            ("GET", s + r"/appium/device/current_activity", self.current_activity, True),
        ]
        # Known to Appium's route table but not implemented here: 405 unknown method, as Appium answers.
        for method, path in [("GET", s + e + r"/screenshot"),
                             ("GET", s + r"/url"), ("POST", s + r"/url"), ("GET", s + r"/title"),
                             ("POST", s + r"/forward"), ("POST", s + r"/refresh"), ("POST", s + r"/orientation"),
                             ("GET", s + r"/window"), ("GET", s + r"/window/handles"), ("POST", s + r"/window/rect"),
                             ("GET", s + e + r"/css/(?P<name>[^/]+)"), ("POST", s + r"/se/log"),
                             ("GET", s + r"/element/active")]:
            table.append((method, path, self.not_implemented, True))
        self.routes = [(m, re.compile(p + r"/?$"), h, needs) for m, p, h, needs in table]

    # -- dispatch ------------------------------------------------------------------
    async def __call__(self, request: Request) -> Response:
        path = request.url.path
        if path == "/wd/hub" or path.startswith("/wd/hub/"):
            path = path[len("/wd/hub"):] or "/"
        try:
            for method, regex, handler, needs_session in self.routes:
                if method != request.method:
                    continue
                m = regex.match(path)
                if not m:
                    continue
                params = m.groupdict()
                body = await self._body(request)
                if not needs_session:
                    return await handler(None, params, body)
                session = self.sessions.get(params["sid"])
                if session is None:
                    raise WebDriverError("NoSuchDriverError")
                async with session.lock:
                    self._clear_idle_timer(session)
                    try:
                        return await handler(session, params, body)
                    finally:
                        if session.id in self.sessions:
                            self._start_idle_timer(session)
            raise WebDriverError("UnknownCommandError")
        except WebDriverError as err:
            return error_reply(err)

    @staticmethod
    async def _body(request: Request) -> dict:
        if request.method != "POST":
            return {}
        raw = await request.body()
        if not raw.strip():
            return {}
        try:
            body = json.loads(raw)
        except ValueError:
            raise WebDriverError("InvalidArgumentError", "Le corps de la requête n'est pas du JSON / "
                                 "the request body is not valid JSON", replace=True) from None
        except RecursionError:  # nested deeper than the parser's stack: a 400 as Appium's body parser gives
            raise WebDriverError("InvalidArgumentError", "Le corps de la requête est imbriqué trop profondément / "
                                 "the request body is nested too deeply", replace=True) from None
        if not isinstance(body, dict):
            raise WebDriverError("InvalidArgumentError", "the request body must be a JSON object", replace=True)
        return body

    # -- session life: newCommandTimeout ------------------------------------------------
    # As appium's base driver (appium/appium@17be28c:packages/base-driver/lib/basedriver/driver.ts,
    # executeCommand / startNewCommandTimeout): the timer is cleared when a command arrives, started
    # again when it ends; when it fires the session is deleted, and later commands answer
    # `invalid session id` (protocol.ts: `!driver.sessionExists(sessionId)` -> NoSuchDriverError).
    # 0 disables it.
    def _clear_idle_timer(self, session: Session) -> None:
        if session.idle_timer is not None:
            session.idle_timer.cancel()
            session.idle_timer = None

    def _start_idle_timer(self, session: Session) -> None:
        ms = session.timeouts.get("command") or 0
        if ms > 0:
            session.idle_timer = asyncio.get_running_loop().call_later(ms / 1000, self._expire, session.id)

    def _expire(self, sid: str) -> None:
        session = self.sessions.pop(sid, None)
        if session is not None:  # Appium's own warning, in the sandbox log
            idle = session.timeouts["command"] / 1000
            print(f"[simulateur] session {sid} fermée : aucune commande depuis {idle:g} s "
                  f"(newCommandTimeout) / Shutting down because we waited {idle:g} "
                  f"seconds for a command", flush=True)

    async def appium_sessions(self, session, params, body) -> Response:
        # Appium 3 answers it only with `--allow-insecure=*:session_discovery`; the simulator always does.
        return reply([{"id": s.id, "created": s.created, "capabilities": s.caps} for s in self.sessions.values()])

    # -- server and sessions -----------------------------------------------------
    async def status(self, session, params, body) -> Response:
        return reply({"ready": True, "message": "The server is ready to accept new connections",
                      "build": {"version": APPIUM_VERSION}})

    async def new_session(self, session, params, body) -> Response:
        caps = body.get("capabilities")
        if not isinstance(caps, dict):
            raise WebDriverError("SessionNotCreatedError",
                                 "W3C capabilities ('capabilities': {'alwaysMatch', 'firstMatch'}) are required")
        always = caps.get("alwaysMatch") or {}
        first = caps.get("firstMatch") or [{}]
        if not isinstance(always, dict) or not isinstance(first, list):
            raise WebDriverError("InvalidArgumentError", "alwaysMatch must be an object and firstMatch a list",
                                 replace=True)
        failure: WebDriverError | None = None
        for candidate in first:
            merged = {**always, **(candidate or {})}
            normalized = {k if (k in STANDARD_CAPS or ":" in k) else f"appium:{k}": v for k, v in merged.items()}
            try:
                profile = profile_for(normalized)
            except WebDriverError as err:
                failure = failure or err
                continue
            token = launch_token(normalized, profile.platform)
            row = self.store.session(token) if token else None
            device = Device(profile, self.store, self.config, row["account_id"] if row else None,
                            loading_scale(normalized))
            returned = {k.split(":", 1)[1] if k.startswith("appium:") else k: v for k, v in normalized.items()}
            command_ms = new_command_timeout_ms(normalized)
            sid = str(uuid.uuid4())
            session = Session(sid, returned, device,
                              settings=dict(IOS_SETTINGS if profile.platform == "ios" else ANDROID_SETTINGS))
            session.timeouts["command"] = command_ms
            self.sessions[sid] = session
            self._start_idle_timer(session)
            return reply({"capabilities": returned, "sessionId": sid})
        raise failure  # type: ignore[misc]

    async def get_session(self, session: Session, params, body) -> Response:
        return reply(session.caps)

    async def delete_session(self, session: Session, params, body) -> Response:
        self.sessions.pop(session.id, None)
        return reply(None)

    async def not_implemented(self, session, params, body) -> Response:
        raise WebDriverError("NotYetImplementedError")

    # -- finding -------------------------------------------------------------------
    async def _find(self, session: Session, params: dict, body: dict, many: bool):
        require(body, ["using", "value"])
        using, value = body["using"], body["value"]
        if session.platform == "android" and not value and isinstance(value, str):
            # appium-android-driver@89b4be8 lib/commands/find.ts findElOrEls: a plain Error, which Appium answers
            # as `unknown error` (500), for any strategy
            raise WebDriverError("UnknownError", "An unknown server-side error occurred while processing the "
                                 "command. Original error: Must provide a selector when finding elements",
                                 replace=True)
        deadline = time.monotonic() + float(session.timeouts.get("implicit") or 0) / 1000
        # WebDriverAgent writes `hittable` only when the query names it (FBXPath.m)
        hittable = session.platform == "ios" and isinstance(value, str) and "hittable" in value
        while True:
            rendered = session.render(hittable)
            context = None
            if params.get("eid"):
                node = session.resolve(params["eid"], rendered)
                context = next(el for el, n in rendered.nodes.items() if n is node)
            try:
                found = find(rendered.doc, session.platform, using, value, context, session.app_package)
            except WebDriverError as err:
                if not (session.platform == "ios" and getattr(err, "refused_by_wda", False)):
                    raise
                found = []  # errors.refused_by_wda: no such element once the implicit wait is over
            if found or time.monotonic() >= deadline:
                return rendered, found
            await asyncio.sleep(0.05)

    async def find_element(self, session: Session, params, body) -> Response:
        rendered, found = await self._find(session, params, body, False)
        if not found:
            raise no_such_element(body["using"], body["value"])
        return reply(session.ref(rendered.nodes[found[0]]))

    async def find_elements(self, session: Session, params, body) -> Response:
        rendered, found = await self._find(session, params, body, True)
        return reply([session.ref(rendered.nodes[el]) for el in found])

    # -- element commands ------------------------------------------------------------
    def _element(self, session: Session, params: dict):
        rendered = session.render()
        return rendered, session.resolve(params["eid"], rendered)

    def _interactable(self, session: Session, rendered: Rendered, node) -> None:
        if not node.visible or not node.enabled:
            raise WebDriverError("InvalidElementStateError")

    @staticmethod
    def _covered(rendered: Rendered) -> bool:
        """A system alert (iOS) covers the app: a tap lands on the alert's dimmed background and does
        nothing. WebDriverAgent never answers `unexpected alert open` (FBCommandStatus defines it, no
        command uses it: WebDriverAgent@c279b4c)."""
        return bool(rendered.overlay)

    async def click(self, session: Session, params, body) -> Response:
        rendered, node = self._element(session, params)
        if session.platform == "ios" and not node.visible and not node.in_alert:
            gestures.scroll_into_view(session, node)  # XCTest scrolls a view out of the window in, then taps it
            rendered, node = self._element(session, params)
        self._interactable(session, rendered, node)
        if self._covered(rendered):
            return reply(None)
        if node.covered:
            # WDA FBElementCommands.m handleClick: `[element tap]`, a tap at the element's hit point, with no
            # check of what is on top: under the keyboard, the finger lands on the keyboard.
            x, y, w, h = node.rect
            gestures.tap_at(session, x + w / 2, y + h / 2)
            return reply(None)
        if node.kind in ("field", "secure"):
            session.device.focus(node.ident)
        if node.action:
            session.device.act(node.action)
        return reply(None)

    async def text(self, session: Session, params, body) -> Response:
        rendered, node = self._element(session, params)
        if session.platform == "ios":
            # WebDriverAgent@c279b4c: Commands/FBElementCommands.m (handleGetText): wdValue, else wdLabel
            return reply(ios_value(node) or node.text or "")
        return reply(android_text(node))

    async def attribute(self, session: Session, params, body) -> Response:
        rendered, node = self._element(session, params)
        el = next(e for e, n in rendered.nodes.items() if n is node)
        name = params["name"]
        if session.platform == "ios":
            x, y, w, h = node.rect
            computed = {"rect": json.dumps({"x": x, "y": y, "width": w, "height": h}),
                        "frame": json.dumps({"x": x, "y": y, "width": w, "height": h}),
                        "hittable": json.dumps(bool(node.visible and not node.covered
                                                    and not self._covered(rendered))),
                        "selected": json.dumps(bool(node.selected)), "focused": "false",
                        "value": ios_value(node), "label": el.get("label"), "name": el.get("name"),
                        "placeholderValue": el.get("placeholderValue")}
            if name in computed:
                return reply(computed[name])
            if name in IOS_ATTRIBUTES:
                return reply(el.get(name))
            # WebDriverAgent@c279b4c: Routing/FBElementUtils.m (wdAttributeNameForAttributeName) throws,
            # and FBExceptionHandler.m answers an unmapped exception as `unknown error`
            raise WebDriverError("UnknownError", f"The attribute '{name}' is unknown. Valid attribute names are: "
                                 f"({', '.join(sorted(IOS_ATTRIBUTES | set(computed)))})", replace=True)
        aliases = {"contentDescription": "content-desc", "resourceId": "resource-id", "className": "class",
                   "content-description": "content-desc", "longClickable": "long-clickable"}
        if name == "name":  # UiAutomator2: the content description, else the text
            return reply(el.get("content-desc") or el.get("text"))
        key = aliases.get(name, name)
        if key not in el.attrib:
            # appium-uiautomator2-server@5412fdb utils/ElementHelpers.java generateNoAttributeException:
            # NoSuchAttributeException extends UnknownCommandException (`unknown command`, 404)
            raise WebDriverError("UnknownCommandError", f"'{name}' attribute is unknown for the element. "
                                 f"Supported attributes are {sorted(set(el.attrib) | set(aliases) | {'name'})}",
                                 replace=True)
        return reply(el.get(key))

    async def tag_name(self, session: Session, params, body) -> Response:
        rendered, node = self._element(session, params)
        el = next(e for e, n in rendered.nodes.items() if n is node)
        return reply(el.tag)

    async def displayed(self, session: Session, params, body) -> Response:
        _, node = self._element(session, params)
        return reply(bool(node.visible))

    async def enabled(self, session: Session, params, body) -> Response:
        _, node = self._element(session, params)
        return reply(bool(node.enabled))

    async def selected(self, session: Session, params, body) -> Response:
        _, node = self._element(session, params)
        return reply(bool(node.selected))

    async def rect(self, session: Session, params, body) -> Response:
        _, node = self._element(session, params)
        x, y, w, h = node.rect
        return reply({"x": x, "y": y, "width": w, "height": h})

    def _runtime_form(self, session: Session):
        model, rt = session.device.current()
        return rt

    async def send_keys(self, session: Session, params, body) -> Response:
        if "text" not in body and "value" not in body:
            require(body, ["text"])
        text = body.get("text")
        if not isinstance(text, str):
            value = body.get("value")
            if not isinstance(value, list):
                raise WebDriverError("InvalidArgumentError", "'value' must be a list of characters", replace=True)
            text = "".join(map(str, value))
        rendered, node = self._element(session, params)
        self._interactable(session, rendered, node)
        if node.kind not in ("field", "secure"):
            raise WebDriverError("InvalidElementStateError")
        if self._covered(rendered):
            return reply(None)
        # WDA XCUIElement+FBTyping.m fb_prepareForTextInputWithSnapshot: the field is tapped for the keyboard
        # focus unless it has it; the keyboard then stays up (iOS)
        session.device.focus(node.ident)
        rt = self._runtime_form(session)
        key = node.ident or node.rid or node.key
        if session.device.foreground == CHROME:
            rt.url = (rt.url or "") + text
        else:
            rt.form[key] = rt.form.get(key, "") + text
        return reply(None)

    async def clear(self, session: Session, params, body) -> Response:
        rendered, node = self._element(session, params)
        self._interactable(session, rendered, node)
        if node.kind not in ("field", "secure"):
            raise WebDriverError("InvalidElementStateError")
        session.device.focus(node.ident)  # WDA fb_clearTextWithError prepares for text input too
        rt = self._runtime_form(session)
        if session.device.foreground == CHROME:
            rt.url = ""
        else:
            rt.form[node.ident or node.rid or node.key] = ""
        return reply(None)

    # -- screen ----------------------------------------------------------------------
    async def source(self, session: Session, params, body) -> Response:
        return reply(session.render().xml)

    async def screenshot(self, session: Session, params, body) -> Response:
        rendered = session.render()
        data = png.draw(rendered.width, rendered.height, screenshot_boxes(rendered))
        return reply(base64.b64encode(data).decode("ascii"))

    async def window_rect(self, session: Session, params, body) -> Response:
        p = session.device.profile
        return reply({"width": p.width, "height": p.height, "x": 0, "y": 0})

    async def orientation(self, session: Session, params, body) -> Response:
        return reply("PORTRAIT")

    async def contexts(self, session: Session, params, body) -> Response:
        return reply(["NATIVE_APP"])

    async def context(self, session: Session, params, body) -> Response:
        return reply("NATIVE_APP")

    async def set_context(self, session: Session, params, body) -> Response:
        require(body, ["name"])
        if body["name"] != "NATIVE_APP":
            raise WebDriverError("UnknownError", "No such context found.", replace=True)
        return reply(None)

    async def current_package(self, session: Session, params, body) -> Response:
        return reply(session.device.foreground)

    async def current_activity(self, session: Session, params, body) -> Response:
        return reply(ACTIVITIES.get(session.device.foreground, ".MainActivity"))

    async def back(self, session: Session, params, body) -> Response:
        if self._covered(session.render()):
            return reply(None)
        session.device.back()
        return reply(None)

    # -- alerts ----------------------------------------------------------------------
    # iOS: WebDriverAgent@c279b4c WebDriverAgentLib/FBAlert.m (accept: the last button of an
    # XCUIElementTypeAlert, dismiss: the first; a named button by its label, else FBAlertActionFailedException
    # -> `invalid element state`, FBExceptionHandler.m); the driver sends `buttonLabel` as `name`
    # (appium-xcuitest-driver@05ce2be lib/commands/alert.ts).
    # Android: appium-uiautomator2-server@5412fdb utils/AlertHelpers.java (a dialog is found by its
    # `:id/alertTitle`; accept: button1, dismiss: button2, a named button by its text, else `invalid element
    # state` "The expected button cannot be detected on the alert"; text: the dialog's texts but buttons).
    def _alert(self, session: Session):
        alert = session.device.screen().alert
        if alert is None:
            raise WebDriverError("NoAlertOpenError")
        return alert

    def _press(self, session: Session, accept: bool, label: str | None) -> None:
        alert = self._alert(session)
        ios = session.platform == "ios"
        if label:
            # UIA2S AlertHelpers.java filterButtonByLabel: Objects.equals(button.getText(), label), the text as
            # displayed (in capitals where the theme says so); WDA FBAlert.m: the button's label
            shown = session.device.profile.shown_label if not ios else str
            match = [action for lbl, action in alert.buttons if shown(lbl) == label]
            if not match:
                why = (f"Failed to find button with label '{label}' for alert: {alert.title!r}" if ios
                       else "The expected button cannot be detected on the alert")
                raise WebDriverError("InvalidElementStateError",
                                     f"{why} (boutons / buttons: {[shown(lbl) for lbl in alert.labels]})",
                                     replace=True)
            action = match[0]
        elif ios:
            action = alert.buttons[-1 if accept else 0][1]
        else:
            action = alert.buttons[0 if accept or len(alert.buttons) == 1 else 1][1]
        session.device.act(action)

    @staticmethod
    def _label(session: Session, body: dict) -> str | None:
        label = body.get("buttonLabel") if session.platform == "android" else body.get("name") or body.get(
            "buttonLabel")
        return label if isinstance(label, str) and label else None

    async def alert_text(self, session: Session, params, body) -> Response:
        return reply(self._alert(session).text)

    async def alert_send_keys(self, session: Session, params, body) -> Response:
        self._alert(session)
        raise WebDriverError("UnsupportedOperationError", "The alert contains no input fields", replace=True)

    async def alert_accept(self, session: Session, params, body) -> Response:
        self._press(session, True, self._label(session, body))
        return reply(None)

    async def alert_dismiss(self, session: Session, params, body) -> Response:
        self._press(session, False, self._label(session, body))
        return reply(None)

    async def alert_buttons(self, session: Session, params, body) -> Response:
        if session.platform != "ios":  # a WebDriverAgent route, proxied by the XCUITest driver only
            raise WebDriverError("UnknownCommandError")
        return reply(self._alert(session).labels)

    # -- gestures --------------------------------------------------------------------
    async def actions(self, session: Session, params, body) -> Response:
        require(body, ["actions"])
        gestures.perform_actions(session, body)
        return reply(None)

    async def release_actions(self, session: Session, params, body) -> Response:
        return reply(None)

    def _scroll_extension(self, session: Session, name: str, arg: dict):
        if name == "mobile: scroll":
            keys = [k for k in ("name", "direction", "predicateString", "toVisible") if arg.get(k)]
            if not keys:
                raise WebDriverError("InvalidArgumentError", "Mobile scroll supports the following strategies: "
                                     "name, direction, predicateString, and toVisible. Specify one of these",
                                     replace=True)
            if keys[0] == "direction":
                direction = gestures.direction_of(arg)
                if direction in ("up", "down"):
                    distance = gestures._number(arg.get("distance", 1.0), "distance")
                    gestures.scroll(session, direction == "down", distance)
                return None
            if keys[0] in ("name", "predicateString"):
                using, value = (("accessibility id", arg["name"]) if keys[0] == "name"
                                else ("-ios predicate string", arg["predicateString"]))
                rendered = session.render()
                found = find(rendered.doc, "ios", using, value, None, session.app_package)
                if not found:
                    raise WebDriverError("NoSuchElementError", f"'{value}' identifier didn't match any elements",
                                         replace=True)
                gestures.scroll_into_view(session, rendered.nodes[found[0]])
            return None
        if name == "mobile: swipe":
            direction = gestures.direction_of(arg)
            if direction in ("up", "down"):
                gestures.scroll(session, direction == "up", 0.5)
            return None
        # Android: scrollGesture (direction = where the content comes from), swipeGesture (the finger)
        direction = gestures.direction_of(arg)
        if not arg.get("elementId") and not all(k in arg for k in ("left", "top", "width", "height")):
            raise WebDriverError("InvalidArgumentError", "Either elementId or left, top, width and height "
                                 "must be provided", replace=True)
        percent = gestures._number(arg.get("percent"), "percent") if "percent" in arg else None
        if percent is None:
            raise WebDriverError("InvalidArgumentError", "'percent' is mandatory", replace=True)
        if name == "mobile: scrollGesture":
            if direction not in ("up", "down"):
                return False
            return gestures.scroll(session, direction == "down", percent)
        if direction in ("up", "down"):
            gestures.scroll(session, direction == "up", percent)
        return None

    @staticmethod
    def _hide_ios_keyboard(session: Session, keys) -> None:
        """XCUIT lib/commands/keyboard.ts mobileHideKeyboard: `keyNames` = the given keys plus 'done'; WDA
        XCUIApplication+FBHelpers.m fb_dismissKeyboardWithKeyNames: nothing to do without a keyboard; tap each
        key whose identifier or label is one of keyNames until the keyboard is gone; on an iPad tap the last
        key (the keyboard's own hide key); else `invalid element state`, « Did not know how to dismiss the
        keyboard »."""
        names = [str(k) for k in keys if k] if isinstance(keys, list) else []
        names = names if "done" in names else [*names, "done"]
        rendered = session.render()
        if rendered.keyboard is None:
            return
        all_keys = [n for n in rendered.by_key.values() if n.kind == "key"]
        for key in [k for k in all_keys if k.ident in names or k.text in names]:
            session.device.act(key.action)
            if session.render().keyboard is None:
                return
        if session.device.profile.form == "ipad" and all_keys:
            session.device.act(all_keys[-1].action)
        if session.render().keyboard is not None:
            raise WebDriverError("InvalidElementStateError", "Did not know how to dismiss the keyboard. Try to "
                                 "dismiss it in the way supported by your application under test.", replace=True)

    # -- execute -----------------------------------------------------------------------
    async def execute(self, session: Session, params, body) -> Response:
        require(body, ["script", "args"])
        script, args = body["script"], body["args"]
        arg = args[0] if isinstance(args, list) and args and isinstance(args[0], dict) else {}
        device = session.device
        ios = session.platform == "ios"
        available = IOS_EXECUTE if ios else ANDROID_EXECUTE
        name = script.strip() if isinstance(script, str) else ""
        if name not in available:
            driver = "XCUITestDriver" if ios else "AndroidUiautomator2Driver"
            raise WebDriverError("UnsupportedOperationError",
                                 f"Unsupported execute method '{script}'. Make sure the installed {driver} is "
                                 f"up-to-date. Execute methods available in the current driver version are: "
                                 f"{', '.join(available)}", replace=True)

        def app_id() -> str:
            value = arg.get("bundleId") if ios else arg.get("appId")
            value = value or arg.get("appId") or arg.get("bundleId")
            if not value:
                raise WebDriverError("InvalidArgumentError",
                                     f"'{'bundleId' if ios else 'appId'}' is required for {name}", replace=True)
            return str(value)

        if name in ("mobile: activateApp", "mobile: launchApp"):
            device.activate(app_id())
            return reply(None)
        if name == "mobile: terminateApp":
            return reply(device.terminate(app_id()))
        if name == "mobile: queryAppState":
            return reply(device.query(app_id()))
        if name == "mobile: getCurrentPackage":
            return reply(device.foreground)
        if name == "mobile: getCurrentActivity":
            return reply(ACTIVITIES.get(device.foreground, ".MainActivity"))
        if name == "mobile: activeAppInfo":
            model, _ = device.current()
            return reply({"bundleId": device.foreground, "name": model.name, "pid": 4242, "processArguments": {}})
        if name == "mobile: hideKeyboard":
            if ios:
                self._hide_ios_keyboard(session, arg.get("keys"))
            return reply(None)
        if name == "mobile: isKeyboardShown":
            # XCUIT lib/commands/keyboard.ts isKeyboardShown: an XCUIElementTypeKeyboard in the tree
            return reply(ios and session.render().keyboard is not None)
        if name in ("mobile: scroll", "mobile: swipe", "mobile: scrollGesture", "mobile: swipeGesture"):
            return reply(self._scroll_extension(session, name, arg))
        if name == "mobile: pressKey":
            keycode = arg.get("keycode")
            if keycode == 4:
                device.back()
            elif keycode == 3:
                device._to_foreground(device.home_id, 3)
            return reply(None)
        if name in ("mobile: acceptAlert", "mobile: dismissAlert"):
            # appium-uiautomator2-driver@d293dd9 lib/commands/alert.ts: POST /alert/accept|dismiss {buttonLabel}
            label = arg.get("buttonLabel")
            self._press(session, name == "mobile: acceptAlert", label if isinstance(label, str) else None)
            return reply(None)
        # mobile: alert (appium-xcuitest-driver@05ce2be lib/commands/alert.ts, mobileHandleAlert). Its parameters
        # are checked before the driver: XCUIT lib/execute-method-map.ts {required: ['action']}, appium@17be28c
        # packages/base-driver/lib/protocol/protocol.ts validateExecuteMethodParams -> checkParams:
        # BadParametersError, `invalid argument` (400)
        require(arg, ["action"])
        action = arg.get("action")
        if action == "getButtons":
            return reply(self._alert(session).labels)
        if action not in ("accept", "dismiss"):
            raise WebDriverError("UnknownError",
                                 f"The 'action' value should be either 'accept', 'dismiss' or 'getButtons'. "
                                 f"'{action}' is provided instead.", replace=True)
        label = arg.get("buttonLabel")
        self._press(session, action == "accept", label if isinstance(label, str) and label else None)
        return reply(None)

    # -- timeouts and settings ----------------------------------------------------------------
    async def get_timeouts(self, session: Session, params, body) -> Response:
        return reply({"command": session.timeouts["command"], "implicit": session.timeouts["implicit"]})

    async def set_timeouts(self, session: Session, params, body) -> Response:
        # appium/appium@17be28c:packages/base-driver/lib/basedriver/commands/timeout.ts: the legacy
        # {type: "command", ms} sets newCommandTimeout; the W3C form knows script, pageLoad, implicit only.
        if body.get("type") == "command" and isinstance(body.get("ms"), (int, float)) and body["ms"] >= 0:
            session.timeouts["command"] = body["ms"]
            return reply(None)
        known = {"implicit", "pageLoad", "script"}
        if not body or not set(body) & known:
            raise WebDriverError("InvalidArgumentError", "W3C protocol expects any of script, pageLoad or "
                                 "implicit to be set", replace=True)
        for key in known & set(body):
            value = body[key]
            if not isinstance(value, (int, float)) or value < 0:
                raise WebDriverError("InvalidArgumentError", f"'{key}' must be a non-negative number", replace=True)
            session.timeouts[key] = value
        return reply(None)

    async def get_settings(self, session: Session, params, body) -> Response:
        return reply(dict(session.settings))

    async def update_settings(self, session: Session, params, body) -> Response:
        require(body, ["settings"])
        if not isinstance(body["settings"], dict):
            raise WebDriverError("InvalidArgumentError", "'settings' must be an object", replace=True)
        session.settings.update(body["settings"])
        return reply(None)


def loading_scale(caps: dict) -> float | None:
    """`pa:loadingScale` (simulator only, ignored by a real Appium): this session's factor of the apps'
    loading delays (apps.LOADING_MS), instead of the sandbox's `--loading-scale`."""
    value = caps.get("pa:loadingScale")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise WebDriverError("SessionNotCreatedError",
                             f"« pa:loadingScale » doit être un nombre positif ou nul, reçu {value!r} / "
                             f"'pa:loadingScale' must be a non-negative number")
    return float(value)


def new_command_timeout_ms(caps: dict) -> int:
    """`appium:newCommandTimeout` is in seconds (base driver: caps.newCommandTimeout * 1000)."""
    value = caps.get("appium:newCommandTimeout")
    if value is None:
        return NEW_COMMAND_TIMEOUT_MS
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise WebDriverError("SessionNotCreatedError",
                             f"'newCommandTimeout' must be of type number (seconds, 0 = never), got {value!r}. "
                             f"« newCommandTimeout » doit être un nombre de secondes (0 : jamais).")
    return int(value * 1000)


def create_app(store: Store, config: SandboxConfig) -> Starlette:
    simulator = Simulator(store, config)

    async def endpoint(request: Request) -> Response:
        return await simulator(request)

    methods = ["GET", "POST", "DELETE", "PUT", "PATCH"]
    app = Starlette(routes=[Route("/", endpoint, methods=methods),
                            Route("/{path:path}", endpoint, methods=methods)])
    app.state.simulator = simulator
    return app
