"""Page Parallels Access du compte.

The computers, the purchase button and the subscription panel.
"""
from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from pages import vocabulary
from pages.portal import Portal
from steps.context import Scenario


@when("j'ouvre la page Parallels Access, onglet Ordinateurs")
def open_computers_tab(portal: Portal):
    portal.parallels_access.open("Ordinateurs")
    expect(portal.parallels_access.selected_tab()).to_have_text("Ordinateurs")


@then("je vois mes ordinateurs")
def my_computers(portal: Portal, scenario: Scenario):
    expect(portal.parallels_access.computers).to_have_count(len(scenario.me.computers))
    for name in scenario.me.computers:
        expect(portal.parallels_access.computers.filter(has_text=name)).to_have_count(1)


@then('''le bouton "Acheter l'abonnement" est affiché à droite''')
def buy_button_shown(portal: Portal):
    expect(portal.parallels_access.buy_button,
           "Le bouton « Acheter l'abonnement » n'est pas affiché dans l'encadré Abonnement").to_be_visible()
    assert portal.parallels_access.buy_button_is_right_of_computers(), (
        "Le bouton « Acheter l'abonnement » n'est pas à droite de la liste des ordinateurs.")


@then('''le bouton "Acheter l'abonnement" n'est pas affiché''')
def buy_button_absent(portal: Portal):
    expect(portal.parallels_access.subscription_panel).to_be_visible()
    expect(portal.parallels_access.buy_button,
           "Le bouton « Acheter l'abonnement » est affiché alors qu'il ne devrait pas l'être").to_have_count(0)


@then(parsers.parse('mon abonnement "{pack}" est affiché comme actif, acheté sur "{source}"'))
def subscription_shown(portal: Portal, pack: str, source: str):
    expect(portal.parallels_access.subscription_fact("Abonnement actif")).to_have_text(
        f"Abonnement actif : {pack}")
    expect(portal.parallels_access.subscription_fact("Acheté sur")).to_have_text(f"Acheté sur : {source}")


@then("il est indiqué qu'un abonnement actif ne peut être ni remboursé ni annulé, ni remboursé partiellement")
def no_refund_notice(portal: Portal):
    expect(portal.parallels_access.panel_text(vocabulary.NO_REFUND)).to_be_visible()


@then("aucun bouton ne permet d'annuler ou de rembourser l'abonnement")
def no_cancel_button(portal: Portal):
    expect(portal.parallels_access.subscription_panel).to_be_visible()
    expect(portal.parallels_access.cancel_or_refund_controls(),
           "L'encadré Abonnement propose d'annuler ou de rembourser l'abonnement").to_have_count(0)


@then("les questions sur cet achat sont renvoyées vers le service client d'Apple")
def apple_support_link(portal: Portal):
    link = portal.parallels_access.panel_link("contactez le service client d'Apple")
    expect(link).to_have_attribute("href", vocabulary.APPLE_SUPPORT_URL)


@then("il est indiqué que Parallels ne peut pas rembourser un achat fait sur l'App Store")
def parallels_cannot_refund_app_store(portal: Portal):
    expect(portal.parallels_access.panel_text(re.compile(
        r"Parallels ne peut pas traiter les demandes d'achat direct ou de remboursement"))).to_be_visible()
