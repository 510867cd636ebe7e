"""What the fixtures and plugins are built on: reading the configuration (config/), starting the embedded sandbox
as a subprocess, the client of the test-data API, the session facts kept in pytest's stash, and the one door to
each library's internals (bdd_internals; pytest-playwright is used through its public fixtures and options only)."""
