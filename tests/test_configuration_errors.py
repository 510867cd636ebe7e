"""Bad configuration is refused before any browser or device starts, in French, exit code 4.

Each value is checked by the code that parses it (harness/option_values.py, harness/targets.py,
harness/devices.py, harness/account_pool.py, the portal check of fixtures/target.py): unit tests, no pytest run.
The wiring (a refusal stops pytest with exit code 4, the French message on stderr, no traceback, no secret, no
sandbox and no browser started) is proven once per kind of refusal by a real run of the scenarios.
"""
from __future__ import annotations

import http.server
import os
import pathlib
import socket
import subprocess
import sys
import threading
import types

import pytest

import fixtures.accounts
import fixtures.mobile
import fixtures.target
from harness import account_pool, devices, targets
from harness.option_values import CHECKED, check_options, refused_choice
from harness.profile_files import ProfileError

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECRET = "jeton-de-test-123"
TOKEN = {"PA_TESTDATA_TOKEN": SECRET}


@pytest.fixture
def clean_env(monkeypatch):
    """No PA_ variable of the caller's environment: each case sets its own."""
    for name in [n for n in os.environ if n.startswith("PA_")]:
        monkeypatch.delenv(name)

    def set_env(env: dict) -> None:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
    return set_env


def checked_config(options: dict) -> types.SimpleNamespace:
    """config.option as pytest gives it: each checked option's raw text, its environment variable by default."""
    raw = {checked.dest: os.environ.get(checked.variable) if checked.variable else None for checked in CHECKED}
    return types.SimpleNamespace(option=types.SimpleNamespace(**{**raw, **options}))


# (what is wrong, options as given on the command line, environment, what the message must say)
OPTION_CASES = [
    ("faker seed not a number", {}, {"PA_FAKER_SEED": "douze"},
     ["variable PA_FAKER_SEED : « douze » n'est pas un nombre entier"]),
    ("negative faker seed", {"faker_seed": "-3"}, {},
     ["option --faker-seed (variable PA_FAKER_SEED) : -3 hors limites"]),
    ("order timeout not a duration", {}, {"PA_ORDER_TIMEOUT": "30s"},
     ["variable PA_ORDER_TIMEOUT : « 30s » n'est pas une durée en secondes"]),
    ("zero order timeout", {"order_timeout": "0"}, {}, ["la durée doit être un nombre de secondes positif"]),
    ("reruns not a number", {}, {"PA_QUARANTINE_RERUNS": "deux"},
     ["variable PA_QUARANTINE_RERUNS : « deux » n'est pas un nombre entier"]),
    ("reruns out of range", {"quarantine_reruns": "500"}, {}, ["attendu un entier entre 0 et 10"]),
    ("appium url not http", {}, {"PA_APPIUM_URL": "127.0.0.1:4723"},
     ["variable PA_APPIUM_URL : l'adresse « 127.0.0.1:4723 » doit commencer par http:// ou https://"]),
    ("browser server not ws", {"browser_server": "http://127.0.0.1:3000"}, {},
     ["option --browser-server (variable PA_BROWSER_SERVER) : l'adresse « http://127.0.0.1:3000 » doit commencer "
      "par ws:// ou wss://"]),
    ("sandbox url malformed", {"sandbox_url": "http://[::1"}, {"PA_SANDBOX_TOKEN": "x"}, ["mal formée"]),
    ("switch neither yes nor no", {}, {"PA_FLAKY_FAILS_RUN": "peut-être"},
     ["variable PA_FLAKY_FAILS_RUN : « peut-être » n'est ni oui ni non"]),
    ("retries not a number", {}, {"PA_RETRIES": "deux"}, ["variable PA_RETRIES : « deux » n'est pas un nombre entier"]),
    ("retries out of range", {"retries": "-1"}, {}, ["option --retries (variable PA_RETRIES) : -1 hors limites"]),
    ("several at once", {"order_timeout": "-1"}, {"PA_FAKER_SEED": "x", "PA_QUARANTINE_RERUNS": "y"},
     ["PA_FAKER_SEED", "--order-timeout", "PA_QUARANTINE_RERUNS"]),
]


