"""Screen trees: logical nodes, layout per device, and the real drivers' page-source XML.

App models describe a screen as a `Screen` of logical `Node`s (kind, accessibility id, text, action).
This module turns it into what a driver sees: frames for the device's window, the XCUITest
(`XCUIElementType...`) or UiAutomator2 (`android.widget...`) XML, and a map XML element -> node.
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
}
ANDROID_TYPES = {
    "app": "android.widget.FrameLayout", "window": "android.widget.LinearLayout", "other": "android.view.ViewGroup",
    "nav": "android.view.ViewGroup", "text": "android.widget.TextView", "button": "android.widget.Button",
    "field": "android.widget.EditText", "secure": "android.widget.EditText", "table": "android.widget.ListView",
    "cell": "android.widget.LinearLayout", "alert": "android.widget.FrameLayout", "link": "android.widget.TextView",
    "icon": "android.widget.TextView", "web": "android.webkit.WebView",
}
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
    ident: str = ""                 # accessibility id: iOS name, Android content-desc
    text: str = ""                  # what the user reads: iOS label, Android text
    value: str | None = None        # text fields: what was typed
    action: str | None = None       # what a tap does (app model action name)
    rid: str | None = None          # Android resource-id (full); default package:id/<snake ident>
    region: str = "main"            # "side" goes in the left column on tablets
    enabled: bool = True
    selected: bool = False
    children: list["Node"] = field(default_factory=list)
    # filled in by render():
    rect: tuple[int, int, int, int] = (0, 0, 0, 0)
    key: str = ""
    visible: bool = True
    in_alert: bool = False

    def display_value(self) -> str | None:
        if self.kind == "secure":
            return "\u2022" * len(self.value) if self.value else None
        return self.value or None


@dataclass
class Alert:
    """A modal the W3C alert commands reach: the iOS App Store sheet or the Android dialog."""
    title: str
    message: str
    buttons: list[tuple[str, str]]  # (label, action)
    accept: str                    # action of W3C accept
    dismiss: str                   # action of W3C dismiss
    blocking: bool                 # True: element commands outside it raise `unexpected alert open`

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.message}" if self.message else self.title


@dataclass
class Screen:
    app_name: str
    package: str
    title: str | None
    title_id: str
    body: list[Node]
    alert: Alert | None = None
    modal_only: bool = False  # Android dialog: the hierarchy shows only the dialog window


@dataclass
class Profile:
    name: str
    platform: str        # ios / android
    form: str            # ipad / iphone / phone
    width: int
    height: int
    scale: float         # logical unit -> window units (points on iOS, pixels on Android)
    status_bar: int


@dataclass
class Rendered:
    screen: Screen
    xml: str
    doc: Document
    nodes: dict          # ET element -> Node
    by_key: dict         # key -> Node
    width: int
    height: int


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


def layout(screen: Screen, profile: Profile) -> list[Node]:
    """Give every node a frame; return the top-level content nodes (title bar first)."""
    s, w = profile.scale, profile.width
    top = profile.status_bar
    content: list[Node] = []
    if screen.title is not None and not screen.modal_only:
        nav = Node("nav", ident=screen.title if profile.platform == "ios" else "",
                   rid=f"{screen.package}:id/toolbar",
                   children=[Node("text", ident=screen.title_id, text=screen.title)])
        nav.rect = (0, top, w, round(52 * s))
        nav.children[0].rect = (round(w / 2 - 120 * s), top + round(10 * s), round(240 * s), round(32 * s))
        content.append(nav)
        top += round(52 * s)
    margin = 20 * s
    if screen.modal_only:
        body_nodes = []
    elif profile.form == "ipad":
        side = [n for n in screen.body if n.region == "side"]
        main = [n for n in screen.body if n.region != "side"]
        side_w = 360 * s if side else 0
        _place_stack(side, margin, top + margin, side_w - 2 * margin, s, 8 * s)
        _place_stack(main, side_w + margin, top + margin, w - side_w - 2 * margin, s, 12 * s)
        body_nodes = side + main
    else:
        _place_stack(screen.body, margin, top + margin, w - 2 * margin, s, 10 * s)
        body_nodes = list(screen.body)
    content.extend(body_nodes)
    for node in _walk(content):
        x, y, nw, nh = node.rect
        node.visible = y < profile.height and y + nh > 0 and nw > 0
    return content


def layout_alert(alert: Alert, profile: Profile, ident: str) -> Node:
    s = profile.scale
    aw = min(profile.width - 40 * s, 300 * s if profile.platform == "ios" else profile.width * 0.86)
    x = (profile.width - aw) / 2
    title = Node("text", ident=f"{ident}Title" if profile.platform == "android" else alert.title, text=alert.title,
                 rid="android:id/alertTitle")
    message = Node("text", ident=f"{ident}Message" if profile.platform == "android" else alert.message,
                   text=alert.message, rid="android:id/message")
    buttons = []
    for i, (label, action) in enumerate(alert.buttons):
        bid = label if profile.platform == "ios" else action_id(action)
        buttons.append(Node("button", ident=bid, text=label, action=action, rid=f"android:id/button{i + 1}"))
    th, mh = _text_height(title, aw, s), _text_height(message, aw, s)
    bh = 48 * s
    ah = th + mh + bh + 24 * s
    y = (profile.height - ah) / 2
    box = Node("alert", ident=ident, text=alert.title, children=[title, message, *buttons],
               rid=f"{'android:id/parentPanel'}")
    box.rect = (round(x), round(y), round(aw), round(ah))
    title.rect = (round(x + 12 * s), round(y + 8 * s), round(aw - 24 * s), round(th))
    message.rect = (round(x + 12 * s), round(y + 8 * s + th), round(aw - 24 * s), round(mh))
    bw = aw / max(1, len(buttons))
    for i, b in enumerate(buttons):
        b.rect = (round(x + i * bw), round(y + ah - bh), round(bw), round(bh))
    for n in _walk([box]):
        n.in_alert = True
    return box


def action_id(action: str) -> str:
    return {"dialog_buy": "dialogBuyButton", "dialog_ok": "dialogOkButton"}.get(action, action)


def _walk(nodes: list[Node]):
    for n in nodes:
        yield n
        yield from _walk(n.children)


def _assign_keys(nodes: list[Node], prefix: str) -> None:
    counts: dict[str, int] = {}
    for n in nodes:
        base = n.ident or n.kind
        counts[base] = counts.get(base, 0) + 1
        n.key = f"{prefix}/{base}#{counts[base]}"
        _assign_keys(n.children, n.key)


def render(screen: Screen, profile: Profile) -> Rendered:
    content = layout(screen, profile)
    alert_node = None
    if screen.alert is not None:
        alert_node = layout_alert(screen.alert, profile, "buyDialog" if profile.platform == "android"
                                  else "purchaseSheet")
    w, h = profile.width, profile.height
    if profile.platform == "ios":
        app = Node("app", ident=screen.app_name, text=screen.app_name)
        window = Node("window", children=[Node("other", children=content)])
        app.children = [window]
        if alert_node is not None:
            app.children.append(Node("window", children=[alert_node]))
        for n in (app, window, window.children[0], *app.children[1:]):
            n.rect = (0, 0, w, h)
        root_nodes = [app]
    else:
        decor = Node("app", rid="")
        if screen.modal_only and alert_node is not None:
            decor.children = [Node("other", rid="android:id/content", children=[alert_node])]
        else:
            decor.children = [Node("window", children=[Node("other", rid="android:id/content", children=content)])]
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
        _ios_xml(root_nodes, top, nodes)
        xml = '<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(top, encoding="unicode")
    else:
        top = ET.Element("hierarchy", {"index": "0", "class": "hierarchy", "rotation": "0",
                                       "width": str(w), "height": str(h)})
        _android_xml(root_nodes, top, nodes, screen.package)
        xml = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>" + ET.tostring(top, encoding="unicode")
    for node in _walk(root_nodes):
        by_key[node.key] = node
    return Rendered(screen, xml, Document(top), nodes, by_key, w, h)


def _b(v: bool) -> str:
    return "true" if v else "false"


def ios_name(node: Node) -> str:
    return node.ident or node.text or ""


def _ios_xml(nodes: list[Node], parent: ET.Element, index: dict) -> None:
    for i, n in enumerate(nodes):
        t = IOS_TYPES[n.kind]
        attrs = {"type": t}
        name = ios_name(n)
        if name:
            attrs["name"] = name
        if n.text or n.kind in ("field", "secure"):
            attrs["label"] = n.text
        value = n.display_value() if n.kind in ("field", "secure") else None
        if n.kind in ("field", "secure"):
            value = value or n.text  # an empty iOS text field shows its placeholder as value
        if value is not None:
            attrs["value"] = value
        x, y, w, h = n.rect
        attrs.update({"enabled": _b(n.enabled), "visible": _b(n.visible),
                      "accessible": _b(n.kind in LEAF_KINDS or n.kind == "cell"),
                      "x": str(x), "y": str(y), "width": str(w), "height": str(h), "index": str(i)})
        el = ET.SubElement(parent, t, attrs)
        index[el] = n
        _ios_xml(n.children, el, index)


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
        cls = ANDROID_TYPES[n.kind]
        x, y, w, h = n.rect
        clickable = n.kind in CLICKABLE_KINDS
        attrs = {
            "index": str(i), "package": package, "class": cls, "text": android_text(n),
            "resource-id": android_rid(n, package), "checkable": "false", "checked": "false",
            "clickable": _b(clickable), "content-desc": n.ident if n.kind != "nav" else "",
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
    for node in _walk([rendered.nodes[el] for el in rendered.doc.top]):
        x, y, w, h = node.rect
        if node.in_alert and node.kind == "alert":
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
