"""3-D Secure in the sandbox's payment step, at HTTP level: the bank's challenge comes from another
origin; only an authenticated payment is charged; refused, abandoned and timed-out ones end the order
with nothing charged and no subscription. Card numbers: sandbox/issuer/cards.py (public test cards)."""
from __future__ import annotations

import html
import re
import time
from urllib.parse import urlsplit

import httpx
import pytest
from test_sandbox_portal import VALID_DETAILS, Customer, number_of

from conftest import start_sandbox

CHALLENGED = "4000 0027 6000 3184"           # Stripe: always authenticate
CHALLENGED_THEN_DECLINED = "4000008400001629"  # Stripe: 3DS required, then card_declined
FRICTIONLESS = "4000000000003055"              # Stripe: 3DS supported, not required
FRICTIONLESS_REFUSED = "4000000000002925"      # Braintree: failed no-challenge authentication


@pytest.fixture
def customer(sandbox_server, make_account) -> Customer:
    account_id, email, password = make_account()
    signed_in = Customer(sandbox_server.portal_url, email, password)
    signed_in.account_id = account_id
    return signed_in


def api(sandbox_server) -> httpx.Client:
    return httpx.Client(base_url=sandbox_server.portal_url + "/_sandbox/api",
                        headers={"Authorization": f"Bearer {sandbox_server.token}"})


def challenge_of(customer: Customer, number: str) -> str:
    page = customer.http.get(f"/commandes/{number}").text
    return html.unescape(re.search(r'<iframe[^>]*src="([^"]+)"', page).group(1))


def buy(customer: Customer, card: str, pack: str = "1m") -> str:
    return number_of(customer.order(customer.cart(pack), {**VALID_DETAILS, "card_number": card}))


def wait_status(customer: Customer, number: str, leaving: str, timeout: float = 15) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = customer.http.get(f"/commandes/{number}/etat", params={"attendre": leaving}).json()["status"]
        if status != leaving:
            return status
    raise AssertionError(f"order {number} still {leaving} after {timeout} s")


def email_of(store, customer) -> str:
    return store.account(customer.account_id)["email"]


def test_challenge_is_served_from_another_origin_and_nothing_is_charged_meanwhile(customer, store, sandbox_server):
    number = buy(customer, CHALLENGED)
    assert customer.http.get(f"/commandes/{number}/etat").json()["status"] == "authenticating"
    url = challenge_of(customer, number)
    portal, issuer = urlsplit(sandbox_server.portal_url), urlsplit(url)
    assert (issuer.scheme, issuer.netloc) != (portal.scheme, portal.netloc)
    assert url.startswith(sandbox_server.issuer_url)
    page = html.unescape(httpx.get(url).text)
    assert "Confirmez votre paiement" in page and "4,99 €" in page and "3184" in page
    state = store.state(customer.account_id)
    assert state["subscription"] is None and state["orders"][0]["charged_cents"] == 0


def test_confirmed_with_the_code_the_order_is_charged(customer, store, sandbox_server):
    number = buy(customer, CHALLENGED, "1y")
    code = api(sandbox_server).get(f"/accounts/{email_of(store, customer)}/authentication").json()["code"]
    answer = httpx.post(challenge_of(customer, number), data={"action": "valider", "code": code})
    assert "Paiement authentifié" in html.unescape(answer.text)
    assert wait_status(customer, number, "authenticating") == "processing"
    assert customer.wait_order(number) == "completed"
    assert store.state(customer.account_id)["orders"][0]["charged_cents"] == 1999


def test_refused_authentication_charges_nothing_and_creates_no_subscription(customer, store):
    number = buy(customer, CHALLENGED)
    httpx.post(challenge_of(customer, number), data={"action": "refuser"})
    assert wait_status(customer, number, "authenticating") == "unauthenticated"
    page = html.unescape(customer.http.get(f"/commandes/{number}").text)
    assert "Votre banque n'a pas authentifié le paiement." in page
    state = store.state(customer.account_id)
    assert state["subscription"] is None and state["orders"][0]["charged_cents"] == 0


def test_three_wrong_codes_refuse_the_payment(customer, store):
    number = buy(customer, CHALLENGED)
    url = challenge_of(customer, number)
    first = httpx.post(url, data={"action": "valider", "code": "000000x"})
    assert first.status_code == 422 and "Il vous reste 2 essais" in html.unescape(first.text)
    for _ in range(2):
        httpx.post(url, data={"action": "valider", "code": "000000x"})
    assert wait_status(customer, number, "authenticating") == "unauthenticated"
    assert store.state(customer.account_id)["subscription"] is None


@pytest.mark.parametrize("how", ["bank_cancel", "leave_checkout"])
def test_abandoned_authentication_charges_nothing(customer, store, how):
    number = buy(customer, CHALLENGED)
    if how == "bank_cancel":
        httpx.post(challenge_of(customer, number), data={"action": "annuler"})
    else:
        response = customer.http.post(f"/commandes/{number}/abandon", data={"csrf": customer.csrf()})
        assert response.status_code == 303
    assert wait_status(customer, number, "authenticating") == "unauthenticated"
    assert "abandonné l'authentification" in html.unescape(customer.http.get(f"/commandes/{number}").text)
    state = store.state(customer.account_id)
    assert state["subscription"] is None and state["orders"][0]["charged_cents"] == 0


def test_authenticated_then_declined_by_the_bank(customer, store, sandbox_server):
    number = buy(customer, CHALLENGED_THEN_DECLINED)
    code = api(sandbox_server).get(f"/accounts/{email_of(store, customer)}/authentication").json()["code"]
    httpx.post(challenge_of(customer, number), data={"action": "valider", "code": code})
    wait_status(customer, number, "authenticating")
    assert customer.wait_order(number) == "declined"
    assert store.state(customer.account_id)["subscription"] is None


def test_frictionless_card_goes_straight_to_the_partner(customer):
    number = buy(customer, FRICTIONLESS)
    assert customer.http.get(f"/commandes/{number}/etat").json()["status"] in ("processing", "completed")
    assert "<iframe" not in customer.http.get(f"/commandes/{number}").text
    assert customer.wait_order(number) == "completed"


def test_frictionless_refusal_ends_the_order_without_a_challenge(customer, store):
    number = buy(customer, FRICTIONLESS_REFUSED)
    assert customer.http.get(f"/commandes/{number}/etat").json()["status"] == "unauthenticated"
    assert store.state(customer.account_id)["subscription"] is None


def test_unanswered_challenge_times_out(tmp_path, make_account):
    running = start_sandbox(tmp_path, extra_args=["--challenge-timeout", "1"])
    try:
        account_id = running.store().create_account("delai@example.fr", "motdepasse-1")
        customer = Customer(running.portal_url, "delai@example.fr", "motdepasse-1")
        number = buy(customer, CHALLENGED)
        assert wait_status(customer, number, "authenticating") == "unauthenticated"
        assert "délai d'authentification" in html.unescape(customer.http.get(f"/commandes/{number}").text)
        state = running.store().state(account_id)
        assert state["subscription"] is None and state["orders"][0]["charged_cents"] == 0
    finally:
        running.stop()
