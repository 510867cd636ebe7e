"""Wiring of the harness: each plugin below is one layer (see docs/DESIGN.md §2)."""

pytest_plugins = [
    "fixtures.target",
    "fixtures.customers",
    "fixtures.target_controls",
    "fixtures.customer_browsers",
    "fixtures.accounts",
    "fixtures.account_views",
    "fixtures.browser",
    "fixtures.remote_browser",
    "reporting.retry",
    "fixtures.mobile",
    "fixtures.accessibility",
    "reporting.secrets",
    "steps.context",
    "steps.accounts",
    "steps.portal",
    "steps.purchase",
    "steps.bank_authentication",
    "steps.accessibility",
    "steps.clock",
    "steps.support",
    "steps.mobile",
    "reporting.failure_message",
    "reporting.plugin",
    "reporting.shard",  # after reporting.plugin: see reporting/shard.py, pytest_sessionfinish
    "reporting.not_run_here",
]

from tools import gherkin_guard  # noqa: E402


def pytest_configure(config):
    # Refuse a broken feature file before the sandbox, a browser or a device starts.
    gherkin_guard.pytest_guard(config)
