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


TOKEN = {"PA_TESTDATA_TOKEN": "jeton-de-test-123"}

# (what is wrong, command-line options, environment, what stderr must say)
CASES = [
    ("unknown target", ("--target", "recette-inexistante"), {},
     ["Profil d'environnement inconnu : « recette-inexistante »",
      "recette-boite-noire, sandbox, sandbox-scelle, staging"]),
    ("missing variable", ("--target", "staging"), {},
     ["demande la variable d'environnement PA_PORTAL_URL", "export PA_PORTAL_URL="]),
    ("missing secret", ("--target", "staging"), {"PA_PORTAL_URL": "http://127.0.0.1:1", "PA_TESTDATA_URL": "http://x"},
     ["PA_TESTDATA_TOKEN (un secret"]),
    ("ftp portal", ("--target", "staging"), {"PA_PORTAL_URL": "ftp://portail", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["doit commencer par http:// ou https://"]),
    ("portal without scheme", ("--target", "staging"),
     {"PA_PORTAL_URL": "portail.example.com", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["doit commencer par http:// ou https://"]),
    ("unknown device profile", ("--devices", "ferme-inconnue"), {},
     ["Profil d'appareils inconnu : « ferme-inconnue »", "browserstack, local-appium, saucelabs, simulator"]),
    ("farm without credentials", ("--devices", "browserstack"), {}, ["BROWSERSTACK_USERNAME"]),
    ("malformed account pool", ("--target", "sandbox-scelle"), {"PA_ACCOUNT_POOL": "pas-une-adresse jeton-de-test-123"},
     ["Réserve de comptes, la variable PA_ACCOUNT_POOL, ligne 1 : attendu « e-mail mot-de-passe »"]),
    ("unreadable account pool file", ("--target", "sandbox-scelle"), {"PA_ACCOUNT_POOL_FILE": "/nulle/part.txt"},
     ["Réserve de comptes illisible (PA_ACCOUNT_POOL_FILE=/nulle/part.txt)"]),
    ("black-box staging without portal", ("--target", "recette-boite-noire"), {},
     ["demande la variable d'environnement PA_PORTAL_URL"]),
]


@pytest.mark.parametrize("args,env,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_configuration_is_refused_in_french(args, env, expected):
    result = run(*args, env=env)
    assert result.returncode == 4, result.stdout[-2000:] + result.stderr[-2000:]
    for message in expected:
        assert message in result.stderr, result.stderr[-2000:]
    assert "jeton-de-test-123" not in result.stdout + result.stderr


def test_unreachable_portal_is_refused_before_any_browser():
    url = f"http://127.0.0.1:{free_port()}"
    result = run("--target", "staging", env={"PA_PORTAL_URL": url, "PA_TESTDATA_URL": url + "/api",
                                             **TOKEN})
    assert result.returncode == 4
    assert f"Portail injoignable : {url}" in result.stderr
    assert "jeton-de-test-123" not in result.stdout + result.stderr
