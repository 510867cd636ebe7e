"""Bad configuration is refused before any browser or device starts, in French, non-zero."""
from __future__ import annotations

import http.server
import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PA_")}


# Where these runs would write (and, being scenario runs, clear first): never this checkout's reports/.
OUTPUTS = pathlib.Path(tempfile.mkdtemp(prefix="pa-config-errors-"))


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-q",
                           "--html-report", str(OUTPUTS / "index.html"), "--output", str(OUTPUTS / "artefacts"), *args],
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
    # Every option and environment value: a French message and 4, never a traceback and 1 (issue 9, point 7).
    ("faker seed not a number", (), {"PA_FAKER_SEED": "douze"},
     ["variable PA_FAKER_SEED : « douze » n'est pas un nombre entier"]),
    ("negative faker seed", ("--faker-seed", "-3"), {},
     ["option --faker-seed (variable PA_FAKER_SEED) : -3 hors limites"]),
    ("order timeout not a duration", (), {"PA_ORDER_TIMEOUT": "30s"},
     ["variable PA_ORDER_TIMEOUT : « 30s » n'est pas une durée en secondes"]),
    ("zero order timeout", ("--order-timeout", "0"), {}, ["la durée doit être un nombre de secondes positif"]),
    ("reruns not a number", (), {"PA_QUARANTINE_RERUNS": "deux"},
     ["variable PA_QUARANTINE_RERUNS : « deux » n'est pas un nombre entier"]),
    ("reruns out of range", ("--quarantine-reruns", "500"), {}, ["attendu un entier entre 0 et 10"]),
    ("malformed portal url", ("--target", "staging"),
     {"PA_PORTAL_URL": "http://portail:99999", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["portal_url refusé", "mal formée"]),
    ("portal url without host", ("--target", "staging"),
     {"PA_PORTAL_URL": "https://", "PA_TESTDATA_URL": "http://x", **TOKEN}, ["n'a pas de nom d'hôte"]),
    ("appium url not http", (), {"PA_APPIUM_URL": "127.0.0.1:4723"},
     ["variable PA_APPIUM_URL : l'adresse « 127.0.0.1:4723 » doit commencer par http:// ou https://"]),
    ("browser server not ws", ("--browser-server", "http://127.0.0.1:3000"), {},
     ["option --browser-server (variable PA_BROWSER_SERVER) : l'adresse « http://127.0.0.1:3000 » doit commencer "
      "par ws:// ou wss://"]),
    ("sandbox url malformed", ("--sandbox-url", "http://[::1"), {"PA_SANDBOX_TOKEN": "x"}, ["mal formée"]),
    ("switch neither yes nor no", (), {"PA_FLAKY_FAILS_RUN": "peut-être"},
     ["variable PA_FLAKY_FAILS_RUN : « peut-être » n'est ni oui ni non"]),
    ("retries not a number", (), {"PA_RETRIES": "deux"}, ["variable PA_RETRIES : « deux » n'est pas un nombre entier"]),
    ("retries out of range", ("--retries", "-1"), {}, ["option --retries (variable PA_RETRIES) : -1 hors limites"]),
    ("several at once", ("--order-timeout", "-1"), {"PA_FAKER_SEED": "x", "PA_QUARANTINE_RERUNS": "y"},
     ["PA_FAKER_SEED", "--order-timeout", "PA_QUARANTINE_RERUNS"]),
]


@pytest.mark.parametrize("args,env,expected",
                         [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_bad_configuration_is_refused_in_french(args, env, expected):
    result = run(*args, env=env)
    assert result.returncode == 4, result.stdout[-2000:] + result.stderr[-2000:]
    for message in expected:
        assert message in result.stderr, result.stderr[-2000:]
    assert "jeton-de-test-123" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "INTERNALERROR" not in result.stdout + result.stderr


def test_unreachable_portal_is_refused_before_any_browser():
    url = f"http://127.0.0.1:{free_port()}"
    result = run("--target", "staging", env={"PA_PORTAL_URL": url, "PA_TESTDATA_URL": url + "/api",
                                             **TOKEN})
    assert result.returncode == 4
    assert f"Portail injoignable : {url}" in result.stderr
    assert "jeton-de-test-123" not in result.stdout + result.stderr


class NotThePortal(http.server.BaseHTTPRequestHandler):
    """A server that answers, but is not the Parallels portal (a default web server page)."""

    def do_GET(self):  # noqa: N802 - http.server's name
        body = b"<html><head><title>Welcome to nginx!</title></head><body>It works</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_target_that_answers_but_is_not_the_portal_is_refused_before_the_browser():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotThePortal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = run("--target", "staging", env={"PA_PORTAL_URL": url, "PA_TESTDATA_URL": url + "/api", **TOKEN})
    finally:
        server.shutdown()
    assert result.returncode == 4, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"L'adresse {url} répond, mais ce n'est pas le portail Parallels" in result.stderr
    assert "titre « Welcome to nginx! »" in result.stderr
    assert "passed" not in result.stdout and "failed" not in result.stdout  # no scenario ran
