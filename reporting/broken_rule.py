"""The rule a failing check protects, said right after the fact it observed: « Règle R16 — <its sentence> ».

The rules named are those the failing check declares (``@verifies``, reporting/verdicts.py) and its scenario
carries: the ones the rule matrix marks « en échec » for this failure, not every tag of the scenario. A step that
is no check (an action, a set-up) names none: its scenario's rules are « non vérifiées », as the matrix says.
The sentence is the rule's marker in pytest.ini, the one copy of it.

The line goes into the exception's own message when the step fails (reporting/failure_message.py), before any
plugin reads it: the terminal, the HTML report, JUnit, Cucumber JSON and Allure then all carry it, after the
fact and its compared values, before any line a library added.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pytest

from reporting import messages, model, verdicts

RULE_LINE = "Règle {rule} — {sentence}"
NO_SENTENCE = "(règle sans phrase dans les marqueurs de pytest.ini)"


def broken_rules(step_func: Callable | None, markers: Iterable[str]) -> tuple[str, ...]:
    """Rules the failing step verifies in its scenario (none for an action)."""
    return verdicts.checked_rules(verdicts.declared_rules(step_func), verdicts.rules_of(markers))


def rule_lines(rules: Iterable[str], sentences: Mapping[str, str]) -> list[str]:
    return [RULE_LINE.format(rule=rule, sentence=sentences.get(rule) or NO_SENTENCE) for rule in rules]


def _library_line(line: str) -> bool:
    return bool(messages.LIBRARY_LINE.match(line)) or line.strip() in (messages.LIBRARY_HEADER, "Call log:")


def with_rules(message: str, lines: list[str]) -> str:
    """`message` with the rule lines after its French part (the fact, the compared values)."""
    new = [line for line in lines if line not in message]
    if not new:
        return message
    text = message.splitlines()
    at = next((i for i, line in enumerate(text) if i and _library_line(line)), len(text))
    while at > 1 and not text[at - 1].strip():
        at -= 1
    return "\n".join([*text[:at], *new, *text[at:]])


def reword(exception: BaseException, text: str) -> None:
    """Give `exception` the message `text`, for every reader of it: pytest's outcomes keep it in ``msg``,
    Selenium's exceptions too, the others in ``args``."""
    exception.args = (text,)
    if isinstance(getattr(exception, "msg", None), str):
        exception.msg = text


def name_the_rule(exception: BaseException, step_func: Callable | None, item: pytest.Item) -> None:
    """Add « Règle Rxx — … » to the message of a failing check."""
    rules = broken_rules(step_func, (m.name for m in item.iter_markers()))
    if not rules:
        return
    current = exception.msg if isinstance(getattr(exception, "msg", None), str) else str(exception)
    sentences = model.rules_from_markers(item.config.getini("markers"))
    reword(exception, with_rules(current or "", rule_lines(rules, sentences)))
