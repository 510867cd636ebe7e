"""What a run leaves behind and how it is judged, one job per module.

Plugins (loaded from the root ``conftest.py``): :mod:`reporting.plugin` (options; the ``ReportingPlugin`` object
that holds the session's state), :mod:`reporting.flaky` (a scenario that passed only on a retry is « instable »),
:mod:`reporting.shard` (a part: pytest-split's ``--splits N --group i``), :mod:`reporting.not_run_here`.
The rest: :mod:`reporting.results` (reports -> the results of harness/run_model.py),
:mod:`reporting.payload` (what a report carries to the xdist controller),
:mod:`reporting.allure_evidence`,
:mod:`reporting.messages` (error shortening), :mod:`reporting.html`,
:mod:`reporting.summary` (terminal),
:mod:`reporting.run_file` (``resultats.json``), :mod:`reporting.merge` (the shards' reports merged into one).
What guards a run rather than reports on it lives beside the other plugins in fixtures/ (stale outputs, run stamp,
quarantine, secrets scan); the facts it reports (results model, history) in harness/.
"""
