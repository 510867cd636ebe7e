"""Bad configuration is refused before any browser or device starts, in French, non-zero."""
from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PA_")}


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-q", *args],
                          cwd=ROOT, env={**CLEAN_ENV, **(env or {})}, capture_output=True, text=True, timeout=120)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unknown_target_lists_the_profiles():
    result = run("--target", "recette-inexistante")
    assert result.returncode == 4
    assert "Profil d'environnement inconnu : « recette-inexistante »" in result.stderr
    assert "sandbox, staging" in result.stderr


def test_missing_variable_names_it_and_says_how_to_set_it():
    result = run("--target", "staging")
    assert result.returncode == 4
    assert "demande la variable d'environnement PA_PORTAL_URL" in result.stderr
    assert "export PA_PORTAL_URL=" in result.stderr


def test_missing_secret_is_called_a_secret():
    result = run("--target", "staging", env={"PA_PORTAL_URL": "http://127.0.0.1:1", "PA_TESTDATA_URL": "http://x"})
    assert result.returncode == 4
    assert "PA_TESTDATA_TOKEN (un secret" in result.stderr


def test_unreachable_portal_is_refused_before_any_browser():
    url = f"http://127.0.0.1:{free_port()}"
    result = run("--target", "staging", env={"PA_PORTAL_URL": url, "PA_TESTDATA_URL": url + "/api",
                                             "PA_TESTDATA_TOKEN": "jeton-de-test-123"})
    assert result.returncode == 4
    assert f"Portail injoignable : {url}" in result.stderr
    assert "jeton-de-test-123" not in result.stdout + result.stderr


@pytest.mark.parametrize("value", ["ftp://portail", "portail.example.com"])
def test_malformed_portal_url_is_refused(value):
    result = run("--target", "staging", env={"PA_PORTAL_URL": value, "PA_TESTDATA_URL": "http://x",
                                             "PA_TESTDATA_TOKEN": "jeton-de-test-123"})
    assert result.returncode == 4
    assert "doit commencer par http:// ou https://" in result.stderr


def test_unknown_device_profile_lists_the_profiles():
    result = run("--devices", "ferme-inconnue")
    assert result.returncode == 4
    assert "Profil d'appareils inconnu : « ferme-inconnue »" in result.stderr
    assert "browserstack, local-appium, saucelabs, simulator" in result.stderr


def test_device_farm_template_needs_its_credentials():
    result = run("--devices", "browserstack")
    assert result.returncode == 4
    assert "BROWSERSTACK_USERNAME" in result.stderr
