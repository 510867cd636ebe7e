"""Page objects (portal/, Playwright) and screen objects (mobile/, Appium)."""

# How long a page or screen object waits for what the customer expects to see, on both channels: on a local
# portal or simulator, an element that has not appeared by then will not appear.
UI_WAIT_S = 10.0
