"""Binds every French feature file to pytest: one test per scenario (and per Examples row).

The whole features folder, so that a new file or folder runs without a line to add here."""
from pytest_bdd import scenarios

scenarios(".")
