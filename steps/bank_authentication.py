"""Authentification du paiement par la banque (3-D Secure).

The bank's challenge shown by the portal in a frame from another origin: confirm, refuse, abandon.
"""
from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.world import Scenario
from pages.observed import expecting
from pages.portal import Portal, tasks
from rules import verifies
from steps.context import CARDS, TYPES, format_euros


def _buy_with(portal: Portal, scenario: Scenario, customer_details: dict, pack: str, card: str) -> None:
    scenario.details = {**customer_details, "card_number": CARDS[card]}
    scenario.order_number = tasks.buy_subscription(portal, pack, scenario.details)


@when(parsers.parse('''j'achète un abonnement "{pack}" avec une carte qui demande l'authentification de la banque'''))
def buy_with_challenged_card(portal: Portal, scenario: Scenario, customer_details, pack: str):
    _buy_with(portal, scenario, customer_details, pack, "qui demande l'authentification de la banque")


@when(parsers.parse('''j'achète un abonnement "{pack}" avec une carte que la banque accepte sans authentification'''))
def buy_with_frictionless_card(portal: Portal, scenario: Scenario, customer_details, pack: str):
    _buy_with(portal, scenario, customer_details, pack, "que la banque accepte sans authentification")


@then(parsers.parse("ma banque me demande de confirmer le paiement de {price:euros}", extra_types=TYPES))
@verifies("R22")
def bank_asks_to_confirm(portal: Portal, price: int):
    bank = portal.bank_authentication
    with expecting("la page d'authentification du paiement ne s'est pas affichée", compare=False):
        expect(bank.heading).to_be_visible()
    with expecting("le cadre de la banque ne demande pas de confirmer le paiement", compare=False):
        expect(bank.challenge_heading).to_be_visible()
    with expecting("la banque ne demande pas de confirmer le montant de la commande", format_euros(price),
                   bank.payment.inner_text):
        expect(bank.payment).to_contain_text(format_euros(price))


@then("ma banque ne me demande aucune authentification")
@verifies("R22")
def bank_asks_nothing(portal: Portal):
    portal.order.wait_until_shown()
    with expecting("le cadre d'authentification de la banque s'affiche pour une carte qui n'en demande pas",
                   compare=False):
        expect(portal.bank_authentication.frame_element).to_have_count(0)


@when("je confirme le paiement avec le code reçu de ma banque")
def confirm_with_code(portal: Portal, testdata, scenario: Scenario):
    # The code a real bank sends by SMS; the test-data API reads it from the sandbox's bank.
    code = testdata.last_authentication(scenario.me.email)["code"]
    portal.bank_authentication.confirm(code)


@when("je refuse le paiement auprès de ma banque")
def refuse_at_bank(portal: Portal):
    portal.bank_authentication.refuse()


@when("j'abandonne l'authentification auprès de ma banque")
def abandon_at_bank(portal: Portal):
    portal.bank_authentication.cancel()


@when("je quitte le paiement sans répondre à ma banque")
def leave_without_answer(portal: Portal):
    with expecting("le cadre de la banque ne demande pas de confirmer le paiement", compare=False):
        expect(portal.bank_authentication.challenge_heading).to_be_visible()
    portal.bank_authentication.leave()


@given(parsers.parse("ma banque abandonne l'authentification au bout de {seconds:d} secondes sans réponse"))
def bank_gives_up_after(testdata, scenario: Scenario, seconds: int):
    testdata.set_fault(scenario.me.email, "bank_timeout", delay_ms=seconds * 1000)


@when("je saisis un mauvais code dans le cadre de ma banque")
def enter_wrong_code(portal: Portal, testdata, scenario: Scenario):
    # Never the right one by chance: the code the bank sent, shifted by one.
    code = testdata.last_authentication(scenario.me.email)["code"]
    portal.bank_authentication.confirm(f"{(int(code) + 1) % 10**6:06d}")


@then(parsers.re(r"^ma banque refuse le code et indique qu'il me reste (?P<left>[0-9]+) essais?$"))
@verifies("R22")
def wrong_code_refused(portal: Portal, left: str):
    said = f"Code incorrect. Il vous reste {left} essai{'s' if int(left) > 1 else ''}."
    with expecting("le cadre de la banque n'a pas refusé le mauvais code en disant les essais qui restent", said,
                   portal.bank_authentication.code_error.inner_text):
        expect(portal.bank_authentication.code_error).to_have_text(said)


@when("je ne réponds pas à ma banque")
def do_not_answer(portal: Portal):
    with expecting("le cadre de la banque ne demande pas de confirmer le paiement", compare=False):
        expect(portal.bank_authentication.challenge_heading).to_be_visible()
