"""One clock for a scenario that crosses channels: its steps, what the apps were told to do (Appium commands, through
Selenium's public event listener), what the browser opened and what the portal answered (Playwright's page and
context events). The report shows them in order (« Chronologie »): the Android hand-off reads as taps on the phone,
then the browser's navigation, then the portal's answers.

Every time is the wall clock of the harness's machine (``time.time()``); a portal answer takes the browser's own
timing of the request (start + response start), so it sits where it happened, not where Python heard of it.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selenium.webdriver.support.events import AbstractEventListener

LIMIT = 400  # a scenario's page in the report stays readable; the count of what was left out is kept
# A path segment that looks like a token (a one-time sign-in link, a cart id: long, with a digit or a capital) is not
# the report's business; « parallels-access » is a page's name.
TOKEN = re.compile(r"(?<=/)(?=[^/?]*[0-9A-Z])[A-Za-z0-9_\-]{16,}(?=[/?]|$)")
WATCHED_RESOURCES = {"document", "fetch", "xhr"}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return TOKEN.sub("‹jeton›", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))


@dataclass
class Timeline:
    started: float = field(default_factory=time.time)
    events: list[dict] = field(default_factory=list)
    left_out: int = 0

    def add(self, source: str, what: str, at: float | None = None, where: str = "") -> None:
        if len(self.events) >= LIMIT:
            self.left_out += 1
            return
        event = {"t": round((at if at is not None else time.time()) - self.started, 3), "source": source,
                 "what": what}
        if where:
            event["where"] = where
        self.events.append(event)

    def ordered(self) -> dict:
        return {"events": sorted(self.events, key=lambda e: e["t"]), "left_out": self.left_out}

    def watch_page(self, page) -> None:
        """The browser's navigation of this page and every answer its context receives (documents and calls)."""
        def navigated(frame) -> None:
            if frame == page.main_frame and frame.url.startswith(("http://", "https://")):
                self.add("navigateur", f"ouvre {path_of(frame.url)}")

        def answered(response) -> None:
            request = response.request
            if request.resource_type not in WATCHED_RESOURCES:
                return
            timing = request.timing
            at = None
            if timing.get("startTime", -1) > 0 and timing.get("responseStart", -1) >= 0:
                at = (timing["startTime"] + timing["responseStart"]) / 1000
            self.add("portail", f"{response.status} {request.method} {path_of(response.url)}", at)

        page.on("framenavigated", navigated)
        page.context.on("response", answered)


class AppiumCommands(AbstractEventListener):
    """What the harness told a device to do, as the client sent it (Selenium's event-firing driver): taps, typed
    text, `mobile:` commands. Finding an element is not an event of its own: its locator names the tap after it."""

    def __init__(self, timeline: Timeline, device: str):
        self.timeline = timeline
        self.device = device
        self.located = ""
        timeline.add("appareil", "session Appium ouverte, application lancée", where=device)

    def after_find(self, by, value, driver) -> None:
        self.located = str(value)

    def before_click(self, element, driver) -> None:
        self.timeline.add("appareil", f"touche « {self.located or 'un élément'} »", where=self.device)

    def before_change_value_of(self, element, driver) -> None:
        self.timeline.add("appareil", f"saisit dans « {self.located or 'un champ'} »", where=self.device)

    def before_execute_script(self, script, driver) -> None:
        self.timeline.add("appareil", str(script).split("\n", 1)[0][:80], where=self.device)

    def before_navigate_to(self, url, driver) -> None:
        self.timeline.add("appareil", f"ouvre {path_of(url)}", where=self.device)

    def before_quit(self, driver) -> None:
        self.timeline.add("appareil", "fin de la session Appium", where=self.device)
