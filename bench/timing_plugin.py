"""pytest plugin used by bench/run.py only (loaded with `-p bench.timing_plugin`).

Writes one JSON line per event to $PA_BENCH_OUT: collection time, each run of a test
(setup + call + teardown, wall clock), the moment the order page showed the partner's answer
and the account's orders as the run deletes it (to compare with orders.finished_at of the
sandbox). $PA_BENCH_SELECT keeps only the tests whose node id contains it. Session-scoped
fixtures set up during a test (Playwright, browser launch, API client) are timed apart, so a
scenario's time can exclude the start-up.
"""
from __future__ import annotations

import json
import os
import time

import pytest

_OUT = os.environ.get("PA_BENCH_OUT")


def _write(**event) -> None:
    if _OUT:
        with open(_OUT, "a", encoding="utf-8") as out:
            out.write(json.dumps(event) + "\n")


def pytest_configure(config):
    config._bench_t0 = time.perf_counter()
    if _OUT:
        from pages.portal.order import OrderPage

        original = OrderPage.wait_until_processed

        def wait_until_processed(self, timeout_s):
            heading = original(self, timeout_s)
            _write(kind="order_seen", number=self.number_from_url(), seen_at=time.time(), heading=heading)
            return heading

        OrderPage.wait_until_processed = wait_until_processed

        from harness.testdata_client import TestDataClient

        delete_account = TestDataClient.delete_account

        def delete_keeping_orders(self, email):
            # The run deletes its accounts at the end: the bench reads orders.finished_at before they go.
            _write(kind="orders", account=email, orders=self.state(email).get("orders", []))
            delete_account(self, email)

        TestDataClient.delete_account = delete_keeping_orders


@pytest.hookimpl(hookwrapper=True)
def pytest_collection(session):
    start = time.perf_counter()
    yield
    _write(kind="collection", seconds=time.perf_counter() - start,
           since_configure=time.perf_counter() - session.config._bench_t0)


def pytest_collection_modifyitems(config, items):
    select = os.environ.get("PA_BENCH_SELECT")
    if select:
        items[:] = [item for item in items if select in item.nodeid]


_session_setup = [0.0]
SCENARIO = pytest.StashKey[object]()


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    start = time.perf_counter()
    outcome = yield
    if fixturedef.scope == "session":
        _session_setup[0] += time.perf_counter() - start
    elif fixturedef.argname == "scenario" and outcome.excinfo is None:
        # The scenario world, often requested by a step (pytest-bdd) rather than by the test: seen as it is made.
        request.node.stash[SCENARIO] = outcome.get_result()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _session_setup[0] = 0.0
    start = time.perf_counter()
    yield
    # What fixtures/watch.py spent reading, comparing and watching this test (its user property, at teardown).
    watch = sum(float(v) for k, v in item.user_properties if k == "surveillance_secondes")
    _write(kind="test", nodeid=item.nodeid, seconds=time.perf_counter() - start,
           session_setup=_session_setup[0], account=_account(item), watch=watch)


def _account(item) -> str | None:
    """The account the scenario made (its world's `me`, set by a step)."""
    return getattr(getattr(item.stash.get(SCENARIO, None), "me", None), "email", None)
