"""What a run leaves behind and how it is judged, one job per module.

Plugins (loaded from the root ``conftest.py``): :mod:`reporting.plugin` (options; the ``ReportingPlugin`` object
that holds the session's state), :mod:`reporting.lean_artifacts` (evidence recorded only for failures),
:mod:`reporting.secrets` (no secret left in what a run writes).
The rest: :mod:`reporting.results` (reports -> results), :mod:`reporting.model` (results, channels, rules),
:mod:`reporting.payload` (what a report carries to the xdist controller), :mod:`reporting.quarantine`,
:mod:`reporting.evidence` (failure evidence folder and Appium screens), :mod:`reporting.allure_evidence`,
:mod:`reporting.messages` (error shortening), :mod:`reporting.exit_codes` (the one table), :mod:`reporting.html`,
:mod:`reporting.summary` (terminal).
"""
