"""Screen trees: logical nodes, layout per device, and the real drivers' page-source XML.

App models describe a screen as a `Screen` of logical `Node`s (kind, accessibility id, text, action).
This module turns it into what a driver sees: frames for the device's window (scrolled content included:
what is outside the window is not in the tree), the XCUITest (`XCUIElementType...`, attributes as
WebDriverAgent writes them) or UiAutomator2 (`android.widget...`) XML, and a map XML element -> node.

References (read for this module):
- appium/WebDriverAgent@c279b4c754e0cef057d339f28783452fb58ea02a: WebDriverAgentLib/Utilities/FBXPath.m
  (`supportedAttributes`: the attributes and their order; `hittable` only when a query asks for it),
  WebDriverAgentLib/Categories/XCUIElement+FBWebDriverAttributes.m (`wdValue`: a static text's value is its
  label, a text field's its placeholder when empty; `wdName`: identifier, else label; `wdTraits`);
- appium/WebDriverAgent@c279b4c: WebDriverAgentLib/FBAlert.m and Categories/XCUIApplication+FBAlert.m
  (alerts are looked for in SpringBoard first: a system alert is outside the app's tree);
- aosp-mirror/platform_frameworks_base@150a593: core/res/res/layout/alert_dialog_button_bar_material.xml
  (an AlertDialog's buttons: button3, button2, button1 from left to right).
"""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from sandbox.simulator.xpath import Document

IOS_TYPES = {
    "app": "XCUIElementTypeApplication", "window": "XCUIElementTypeWindow", "other": "XCUIElementTypeOther",
    "nav": "XCUIElementTypeNavigationBar", "text": "XCUIElementTypeStaticText", "button": "XCUIElementTypeButton",
    "field": "XCUIElementTypeTextField", "secure": "XCUIElementTypeSecureTextField",
    "table": "XCUIElementTypeTable", "cell": "XCUIElementTypeCell", "alert": "XCUIElementTypeAlert",
    "link": "XCUIElementTypeLink", "icon": "XCUIElementTypeIcon", "web": "XCUIElementTypeWebView",
    "spinner": "XCUIElementTypeActivityIndicator", "keyboard": "XCUIElementTypeKeyboard", "key": "XCUIElementTypeKey",
    "image": "XCUIElementTypeImage",
}
ANDROID_TYPES = {
    "app": "android.widget.FrameLayout", "window": "android.widget.LinearLayout", "other": "android.view.ViewGroup",
    "nav": "android.view.ViewGroup", "text": "android.widget.TextView", "button": "android.widget.Button",
    "field": "android.widget.EditText", "secure": "android.widget.EditText",
    "table": "androidx.recyclerview.widget.RecyclerView", "cell": "android.widget.LinearLayout",
    "alert": "android.widget.LinearLayout", "link": "android.widget.TextView", "icon": "android.widget.TextView",
    "web": "android.webkit.WebView", "spinner": "android.widget.ProgressBar", "image": "android.widget.ImageView",
}
# UIAccessibilityTraits as WebDriverAgent names them (FBAccessibilityTraitsToStringsArray)
IOS_TRAITS = {"button": "Button", "icon": "Button", "text": "StaticText", "link": "Link", "nav": "", "image": "Image",
             "key": "KeyboardKey"}
LEAF_KINDS = {"text", "button", "field", "secure", "link", "icon"}
CLICKABLE_KINDS = {"button", "field", "secure", "cell", "link", "icon"}
COLOURS = {"nav": (242, 242, 247), "button": (0, 122, 255), "field": (229, 229, 234), "secure": (229, 229, 234),
           "cell": (248, 248, 252), "text": (60, 60, 67), "link": (0, 88, 208), "alert": (250, 250, 250),
           "icon": (255, 90, 40), "web": (236, 240, 255)}