@pytest.mark.parametrize("options,env,expected", [pytest.param(*c[1:], id=c[0]) for c in OPTION_CASES])
def test_a_bad_option_or_variable_is_refused_in_french(clean_env, options, env, expected):
    clean_env(env)
    with pytest.raises(pytest.UsageError) as refused:
        check_options(checked_config(options))
    message = str(refused.value)
    assert message.startswith("Valeur refusée avant le démarrage :"), message
    for part in expected:
        assert part in message, message


def test_good_values_are_converted_in_place(clean_env):
    clean_env({"PA_ORDER_TIMEOUT": "2,5", "PA_FLAKY_FAILS_RUN": "oui"})
    config = checked_config({"retries": " 3 ", "browser_server": "ws://127.0.0.1:3000/"})
    check_options(config)
    assert (config.option.order_timeout, config.option.flaky_fails_run) == (2.5, True)
    assert (config.option.retries, config.option.browser_server) == (3, "ws://127.0.0.1:3000")


# (what is wrong, profile, environment, what the message must say)
TARGET_CASES = [
    ("unknown target", "recette-inexistante", {},
     ["Profil d'environnement inconnu : « recette-inexistante »",
      "recette-boite-noire, sandbox, sandbox-scelle, staging"]),
    ("missing variable", "staging", {}, ["demande la variable d'environnement PA_PORTAL_URL", "export PA_PORTAL_URL="]),
    ("missing secret", "staging", {"PA_PORTAL_URL": "http://127.0.0.1:1", "PA_TESTDATA_URL": "http://x"},
     ["PA_TESTDATA_TOKEN (un secret"]),
    ("ftp portal", "staging", {"PA_PORTAL_URL": "ftp://portail", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["doit commencer par http:// ou https://"]),
    ("portal without scheme", "staging",
     {"PA_PORTAL_URL": "portail.example.com", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["doit commencer par http:// ou https://"]),
    ("malformed portal url", "staging",
     {"PA_PORTAL_URL": "http://portail:99999", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["portal_url refusé", "mal formée"]),
    ("portal url without host", "staging", {"PA_PORTAL_URL": "https://", "PA_TESTDATA_URL": "http://x", **TOKEN},
     ["n'a pas de nom d'hôte"]),
    ("black-box staging without portal", "recette-boite-noire", {},
     ["demande la variable d'environnement PA_PORTAL_URL"]),
]


@pytest.mark.parametrize("name,env,expected", [pytest.param(*c[1:], id=c[0]) for c in TARGET_CASES])
def test_a_bad_target_profile_is_refused_in_french(name, env, expected):
    with pytest.raises(ProfileError) as refused:
        targets.load(name, env)
    for part in expected:
        assert part in str(refused.value), str(refused.value)
    assert SECRET not in str(refused.value)


@pytest.mark.parametrize("name,env,expected", [
    pytest.param("ferme-inconnue", {}, ["Profil d'appareils inconnu : « ferme-inconnue »",
                                         "browserstack, local-appium, saucelabs, simulator"], id="unknown"),
    pytest.param("browserstack", {}, ["BROWSERSTACK_USERNAME"], id="farm without credentials"),
])
def test_a_bad_device_profile_is_refused_in_french(name, env, expected):
    with pytest.raises(ProfileError) as refused:
        devices.load(name, env)
    for part in expected:
        assert part in str(refused.value), str(refused.value)


@pytest.mark.parametrize("env,expected", [
    pytest.param({"PA_ACCOUNT_POOL": f"pas-une-adresse {SECRET}"},
                 "Réserve de comptes, la variable PA_ACCOUNT_POOL, ligne 1 : attendu « e-mail mot-de-passe »",
                 id="malformed"),
    pytest.param({"PA_ACCOUNT_POOL_FILE": "/nulle/part.txt"},
                 "Réserve de comptes illisible (PA_ACCOUNT_POOL_FILE=/nulle/part.txt)", id="unreadable file"),
])
def test_a_bad_account_pool_is_refused_in_french_without_its_passwords(env, expected):
    with pytest.raises(ProfileError) as refused:
        account_pool.read_pool(env)
    assert expected in str(refused.value)
    assert SECRET not in str(refused.value)


def profile_config(**options) -> types.SimpleNamespace:
    """The little of pytest's Config that the plugins' pytest_configure reads."""
    return types.SimpleNamespace(getoption=lambda name: options.get(name.lstrip("-").replace("-", "_")), stash={})


@pytest.mark.parametrize("plugin,options,env", [
    pytest.param(fixtures.target, {"target": "recette-inexistante"}, {}, id="target"),
    pytest.param(fixtures.mobile, {"devices": "ferme-inconnue"}, {}, id="devices"),
    pytest.param(fixtures.accounts, {}, {"PA_ACCOUNT_POOL": "pas-une-adresse x"}, id="account pool"),
])
def test_each_profile_refusal_stops_pytest_as_a_usage_error(clean_env, plugin, options, env):
    """The plugin turns the reader's ProfileError into pytest.UsageError: exit code 4 (see the run below)."""
    clean_env(env)
    with pytest.raises(pytest.UsageError):
        plugin.pytest_configure(profile_config(**options))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_portal_is_refused():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(pytest.UsageError) as refused:
        fixtures.target._check_portal(url, "l'adresse (PA_PORTAL_URL), le réseau ou le VPN")
    assert f"Portail injoignable : {url}" in str(refused.value)


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


def test_a_target_that_answers_but_is_not_the_portal_is_refused():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotThePortal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(pytest.UsageError) as refused:
            fixtures.target._check_portal(url, "l'adresse (PA_PORTAL_URL), le réseau ou le VPN")
    finally:
        server.shutdown()
    assert f"L'adresse {url} répond, mais ce n'est pas le portail Parallels" in str(refused.value)
    assert "titre « Welcome to nginx! »" in str(refused.value)


# The wiring, once per kind of refusal: a value (fixtures/option_values.py) and a profile (fixtures/target.py).
@pytest.mark.parametrize("args,env,expected", [
    pytest.param(("--order-timeout", "-1"), {"PA_FAKER_SEED": "x", "PA_QUARANTINE_RERUNS": "y", **TOKEN},
                 ["Valeur refusée avant le démarrage", "PA_FAKER_SEED", "--order-timeout", "PA_QUARANTINE_RERUNS"],
                 id="values"),
    pytest.param(("--target", "staging"), {"PA_PORTAL_URL": "http://127.0.0.1:1", "PA_TESTDATA_URL": "http://x"},
                 ["PA_TESTDATA_TOKEN (un secret"], id="profile"),
    pytest.param(("--junitxml", "/proc/junit.xml", "--cucumberjson", "/dev/null/c.json", "--alluredir", "/proc/a"),
                 TOKEN, ["--junitxml", "--cucumberjson", "--alluredir"], id="unwritable paths"),
    pytest.param(("--splits", "9" * 31, "--group", "1"), TOKEN, ["au plus 1000 parties"], id="shard beyond sense"),
    pytest.param((), {"PA_ACCOUNT_POOL_FILE": "/proc/self/exe", **TOKEN}, ["pas de l'UTF-8"], id="pool not utf-8"),
    # pytest-playwright's choices, refused by fixtures/command_line.py before argparse says it in English.
    pytest.param(("--browser", "chromium", "--browser", "safari"), TOKEN,
                 ["option --browser : « safari » n'est pas un navigateur", "--browser webkit"], id="browser unknown"),
])
def test_a_refused_run_exits_4_in_french_before_any_sandbox_or_browser(tmp_path, args, env, expected):
    environ = {**{k: v for k, v in os.environ.items() if not k.startswith("PA_")}, **env}
    reports = tmp_path / "rapport"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-q", "--html-report",
         str(reports / "index.html"), "--output", str(tmp_path / "artefacts"), *args],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120)
    both = result.stdout + result.stderr
    assert result.returncode == 4, both[-3000:]
    for part in expected:
        assert part in result.stderr, result.stderr[-2000:]
    assert SECRET not in both
    assert "Traceback" not in both and "INTERNALERROR" not in both and "invalid choice" not in both
    # Nothing started: no scenario collected or run, no sandbox (its log sits beside the report), no browser.
    assert not (reports / "sandbox.log").exists()
    assert "passed" not in result.stdout and "failed" not in result.stdout and "error" not in result.stdout


# ----------------------------------------------------------------------------- paths and bounds (issue 22, part 5)
LONG_NAME = "r" * 300  # longer than any file system's name (255 bytes)

# (what is wrong, option as pytest stores it, value; {tmp} is a fresh folder; what the message must say)
PATH_CASES = [
    ("junit under a file", "xmlpath", "{tmp}/un-fichier/junit.xml", ["--junitxml", "est un fichier, pas un dossier"]),
    ("junit in /proc", "xmlpath", "/proc/junit.xml", ["--junitxml", "refuse un nouveau fichier"]),
    ("junit is a folder", "xmlpath", "{tmp}", ["--junitxml", "est un dossier ; attendu un fichier"]),
    ("cucumber name too long", "cucumber_json_path", "{tmp}/" + LONG_NAME + ".json", ["--cucumberjson"]),
    ("cucumber under /dev/null", "cucumber_json_path", "/dev/null/cucumber.json", ["est un fichier, pas un dossier"]),
    ("allure is a file", "allure_report_dir", "{tmp}/un-fichier", ["--alluredir", "attendu un dossier"]),
    ("allure in /proc", "allure_report_dir", "/proc/allure", ["--alluredir", "refuse un nouveau fichier"]),
    ("allure with NUL", "allure_report_dir", "{tmp}/a\x00b", ["--alluredir", "n'est pas un chemin de dossier"]),
    ("output deep under a file", "output", "{tmp}/un-fichier/a/b/c", ["--output", "est un fichier, pas un dossier"]),
    ("html report is a folder", "html_report", "{tmp}", ["--html-report (variable PA_HTML_REPORT)",
                                                        "est un dossier"]),
    ("html report in /sys", "html_report", "/sys/index.html", ["--html-report", "refuse un nouveau fichier"]),
    ("html report empty", "html_report", "  ", ["n'est pas un chemin de fichier"]),
    ("created accounts in /proc", "created_accounts", "/proc/comptes.txt", ["--created-accounts", "refuse"]),
    ("created accounts is a folder", "created_accounts", "{tmp}", ["--created-accounts", "est un dossier"]),
]


@pytest.mark.parametrize("dest,value,expected", [pytest.param(*c[1:], id=c[0]) for c in PATH_CASES])
def test_an_output_path_the_run_could_not_write_is_refused_before_start(clean_env, tmp_path, dest, value, expected):
    (tmp_path / "un-fichier").write_text("x", encoding="utf-8")
    with pytest.raises(pytest.UsageError) as refused:
        check_options(checked_config({dest: value.format(tmp=tmp_path)}))
    message = str(refused.value)
    for part in expected:
        assert part in message, message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["un-fichier"], "the check created something"


@pytest.mark.parametrize("dest,value", [
    pytest.param("xmlpath", "{tmp}/neuf/encore/junit.xml", id="junit in folders to create"),
    pytest.param("allure_report_dir", "{tmp}/allure", id="allure folder to create"),
    pytest.param("output", "{tmp}", id="output an existing folder"),
    pytest.param("created_accounts", "{tmp}/un-fichier", id="created accounts an existing file"),
])
def test_a_writable_or_creatable_output_path_is_accepted_and_nothing_is_created(clean_env, tmp_path, dest, value):
    (tmp_path / "un-fichier").write_text("x", encoding="utf-8")
    check_options(checked_config({dest: value.format(tmp=tmp_path)}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["un-fichier"]
    assert (tmp_path / "un-fichier").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("options,expected", [
    pytest.param({"order_timeout": "1e12"}, "au plus une journée", id="order timeout 1e12"),
    pytest.param({"order_timeout": "86401"}, "au plus une journée", id="order timeout a day and a second"),
    pytest.param({"order_timeout": "nan"}, "nombre de secondes positif", id="order timeout nan"),
    pytest.param({"order_timeout": "inf"}, "au plus une journée", id="order timeout inf"),
    pytest.param({"order_timeout": "9" * 5000}, "au plus une journée", id="order timeout 5000 digits"),
    pytest.param({"faker_seed": "9" * 5000}, "n'est pas un nombre entier", id="faker seed 5000 digits"),
])
def test_a_number_beyond_sense_is_refused(clean_env, options, expected):
    with pytest.raises(pytest.UsageError) as refused:
        check_options(checked_config(options))
    assert expected in str(refused.value)
    assert all(len(line) <= 400 for line in str(refused.value).splitlines())


@pytest.mark.parametrize("splits,group,expected", [
    pytest.param(10**31, 1, "au plus 1000 parties", id="32 digits"),
    pytest.param(1001, 1, "au plus 1000 parties", id="1001 parts"),
    pytest.param(3, 0, "entre 1 et le nombre de parties", id="part 0"),
    pytest.param(3, 4, "entre 1 et le nombre de parties", id="part beyond"),
    pytest.param(0, 0, "entre 1 et le nombre de parties", id="no part"),
    pytest.param(3, None, "--splits et --group vont ensemble", id="no group"),
])
def test_a_shard_beyond_sense_is_refused_at_once(splits, group, expected):
    """pytest-split's --splits/--group (argparse made them integers): a part they cannot name, said in French."""
    from harness import shards
    refusal = shards.refusal(splits, group)
    assert expected in refusal and len(refusal) < 300


def test_a_part_pytest_split_can_run_is_not_refused():
    from harness import shards
    assert shards.refusal(None, None) is None and shards.refusal(3, 3) is None and shards.refusal(1000, 1) is None


@pytest.mark.parametrize("content", [
    pytest.param("recette@exemple.fr mot-de-passe-é\n".encode("latin-1"), id="latin-1"),
    pytest.param(b"a@exemple.fr x\n\xff\xfe\n", id="stray bytes on line 2"),
    pytest.param("\ufeffa@exemple.fr x\n".encode("utf-16"), id="utf-16"),
])
def test_a_pool_file_that_is_not_utf8_is_refused_in_french(tmp_path, content):
    path = tmp_path / "comptes.txt"
    path.write_bytes(content)
    with pytest.raises(ProfileError) as refused:
        account_pool.read_pool({"PA_ACCOUNT_POOL_FILE": str(path)})
    assert "octets qui ne sont pas de l'UTF-8" in str(refused.value)
    assert "mot-de-passe" not in str(refused.value)


# ------------------------------------------------------------- a value outside an option's choices (issue 22, part 5)
# argparse's error as pytest raises it (usage, message, pytest's extra lines), in the forms of Python 3.11 to 3.14.
ARGPARSE = "usage: pytest [options] [file_or_dir]\npytest: error: argument {}\n  inifile: pytest.ini\n  rootdir: /x"
CHOICE_CASES = [
    ("--browser: invalid choice: 'safari' (choose from 'chromium', 'firefox', 'webkit')",
     ["option --browser : « safari » n'est pas un navigateur que Playwright pilote",
      "valeurs possibles : chromium, firefox, webkit", "(le moteur de Safari est webkit : --browser webkit)",
      "par exemple --browser chromium"]),
    ("--browser: invalid choice: 'Chrome' (choose from chromium, firefox, webkit)",
     ["« Chrome » n'est pas un navigateur", "--browser chromium --browser-channel chrome"]),
    ("--browser: invalid choice: 'lynx' (choose from 'chromium', 'firefox', 'webkit')",
     ["« lynx » n'est pas un navigateur que Playwright pilote ; valeurs possibles : chromium, firefox, webkit."]),
    ("--tracing: invalid choice: 'always' (choose from 'on', 'off', 'retain-on-failure')",
     ["option --tracing : « always » n'est pas une valeur de cette option ; valeurs possibles : on, off, "
      "retain-on-failure."]),
]


@pytest.mark.parametrize("argparse_says,expected", CHOICE_CASES, ids=[c[0].split(":")[0] + c[0].split("'")[1]
                                                                      for c in CHOICE_CASES])
def test_a_value_outside_its_choices_is_said_in_french(argparse_says, expected):
    french = refused_choice(ARGPARSE.format(argparse_says))
    assert french is not None
    for part in expected:
        assert part in french, french
    assert "invalid choice" not in french and "usage:" not in french


def test_other_argparse_errors_are_left_to_pytest():
    assert refused_choice("usage: pytest\npytest: error: unrecognized arguments: --nope") is None
    assert refused_choice("pytest: error: argument --slowmo: invalid int value: 'vite'") is None
