"""Page objects (portal/, Playwright) and screen objects (mobile/, Appium)."""
from playwright.sync_api import expect

# How long a page or screen object waits for what the customer expects to see, on both channels: on a local
# portal or simulator, an element that has not appeared by then will not appear.
UI_WAIT_S = 10.0
UI_WAIT_MS = UI_WAIT_S * 1000

# The one budget for Playwright's assertions too (their own default is 5 s, actions' is 30 s): a check and the
# action before it wait as long, and the French message of a timed-out wait can say how long it waited.
expect.set_options(timeout=UI_WAIT_MS)
