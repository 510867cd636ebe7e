"""Gestures: W3C actions (tap, swipe) and the drivers' scroll / swipe extensions.

A finger that goes down and up within a few points taps the control under it; one that travels
scrolls the content (finger up: content up, what was below the fold comes into the window). What is
outside the window is not in the tree (ui.py), so scrolling is how a test reaches it, as on a phone.

References:
- W3C WebDriver, Actions (https://www.w3.org/TR/webdriver2/#actions): input sources `pointer`, `key`,
  `none`, `wheel` (neither driver takes `wheel`; WebDriverAgent takes no `none` either: `check_sequence`);
  pointer actions pointerMove {x, y, origin: viewport | pointer | element}, pointerDown,
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
# Fling. A finger lifted while it still moves leaves the content a velocity, and the scroll view goes on
# decelerating: UIScrollView (Apple: UIScrollView.DecelerationRate.normal, 0.998 per ms, so about 0.5 s worth of
# the lift velocity), RecyclerView (fling from the VelocityTracker's recent samples on ACTION_UP). The client's
# `swipe()` (Appium-Python-Client webdriver/extensions/action_helpers.py: move, down, move, release) lifts without
# a pause: the content travels on, up to twice the finger's travel. A pause of FLING_HOLD_MS or more before the
# lift stops it (no velocity left), as do `mobile: scroll` (iOS) and `mobile: scrollGesture` (Android).
FLING_HOLD_MS = 100
FLING_S = 0.5
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


def scroll_into_view(session, node) -> None:
    """iOS: bring a view of the scrolled content into the window. XCTest scrolls an element into view before it
    taps it, and WDA's `mobile: scroll` by name / predicate scrolls until the element is visible
    (WDA Categories/XCUIElement+FBScrolling.m fb_scrollToVisibleWithError)."""
    rendered = session.render()
    top, bottom = rendered.viewport
    _, y, _, h = node.rect
    if y < top:
        session.device.scroll_by(y - top - 10, rendered.max_scroll)
    elif y + h > bottom:
        session.device.scroll_by(y + h - bottom + 10, rendered.max_scroll)


def tap_at(session, x: float, y: float) -> None:
    rendered = session.render()
    node = rendered.hit(x, y)
    if node is not None and node.kind in ("field", "secure") and not node.in_alert:
        session.device.focus(node.ident)
    if node is not None and node.action:
        session.device.act(node.action)


def perform_actions(session, body: dict) -> None:
    sources = body.get("actions")
    if not isinstance(sources, list):
        # Both drivers rework the sequence in Node before sending it on (XCUIT gesture.ts performActions:
        # `actionSeq.some(…)`, UIA2D commands/actions.ts performActions: `actions.map(…)`): anything but a list
        # is a TypeError there, which Appium answers as `unknown error` (appium@17be28c
        # packages/base-driver/lib/protocol/errors.ts getResponseForW3CError).
        raise WebDriverError("UnknownError", "An unknown server-side error occurred while processing the command. "
                             f"Original error: actions.{'some' if session.platform == 'ios' else 'map'} is not a "
                             "function", replace=True)
    check_sequence(session.platform, sources)
    gestures = []
    for source in sources:
        if source["type"] == "pointer":
            gestures.extend(_pointer(session, source["actions"]))
    for gesture in gestures:
        if gesture[0] == "tap":
            tap_at(session, gesture[1], gesture[2])
        else:
            rendered = session.render()
            session.device.scroll_by(gesture[1], rendered.max_scroll)


# The input sources and their items each driver accepts, and how it refuses the others:
# - iOS: WDA@c279b4c WebDriverAgentLib/Utilities/FBW3CActionsSynthesizer.m (synthesizeWithError: an id that is a
#   non-empty string, unique, `actions` present, an empty list skipped; eventPathsWithActionDescription: only
#   `pointer` and `key` sources; gesture items pause, pointerDown, pointerUp, pointerMove; key items pause, keyUp,
#   keyDown), FBW3CActionsHelpers.m FBOptDuration (a negative duration; a key pause without one), answered by
#   Commands/FBTouchActionCommands.m handlePerformW3CTouchActions as FBResponseWithUnknownError: `unknown error`,
#   500, which the XCUITest driver passes on.
# - Android: UIA2S utils/w3c/ActionsPreprocessor.java (preprocess: id set and unique, type among pointer, key,
#   none; preprocessGestures: item types per source type), ActionsTokenizer.java (extractDuration: a pause or a
#   pointerMove needs a non-negative duration); ActionsParseException is an InvalidArgumentException:
#   `invalid argument`, 400.
ITEM_TYPES = {
    "ios": {"pointer": ("pause", "pointerDown", "pointerUp", "pointerMove"), "key": ("pause", "keyUp", "keyDown")},
    "android": {"pointer": ("pointerMove", "pointerUp", "pointerDown", "pointerCancel", "pause"),
                "key": ("keyUp", "keyDown", "pause"), "none": ("pause",)},
}


def check_sequence(platform: str, sources: list) -> None:
    """Refuse, as the platform's driver does, an action sequence it cannot perform."""
    def refuse(message: str) -> WebDriverError:
        if platform == "ios":
            return WebDriverError("UnknownError", message, replace=True)
        return _bad(message)
    allowed, seen = ITEM_TYPES[platform], set()
    for source in sources:
        source_id = source.get("id") if isinstance(source, dict) else None
        if not isinstance(source_id, str) or not source_id or source_id in seen:
            raise refuse(f"Each action must have a unique, non-empty 'id': {source!r}")
        seen.add(source_id)
        kind, items = source.get("type"), source.get("actions")
        if kind not in allowed:
            raise refuse(f"Only actions of {sorted(allowed)} types are supported. '{kind}' is given instead for "
                         f"action with id '{source_id}'")
        if not isinstance(items, list):
            raise refuse(f"It is mandatory to have at least one item defined for each action. Action with id "
                         f"'{source_id}' contains none")
        for item in items:
            item_type = item.get("type") if isinstance(item, dict) else None
            if item_type not in allowed[kind]:
                raise refuse(f"Only {list(allowed[kind])} item type values are supported for action type "
                             f"'{kind}'. '{item_type}' is passed instead for action '{source_id}'")
            timed = item_type == "pause" or (item_type == "pointerMove" and platform == "android")
            duration = item.get("duration", 0 if platform == "ios" and kind == "pointer" else None)
            if timed and duration is None:
                raise refuse(f"Missing duration key for action item '{item_type}' of action with id '{source_id}'")
            if duration is not None and (isinstance(duration, bool) or not isinstance(duration, int | float)
                                         or duration < 0):
                raise refuse(f"duration key cannot be negative for action item '{item_type}' of action with id "
                             f"'{source_id}'")


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
    """Touch sequences -> taps and drags (content moves with the finger, then flings on if the finger was
    lifted while moving: FLING_HOLD_MS)."""
    gestures, position, down = [], (0.0, 0.0), None
    last_move = (0.0, 0.0)  # the last move while down: its travel (y) and duration (ms)
    held = 0.0              # ms the finger stayed still since that move
    for step in steps:
        kind = step.get("type") if isinstance(step, dict) else None
        if kind == "pointerMove":
            before = position
            position = _origin(session, step.get("origin"), _number(step.get("x", 0), "x"),
                               _number(step.get("y", 0), "y"), position)
            if down is not None and position != before:
                last_move, held = (position[1] - before[1], float(step.get("duration") or 0)), 0.0
        elif kind == "pointerDown":
            down, last_move, held = position, (0.0, 0.0), 0.0
        elif kind == "pointerUp":
            if down is None:
                continue
            dx, dy = position[0] - down[0], position[1] - down[1]
            if abs(dx) <= TAP_SLOP and abs(dy) <= TAP_SLOP:
                gestures.append(("tap", down[0], down[1]))
            else:
                travel = -dy  # finger up (dy < 0): the content below comes up
                move_dy, move_ms = last_move
                if held < FLING_HOLD_MS and move_dy:
                    # velocity x 0.5 s, at most twice the travel (a move without a duration: the most)
                    factor = 2.0 if move_ms <= 0 else min(2.0, FLING_S * 1000 / move_ms)
                    travel += -move_dy * factor
                gestures.append(("scroll", travel))
            down = None
        elif kind == "pause":
            if down is not None:
                held += float(step.get("duration") or 0)
        elif kind == "pointerCancel":
            continue
    return gestures


def direction_of(arg: dict) -> str:
    direction = str(arg.get("direction", "")).lower()
    if direction not in DIRECTIONS:
        raise _bad(f"'direction' must be one of: {','.join(DIRECTIONS)}")
    return direction
