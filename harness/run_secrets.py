"""The secrets a run makes itself (generated passwords, session cookies and tokens), remembered where they are made
so that the end-of-run scan (fixtures/secrets.py, harness/secret_scan.py) masks them wherever they land."""
from __future__ import annotations

import pytest

MIN_LENGTH = 8  # shorter values would match by chance
RUN_SECRETS = pytest.StashKey[set[str]]()


def remember(config: pytest.Config, *values: str) -> None:
    """A secret this run made (a generated password, a session cookie or token): masked wherever it lands."""
    known = config.stash.setdefault(RUN_SECRETS, set())
    known.update(v for v in values if v and len(v) >= MIN_LENGTH)