def snake(ident: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", ident).lower()


@dataclass
class Node:
    kind: str
    ident: str = ""                 # iOS accessibility identifier (`name`); Android resource-id from it
    text: str = ""                  # what the user reads: iOS label, Android text; a field's placeholder
    value: str | None = None        # text fields: what was typed
    action: str | None = None       # what a tap does (app model action name)
    rid: str | None = None          # Android resource-id (full); default package:id/<snake ident>
    desc: str = ""                  # Android content-desc, only where the app sets one
    cls: str | None = None          # Android class, when not the kind's
    region: str = "main"            # "side" goes in the left column on tablets
    enabled: bool = True
    selected: bool = False
    children: list["Node"] = field(default_factory=list)
    # filled in by render():
    rect: tuple[int, int, int, int] = (0, 0, 0, 0)
    key: str = ""
    visible: bool = True
    in_alert: bool = False
    covered: bool = False   # under the iOS keyboard: a tap on it lands on the keyboard

    def display_value(self) -> str | None:
        if self.kind == "secure":
            return "\u2022" * len(self.value) if self.value else None
        return self.value or None

    def contains(self, x: float, y: float) -> bool:
        nx, ny, nw, nh = self.rect
        return nx <= x < nx + nw and ny <= y < ny + nh


@dataclass
class Alert:
    """A modal the W3C alert commands reach. `buttons` in the platform's own order: iOS from left to
    right (accept = the last, dismiss = the first, as WebDriverAgent's FBAlert does); Android as
    button1, button2, button3 (positive, negative, neutral; accept = button1, dismiss = button2, as
    UiAutomator2's AlertHelpers does). A `system` alert (iOS) belongs to SpringBoard, not to the app."""
    title: str
    message: str
    buttons: list[tuple[str, str]]  # (label, action)
    system: bool = False

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.message}" if self.message else self.title

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.buttons]


@dataclass
class Screen:
    app_name: str
    package: str
    title: str | None
    title_id: str
    body: list[Node]
    alert: Alert | None = None
    modal_only: bool = False  # Android dialog: the hierarchy shows only the dialog window
    loaded_id: str = ""       # the screen's loaded signal (APPS.md), once all its data has arrived
    keyboard: str = ""        # iOS: the field that has the keyboard focus; the keyboard is up while set
    scroll: int = 0           # how far the content is scrolled up (window units), set by the device

    @property
    def root_id(self) -> str:
        """Android: resource-id (without package) of the screen's root view, e.g. computers_screen."""
        base = self.title_id[:-len("Title")] if self.title_id.endswith("Title") else self.title_id
        return f"{snake(base)}_screen" if base else ""


@dataclass
class Profile:
    name: str
    platform: str        # ios / android
    form: str            # ipad / iphone / phone
    width: int
    height: int
    scale: float         # logical unit -> window units (points on iOS, pixels on Android)
    status_bar: int
    # Android: the theme sets textAllCaps on dialog buttons (AOSP core/res/res/values/styles_material.xml:
    # TextAppearance.Material.Button, textAllCaps true; the framework's DeviceDefault theme up to Android 11, and
    # AppCompat / MaterialComponents themes), and UiAutomator2 reads the text as displayed: AOSP TextView.java
    # getTextForAccessibility returns the transformed text (« ACHETER L'ABONNEMENT »).
    all_caps_buttons: bool = False

    def shown_label(self, label: str) -> str:
        """A dialog button's text as the platform presents it."""
        return label.upper() if self.all_caps_buttons else label


@dataclass
class Rendered:
    screen: Screen
    xml: str
    doc: Document
    nodes: dict          # ET element -> Node
    by_key: dict         # key -> Node
    width: int
    height: int
    max_scroll: int = 0  # how far the content can scroll
    viewport: tuple[int, int] = (0, 0)  # top and bottom of the scrolling area
    overlay: list = field(default_factory=list)  # nodes of a system alert (not in the app's tree)
    keyboard: Node | None = None  # iOS: the keyboard, when it is up

    def hit(self, x: float, y: float) -> Node | None:
        """The node a finger at (x, y) touches: a system alert takes every touch; then the keyboard takes
        every touch inside it (a key, or the keyboard itself); else the deepest node with a tap action."""
        if not self.overlay and self.keyboard is not None and self.keyboard.contains(x, y):
            keys = [n for n in _walk([self.keyboard]) if n.kind == "key" and n.contains(x, y)]
            return keys[-1] if keys else self.keyboard
        pool = self.overlay if self.overlay else [n for n in _walk([self.nodes[el] for el in self.doc.top])
                                                  if n.visible]
        hits = [n for n in pool if n.contains(x, y) and (n.action or n.kind in ("field", "secure"))]
        if self.overlay:
            return hits[-1] if hits else self.overlay[0]
        return hits[-1] if hits else None


def _text_height(node: Node, width: float, scale: float) -> float:
    chars_per_line = max(10, int(width / (8.5 * scale)))
    lines = max(1, math.ceil(len(node.text or "") / chars_per_line))
    return (22 * lines + 10) * scale


