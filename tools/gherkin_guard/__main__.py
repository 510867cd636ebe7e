"""``python -m tools.gherkin_guard``."""

import sys

from .cli import main

sys.exit(main())
