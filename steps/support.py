"""Assistance et conditions d'utilisation.

Who to contact, and the terms of use.
"""
from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from pages.observed import expecting
from pages.portal import Portal
from rules import verifies


@when('je clique sur "Contacter Cleverbridge"')
def contact_cleverbridge(portal: Portal):
    portal.order.contact_cleverbridge()


@then("la page d'assistance me renvoie vers Cleverbridge, partenaire de traitement des commandes de Parallels")
@verifies("R18")
def cleverbridge_support(portal: Portal):
    section = portal.support.cleverbridge_section()
    said = "Contactez Cleverbridge, le partenaire de traitement des commandes de Parallels"
    with expecting("la page d'assistance ne renvoie pas vers Cleverbridge", said, section.inner_text):
        expect(section).to_contain_text(said)
    link = portal.support.cleverbridge_link()
    with expecting("le lien de la page d'assistance ne mène pas à l'assistance de Cleverbridge",
                   "https://support.cleverbridge.com/", lambda: link.get_attribute("href", timeout=1000)):
        expect(link).to_have_attribute("href", "https://support.cleverbridge.com/")


@when("j'ouvre les conditions d'utilisation de Parallels Access depuis le pied de page")
def open_terms(portal: Portal):
    portal.footer.open_terms_of_use()


@then(parsers.parse('''la page "{title}" s'affiche'''))
@verifies("R19")
def page_shown(portal: Portal, title: str):
    with expecting(f"la page « {title} » ne s'est pas affichée", title, portal.terms.heading.inner_text):
        expect(portal.terms.heading).to_have_text(title)


@then("elle indique qu'un abonnement actif ne peut être ni remboursé ni annulé")
@verifies("R05", "R19")
def terms_no_refund(portal: Portal):
    said = "Il est impossible de rembourser ou d'annuler un abonnement actif."
    with expecting("les conditions d'utilisation ne disent pas qu'un abonnement actif ne peut être ni remboursé "
                   "ni annulé", said, compare=True):
        expect(portal.terms.statement(said)).to_be_visible()