def _height(node: Node, width: float, scale: float) -> float:
    if node.kind in ("text", "link"):
        return _text_height(node, width, scale)
    if node.kind in ("field", "secure", "button"):
        return 48 * scale
    if node.kind == "cell":
        return 64 * scale
    if node.kind == "image":
        return 240 * scale
    if node.kind in ("table", "other", "window"):
        inner = sum(_height(c, width, scale) for c in node.children)
        return inner + 4 * scale * max(0, len(node.children) - 1)
    return 44 * scale


def _place_stack(nodes: list[Node], x: float, y: float, width: float, scale: float, gap: float) -> float:
    for node in nodes:
        h = _height(node, width, scale)
        node.rect = (round(x), round(y), round(width), round(h))
        if node.kind == "cell":
            # two lines inside a cell: name then detail
            cy = y + 6 * scale
            for child in node.children:
                child.rect = (round(x + 16 * scale), round(cy), round(width - 32 * scale), round(24 * scale))
                cy += 26 * scale
        elif node.children:
            _place_stack(node.children, x, y, width, scale, 4 * scale)
        y += h + gap
    return y


def _shift(nodes: list[Node], dy: int) -> None:
    for n in _walk(nodes):
        x, y, w, h = n.rect
        n.rect = (x, y - dy, w, h)


def _in_view(nodes: list[Node], top: int, bottom: int, keep_offscreen: bool = False) -> list[Node]:
    """What is in the tree of a scrolled screen. Rows of a UITableView / RecyclerView scrolled out of the window
    are absent (the views are recycled), and so is every view out of the window on Android (UiAutomator2 leaves
    out views not visible to the user: setting `allowInvisibleElements` false). On iOS (`keep_offscreen`) the
    other views of a scroll view stay in the tree, `visible="false"` (WDA XCUIElement+FBIsVisible.m). A container
    in the window is cut to it."""
    kept = []
    for n in nodes:
        x, y, w, h = n.rect
        outside = y + h <= top or y >= bottom
        if outside and not (keep_offscreen and n.kind != "cell"):
            continue
        if n.children and n.kind in ("table", "other"):
            n.children = _in_view(n.children, top, bottom, keep_offscreen and n.kind != "table")
            if not outside:
                y2, b2 = max(y, top), min(y + h, bottom)
                n.rect = (x, y2, w, b2 - y2)
        kept.append(n)
    return kept


def layout(screen: Screen, profile: Profile) -> tuple[list[Node], int, tuple[int, int]]:
    """Give every node a frame; return the top-level content nodes (title bar first), how far the
    content can scroll, and the scrolling area (top, bottom)."""
    s, w = profile.scale, profile.width
    top = profile.status_bar
    content: list[Node] = []
    if screen.title is not None and not screen.modal_only:
        if profile.platform == "ios":
            nav = Node("nav", ident=screen.title, children=[Node("text", ident=screen.title_id, text=screen.title)])
        else:  # a Toolbar: its title TextView has no id of its own
            nav = Node("nav", rid=f"{screen.package}:id/toolbar", children=[Node("text", text=screen.title, rid="")])
        nav.rect = (0, top, w, round(52 * s))
        nav.children[0].rect = (round(w / 2 - 120 * s), top + round(10 * s), round(240 * s), round(32 * s))
        if screen.loaded_id:  # in the bar: it stays in the window however the content is scrolled
            marker = Node("other", ident=screen.loaded_id)
            marker.rect = (w - round(12 * s), top + round(24 * s), round(4 * s), round(4 * s))
            nav.children.append(marker)
        content.append(nav)
        top += round(52 * s)
    margin = 20 * s
    bottom_edge = top
    if screen.modal_only:
        body_nodes = []
    elif profile.form == "ipad":
        side = [n for n in screen.body if n.region == "side"]
        main = [n for n in screen.body if n.region != "side"]
        side_w = 360 * s if side else 0
        bottom_edge = max(_place_stack(side, margin, top + margin, side_w - 2 * margin, s, 8 * s),
                          _place_stack(main, side_w + margin, top + margin, w - side_w - 2 * margin, s, 12 * s))
        body_nodes = side + main
    else:
        bottom_edge = _place_stack(screen.body, margin, top + margin, w - 2 * margin, s, 10 * s)
        body_nodes = list(screen.body)
    # keys before cutting to the window: a row keeps its key (so its element id) while it stays on screen
    _assign_keys(body_nodes, "/content")
    max_scroll = max(0, round(bottom_edge + margin - profile.height))
    scroll = min(max(0, screen.scroll), max_scroll)
    _shift(body_nodes, scroll)
    content.extend(_in_view(body_nodes, top, profile.height, keep_offscreen=profile.platform == "ios"))
    bar = {id(n) for n in _walk(content[:1])} if screen.title is not None and not screen.modal_only else set()
    for node in _walk(content):  # visible: some of it in the scrolling area (the bar: always)
        _, y, nw, nh = node.rect
        node.visible = nw > 0 and nh > 0 and (id(node) in bar or (y + nh > top and y < profile.height))
    return content, max_scroll, (top, profile.height)


