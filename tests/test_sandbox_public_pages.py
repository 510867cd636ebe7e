"""The portal's public doors, at HTTP level: « Créer un compte », forms that get a file part,
and the sealed mode in which the test-data API does not exist."""
from __future__ import annotations

import html
import secrets

import httpx
import pytest

from tests.conftest import start_sandbox
from tests.test_sandbox_portal import VALID_DETAILS, csrf_of


def sign_up(base_url: str, **fields) -> tuple[httpx.Client, httpx.Response]:
    http = httpx.Client(base_url=base_url, follow_redirects=False, timeout=10)
    page = http.get("/inscription")
    assert page.status_code == 200 and "Créer un compte Parallels" in page.text
    values = {"first_name": "Léa", "last_name": "Martin", "email": f"lea.{secrets.token_hex(4)}@exemple.fr",
              "password": "un-mot-de-passe", **fields}
    return http, http.post("/inscription", data={"csrf": csrf_of(page.text), **values})


def test_sign_up_creates_a_signed_in_account(sandbox_server, store):
    http, response = sign_up(sandbox_server.portal_url, email="Nouvelle.Cliente@Exemple.fr")
    assert response.status_code == 303 and response.headers["location"] == "/parallels-access"
    page = http.get("/parallels-access")
    assert page.status_code == 200 and "nouvelle.cliente@exemple.fr" in page.text
    assert store.authenticate("nouvelle.cliente@exemple.fr", "un-mot-de-passe") is not None


def test_sign_up_refuses_an_email_already_used(sandbox_server, make_account):
    _, email, _ = make_account()
    _, response = sign_up(sandbox_server.portal_url, email=email.upper())
    assert response.status_code == 409
    assert "Un compte existe déjà pour cette adresse e-mail" in html.unescape(response.text)
    assert 'aria-describedby="email-erreur"' in response.text


@pytest.mark.parametrize("field, value, message", [
    ("first_name", "", "Indiquez votre prénom."),
    ("email", "lea@", "Adresse e-mail invalide : elle doit ressembler à nom@exemple.fr."),
    ("password", "court", "Mot de passe trop court : 10 caractères au moins."),
    ("last_name", "x" * 101, "100 caractères au plus."),
])
def test_sign_up_says_what_is_wrong_per_field(sandbox_server, field, value, message):
    _, response = sign_up(sandbox_server.portal_url, **{field: value})
    assert response.status_code == 422
    assert message in html.unescape(response.text)
    assert f'aria-describedby="{field}-erreur"' in response.text
    assert 'value="un-mot-de-passe"' not in response.text  # a password is never sent back


def test_a_file_part_in_a_portal_form_is_a_french_400(sandbox_server, make_account):
    """Once a 500: a multipart file part where the form expects text."""
    _, email, password = make_account()
    http = httpx.Client(base_url=sandbox_server.portal_url, follow_redirects=False, timeout=10)
    page = http.get("/connexion")
    response = http.post("/connexion", data={"csrf": csrf_of(page.text), "email": email},
                         files={"password": ("mdp.txt", password.encode())})
    assert response.status_code == 400
    assert "Ce formulaire n'accepte pas de fichier (champ password)" in html.unescape(response.text)
    signed_in = http.post("/connexion", data={"csrf": csrf_of(page.text), "email": email, "password": password})
    assert signed_in.status_code == 303
    cart = http.post("/panier", data={"csrf": csrf_of(http.get("/panier").text), "pack": "1y"})
    details_url = cart.headers["location"]
    response = http.post(details_url, data={"csrf": csrf_of(http.get("/panier").text),
                                            **{k: v for k, v in VALID_DETAILS.items() if k != "card_number"}},
                         files={"card_number": ("carte.txt", b"4111111111111111")})
    assert response.status_code == 400
    assert "champ card_number" in html.unescape(response.text)


def test_sealed_sandbox_has_no_test_data_api_but_a_sign_up_page(tmp_path):
    sealed = start_sandbox(tmp_path, extra_args=["--sealed"])
    try:
        for method, path in [("GET", "/"), ("POST", "/accounts"), ("GET", "/accounts/a@exemple.fr"),
                             ("DELETE", "/accounts/a@exemple.fr"), ("POST", "/accounts/a@exemple.fr/session")]:
            response = httpx.request(method, sealed.portal_url + "/_sandbox/api" + path,
                                     headers={"Authorization": f"Bearer {sealed.token}"})
            assert response.status_code == 404, (method, path)
        http, response = sign_up(sealed.portal_url)
        assert response.status_code == 303
        assert "Parallels Access" in http.get("/parallels-access").text
    finally:
        sealed.stop()
