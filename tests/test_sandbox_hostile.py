"""The sandbox refuses and keeps what a real portal would (issue 22, part 6), fed the hostile inputs as data.

Every malformed body is a 4xx with a French reason (floats where the contract says integer, deep JSON, NUL in an
identifier), never a 500; no CVC is kept once the order is placed (PCI DSS 3.3.1); the sandbox's own variables and
options are refused in French, exit code 2, no traceback, before anything listens.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sandbox import settings
from tests import test_sandbox_portal
from tests.test_sandbox_portal import CARD, number_of

ROOT = Path(__file__).resolve().parent.parent
customer = test_sandbox_portal.customer  # the same fixture: a customer signed in to a fresh account
DEEP_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 5_000 + "1" + "}" * 5_000


@pytest.fixture
def api(sandbox_server, make_account):
    _, email, _ = make_account()
    client = httpx.Client(base_url=sandbox_server.portal_url + "/_sandbox/api", timeout=10,
                          headers={"Authorization": f"Bearer {sandbox_server.token}"})
    client.email = email
    return client


# (what is wrong, the body as sent)
CLOCK_BODIES = [
    ("months a float", '{"months": 1.0}'), ("months a fraction", '{"months": 1.5}'),
    ("days a float", '{"days": 2.0}'), ("days 1e308", '{"days": 1e308}'), ("months true", '{"months": true}'),
    ("months a text", '{"months": "1"}'), ("months null", '{"months": null}'), ("months negative", '{"months": -1}'),
    ("months 31 digits", '{"months": 1000000000000000000000000000000}'), ("months NaN", '{"months": NaN}'),
    ("months Infinity", '{"months": Infinity}'), ("empty object", "{}"), ("a list", "[1]"), ("a number", "1"),
    ("deep array", DEEP_ARRAY), ("deep object", DEEP_OBJECT), ("not JSON", "mois=1"), ("empty", ""),
    ("unknown field", '{"months": 1, "years": 1}'), ("NUL in a key", '{"mo\\u0000nths": 1}'),
]


@pytest.mark.parametrize("body", [c[1] for c in CLOCK_BODIES], ids=[c[0] for c in CLOCK_BODIES])
def test_a_malformed_clock_body_is_a_4xx_in_french(api, body):
    response = api.post(f"/accounts/{api.email}/clock", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert response.json()["erreur"], response.text[:300]


@pytest.mark.parametrize("body", [
    pytest.param('{"email": "a\\u0000b@exemple.fr", "password": "motdepasse-1"}', id="NUL in the e-mail"),
    pytest.param('{"email": "nul@exemple.fr", "password": "mot\\u0000passe"}', id="NUL in the password"),
    pytest.param('{"email": "nul2@exemple.fr", "password": "motdepasse-1", "first_name": "\\u0000"}',
                 id="NUL in the first name"),
    pytest.param('{"email": "nul3@exemple.fr", "password": "motdepasse-1", "computers": [{"name": "Mac\\u0000"}]}',
                 id="NUL in a computer"),
    pytest.param(DEEP_ARRAY, id="deep array"),
    pytest.param('{"email": "f@exemple.fr", "password": "motdepasse-1", "subscription": {"pack": "1y", '
                 '"source": "web"}, "computers": 1.0}', id="computers a float"),
])
def test_a_malformed_account_body_is_refused_and_creates_nothing(api, store, body):
    response = api.post("/accounts", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text[:300]
    with store.connect() as db:
        emails = [row[0] for row in db.execute("SELECT email FROM accounts")]
    assert not any("\x00" in e for e in emails)


@pytest.mark.parametrize("path", ["/accounts/a%00b@exemple.fr", "/accounts/a%00b@exemple.fr/clock"])
def test_a_nul_in_the_address_s_identifier_is_refused(api, path):
    assert api.get(path).status_code == 400


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT, '{"capabilities": ' + DEEP_OBJECT + "}"],
                         ids=["deep array", "deep object", "deep capabilities"])
def test_the_simulator_refuses_deep_json_as_an_invalid_argument(sandbox_server, body):
    response = httpx.post(sandbox_server.appium_url + "/session", content=body, timeout=10)
    assert response.status_code == 400, response.text[:300]
    assert response.json()["value"]["error"] == "invalid argument"


@pytest.mark.parametrize("field", ["first_name", "address", "city", "card_number", "email"])
def test_a_nul_in_a_form_field_is_refused_before_any_order(customer, store, field):
    response = customer.order(customer.cart("1m"), {**CARD, field: CARD[field] + "\x00"})
    assert response.status_code == 400 and "Caractère nul" in response.text
    assert store.state(customer.account_id)["orders"] == []


def test_no_cvc_is_kept_once_the_order_is_placed(customer, sandbox_server):
    number = number_of(customer.order(customer.cart("1m"), {**CARD, "card_cvc": "987"}))
    assert customer.wait_order(number) == "completed"
    with sqlite3.connect(sandbox_server.db_path) as db:
        (kept,) = db.execute("SELECT customer_json FROM orders WHERE number=?", (number,)).fetchone()
    assert "card_cvc" not in json.loads(kept) and "987" not in kept
    assert json.loads(kept)["card_number"]  # the partner still reads the card


# (variable, value, what the message must say)
ENV_CASES = [
    ("PA_PARTNER_DELAY", "nan", "attendu un nombre positif ou nul"),
    ("PA_PARTNER_DELAY", "-1", "attendu un nombre positif ou nul"),
    ("PA_PARTNER_DELAY", "deux", "n'est pas un nombre"),
    ("PA_PARTNER_DELAY", "1e12", "au plus 3600"),
    ("PA_CHALLENGE_TIMEOUT", "0", "strictement positif"),
    ("PA_CHALLENGE_TIMEOUT", "inf", "au plus 86400"),
    ("PA_SANDBOX_LOADING_SCALE", "-0.5", "positif ou nul"),
    ("PA_SANDBOX_PORTAL_PORT", "http", "n'est pas un numéro de port"),
    ("PA_SANDBOX_SIMULATOR_PORT", "70000", "de 0 (un port libre) à 65535"),
    ("PA_SANDBOX_ISSUER_PORT", "8O81", "n'est pas un numéro de port"),
    ("PA_SANDBOX_ONLY", "portail", "valeurs possibles : portal"),
    ("PA_SANDBOX_MUTATIONS", "inconnue,order_never_completes", "régression(s) inconnue(s) : inconnue"),
    ("PA_SANDBOX_SEALED", "peut-être", "n'est ni 1 ni 0"),
]


@pytest.mark.parametrize("variable,value,expected", ENV_CASES, ids=[f"{c[0]}={c[1]}" for c in ENV_CASES])
def test_a_bad_sandbox_variable_is_refused_in_french(variable, value, expected):
    _, refusals = settings.from_environment({variable: value})
    assert len(refusals) == 1 and refusals[0].startswith(f"- variable {variable} : ") and expected in refusals[0]


def test_good_sandbox_variables_are_read():
    values, refusals = settings.from_environment({"PA_PARTNER_DELAY": "0,5", "PA_SANDBOX_ONLY": "portal",
                                                  "PA_SANDBOX_SEALED": "1", "PA_SANDBOX_PORTAL_PORT": "0"})
    assert refusals == []
    assert (values["partner_delay"], values["only"], values["sealed"], values["portal_port"]) == (0.5, "portal",
                                                                                                  True, 0)


@pytest.mark.parametrize("args,env,expected", [
    pytest.param([], {"PA_PARTNER_DELAY": "nan", "PA_SANDBOX_ONLY": "portail"},
                 ["PA_PARTNER_DELAY", "PA_SANDBOX_ONLY"], id="two variables"),
    pytest.param(["--partner-delay", "nan"], {}, ["option --partner-delay", "positif ou nul"], id="option"),
    pytest.param(["--mutation", "inconnue"], {}, ["option --mutation", "inconnue"], id="unknown mutation"),
    pytest.param(["--nimporte"], {}, ["options inconnues"], id="unknown option"),
])
def test_python_m_sandbox_refuses_in_french_with_exit_2_before_listening(tmp_path, args, env, expected):
    environ = {**{k: v for k, v in os.environ.items() if not k.startswith("PA_")}, **env}
    result = subprocess.run([sys.executable, "-m", "sandbox", "--db", str(tmp_path / "s.db"), "--machine", *args],
                            cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("python -m sandbox : "), result.stderr
    for part in expected:
        assert part in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "SANDBOX-READY" not in result.stdout
    assert not (tmp_path / "s.db").exists()
