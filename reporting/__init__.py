"""What a run leaves behind and how it is judged, one job per module.

Plugins (loaded from the root ``conftest.py``): :mod:`reporting.plugin` (options; the ``ReportingPlugin`` object
that holds the session's state), :mod:`reporting.flaky` (a scenario that passed only on a retry is « instable »),
:mod:`reporting.secrets` (no secret left in what a run writes), :mod:`reporting.shard` (``--shard i/N``).
The rest: :mod:`reporting.results` (reports -> results, in :mod:`harness.run_model`: results, channels, rules),
:mod:`reporting.payload` (what a report carries to the xdist controller), :mod:`reporting.quarantine`,
:mod:`reporting.allure_evidence`,
:mod:`reporting.messages` (error shortening), :mod:`reporting.html`,
:mod:`reporting.summary` (terminal),
:mod:`reporting.run_file` (``resultats.json``), :mod:`reporting.merge` (the shards' reports merged into one).
"""
