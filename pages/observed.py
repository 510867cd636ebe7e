"""What a check saw, said in the customer's words: the one way a page, a screen or a step reports a failure.

A failure message states the fact observed first (« la fenêtre d'achat est restée ouverte après « OK » »), then,
when two values were compared, what was expected and what was seen, whole and aligned, with the first difference
marked, then the rules the check protects (« Règle R16 — … », set by fixtures/checked_rules.py before each step:
:func:`protect`), in the exception itself, so every reader (terminal, reports, Allure) says the same. No locator, no
class name, no
library phrase (« Locator expected… », « Timeout 10000ms exceeded »): those stay in the trace and the page source,
where the engineer who debugs looks for them.

Playwright's web-first assertions and waits, and Appium's explicit waits, are run through :func:`expecting`, which
turns their time-out into the fact the customer would have noticed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NoReturn

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from selenium.common.exceptions import TimeoutException as AppiumWaitTimeout

# A wait that ran out, from either library: a web-first assertion (AssertionError), an action or wait (Playwright's
# TimeoutError), an explicit Appium wait (Selenium's TimeoutException). Other errors (a closed session, a crashed
# browser) are not something the customer would see on screen: they go on as they are, with their own messages.
UI_TIMEOUTS = (AssertionError, PlaywrightTimeout, AppiumWaitTimeout)
EXPECTED, SEEN = "attendu  : ", "constaté : "
# Above a library's own English lines, when a message keeps them under the French fact (reporting/messages.py).
LIBRARY_HEADER = "Détail technique (message de la bibliothèque, en anglais) :"


class Constat(pytest.fail.Exception):
    """A check's failure: pytest's `fail` outcome (no Python traceback for the reader), named in French. Tools that
    print an exception as « <type>: <message> » (Allure) then say « Constat: … »; the module is left out of that
    name as for Python's own exceptions."""
    __module__ = "builtins"


SEEN_AFTER_STEP = "constaté après l'étape"
# The « Règle Rxx — … » lines of the rules the running step protects (none for an action).
_PROTECTED: ContextVar[tuple[str, ...]] = ContextVar("protected_rules", default=())


def protect(rule_lines: Iterable[str]) -> None:
    """The rules the step about to run protects, named by each failure it states (fixtures/checked_rules.py)."""
    _PROTECTED.set(tuple(rule_lines))


class Breach(Constat):
    """A rule broken on a page or a screen that no step named (fixtures/watch.py): the rules it breaks travel with
    it, so the report marks them « en échec » and names them after the fact, whatever the step declared."""
    __module__ = "builtins"

    def __init__(self, msg: str, rules: tuple[str, ...]):
        super().__init__(msg, pytrace=False)
        self.rules = rules


class ForbiddenFact(Breach):
    """A « never » rule broken where the customer could see it: a retry that does not see it again proves nothing,
    so it is never retried into « instable » (fixtures/retry.py)."""
    __module__ = "builtins"


# Tools that print « <type>: <message> » (Allure) say « Constat: » for every check's failure.
for _kind in (Breach, ForbiddenFact):
    _kind.__name__ = _kind.__qualname__ = "Constat"


def show(value: object) -> str:
    """A value as the message prints it: whole, in French quotes; nothing as « rien »."""
    if value is None or value == "" or value == [] or value == {}:
        return "rien"
    if isinstance(value, dict):
        return " ; ".join(f"{k} {show(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return ", ".join(show(v) for v in value)
    return f"« {value} »"


def compared(expected: object, seen: object) -> list[str]:
    """Expected and seen on two aligned lines; for two one-line values that are alike (same length, or a common
    start: an amount, an address) but differ, a caret under the first character where they part."""
    shown_expected, shown_seen = show(expected), show(seen)
    lines = [f"  {EXPECTED}{shown_expected}", f"  {SEEN}{shown_seen}"]
    if shown_expected == shown_seen or "\n" in shown_expected + shown_seen:
        return lines
    at = next((i for i, (a, b) in enumerate(zip(shown_expected, shown_seen, strict=False)) if a != b),
              min(len(shown_expected), len(shown_seen)))
    if at > len("« ") + 3 or len(shown_expected) == len(shown_seen):
        lines.append("  " + " " * (len(SEEN) + at) + "^ première différence")
    return lines


def message(fact: str, expected: object = None, seen: object = None, *, compare: bool = True) -> str:
    fact = fact[:1].upper() + fact[1:]
    if not compare:
        return fact
    return "\n".join([fact, *compared(expected, seen)])


def fail(fact: str, expected: object = None, seen: object = None, *, compare: bool = True) -> NoReturn:
    """Stop the check with the fact observed (and the compared values when `compare`). Raised from None: the
    library's exception that led here is not part of what the reader is told."""
    raise Constat("\n".join([message(fact, expected, seen, compare=compare), *_PROTECTED.get()]),
                  pytrace=False) from None


def check(holds: bool, fact: str, expected: object = None, seen: object = None, *, compare: bool = True) -> None:
    """`fact` is what the customer would see when `holds` is false: the failure states it, never `assert`."""
    if not holds:
        fail(fact, expected, seen, compare=compare)


NOT_RETRIED_NOTE = ("Fait interdit (règle « jamais ») : le scénario n'est pas relancé, une relance qui ne le reverrait "
                    "pas ne prouverait rien.")


def never(holds: bool, fact: str, expected: object = None, seen: object = None, *, compare: bool = True) -> None:
    """A « never » rule: when `holds` is false the customer met a forbidden fact (two orders for one cart, a charge or
    a subscription where none is due). Raised as ForbiddenFact: the run fails whatever a retry would give, and the
    message says so. A check of what should be there (an order confirmed, a subscription active) uses `check`: a
    wait that did not reach its state may be retried into « instable »."""
    if not holds:
        raise ForbiddenFact("\n".join([message(fact, expected, seen, compare=compare), NOT_RETRIED_NOTE,
                                        *_PROTECTED.get()]), rules=()) from None


def read_quietly(read: Callable[[], object] | None) -> object:
    """What the page or screen shows now, for the message; never a second failure while reporting the first."""
    if read is None:
        return None
    try:
        return read()
    except Exception:
        return None


@contextmanager
def expecting(fact: str, expected: object = None, seen: Callable[[], object] | None = None,
              *, compare: bool | None = None) -> Iterator[None]:
    """Run a web-first assertion or an explicit wait; if it fails or times out, fail with `fact` (what the
    customer saw, or did not see within the wait) and, when given, the expected value and what `seen()`
    reads on the page or screen at that moment."""
    try:
        yield
    except UI_TIMEOUTS:
        shown = read_quietly(seen)
        fail(fact, expected, shown, compare=compare if compare is not None else (expected is not None or
                                                                                  seen is not None))
