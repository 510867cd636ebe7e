"""The sandbox portal at HTTP level: rules, validation, idempotency, isolation, test-data API."""
from __future__ import annotations

import concurrent.futures
import html
import re
import time

import httpx
import pytest

VALID_DETAILS = {
    "first_name": "Camille", "last_name": "Durand", "email": "camille@example.fr",
    "address": "12 rue des Lilas", "postcode": "75011", "city": "Paris", "country": "FR",
    "card_number": "4111 1111 1111 1111", "card_expiry": "12/39", "card_cvc": "123",
}


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


class Customer:
    """A browser-less customer: signs in through the form and walks the purchase."""

    def __init__(self, base_url: str, email: str, password: str):
        self.http = httpx.Client(base_url=base_url, follow_redirects=False, timeout=10)
        page = self.http.get("/connexion")
        response = self.http.post("/connexion", data={"csrf": csrf_of(page.text), "email": email,
                                                      "password": password})
        assert response.status_code == 303, response.text

    def csrf(self) -> str:
        return csrf_of(self.http.get("/panier").text)

    def cart(self, pack: str) -> str:
        response = self.http.post("/panier", data={"csrf": self.csrf(), "pack": pack})
        assert response.status_code == 303, response.text
        return response.headers["location"]

    def order(self, details_url: str, details: dict | None = None) -> httpx.Response:
        return self.http.post(details_url, data={"csrf": self.csrf(), **(details or VALID_DETAILS)})

    def wait_order(self, number: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.http.get(f"/commandes/{number}/etat", params={"attendre": "processing"}).json()["status"]
            if status != "processing":
                return status
        raise AssertionError(f"order {number} still processing after {timeout} s")


@pytest.fixture
def customer(sandbox_server, make_account):
    account_id, email, password = make_account()
    c = Customer(sandbox_server.portal_url, email, password)
    c.account_id = account_id
    return c


def number_of(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[-1]


def test_wrong_password_is_refused_in_french(sandbox_server, make_account):
    _, email, _ = make_account()
    http = httpx.Client(base_url=sandbox_server.portal_url)
    page = http.get("/connexion")
    response = http.post("/connexion", data={"csrf": csrf_of(page.text), "email": email, "password": "faux"})
    assert response.status_code == 401
    assert "Adresse e-mail ou mot de passe incorrect" in response.text


def test_pages_need_a_session(sandbox_server):
    response = httpx.get(sandbox_server.portal_url + "/parallels-access")
    assert response.status_code == 303 and response.headers["location"] == "/connexion"


def test_forms_refuse_a_missing_csrf_token(customer):
    response = customer.http.post("/panier", data={"pack": "1y"})
    assert response.status_code == 403
    assert "Jeton de sécurité invalide" in response.text


def test_button_only_without_active_subscription(customer, store):
    page = customer.http.get("/parallels-access?onglet=ordinateurs").text
    assert "Acheter l'abonnement" in html.unescape(page)
    store.grant_subscription(customer.account_id, "1y", "web")
    page = html.unescape(customer.http.get("/parallels-access?onglet=ordinateurs").text)
    assert "Acheter l'abonnement" not in page
    assert "ne peut être ni remboursé ni annulé" in page


def test_app_store_subscription_points_to_apple(customer, store):
    store.grant_subscription(customer.account_id, "1m", "app_store")
    page = html.unescape(customer.http.get("/parallels-access").text)
    assert "https://www.apple.com/fr/support/contact/" in page
    assert "Parallels ne peut pas traiter les demandes d'achat direct ou de remboursement" in page


@pytest.mark.parametrize("pack,cents,months", [("1m", 499, 1), ("1y", 1999, 12), ("2y", 3499, 24)])
def test_purchase_charges_the_pack_price_and_activates_it(customer, store, pack, cents, months):
    number = number_of(customer.order(customer.cart(pack)))
    assert customer.wait_order(number) == "completed"
    state = store.state(customer.account_id)
    assert state["orders"][0]["charged_cents"] == cents
    sub = store.active_subscription(customer.account_id)
    assert sub.pack == pack and sub.source == "web"
    assert (sub.ends_at.year - sub.started_at.year) * 12 + sub.ends_at.month - sub.started_at.month == months


@pytest.mark.parametrize("field,value,message", [
    ("first_name", "", "Indiquez votre prénom."),
    ("email", "pas-une-adresse", "Adresse e-mail invalide"),
    ("postcode", "75A01", "Code postal invalide pour le pays France."),
    ("card_number", "4111 1111 1111 1112", "Numéro de carte invalide"),
    ("card_expiry", "01/20", "Cette carte a expiré."),
    ("card_expiry", "13/30", "Date d'expiration invalide"),
    ("card_cvc", "1a3", "Cryptogramme visuel invalide"),
    # Digits that are not 0-9 (once a 500, or accepted as a card): refused like any typo.
    ("card_number", "４１１１ １１１１ １１１１ １１１１", "saisissez-le avec les chiffres 0 à 9"),
    ("card_number", "⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹", "saisissez-le avec les chiffres 0 à 9"),
    ("card_expiry", "¹²/³⁹", "Date d'expiration invalide"),
    ("card_cvc", "１２３", "Cryptogramme visuel invalide"),
    ("postcode", "７５０１１", "Code postal invalide pour le pays France."),
])
def test_invalid_details_are_refused_per_field(customer, store, field, value, message):
    response = customer.order(customer.cart("1y"), {**VALID_DETAILS, field: value})
    assert response.status_code == 422
    assert message in html.unescape(response.text)
    assert f'aria-describedby="{field}-erreur"' in response.text
    assert store.state(customer.account_id)["orders"] == []


def test_card_number_is_not_echoed_back_after_an_error(customer):
    response = customer.order(customer.cart("1y"), {**VALID_DETAILS, "first_name": ""})
    assert "4111 1111 1111 1111" not in response.text


def test_declined_card_creates_nothing_and_charges_nothing(customer, store):
    number = number_of(customer.order(customer.cart("1y"), {**VALID_DETAILS, "card_number": "4000000000000002"}))
    assert customer.wait_order(number) == "declined"
    state = store.state(customer.account_id)
    assert state["subscription"] is None and state["orders"][0]["charged_cents"] == 0


def test_partner_error_creates_nothing(customer, store, sandbox_server):
    httpx.post(f"{sandbox_server.portal_url}/_sandbox/api/accounts/{store.account(customer.account_id)['email']}/fault",
               json={"fault": "partner_error"}, headers={"Authorization": f"Bearer {sandbox_server.token}"})
    number = number_of(customer.order(customer.cart("2y")))
    assert customer.wait_order(number) == "failed"
    assert store.state(customer.account_id)["subscription"] is None


def test_order_page_answers_processing_until_the_partner_answers(customer):
    number = number_of(customer.order(customer.cart("1m")))
    assert customer.http.get(f"/commandes/{number}/etat").json()["status"] == "processing"
    assert "en cours de traitement" in customer.http.get(f"/commandes/{number}").text
    assert customer.wait_order(number) == "completed"


def test_resubmitting_the_same_cart_makes_one_order(customer, store):
    details_url = customer.cart("1y")
    first, second = customer.order(details_url), customer.order(details_url)
    assert number_of(first) == number_of(second)
    assert customer.wait_order(number_of(first)) == "completed"
    assert len(store.state(customer.account_id)["orders"]) == 1


def test_concurrent_submissions_make_one_order_and_one_charge(customer, store):
    details_url = customer.cart("1y")
    csrf = customer.csrf()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: customer.http.post(details_url, data={"csrf": csrf, **VALID_DETAILS}),
                                  range(8)))
    numbers = {number_of(r) for r in responses}
    assert len(numbers) == 1
    assert customer.wait_order(numbers.pop()) == "completed"
    state = store.state(customer.account_id)
    assert len(state["orders"]) == 1 and state["orders"][0]["charged_cents"] == 1999


