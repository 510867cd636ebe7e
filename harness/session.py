"""Facts of a test session that several plugins read, each under one `pytest.StashKey` of `config.stash`."""
from __future__ import annotations

import pytest

from harness.devices import DeviceProfiles
from harness.targets import Profile

TARGET_PROFILE = pytest.StashKey[Profile]()
# Addresses and test-data token of the sandbox the run uses (started, or attached with --sandbox-url).
SANDBOX_INFO = pytest.StashKey[dict]()
DEVICE_PROFILES = pytest.StashKey[DeviceProfiles]()
FAKER_SEED = pytest.StashKey[int]()
# Pre-provisioned accounts given for a target without test-data API (harness/account_pool.py).
ACCOUNT_POOL = pytest.StashKey[list]()
# The user property of a scenario's report: per rule, the page and screen states it was watched on (fixtures/watch.py)
WATCHED_RULES = "regles-surveillees"
TIMELINE = "chronologie"  # user property: the scenario's steps, app commands and portal answers on one clock
# The tag of a scenario in quarantine (pytest.ini): its reruns are its own, it is never retried into « instable ».
QUARANTINE_TAG = "quarantaine"
# An interrupted run (fixtures/interruption.py): when the first Ctrl-C or SIGTERM came (« SIGINT à 10:42:07 »), and the
# reasons of the scenarios it skipped, as every report says them (reporting/interruption.py reads them).
INTERRUPTED = pytest.StashKey[str]()
STOPPED_NOTE = "interrompu : le run a été arrêté (Ctrl-C ou SIGTERM) avant la fin de ce scénario"
NOT_STARTED_NOTE = "interrompu : le run a été arrêté (Ctrl-C ou SIGTERM) avant ce scénario"
STOPPED_AT_ONCE = " : arrêt net"  # ends INTERRUPTED when a second Ctrl-C stopped the run without waiting
