"""Assistance et conditions d'utilisation.

Who to contact, and the terms of use.
"""
from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from pages.portal import Portal


@when('je clique sur "Contacter Cleverbridge"')
def contact_cleverbridge(portal: Portal):
    portal.order.contact_cleverbridge()


@then("la page d'assistance me renvoie vers Cleverbridge, partenaire de traitement des commandes de Parallels")
def cleverbridge_support(portal: Portal):
    section = portal.support.cleverbridge_section()
    expect(section).to_contain_text("Contactez Cleverbridge, le partenaire de traitement des commandes de Parallels")
    expect(portal.support.cleverbridge_link()).to_have_attribute(
        "href", "https://support.cleverbridge.com/")


@when("j'ouvre les conditions d'utilisation de Parallels Access depuis le pied de page")
def open_terms(portal: Portal):
    portal.footer.open_terms_of_use()


@then(parsers.parse('''la page "{title}" s'affiche'''))
def page_shown(portal: Portal, title: str):
    expect(portal.terms.heading).to_have_text(title)


@then("elle indique qu'un abonnement actif ne peut être ni remboursé ni annulé")
def terms_no_refund(portal: Portal):
    expect(portal.terms.statement("Il est impossible de rembourser ou d'annuler un abonnement actif.")).to_be_visible()
