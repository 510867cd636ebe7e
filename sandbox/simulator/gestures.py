"""Gestures: W3C actions (tap, swipe) and the drivers' scroll / swipe extensions.

A finger that goes down and up within a few points taps the control under it; one that travels
scrolls the content (finger up: content up, what was below the fold comes into the window). What is
outside the window is not in the tree (ui.py), so scrolling is how a test reaches it, as on a phone.

References:
- W3C WebDriver, Actions (https://www.w3.org/TR/webdriver2/#actions): input sources `pointer`, `key`,
  `none`, `wheel`; pointer actions pointerMove {x, y, origin: viewport | pointer | element}, pointerDown,
  pointerUp, pause; an element origin is its centre.
- appium-xcuitest-driver@05ce2bee lib/commands/gesture.ts (mobileScroll: one of name, direction,
  predicateString, toVisible, else invalid argument; mobileSwipe: direction in up/down/left/right) and
  WebDriverAgent@c279b4c Commands/FBElementCommands.m (handleScroll: a name that matches nothing is
  `no such element`).
- appium-uiautomator2-driver@d293dd9 lib/execute-method-map.ts (mobile: scrollGesture / swipeGesture:
  left, top, width, height or elementId; direction; percent); scrollGesture answers whether the area can
  scroll further.
"""
from __future__ import annotations

from sandbox.simulator.errors import WebDriverError

W3C_ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
TAP_SLOP = 10  # window units a finger may move and still tap
DIRECTIONS = ("up", "down", "left", "right")


def _bad(message: str) -> WebDriverError:
    return WebDriverError("InvalidArgumentError", message, replace=True)


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(f"'{what}' must be a number, got {value!r}")
    return float(value)


def scroll(session, towards_end: bool, fraction: float) -> bool:
    """Scroll the content by `fraction` of the scrolling area; whether it can scroll further that way."""
    rendered = session.render()
    top, bottom = rendered.viewport
    amount = (bottom - top) * fraction
    session.device.scroll_by(amount if towards_end else -amount, rendered.max_scroll)
    after = session.render()
    return after.screen.scroll < after.max_scroll if towards_end else after.screen.scroll > 0


def tap_at(session, x: float, y: float) -> None:
    rendered = session.render()
    node = rendered.hit(x, y)
    if node is not None and node.action:
        session.device.act(node.action)


def perform_actions(session, body: dict) -> None:
    sources = body.get("actions")
    if not isinstance(sources, list):
        raise _bad("'actions' must be a list of input sources (W3C Actions)")
    gestures = []
    for source in sources:
        if not isinstance(source, dict) or source.get("type") not in ("pointer", "key", "none", "wheel"):
            raise _bad(f"Unknown input source {source!r}: type must be pointer, key, none or wheel")
        steps = source.get("actions")
        if not isinstance(steps, list):
            raise _bad(f"Input source {source.get('id')!r}: 'actions' must be a list")
        if source["type"] == "pointer":
            gestures.extend(_pointer(session, steps))
        elif source["type"] == "wheel":
            for step in steps:
                if step.get("type") == "scroll":
                    gestures.append(("scroll", _number(step.get("deltaY", 0), "deltaY")))
        else:
            for step in steps:
                if not isinstance(step, dict) or step.get("type") not in ("pause", "keyDown", "keyUp"):
                    raise _bad(f"Unsupported {source['type']} action {step!r}")
    for gesture in gestures:
        if gesture[0] == "tap":
            tap_at(session, gesture[1], gesture[2])
        else:
            rendered = session.render()
            session.device.scroll_by(gesture[1], rendered.max_scroll)


def _origin(session, origin, x: float, y: float, position: tuple[float, float]) -> tuple[float, float]:
    if origin in (None, "viewport"):
        return x, y
    if origin == "pointer":
        return position[0] + x, position[1] + y
    if isinstance(origin, dict) and (origin.get(W3C_ELEMENT) or origin.get("ELEMENT")):
        node = session.resolve(origin.get(W3C_ELEMENT) or origin.get("ELEMENT"), session.render())
        nx, ny, nw, nh = node.rect
        return nx + nw / 2 + x, ny + nh / 2 + y
    raise _bad(f"Invalid pointer origin {origin!r}: viewport, pointer or an element reference")


def _pointer(session, steps: list) -> list:
    """Touch sequences -> taps and drags (content moves with the finger)."""
    gestures, position, down = [], (0.0, 0.0), None
    for step in steps:
        kind = step.get("type") if isinstance(step, dict) else None
        if kind == "pointerMove":
            position = _origin(session, step.get("origin"), _number(step.get("x", 0), "x"),
                               _number(step.get("y", 0), "y"), position)
        elif kind == "pointerDown":
            down = position
        elif kind == "pointerUp":
            if down is None:
                continue
            dx, dy = position[0] - down[0], position[1] - down[1]
            if abs(dx) <= TAP_SLOP and abs(dy) <= TAP_SLOP:
                gestures.append(("tap", down[0], down[1]))
            else:
                gestures.append(("scroll", -dy))  # finger up (dy < 0): the content below comes up
            down = None
        elif kind in ("pause", "pointerCancel"):
            continue
        else:
            raise _bad(f"Unsupported pointer action {step!r}")
    return gestures


def direction_of(arg: dict) -> str:
    direction = str(arg.get("direction", "")).lower()
    if direction not in DIRECTIONS:
        raise _bad(f"'direction' must be one of: {','.join(DIRECTIONS)}")
    return direction
