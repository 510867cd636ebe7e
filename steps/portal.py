"""Page Parallels Access du compte.

The computers, the purchase button and the subscription panel.
"""
from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from fixtures.world import Scenario
from pages import vocabulary
from pages.observed import check, expecting
from pages.portal import Portal
from rules import verifies


@when("j'ouvre la page Parallels Access, onglet Ordinateurs")
def open_computers_tab(portal: Portal):
    portal.parallels_access.open("Ordinateurs")
    with expecting("l'onglet Ordinateurs n'est pas sélectionné sur la page Parallels Access", "Ordinateurs",
                   portal.parallels_access.selected_tab().inner_text):
        expect(portal.parallels_access.selected_tab()).to_have_text("Ordinateurs")


@then("je vois mes ordinateurs")
@verifies("R14")
def my_computers(portal: Portal, scenario: Scenario):
    """The account's computers; an account that has none (a new one: only the Parallels Access agent adds
    computers) is told so, rather than shown an empty list that would prove nothing."""
    with expecting("la page Parallels Access n'affiche pas les ordinateurs du compte", sorted(scenario.me.computers),
                   lambda: sorted(portal.parallels_access.computer_names())):
        expect(portal.parallels_access.computers).to_have_count(len(scenario.me.computers))
        for name in scenario.me.computers:
            expect(portal.parallels_access.computers.filter(has_text=name)).to_have_count(1)
    if not scenario.me.computers:
        with expecting("l'onglet Ordinateurs d'un compte sans ordinateur ne le dit pas", vocabulary.NO_COMPUTER,
                       portal.parallels_access.computers_panel.inner_text):
            expect(portal.parallels_access.no_computer_notice).to_be_visible()


@then('''le bouton "Acheter l'abonnement" est affiché à droite''')
@verifies("R13", "R15", "R21")
def buy_button_shown(portal: Portal):
    with expecting("le bouton « Acheter l'abonnement » n'est pas affiché dans l'encadré Abonnement, "
                   "alors que le compte n'a pas d'abonnement actif"):
        expect(portal.parallels_access.buy_button).to_be_visible()
    check(portal.parallels_access.buy_button_is_right_of_computers(),
          "le bouton « Acheter l'abonnement » n'est pas à droite de la liste des ordinateurs")


@then('''le bouton "Acheter l'abonnement" n'est pas affiché''')
@verifies("R15", "R20")
def buy_button_absent(portal: Portal):
    portal.parallels_access.wait_for_subscription_panel()
    with expecting("le bouton « Acheter l'abonnement » est affiché dans l'encadré Abonnement alors que le compte "
                   "a déjà un abonnement actif", compare=False):
        expect(portal.parallels_access.buy_button).to_have_count(0)


@then(parsers.parse('mon abonnement "{pack}" est affiché comme actif, acheté sur "{source}"'))
@verifies("R20")
def subscription_shown(portal: Portal, pack: str, source: str):
    for label, value in (("Abonnement actif", pack), ("Acheté sur", source)):
        fact = portal.parallels_access.subscription_fact(label)
        with expecting(f"l'encadré Abonnement n'indique pas « {label} : {value} »", f"{label} : {value}",
                       fact.first.inner_text):
            expect(fact).to_have_text(f"{label} : {value}")


@then("il est indiqué qu'un abonnement actif ne peut être ni remboursé ni annulé, ni remboursé partiellement")
@verifies("R05")
def no_refund_notice(portal: Portal):
    with expecting("l'encadré Abonnement ne dit pas qu'un abonnement actif ne peut être ni remboursé ni annulé",
                   vocabulary.NO_REFUND, portal.parallels_access.subscription_panel.inner_text):
        expect(portal.parallels_access.panel_text(vocabulary.NO_REFUND)).to_be_visible()


@then("aucun bouton ne permet d'annuler ou de rembourser l'abonnement")
@verifies("R05")
def no_cancel_button(portal: Portal):
    portal.parallels_access.wait_for_subscription_panel()
    controls = portal.parallels_access.cancel_or_refund_controls()
    with expecting("l'encadré Abonnement propose d'annuler ou de rembourser l'abonnement", "aucun tel bouton",
                   controls.all_inner_texts):
        expect(controls).to_have_count(0)


@then("les questions sur cet achat sont renvoyées vers le service client d'Apple")
@verifies("R06")
def apple_support_link(portal: Portal):
    link = portal.parallels_access.panel_link("contactez le service client d'Apple")
    with expecting("le lien « contactez le service client d'Apple » ne mène pas au service client d'Apple",
                   vocabulary.APPLE_SUPPORT_URL, lambda: link.get_attribute("href", timeout=1000)):
        expect(link).to_have_attribute("href", vocabulary.APPLE_SUPPORT_URL)


@then("il est indiqué que Parallels ne peut pas rembourser un achat fait sur l'App Store")
@verifies("R05", "R07")
def parallels_cannot_refund_app_store(portal: Portal):
    with expecting("l'encadré Abonnement ne dit pas que Parallels ne peut pas traiter les achats ni les "
                   "remboursements faits sur l'App Store", compare=False):
        expect(portal.parallels_access.panel_text(re.compile(
            r"Parallels ne peut pas traiter les demandes d'achat direct ou de remboursement"))).to_be_visible()
