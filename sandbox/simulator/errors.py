"""W3C WebDriver errors exactly as a real Appium 3.8 server names and numbers them.

The table comes from `docs/reference/appium-wire-exchanges.md` (Appium's base-driver errors.js).
Every error travels as `{"value": {"error", "message", "stacktrace"}}`.
"""
from __future__ import annotations

# class name -> (W3C error name, HTTP status, Appium's default message)
ERRORS: dict[str, tuple[str, int, str]] = {
    "NotYetImplementedError": ("unknown method", 405, "Method has not yet been implemented"),
    "InvalidArgumentError": ("invalid argument", 400,
                             "The arguments passed to the command are either invalid or malformed"),
    "NoSuchDriverError": ("invalid session id", 404, "A session is either terminated or not started"),
    "NoSuchElementError": ("no such element", 404,
                           "An element could not be located on the page using the given search parameters."),
    "UnknownCommandError": ("unknown command", 404,
                            "The requested resource could not be found, or a request was received using an "
                            "HTTP method that is not supported by the mapped resource."),
    "StaleElementReferenceError": ("stale element reference", 404,
                                   "An element command failed because the referenced element is no longer "
                                   "attached to the DOM."),
    "InvalidElementStateError": ("invalid element state", 400,
                                 "An element command could not be completed because the element is in an invalid "
                                 "state (e.g. attempting to click a disabled element)."),
    "UnknownError": ("unknown error", 500, "An unknown server-side error occurred while processing the command."),
    "UnexpectedAlertOpenError": ("unexpected alert open", 500, "A modal dialog was open, blocking this operation"),
    "NoAlertOpenError": ("no such alert", 404,
                         "An attempt was made to operate on a modal dialog when one was not open."),
    "InvalidSelectorError": ("invalid selector", 400, "Argument was an invalid selector (e.g. XPath/CSS)."),
    "SessionNotCreatedError": ("session not created", 500, "A new session could not be created."),
    "UnsupportedOperationError": ("unsupported operation", 500,
                                  "A server-side error occurred. Command cannot be supported."),
}


class WebDriverError(Exception):
    def __init__(self, kind: str, detail: str | None = None, replace: bool = False):
        error, status, default = ERRORS[kind]
        if detail is None:
            message = default
        elif replace:
            message = detail
        else:
            message = f"{default} {detail}" if kind != "SessionNotCreatedError" else f"{default} Details: {detail}"
        super().__init__(message)
        self.kind, self.error, self.status, self.message = kind, error, status, message

    def payload(self) -> dict:
        stacktrace = f"{self.kind}: {self.message}\n    at ParallelsAccessSimulator (sandbox/simulator)"
        return {"value": {"error": self.error, "message": self.message, "stacktrace": stacktrace}}


def no_such_element(using: str, value: str) -> WebDriverError:
    return WebDriverError("NoSuchElementError",
                          f"(stratégie / strategy '{using}', valeur / value {value!r})")


def invalid_selector(message: str) -> WebDriverError:
    return WebDriverError("InvalidSelectorError", message, replace=True)


def refused_by_wda(message: str) -> WebDriverError:
    """A locator WebDriverAgent itself refuses (not one the simulator merely does not implement). The XCUITest
    driver swallows WDA's error and looks again until the implicit wait ends (appium-xcuitest-driver
    lib/commands/find.ts doNativeFind: `catch { els = [] }` in performLookup): `no such element`, or [] for
    find elements. The session answers so on iOS (app.py _find)."""
    err = invalid_selector(message)
    err.refused_by_wda = True
    return err