def layout_alert(alert: Alert, profile: Profile, package: str) -> Node:
    s = profile.scale
    android = profile.platform == "android"
    aw = min(profile.width - 40 * s, profile.width * 0.86 if android else 270 * s)
    x = (profile.width - aw) / 2
    title = Node("text", text=alert.title, rid="android:id/alertTitle")
    message = Node("text", text=alert.message, rid="android:id/message")
    buttons = [Node("button", ident=label if not android else "", text=profile.shown_label(label), action=action,
                    rid=f"android:id/button{i + 1}") for i, (label, action) in enumerate(alert.buttons)]
    th, mh = _text_height(title, aw, s), _text_height(message, aw, s)
    bh = 48 * s
    ah = th + mh + bh + 24 * s
    y = (profile.height - ah) / 2
    title.rect = (round(x + 12 * s), round(y + 8 * s), round(aw - 24 * s), round(th))
    message.rect = (round(x + 12 * s), round(y + 8 * s + th), round(aw - 24 * s), round(mh))
    bw = aw / max(1, len(buttons))
    # on screen: iOS in the given order; Android button3, button2, button1 (AOSP's button bar)
    on_screen = list(reversed(buttons)) if android else buttons
    for i, b in enumerate(on_screen):
        b.rect = (round(x + i * bw), round(y + ah - bh), round(bw), round(bh))
    box_rect = (round(x), round(y), round(aw), round(ah))
    if android:
        def panel(rid: str, cls: str, children: list[Node], rect) -> Node:
            node = Node("other", rid=rid, cls=cls, children=children)
            node.rect = rect
            return node
        box = panel("android:id/parentPanel", "android.widget.LinearLayout", [
            panel("android:id/topPanel", "android.widget.LinearLayout", [
                panel("android:id/title_template", "android.widget.LinearLayout", [title], title.rect)], title.rect),
            panel("android:id/contentPanel", "android.widget.FrameLayout", [
                panel("android:id/scrollView", "android.widget.ScrollView", [message], message.rect)], message.rect),
            panel("android:id/buttonPanel", "android.widget.LinearLayout", on_screen,
                  (box_rect[0], round(y + ah - bh), box_rect[2], round(bh))),
        ], box_rect)
    else:
        box = Node("alert", ident=alert.title, text=alert.title,
                   children=[Node("other", children=[title, message, *buttons])])
        box.rect = box.children[0].rect = box_rect
    for n in _walk([box]):
        n.in_alert = True
    return box


def _walk(nodes: list[Node]):
    for n in nodes:
        yield n
        yield from _walk(n.children)


def _assign_keys(nodes: list[Node], prefix: str) -> None:
    counts: dict[str, int] = {}
    for n in nodes:
        base = n.ident or n.rid or n.kind
        counts[base] = counts.get(base, 0) + 1
        n.key = n.key or f"{prefix}/{base}#{counts[base]}"
        _assign_keys(n.children, n.key)


