"""Accessibilité du parcours d'achat (WCAG 2.1 A et AA).

Each page of the purchase path audited with axe-core; the purchase made with the keyboard alone.
"""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from fixtures.world import Scenario
from pages.observed import fail
from pages.portal import Portal, tasks
from pages.portal.keyboard import KeyboardFocusError
from rules import verifies
from steps.context import CARDS


def _with_keyboard(action, *args) -> None:
    """Run a keyboard-only action; a control out of reach or out of order fails in the customer's words."""
    try:
        action(*args)
    except KeyboardFocusError as exc:
        fail(str(exc), compare=False)


@when(parsers.parse('''j'arrive sur la page "{page_name}" du parcours d'achat'''))
def reach_page(portal: Portal, scenario: Scenario, customer_details, order_timeout, page_name: str):
    scenario.details = customer_details
    tasks.reach_purchase_path_page(portal, page_name, customer_details,
                                   CARDS["qui demande l'authentification de la banque"], order_timeout)


@then(parsers.parse('''la page "{page_name}" ne présente aucune violation d'accessibilité grave ou critique'''))
@verifies("R23")
def no_serious_violation(accessibility_audit, page_name: str):
    result = accessibility_audit(page_name)
    if result.blocking:
        lines = "\n".join(f"- {v.describe()}" for v in result.blocking)
        fail(f"Accessibilité de la page « {page_name} » (WCAG 2.1 A et AA) : {len(result.blocking)} "
                    f"violation(s) grave(s) ou critique(s) :\n{lines}", compare=False)


# -- keyboard alone -------------------------------------------------------------------
@when("je me connecte au clavier seul")
def sign_in_with_keyboard(portal: Portal, scenario: Scenario):
    _with_keyboard(portal.sign_in.open().sign_in_with_keyboard, scenario.me.email, scenario.me.password)
    portal.parallels_access.buy_button.wait_for()


@when(parsers.parse('je choisis le pack "{pack}" au clavier seul'))
def choose_pack_with_keyboard(portal: Portal, pack: str):
    _with_keyboard(portal.parallels_access.start_purchase_with_keyboard)
    portal.cart.heading.wait_for()
    _with_keyboard(portal.cart.choose_pack_and_continue_with_keyboard, pack)
    portal.details.heading.wait_for()


@when("je saisis et valide mes coordonnées au clavier seul, carte qui demande l'authentification de la banque")
def details_with_keyboard(portal: Portal, scenario: Scenario, customer_details):
    scenario.details = {**customer_details, "card_number": CARDS["qui demande l'authentification de la banque"]}
    _with_keyboard(portal.details.fill_and_submit_with_keyboard, scenario.details)
    portal.bank_authentication.challenge_heading.wait_for()


@when("je confirme le paiement auprès de ma banque au clavier seul")
def confirm_with_keyboard(portal: Portal, testdata, scenario: Scenario):
    code = testdata.last_authentication(scenario.me.email)["code"]
    _with_keyboard(portal.bank_authentication.confirm_with_keyboard, code)
