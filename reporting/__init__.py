"""What a run leaves behind and how it is judged: French HTML report, terminal summary, quarantine,
xdist-safe BDD data, failure evidence, secrets kept out of reports.

The pytest plugins are :mod:`reporting.plugin`, :mod:`reporting.lean_artifacts` and :mod:`reporting.secrets`
(loaded from the root ``conftest.py``); the aggregation of results in :mod:`reporting.model`, the HTML page
in :mod:`reporting.html` and the terminal summary in :mod:`reporting.summary`.
"""
