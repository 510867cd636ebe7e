"""The one door to pytest's internals: every use of a pytest name that is not its public API is here.

What has no public equivalent in pytest 9.0.3:

- its JUnit writer cannot give the scenarios' JUnit: a test case is named by its node id, and the public way to
  rename one (``record_xml_attribute``, experimental) does nothing on a pytest-xdist worker, where the scenarios run;
  each attempt that pytest-rerunfailures reruns is one more test case (its teardown opens one); and there is no
  Maven Surefire ``<flakyFailure>``. For a run of the scenarios the reporting writes ``--junitxml`` itself, once:
  :func:`stop_junit_writer` runs pytest's own ``_pytest.junitxml.pytest_unconfigure`` early (its later call is then a
  no-op), so pytest's writer never writes the file;
- a fixture function as defined (``FixtureFunctionDefinition._get_wrapped_function``): pytest-bdd registers each step
  definition as a fixture and keys its registry by the function it wrapped; the Gherkin guard finds the step
  definitions of a module that way (:func:`fixture_function`);
- the short failure lines (``-r``, default ``fE``) are chosen by the terminal reporter when it starts:
  :func:`drop_short_failure_lines` takes ``f`` and ``E`` out of its ``reportchars`` where the harness's own
  « Échecs » section says the same thing better.

An upgrade of pytest: change PINNED_VERSION with the pin of pyproject.toml, run `make test`
(tests/test_library_doors.py fails loudly, naming the internal, when one moved).
"""
from __future__ import annotations

from importlib.metadata import version

import pytest
from _pytest import junitxml

PINNED_VERSION = "9.0.3"


def installed_version() -> str:
    return version("pytest")


def stop_junit_writer(config: pytest.Config) -> None:
    """pytest's JUnit writer unregistered before it writes (pytest's own unconfigure of it, run early)."""
    junitxml.pytest_unconfigure(config)


def fixture_function(value):
    """The function a ``@pytest.fixture`` object wraps (the value itself when it wraps none)."""
    unwrap = getattr(value, "_get_wrapped_function", None)
    return unwrap() if callable(unwrap) else value


def drop_short_failure_lines(terminal) -> None:
    terminal.reportchars = terminal.reportchars.replace("f", "").replace("E", "")
