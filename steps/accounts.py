"""Comptes et connexion.

The customer's accounts, signing in through the form or directly.
"""
from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.accounts import SOURCE_CODES
from fixtures.world import Scenario
from pages.observed import check, expecting
from pages.portal import Portal
from rules import verifies
from steps.context import describe_subscription


@given("un client avec un compte Parallels sans abonnement actif")
def customer_without_subscription(accounts, scenario: Scenario):
    scenario.me = accounts.create()


@given(parsers.parse("un client avec un compte Parallels sans abonnement actif et {count:d} ordinateurs"))
def customer_with_many_computers(accounts, scenario: Scenario, count: int):
    scenario.me = accounts.create(computers=count)


@given(parsers.parse('un client dont le compte a un abonnement "{pack}" actif acheté sur "{source}"'))
def customer_with_subscription(accounts, scenario: Scenario, pack: str, source: str):
    scenario.me = accounts.create(subscription=(pack, source))


@given("un second compte Parallels sans abonnement actif")
def second_account(accounts, scenario: Scenario):
    scenario.other = accounts.create()


@given("je suis connecté à mon compte Parallels")
@when("je suis connecté à mon compte Parallels")
def signed_in(sign_in_directly, scenario: Scenario):
    sign_in_directly(scenario.me)


@given("je suis connecté au second compte")
def signed_in_second(sign_in_directly, scenario: Scenario):
    sign_in_directly(scenario.other)


@when("je me connecte avec mon adresse e-mail et mon mot de passe")
def sign_in_with_form(portal: Portal, scenario: Scenario):
    portal.sign_in.open().sign_in(scenario.me.email, scenario.me.password)


@when("je me connecte avec un mauvais mot de passe")
def sign_in_wrong_password(portal: Portal, scenario: Scenario):
    portal.sign_in.open().sign_in(scenario.me.email, scenario.me.password + "-faux")


@then(parsers.parse('la connexion est refusée avec le message "{message}"'))
@verifies("R14", "R21")
def sign_in_refused(portal: Portal, message: str):
    with expecting("le portail n'a pas refusé la connexion avec le message attendu", message,
                   lambda: portal.sign_in.error.inner_text(timeout=1000)):
        expect(portal.sign_in.error).to_contain_text(message)


@then("je ne suis pas connecté")
@verifies("R14", "R21")
def not_signed_in(portal: Portal):
    with expecting("le portail affiche le client comme connecté après un mauvais mot de passe", "non connecté",
                   portal.parallels_access.signed_in_as.inner_text):
        expect(portal.parallels_access.signed_in_as).to_have_count(0)
    portal.parallels_access.visit()
    with expecting("la page Parallels Access s'ouvre sans connexion", compare=False):
        expect(portal.sign_in.heading).to_be_visible()


@then("je suis connecté à mon compte")
@verifies("R14")
def signed_in_check(portal: Portal, scenario: Scenario):
    with expecting("le portail n'affiche pas le client connecté à son compte", scenario.me.email,
                   lambda: portal.parallels_access.signed_in_as.inner_text(timeout=1000)):
        expect(portal.parallels_access.signed_in_as).to_contain_text(scenario.me.email)


@then(parsers.parse('mon compte a un abonnement "{pack}" actif acheté sur "{source}"'))
@verifies("R01", "R04", "R12", "R20")
def account_subscription(account_views, scenario: Scenario, pack: str, source: str):
    for view in account_views:
        subscription = view.subscription(scenario.me)
        expected = (pack, SOURCE_CODES[source])
        check(bool(subscription) and (subscription["pack_label"], subscription["source"]) == expected,
              f"selon {view.name}, le compte n'a pas l'abonnement acheté", f"abonnement {pack} acheté sur {source}",
              describe_subscription(subscription))
