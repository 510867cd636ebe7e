from __future__ import annotations

from playwright.sync_api import Locator, Page

# Tab presses allowed to reach a control: the portal's pages have fewer focusable elements than this.
MAX_TABS = 40
# The accessible name of whatever has the focus, in the frame that has it (the bank's frame included).
FOCUSED_NAME = """() => {
  let doc = document, el = doc.activeElement;
  while (el && el.tagName === 'IFRAME' && el.contentDocument) { doc = el.contentDocument; el = doc.activeElement; }
  if (!el || el === doc.body) return '(rien)';
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  return (label || el.getAttribute('aria-label') || el.innerText || el.value || el.tagName).trim();
}"""


class KeyboardFocusError(AssertionError):
    pass


class Keyboard:
    """The customer's keyboard alone: Tab to move, typing, Enter and Space to act; never the mouse."""

    def __init__(self, page: Page, page_name: str):
        self.page = page
        self.page_name = page_name

    @staticmethod
    def has_focus(control: Locator) -> bool:
        return control.evaluate("e => e === e.ownerDocument.activeElement && e.ownerDocument.hasFocus()")

    def focused_name(self) -> str:
        # A cross-origin frame's document is not reachable from the page: ask each frame.
        for frame in self.page.frames:
            try:
                if frame.evaluate("() => document.hasFocus() && document.activeElement !== document.body"):
                    if frame.evaluate("() => document.activeElement.tagName") != "IFRAME":
                        return frame.evaluate(FOCUSED_NAME)
            except Exception:  # a frame navigating away: skip it
                continue
        return "(rien)"

    def tab_to(self, control: Locator, name: str) -> None:
        """Press Tab until `control` has the focus."""
        for _ in range(MAX_TABS):
            if self.has_focus(control):
                return
            self.page.keyboard.press("Tab")
        raise KeyboardFocusError(f"Page « {self.page_name} » : « {name} » n'est pas atteignable au clavier "
                                 f"({MAX_TABS} appuis sur Tab ; le focus est sur « {self.focused_name()} »).")

    def next_is(self, control: Locator, name: str, previous: str) -> None:
        """One Tab from `previous` must land on `control`: the focus order follows the reading order."""
        self.page.keyboard.press("Tab")
        if not self.has_focus(control):
            raise KeyboardFocusError(
                f"Ordre de tabulation incorrect sur la page « {self.page_name} » : après « {previous} », la touche "
                f"Tab mène à « {self.focused_name()} » au lieu de « {name} ».")

    def type(self, text: str) -> None:
        """Replace what the focused field holds by `text`, as typed."""
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Backspace")
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