def test_two_carts_cannot_make_two_subscriptions(customer, store):
    first_url, second_url = customer.cart("1m"), customer.cart("1y")
    first = number_of(customer.order(first_url))
    assert customer.wait_order(first) == "completed"
    response = customer.order(second_url)
    assert response.status_code == 409
    assert "déjà un abonnement actif" in html.unescape(response.text)
    assert len(store.state(customer.account_id)["orders"]) == 1


CARD = {**VALID_DETAILS, "card_number": "5555 5555 5555 4444", "card_cvc": "987"}


def _card_echoed(text: str) -> list[str]:
    page = html.unescape(text)
    return [value for value in ("5555 5555 5555 4444", "5555555555554444", "987") if value in page]


def test_no_answer_echoes_the_card(customer):
    """Neither the 422 (invalid field) nor the 409 (already subscribed) page puts the card back."""
    first_url, second_url = customer.cart("1m"), customer.cart("1y")
    refused = customer.order(first_url, {**CARD, "postcode": ""})
    assert refused.status_code == 422 and _card_echoed(refused.text) == []
    assert customer.wait_order(number_of(customer.order(first_url, CARD))) == "completed"
    conflict = customer.order(second_url, CARD)
    assert conflict.status_code == 409
    assert _card_echoed(conflict.text) == []
    assert "Camille" in conflict.text  # the other fields are kept for the customer


