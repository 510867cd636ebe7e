"""The account's test clock at HTTP level: subscriptions end on the date their pack gives; at that date a web
subscription renews (new charge, new order, same pack) unless the bank declines it (then it expires); an App
Store subscription renews or expires as the store says. Moving one account's time leaves the others alone."""
from __future__ import annotations

import datetime as dt
import html
import os
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import httpx
import pytest
from test_sandbox_portal import Customer, number_of


@pytest.fixture
def api(sandbox_server) -> httpx.Client:
    return httpx.Client(base_url=sandbox_server.portal_url + "/_sandbox/api",
                        headers={"Authorization": f"Bearer {sandbox_server.token}"})


@pytest.fixture
def customer(sandbox_server, make_account) -> Customer:
    account_id, email, password = make_account()
    signed_in = Customer(sandbox_server.portal_url, email, password)
    signed_in.account_id, signed_in.email = account_id, email
    return signed_in


def bought(customer: Customer, pack: str) -> str:
    number = number_of(customer.order(customer.cart(pack)))
    assert customer.wait_order(number) == "completed"
    return number


def test_monthly_web_subscription_renews_at_its_end_date(api, customer):
    bought(customer, "1m")
    first = api.get(f"/accounts/{customer.email}").json()["subscription"]
    answer = api.post(f"/accounts/{customer.email}/clock", json={"months": 1}).json()
    assert [e["event"] for e in answer["events"]] == ["renewed"]
    assert answer["events"][0]["at"] == first["ends_at"]
    state = api.get(f"/accounts/{customer.email}").json()
    sub = state["subscription"]
    assert sub["pack"] == "1m" and sub["started_at"] == first["ends_at"]
    assert dt.datetime.fromisoformat(sub["ends_at"]) > dt.datetime.fromisoformat(first["ends_at"])
    assert [(o["status"], o["charged_cents"]) for o in state["orders"]] == [("completed", 499), ("completed", 499)]
    page = html.unescape(customer.http.get("/parallels-access?onglet=commandes").text)
    assert page.count("Confirmée") == 2 and "1 mois (renouvellement)" in page


def test_declined_renewal_expires_the_subscription_and_says_so(api, customer):
    bought(customer, "1y")
    api.post(f"/accounts/{customer.email}/fault", json={"fault": "declined_card"})
    answer = api.post(f"/accounts/{customer.email}/clock", json={"months": 13}).json()
    assert [e["event"] for e in answer["events"]] == ["renewal_declined"]
    state = api.get(f"/accounts/{customer.email}").json()
    assert state["subscription"] is None
    assert [(o["status"], o["charged_cents"]) for o in state["orders"]] == [("completed", 1999), ("declined", 0)]
    page = html.unescape(customer.http.get("/parallels-access").text)
    assert "Le renouvellement de votre abonnement 1 an a été refusé par votre banque" in page
    assert "Acheter l'abonnement" in page


def test_a_clock_only_moves_its_own_account(api, customer, sandbox_server, make_account):
    bought(customer, "1m")
    _, other_email, other_password = make_account()
    other = Customer(sandbox_server.portal_url, other_email, other_password)
    bought(other, "1m")
    api.post(f"/accounts/{customer.email}/fault", json={"fault": "declined_card"})
    api.post(f"/accounts/{customer.email}/clock", json={"months": 2})
    assert api.get(f"/accounts/{customer.email}").json()["subscription"] is None
    assert api.get(f"/accounts/{other_email}").json()["subscription"]["pack"] == "1m"
    before = dt.datetime.fromisoformat(api.get(f"/accounts/{other_email}/clock").json()["now"])
    assert abs((before - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 60


def test_app_store_subscription_follows_the_store(api, customer):
    """Renewed while the store's auto-renewal is on (Apple's default), expired once it is turned off."""
    state = api.post("/accounts", json={"email": "apple-" + customer.email, "password": "x",
                                        "subscription": {"pack": "1m", "source": "app_store"}})
    assert state.status_code == 201
    email = "apple-" + customer.email
    renewed = api.post(f"/accounts/{email}/clock", json={"months": 1}).json()
    assert [(e["event"], e["source"]) for e in renewed["events"]] == [("renewed", "app_store")]
    assert api.get(f"/accounts/{email}").json()["orders"] == []  # Apple charges, Parallels has no order
    assert api.post(f"/accounts/{email}/app-store", json={"auto_renew": False}).status_code == 200
    expired = api.post(f"/accounts/{email}/clock", json={"months": 1}).json()
    assert [e["event"] for e in expired["events"]] == ["expired"]
    assert api.get(f"/accounts/{email}").json()["subscription"] is None


@pytest.mark.parametrize("body", [{"months": -1}, {"days": 0}, {"months": "un"}, {"months": 61}, {"days": True}])
def test_clock_refuses_bad_moves_in_french(api, customer, body):
    answer = api.post(f"/accounts/{customer.email}/clock", json=body)
    assert answer.status_code == 400
    assert answer.json()["erreur"]


@pytest.mark.verifier
def test_clock_scenarios_are_not_run_on_a_target_without_a_clock(tmp_path):
    """Aimed at a portal without the test-data API (the sealed sandbox), every scenario that moves time is
    « non exécuté sur cette cible » with its reason; none is run, none is counted as passed."""
    root = pathlib.Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("PA_")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-m", "horloge", "--target", "sandbox-scelle", "-q",
         "-p", "no:cacheprovider", "--junitxml", str(tmp_path / "junit.xml"),
         "--html-report", str(tmp_path / "index.html"), "--output", str(tmp_path / "art"),
         "--created-accounts", str(tmp_path / "comptes.txt")],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    cases = list(ET.parse(tmp_path / "junit.xml").getroot().iter("testcase"))
    assert len(cases) >= 6, out[-2000:]
    for case in cases:
        skipped = case.find("skipped")
        assert skipped is not None, f"{case.get('name')} a été exécuté sur une cible sans horloge"
        assert "non exécuté sur cette cible" in skipped.get("message", "")
        assert "avancer l'horloge du compte" in skipped.get("message", ""), skipped.get("message")
    assert f"{len(cases)} skipped" in out, out[-2000:]
