"""Gherkin guard: static checks of the French feature files and of the step definitions.

It runs in about a second, before any browser, sandbox or Appium session starts, and reports every
problem at once (not the first one only), each as ``file:line: [code] message`` in French, for the
QA writers who own the feature files.

Checks
------
Errors (exit code 1):

- ``syntaxe``            the .feature file does not parse with pytest-bdd's own parser
                         (``pytest_bdd.gherkin_parser`` / ``pytest_bdd.parser.FeatureParser``);
- ``langue``             the first non-empty line is not ``# language: fr``;
- ``apostrophe``         a typographic apostrophe (U+2019) is present (one problem per line);
- ``nfc``                a line is not in Unicode NFC form (decomposed accents);
- ``etape-indefinie``    a step matches no step definition of its type (nearest sentences listed);
- ``etape-ambigue``      a step matches two or more definitions (pytest-bdd would pick one silently);
- ``scenario-duplique``  two scenarios of one feature share a name (pytest-bdd keeps only the last);
- ``tag-non-enregistre`` a tag is not a marker of the ini file (``markers =``);
- ``tag-sans-description`` the marker exists but has no meaning after the colon;
- ``canal-manquant``     a scenario (after inheritance of feature, rule and examples tags) has none of
                         ``@web @ios @android``;
- ``regle-manquante``    a scenario has no rule id tag ``@R01`` .. ``@R23``;
- ``scenario-sans-etape`` a scenario has no step (English keywords make Gherkin read them as description);
- ``plan-exemples``      an outline's ``<placeholders>`` and ``Exemples`` columns differ, or the table is empty;
- ``fichier-vide``       a file holds nothing but blank lines and comments;
- ``mot-cle-inconnu``    a line where a French block keyword was meant (« Scenario: », « Scénario : »,
                         « Exmples: »): Gherkin reads it as description and what it opens vanishes (``keywords``);
- ``fonctionnalite-sans-scenario`` a feature that parses but has no scenario: it would check nothing;
- ``dossier-feature``    a folder named ``*.feature``: pytest-bdd would try to read it and stop;
- ``bom``                the file starts with a byte order mark (Gherkin then misses the language line);
- ``non-collecte``       a file outside the folders given to ``scenarios(...)``: it would never run;
- ``import-etapes``      a steps module cannot be imported;
- ``ini``                the ini file cannot be read.

Warnings (do not fail):

- ``etape-inutilisee``   a step definition that no scenario uses;
- ``commentaire-avant-langue`` a comment comes before ``# language: fr`` (Gherkin accepts it).

The report is bounded: the first problems in full, then a count of the rest (``--tout`` lists them all); every line
quoted from a file is cut at 600 characters, and a step over 120 characters gets no nearest-sentence search (a 5 MB
line is refused in well under a second). Every parser error is read in French, the parser's own words after it.

Step typing follows pytest-bdd: ``Et``/``Mais``/``*`` take the type of the previous step, a ``given``
step only matches ``given`` definitions (or untyped ``@step`` ones). Scenario outline steps are
rendered with every row of every ``Exemples`` table before matching, as pytest-bdd does.

Step definitions are collected by importing every module of the steps folder (``test_*.py`` and
``conftest.py`` excluded) with the project root on ``sys.path`` and reading the fixtures that
pytest-bdd's decorators inject (``pytestbdd_stepdef_*``, whose value carries a ``StepFunctionContext``).

Command line
------------
::

    python -m tools.gherkin_guard [--features DIR] [--steps DIR] [--ini FILE]

Exit codes: 0 no error (warnings allowed), 1 errors found, 2 usage error (missing folder or file).

Wiring into pytest (abort before any browser starts)
----------------------------------------------------
In the root ``conftest.py``, import the *module*, not the function (a conftest-level name starting with
``pytest_`` is taken by pytest for a hook)::

    from tools import gherkin_guard

    def pytest_configure(config):
        gherkin_guard.pytest_guard(config)

``pytest_guard`` raises ``pytest.UsageError`` with the full report, so pytest stops with exit code 4
before collection, fixtures, the sandbox or any browser. It does nothing on xdist workers (the
controller already checked), for ``--help``/``--version``, when every path given on the command line
is inside ``tests/`` (the harness's own tests), or when the environment variable
``GARDE_GHERKIN=0`` is set.

Modules
-------
``problems`` (what is reported), ``sentences`` (step patterns as French sentences), ``step_definitions``,
``markers``, ``feature_text`` (language line, apostrophes, NFC), ``keywords`` (keyword slips), ``feature_parsing``,
``analysis`` (the checks), ``cli`` (command line and report), ``pytest_plugin`` (``pytest_guard``).
"""

from .analysis import analyse, check
from .cli import format_report, main
from .problems import ERROR, WARNING, Analysis, Problem, StepDefinition, StepUse
from .pytest_plugin import only_harness_tests, pytest_guard
from .sentences import human_sentence
from .step_definitions import step_module_names

__all__ = [
    "ERROR",
    "WARNING",
    "Analysis",
    "Problem",
    "StepDefinition",
    "StepUse",
    "analyse",
    "check",
    "format_report",
    "human_sentence",
    "main",
    "only_harness_tests",
    "pytest_guard",
    "step_module_names",
]