def test_another_account_cannot_read_an_order(customer, sandbox_server, make_account):
    number = number_of(customer.order(customer.cart("1y")))
    _, email, password = make_account()
    intruder = Customer(sandbox_server.portal_url, email, password)
    assert intruder.http.get(f"/commandes/{number}").status_code == 404
    assert intruder.http.get(f"/commandes/{number}/etat").status_code == 404
    assert number not in intruder.http.get("/parallels-access?onglet=commandes").text


def test_another_account_cannot_use_a_cart(customer, sandbox_server, make_account):
    details_url = customer.cart("1y")
    _, email, password = make_account()
    intruder = Customer(sandbox_server.portal_url, email, password)
    assert intruder.http.get(details_url).status_code == 404
    assert intruder.order(details_url).status_code == 404


def test_testdata_api_creates_reads_and_faults(sandbox_server):
    api = httpx.Client(base_url=sandbox_server.portal_url + "/_sandbox/api",
                       headers={"Authorization": f"Bearer {sandbox_server.token}"})
    created = api.post("/accounts", json={"email": "api@example.fr", "password": "x",
                                          "computers": [{"name": "iMac", "os": "macOS"}],
                                          "subscription": {"pack": "2y", "source": "app_store"}})
    assert created.status_code == 201
    state = api.get("/accounts/api@example.fr").json()
    assert state["subscription"]["source"] == "app_store" and state["computers"][0]["name"] == "iMac"
    assert api.post("/accounts", json={"email": "api@example.fr", "password": "x"}).status_code == 409
    assert api.post("/accounts/api@example.fr/fault", json={"fault": "panne-inventée"}).status_code == 400
    assert api.post("/accounts/api@example.fr/fault", json={"fault": "declined_card"}).status_code == 200
    assert api.get("/accounts/inconnu@example.fr").status_code == 404


def test_a_sign_in_link_from_the_app_signs_the_browser_in_once(sandbox_server, store, make_account):
    """Android's hand-off: the signed-in app gives the phone's browser a one-time link to the account's page; a used
    link, or a `suite` outside the portal, signs in nobody and leads nowhere else."""
    account_id, email, _ = make_account()
    token = store.sign_in_link(account_id)
    with httpx.Client(base_url=sandbox_server.portal_url) as browser:
        answer = browser.get(f"/connexion/lien/{token}", params={"suite": "/parallels-access?onglet=ordinateurs"})
        assert answer.status_code == 303 and answer.headers["location"] == "/parallels-access?onglet=ordinateurs"
        assert email in browser.get("/parallels-access").text  # the customer's own account
    with httpx.Client(base_url=sandbox_server.portal_url) as other:
        again = other.get(f"/connexion/lien/{token}")
        assert again.status_code == 303 and again.headers["location"] == "/connexion"
        assert "pa_session" not in other.cookies
        outside = other.get(f"/connexion/lien/{store.sign_in_link(account_id)}", params={"suite": "//ailleurs.example"})
        assert outside.headers["location"] == "/parallels-access"
