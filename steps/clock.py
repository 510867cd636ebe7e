"""Le temps passe : renouvellement et expiration des abonnements.

The account's test clock is moved through the test-data API (scenarios tagged @horloge).
"""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.world import Scenario
from pages.observed import check, expecting
from pages.portal import Portal
from rules import verifies
from steps.context import TYPES, describe_subscription, format_euros

DURATIONS = {"un mois": (1, 0), "un an": (12, 0), "deux ans": (24, 0)}


@given("ma banque refusera le prochain prélèvement")
def bank_will_decline(testdata, scenario: Scenario):
    testdata.set_fault(scenario.me.email, "declined_card")


@when("je désactive le renouvellement automatique dans l'App Store")
def app_store_auto_renew_off(testdata, scenario: Scenario):
    testdata.set_app_store_auto_renew(scenario.me.email, False)


@when(parsers.re(rf"^(?P<duration>{'|'.join(DURATIONS)}) passe$"))
def time_passes(testdata, scenario: Scenario, duration: str):
    scenario.subscription_before = testdata.state(scenario.me.email)["subscription"]
    months, days = DURATIONS[duration]
    testdata.advance_clock(scenario.me.email, months=months, days=days)
    scenario.clock_months += months


@then(parsers.parse('mon abonnement "{pack}" est renouvelé pour {duration} de plus'))
@verifies("R04", "R16")
def subscription_renewed(portal: Portal, testdata, scenario: Scenario, pack: str, duration: str):
    before, now = scenario.subscription_before, testdata.state(scenario.me.email)["subscription"]
    check(bool(before), "le compte n'avait pas d'abonnement avant que le temps passe", compare=False)
    check(bool(now) and now["pack_label"] == pack and now["started_at"] == before["ends_at"],
          f"l'abonnement n'a pas été renouvelé à sa date de fin ({describe_subscription(before)})",
          f"abonnement {pack} renouvelé pour {duration} de plus", describe_subscription(now))
    ends = dt.date.fromisoformat(now["ends_at"][:10])
    portal.parallels_access.open("Ordinateurs")
    fact = portal.parallels_access.subscription_fact("Actif jusqu'au")
    with expecting("la page Parallels Access n'affiche pas la nouvelle date de fin de l'abonnement",
                   f"Actif jusqu'au {ends:%d/%m/%Y}", fact.first.inner_text):
        expect(fact).to_have_text(f"Actif jusqu'au {ends:%d/%m/%Y}")


@then(parsers.parse('''l'onglet Commandes montre {count:d} commandes "{pack}" confirmées de {price:euros}''',
                    extra_types=TYPES))
@verifies("R16")
def orders_tab_shows(portal: Portal, count: int, pack: str, price: int):
    portal.parallels_access.open("Commandes")
    with expecting(f"l'onglet Commandes ne montre pas {count} commandes « {pack} » confirmées de "
                   f"{format_euros(price)}", compare=False):
        expect(portal.parallels_access.orders_with(pack, format_euros(price), "Confirmée")).to_have_count(count)


@then(parsers.parse("mon compte a été débité {count:d} fois de {price:euros}", extra_types=TYPES))
@verifies("R16", "R21")
def charged_times(testdata, scenario: Scenario, count: int, price: int):
    charges = [o["charged_cents"] for o in testdata.state(scenario.me.email)["orders"] if o["charged_cents"]]
    check(charges == [price] * count, f"le compte n'a pas été débité {count} fois de {format_euros(price)}",
          [format_euros(price)] * count, [format_euros(c) for c in charges])


@then(parsers.parse('il est indiqué que le renouvellement de mon abonnement "{pack}" a été refusé par ma banque'))
@verifies("R21")
def renewal_refusal_shown(portal: Portal, pack: str):
    said = f"Le renouvellement de votre abonnement {pack} a été refusé par votre banque"
    with expecting("la page Parallels Access ne dit pas que le renouvellement a été refusé par la banque", said,
                   portal.parallels_access.subscription_panel.inner_text):
        expect(portal.parallels_access.panel_text(said)).to_be_visible()


@then('''le portail propose de nouveau le bouton "Acheter l'abonnement"''')
@verifies("R15")
def portal_offers_purchase_again(portal: Portal):
    # Position not checked: on Android, the portal is the phone's browser, one column.
    with expecting("le bouton « Acheter l'abonnement » n'est pas revenu sur le portail après l'expiration",
                   compare=False):
        expect(portal.parallels_access.buy_button).to_be_visible()
