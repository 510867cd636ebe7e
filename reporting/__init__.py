"""Reports of a scenario run: French HTML report, terminal summary, quarantine, xdist-safe BDD data.

The pytest plugin lives in :mod:`reporting.plugin` (loaded from the root ``conftest.py``); the
aggregation of results in :mod:`reporting.model`, the HTML page in :mod:`reporting.html` and the
terminal summary in :mod:`reporting.summary`.
"""