def render(screen: Screen, profile: Profile, hittable: bool = False) -> Rendered:
    """The tree a driver sees. `hittable`: also write iOS `hittable` (WebDriverAgent adds it only when
    a query names it)."""
    content, max_scroll, viewport = layout(screen, profile)
    alert_node = layout_alert(screen.alert, profile, screen.package) if screen.alert is not None else None
    w, h = profile.width, profile.height
    overlay: list[Node] = []
    if profile.platform == "ios":
        app = Node("app", text=screen.app_name)
        window = Node("window", children=[Node("other", children=content)])
        app.children = [window]
        for n in (app, window, window.children[0]):
            n.rect = (0, 0, w, h)
        if screen.keyboard:
            keyboard = layout_keyboard(profile, screen.keyboard)
            app.children.append(Node("window", children=[keyboard]))
            app.children[-1].rect = (0, 0, w, h)
            for n in _walk(content):
                x, y, nw, nh = n.rect
                n.covered = keyboard.contains(x + nw / 2, y + nh / 2)
        if alert_node is not None:
            if screen.alert.system:  # SpringBoard's window: reached by the alert commands only
                overlay = list(_walk([alert_node]))
            else:
                app.children.append(Node("window", children=[alert_node]))
                app.children[-1].rect = (0, 0, w, h)
        root_nodes = [app]
    else:
        decor = Node("app", rid="")
        if screen.modal_only and alert_node is not None:
            decor.children = [Node("other", rid="android:id/content", cls="android.widget.FrameLayout",
                                   children=[alert_node])]
        else:
            root = Node("other", rid=f"{screen.package}:id/{screen.root_id}" if screen.root_id else "",
                        children=content)
            decor.children = [Node("window", children=[Node("other", rid="android:id/content",
                                                            cls="android.widget.FrameLayout", children=[root])])]
            root.rect = (0, profile.status_bar, w, h - profile.status_bar)
            if alert_node is not None:
                decor.children.append(Node("other", rid="android:id/content", children=[alert_node]))
        for n in [decor, *decor.children]:
            n.rect = (0, 0, w, h)
        for n in decor.children:
            for c in n.children:
                if c.rect == (0, 0, 0, 0):
                    c.rect = (0, 0, w, h)
        root_nodes = [decor]
    _assign_keys(root_nodes, "")
    nodes: dict = {}
    by_key: dict = {}
    if profile.platform == "ios":
        top = ET.Element("AppiumAUT")
        _ios_xml(root_nodes, top, nodes, hittable, overlay_present=bool(overlay))
        xml = '<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(top, encoding="unicode")
    else:
        top = ET.Element("hierarchy", {"index": "0", "class": "hierarchy", "rotation": "0",
                                       "width": str(w), "height": str(h)})
        _android_xml(root_nodes, top, nodes, screen.package)
        xml = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>" + ET.tostring(top, encoding="unicode")
    for node in _walk(root_nodes):
        by_key[node.key] = node
    keyboard_node = next((n for n in _walk(root_nodes) if n.kind == "keyboard"), None)
    return Rendered(screen, xml, Document(top), nodes, by_key, w, h, max_scroll, viewport, overlay, keyboard_node)


# The iOS keyboard's height in points, portrait, with its suggestion bar (approximate, from the devices' own
# screenshots): it covers the bottom of the window, where a small phone's form ends.
KEYBOARD_HEIGHT = {"iphone_se": 260, "iphone": 336, "ipad": 398}
# The return key as the field's `returnKeyType` makes it (identifier, French label): « suivant » (next) on the
# e-mail field, « OK » (done) on the password field. WDA's hideKeyboard taps a key whose identifier or label is
# one of `keyNames` (WDA XCUIApplication+FBHelpers.m fb_dismissKeyboardWithKeyNames).
RETURN_KEYS = {"emailField": ("Next", "suivant"), "passwordField": ("Done", "OK")}


def layout_keyboard(profile: Profile, field_ident: str) -> Node:
    """The keyboard WDA leaves up after typing in a field (WDA XCUIElement+FBTyping.m: the field is tapped
    for the keyboard focus first, and nothing hides the keyboard afterwards)."""
    w, h = profile.width, profile.height
    form = "ipad" if profile.form == "ipad" else ("iphone_se" if h <= 667 else "iphone")
    kh = KEYBOARD_HEIGHT[form]
    ident, label = RETURN_KEYS.get(field_ident, ("Return", "retour"))
    keys = [Node("key", "space", "espace", action="keyboard:type")]
    keys[0].rect = (round(w * 0.3), h - 60, round(w * 0.4), 44)
    ret = Node("key", ident, label, action="keyboard:return")
    ret.rect = (w - 104, h - 60, 96, 44)
    keys.append(ret)
    if profile.form == "ipad":  # the iPad keyboard's own « hide » key, the last key (WDA taps it on an iPad)
        ret.rect = (w - 104, h - 120, 96, 52)
        hide = Node("key", "Hide keyboard", "Masquer le clavier", action="keyboard:hide")
        hide.rect = (w - 104, h - 60, 96, 44)
        keys.append(hide)
    row = Node("other", children=keys)
    keyboard = Node("keyboard", children=[row])
    keyboard.rect = row.rect = (0, h - kh, w, kh)
    return keyboard


def _b(v: bool) -> str:
    return "true" if v else "false"


