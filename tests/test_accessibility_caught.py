"""Accessibility regressions put into the sandbox on purpose are caught, named by page and element:
a form label removed (axe-core, WCAG 2.1 A) and a broken focus order (the keyboard-only purchase).
The report is read as a product owner reads it: opened in the browser, the table by its roles."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.verifier  # whole runs of the scenarios: make verifier

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_scenarios(tmp_path: pathlib.Path, mutation: str, keyword: str) -> tuple[subprocess.CompletedProcess, str]:
    env = {**os.environ, "PA_SANDBOX_MUTATIONS": mutation}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-k", keyword, "-p", "no:cacheprovider", "-q", "-n", "0",
         "--output", str(tmp_path / "artefacts"), "--junitxml", str(tmp_path / "junit.xml"),
         "--html-report", str(tmp_path / "index.html")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return result, result.stdout + result.stderr


def test_removed_label_is_reported_with_page_and_element(tmp_path, shared_browser):
    result, out = run_scenarios(tmp_path, "details_label_missing", "passe_laudit and Vos")
    assert result.returncode == 1, f"la suite n'a pas échoué (code {result.returncode}) :\n{out[-3000:]}"
    assert "Accessibilité de la page « Vos coordonnées » (WCAG 2.1 A et AA)" in out, out[-3000:]
    assert "label (critique) : Chaque élément de formulaire doit avoir une étiquette — élément #postcode" in out

    page = shared_browser.new_page()
    try:
        page.goto((tmp_path / "index.html").as_uri())
        section = page.get_by_role("region", name="Accessibilité (WCAG 2.1 A et AA)")
        header = page.get_by_role("rowheader", name=re.compile("^Vos coordonnées"))
        row = section.get_by_role("row").filter(has=header)
        expect(row).to_contain_text("critique")
        expect(row).to_contain_text("Chaque élément de formulaire doit avoir une étiquette")
        expect(row.get_by_role("cell").filter(has_text="#postcode")).to_have_count(1)
    finally:
        page.close()


def test_broken_focus_order_is_reported_with_page_and_element(tmp_path):
    result, out = run_scenarios(tmp_path, "details_focus_order_broken", "clavier_seul")
    assert result.returncode == 1, f"la suite n'a pas échoué (code {result.returncode}) :\n{out[-3000:]}"
    assert ("Ordre de tabulation incorrect sur la page « Vos coordonnées » : après « Code postal », "
            "la touche Tab mène à « Pays » au lieu de « Ville ».") in out, out[-3000:]


def test_healthy_portal_passes_the_audit_and_the_keyboard_purchase(tmp_path):
    """The same selection is green without the regressions: the failures above come from them."""
    result, out = run_scenarios(tmp_path, "", "passe_laudit or clavier_seul")
    assert result.returncode == 0, out[-3000:]
