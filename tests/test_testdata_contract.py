"""The test-data API against its contract (docs/api-donnees-de-test/openapi.yaml), on a live sandbox.

Property-based with Schemathesis: for every operation of the file, generated requests (valid and
invalid) get documented answers of the documented shape, never a 5xx, and nothing is answered
without the token (Schemathesis' `ignored_auth` check). A bounded number of examples keeps it
to seconds on 2 cores. The sandbox has its own process here: generated calls delete accounts.
"""
from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from harness.testdata_client import CONTRACT, TestDataClient, TestDataError, operations
from tests.conftest import start_sandbox

EXAMPLES = 25  # per operation and generation mode


@pytest.fixture(scope="module")
def contract_sandbox(tmp_path_factory):
    running = start_sandbox(tmp_path_factory.mktemp("contract-sandbox"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def api_url(contract_sandbox) -> str:
    return contract_sandbox.portal_url + "/_sandbox/api"


@pytest.fixture(scope="module")
def api_schema(contract_sandbox, api_url):
    schema = schemathesis.openapi.from_path(CONTRACT)
    schema.config.update(base_url=api_url, headers={"Authorization": f"Bearer {contract_sandbox.token}"})

    @schema.hook
    def filter_body(_context, body) -> bool:
        # JSON Schema counts 6.0 as an integer; the sandbox, as a real API parsing an integer field, refuses it
        # (tests/test_sandbox_hostile.py). Such a body is neither surely valid nor surely invalid: not generated.
        return not _integral_float(body)
    return schema


def _integral_float(value) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_integral_float(v) for v in value)
    return False


contract = schemathesis.pytest.from_fixture("api_schema")


@contract.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_sandbox_follows_the_contract(case):
    case.call_and_validate()


def test_every_operation_refuses_a_missing_or_wrong_token(api_url):
    for method, path in operations().values():
        url = api_url + path.replace("{email}", "client@exemple.fr")
        for headers in ({}, {"Authorization": "Bearer faux"}, {"Authorization": "Basic Zm9vOmJhcg=="}):
            response = httpx.request(method, url, json={}, headers=headers)
            assert response.status_code == 401, (method, path, headers, response.text)
            assert "Jeton" in response.json()["erreur"]


def test_the_client_calls_exactly_the_operations_of_the_contract(contract_sandbox, api_url):
    """The harness's client takes its paths and methods from the file; used end to end here,
    it must reach every operation the file documents, and each call must succeed."""
    client = TestDataClient(api_url, contract_sandbox.token)
    email = "contrat@exemple.fr"
    client.describe()
    client.create_account(email=email, password="Motdepasse-1", computers=[{"name": "iMac", "os": "macOS"}],
                          subscription={"pack": "1y", "source": "app_store"})
    assert client.state(email)["subscription"]["source"] == "app_store"
    assert client.open_session(email)["cookie"]["name"]
    client.set_fault(email, "slow_partner", delay_ms=1000)
    client.set_fault(email, None)
    assert client.clock(email)["now"]
    assert client.advance_clock(email, days=1)["events"] == []
    client.set_app_store_auto_renew(email, False)
    with pytest.raises(TestDataError, match="404"):  # no 3-D Secure challenge for this account yet
        client.last_authentication(email)
    client.delete_account(email)
    assert client.called == set(operations())
    assert httpx.get(f"{api_url}/accounts/{email}",
                     headers={"Authorization": f"Bearer {contract_sandbox.token}"}).status_code == 404


# Inputs a new user tried, once answered 500 or wrongly accepted: each is a French 4xx now.
@pytest.mark.parametrize("path, body, says", [
    ("/accounts", {"email": "a@exemple.fr", "password": "x", "subscription": "1y"},
     "subscription : un objet ou null attendu, reçu un texte."),
    ("/accounts", {"email": ["a@exemple.fr"], "password": "x"}, "email : un texte attendu, reçu une liste."),
    ("/accounts", {"email": "a@exemple.fr", "password": "x", "first_name": ["Léa"]},
     "first_name : un texte attendu, reçu une liste."),
    ("/accounts", {"email": "a@exemple.fr", "password": "x", "computers": [{"nom": "iMac"}]},
     "computers.0 : champ inconnu nom ; champs possibles : name, os."),
    ("/accounts/{known}/fault", {"fault": ["declined_card"]}, "fault : un texte ou null attendu, reçu une liste."),
    ("/accounts/{known}/fault", {"fault": "slow_partner", "delay_ms": "abc"},
     "delay_ms : un nombre entier ou null attendu, reçu un texte."),
    ("/accounts/{known}/fault", {"fault": "panne-inventée"}, "fault : valeur inconnue"),
])
def test_malformed_requests_get_a_french_400(contract_sandbox, api_url, path, body, says):
    headers = {"Authorization": f"Bearer {contract_sandbox.token}"}
    known = "connu@exemple.fr"
    httpx.post(api_url + "/accounts", json={"email": known, "password": "x"}, headers=headers)
    response = httpx.post(api_url + path.replace("{known}", known), json=body, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json()["erreur"].startswith(says), response.json()
    assert httpx.get(f"{api_url}/accounts/a@exemple.fr", headers=headers).status_code == 404


def test_deeply_nested_json_gets_a_french_400(contract_sandbox, api_url):
    body = "[" * 100_000 + "]" * 100_000
    response = httpx.post(api_url + "/accounts", content=body, headers={
        "Authorization": f"Bearer {contract_sandbox.token}", "Content-Type": "application/json"})
    assert response.status_code == 400
    assert "imbriqué trop profondément" in response.json()["erreur"]


STATEFUL_SCENARIOS = 15  # call sequences; each runs a few linked calls (create, read, fault, clock, delete)


def test_sandbox_holds_its_contract_across_call_sequences(api_schema, contract_sandbox, api_url):
    """Schemathesis's stateful run: sequences of linked calls (an account created, then read, changed, deleted),
    valid and invalid data, with its stateful checks (a deleted account is gone, a created one is there)."""
    headers = {"Authorization": f"Bearer {contract_sandbox.token}"}

    class EachSequenceFromScratch(api_schema.as_state_machine()):
        """Hypothesis replays a sequence's first calls to explore what follows them: the sandbox must answer them as
        it did the first time. An account left by an earlier sequence would turn a 201 into a 409, enable other
        calls, and Hypothesis would stop on « inconsistent data generation ». So each sequence deletes what it
        created, through the API, as a test of Shopware's suite cleans its data up."""
        created: list[str] = []

        def after_call(self, response, case):
            if case.method == "POST" and case.path == "/accounts" and response.status_code == 201:
                self.created.append(response.json().get("email") or case.body["email"])  # as the sandbox stored it
            return super().after_call(response, case)

        def teardown(self):
            while self.created:
                httpx.delete(f"{api_url}/accounts/{quote(self.created.pop(), safe='')}", headers=headers)
            super().teardown()

    EachSequenceFromScratch.run(settings=settings(max_examples=STATEFUL_SCENARIOS, stateful_step_count=6,
                                                  deadline=None, derandomize=True,
                                                  suppress_health_check=list(HealthCheck)))
