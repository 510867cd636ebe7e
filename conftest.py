"""Wiring of the harness: each plugin below is one layer (see docs/DESIGN.md §2)."""
import pathlib

import pytest

from tools import gherkin_guard

# Plugin modules import one another (steps, fixtures.accounts → fixtures.customers): marked before the first
# import so that all keep pytest's assert messages, without the « already imported » warning on every run. The
# modules of fixtures/ one by one: its package is imported already, with fixtures.command_line (pytest.ini, -p), which
# pytest rewrote as a -p plugin.
FIXTURE_MODULES = sorted(f"fixtures.{path.stem}" for path in (pathlib.Path(__file__).parent / "fixtures").glob("*.py")
                         if path.stem != "__init__")
pytest.register_assert_rewrite("steps", "reporting", *FIXTURE_MODULES)

pytest_plugins = [
    "fixtures.option_values",  # first: every value checked before anything starts
    "fixtures.stale_reports",  # before the checks: a refused run leaves no previous run's report
    "fixtures.shard",  # pytest-split's --splits N --group i, refused in French before pytest-split's own check
    "fixtures.target",
    "fixtures.customers",
    "fixtures.target_controls",
    "fixtures.customer_browsers",
    "fixtures.accounts",
    "fixtures.account_views",
    "fixtures.browser",
    "fixtures.remote_browser",
    "fixtures.retry",
    "reporting.flaky",
    "fixtures.mobile",
    "fixtures.accessibility",
    "fixtures.world",  # the scenario world and the portal page the steps share
    "fixtures.checked_rules",  # before each step: the rules its failure names
    "fixtures.secrets",
    # Every module of steps/ (the guard reads the same ones): a new one needs no line here.
    *gherkin_guard.step_module_names(pathlib.Path(__file__).parent / "steps"),
    "fixtures.timeline",
    "fixtures.watch",  # after the steps: every page and screen against its approved copy and the rules
    "reporting.plugin",
    "fixtures.quarantine",  # after reporting.plugin: its option listed under the report's, as before in --help
    "reporting.shard",  # after reporting.plugin: see reporting/shard.py, pytest_sessionfinish
    "fixtures.interruption",  # Ctrl-C and SIGTERM: stop in order, each report born « interrompu », exit code 2
    "reporting.interruption",  # the interruption said in French on the terminal
    "fixtures.run_stamp",  # after reporting.shard: its stamp says « finished » once resultats.json is written
    "reporting.not_run_here",
]


def pytest_configure(config):
    if gherkin_guard.only_harness_tests(config, pathlib.Path(__file__).parent):
        # pytest.ini keeps it out of the scenarios' start-up; the contract test (tests/) is written with it.
        config.pluginmanager.import_plugin("schemathesis.pytest.plugin")
    # Refuse a broken feature file before the sandbox, a browser or a device starts.
    gherkin_guard.pytest_guard(config)
