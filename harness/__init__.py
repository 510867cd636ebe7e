"""What the fixtures are built on, with no pytest in it: reading the configuration (config/), starting the
embedded sandbox as a subprocess, and the client of the test-data API."""