def ios_name(node: Node) -> str:
    return node.ident or node.text or ""


def ios_value(n: Node) -> str | None:
    """WebDriverAgent's wdValue: a static text's label, a field's text or else its placeholder,
    a selected button's 1."""
    if n.kind in ("field", "secure"):
        return n.display_value() or n.text or None
    if n.kind in ("text", "link"):
        return n.text or None
    if n.kind == "button" and n.selected:
        return "1"
    return None


def _ios_xml(nodes: list[Node], parent: ET.Element, index: dict, hittable: bool, overlay_present: bool) -> None:
    for i, n in enumerate(nodes):
        t = IOS_TYPES[n.kind]
        attrs = {"type": t}
        value = ios_value(n)
        if value is not None:
            attrs["value"] = value
        name = ios_name(n)
        if name:
            attrs["name"] = name
        if n.kind in ("field", "secure"):
            attrs["label"] = ""  # a text field's label is its accessibility label: none set
        elif n.text:
            attrs["label"] = n.text
        x, y, w, h = n.rect
        attrs.update({"enabled": _b(n.enabled), "visible": _b(n.visible),
                      "accessible": _b(n.kind in LEAF_KINDS or n.kind in ("cell", "key")),
                      "x": str(x), "y": str(y), "width": str(w), "height": str(h), "index": str(i)})
        if hittable:
            attrs["hittable"] = _b(n.visible and n.kind in LEAF_KINDS | {"cell", "key"} and not overlay_present
                                   and not n.covered)
        if n.kind in ("field", "secure"):
            attrs["placeholderValue"] = n.text
        attrs["traits"] = IOS_TRAITS.get(n.kind, "")
        el = ET.SubElement(parent, t, attrs)
        index[el] = n
        _ios_xml(n.children, el, index, hittable, overlay_present)


def android_rid(n: Node, package: str) -> str:
    if n.rid is not None:
        return n.rid
    return f"{package}:id/{snake(n.ident)}" if n.ident else ""


def android_text(n: Node) -> str:
    if n.kind in ("field", "secure"):
        return n.display_value() or n.text  # an empty EditText reports its hint
    return n.text if n.kind in LEAF_KINDS else ""


def _android_xml(nodes: list[Node], parent: ET.Element, index: dict, package: str) -> None:
    for i, n in enumerate(nodes):
        cls = n.cls or ANDROID_TYPES[n.kind]
        x, y, w, h = n.rect
        clickable = n.kind in CLICKABLE_KINDS
        attrs = {
            "index": str(i), "package": package, "class": cls, "text": android_text(n),
            "resource-id": android_rid(n, package), "checkable": "false", "checked": "false",
            "clickable": _b(clickable), "content-desc": n.desc,
            "enabled": _b(n.enabled), "focusable": _b(clickable), "focused": "false",
            "long-clickable": "false", "password": _b(n.kind == "secure"),
            "scrollable": _b(n.kind == "table"), "selected": _b(n.selected),
            "bounds": f"[{x},{y}][{x + w},{y + h}]", "displayed": _b(n.visible),
        }
        el = ET.SubElement(parent, cls, attrs)
        index[el] = n
        _android_xml(n.children, el, index, package)


def screenshot_boxes(rendered: Rendered) -> list:
    boxes = []
    has_alert = rendered.screen.alert is not None
    for node in [*_walk([rendered.nodes[el] for el in rendered.doc.top]), *rendered.overlay]:
        x, y, w, h = node.rect
        if node.in_alert and (node.kind == "alert" or node.rid == "android:id/parentPanel"):
            boxes.append((0, 0, rendered.width, rendered.height, (120, 120, 128)))  # dimmed background
        colour = COLOURS.get(node.kind)
        if colour is None or not node.visible:
            continue
        if node.kind == "text" or node.kind == "link":
            # a text is drawn as a bar as long as the text
            bar = min(w, max(8, len(node.text) * 7 * (rendered.width / 400 if rendered.width > 1000 else 1)))
            boxes.append((x, y + h * 0.3, bar, h * 0.4, colour))
        elif node.kind == "field" or node.kind == "secure":
            boxes.append((x, y, w, h, (142, 142, 147)))
            boxes.append((x + 2, y + 2, w - 4, h - 4, colour))
        else:
            boxes.append((x, y, w, h, colour))
    if has_alert and not boxes:
        boxes.append((0, 0, rendered.width, rendered.height, (120, 120, 128)))
    return boxes
