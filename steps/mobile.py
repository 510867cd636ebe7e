"""Applications mobiles iOS et Android.

The app on an iPad, an iPhone or an Android phone: computers screen, purchase through the
App Store (iOS) or through the Parallels account in the browser (Android).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from pytest_bdd import given, parsers, then, when

from fixtures.world import Scenario
from pages import vocabulary
from pages.mobile.protocols import (
    AccountBrowser,
    BuyWindow,
    OpensStoreHelp,
    PackChoice,
    PurchaseConfirmation,
    PurchaseSheet,
    SignInForm,
    StoreHelp,
)
from pages.observed import check, fail
from pages.portal import Portal, tasks
from rules import verifies

SIGN_IN = "l'écran de connexion"
PACKS = "le choix du pack"
SHEET = "la feuille d'achat de l'App Store"
WINDOW = "la fenêtre d'achat"


@given(parsers.parse("l'application Parallels Access est ouverte sur {device}, connectée à mon compte"))
@when(parsers.parse("j'ouvre l'application Parallels Access sur {device}, connectée à mon compte"))
def app_opened(mobile_apps, scenario: Scenario, device: str):
    scenario.app = mobile_apps.open(device, scenario.me)
    scenario.screen = scenario.opened_app.computers.wait_until_shown()


@given(parsers.parse("l'application Parallels Access est ouverte sur {device}, sans compte connecté"))
def app_opened_signed_out(mobile_apps, scenario: Scenario, device: str):
    scenario.app = mobile_apps.open(device, scenario.me, signed_in=False)
    scenario.screen = scenario.opened_app.sign_in_screen.wait_until_shown()


@when("je me connecte dans l'application avec mon adresse e-mail et mon mot de passe")
def app_sign_in(scenario: Scenario):
    scenario.on(SignInForm, SIGN_IN).sign_in(scenario.me.email, scenario.me.password)
    scenario.screen = scenario.opened_app.computers.wait_until_shown()


@when("je me connecte dans l'application avec un mauvais mot de passe")
def app_sign_in_wrong(scenario: Scenario):
    scenario.on(SignInForm, SIGN_IN).sign_in(scenario.me.email, scenario.me.password + "-faux")


@then(parsers.parse('''l'application refuse la connexion avec le message "{message}"'''))
@verifies("R21")
def app_sign_in_refused(scenario: Scenario, message: str):
    shown = scenario.on(SignInForm, SIGN_IN).error()
    check(shown == message, "l'application n'a pas refusé la connexion avec le message attendu", message, shown)


@when("je relance l'application")
def app_restarted(scenario: Scenario):
    scenario.opened_app.restart()
    scenario.screen = scenario.opened_app.computers


@then("l'application affiche mes ordinateurs")
@verifies("R02", "R08")
def app_shows_computers(scenario: Scenario):
    computers = scenario.opened_app.computers
    names = computers.computer_names()
    check(sorted(names) == sorted(scenario.me.computers), "l'application n'affiche pas les ordinateurs du compte",
          sorted(scenario.me.computers), sorted(names))
    if not scenario.me.computers:  # an account made by sign-up: the app says it has none, not a blank list
        notice = computers.no_computer_notice()
        check(notice == vocabulary.NO_COMPUTER, "l'application ne dit pas que le compte n'a encore aucun ordinateur",
              vocabulary.NO_COMPUTER, notice)


@then('''l'application affiche le bouton "Acheter l'abonnement"''')
@verifies("R02", "R08", "R15")
def app_shows_buy_button(scenario: Scenario):
    check(scenario.opened_app.computers.has_buy_button(), "le bouton « Acheter l'abonnement » n'est pas affiché "
          "sur l'écran des ordinateurs, alors que le compte n'a pas d'abonnement actif", compare=False)


@then('''l'application n'affiche pas le bouton "Acheter l'abonnement"''')
@verifies("R02", "R08", "R15", "R20")
def app_hides_buy_button(scenario: Scenario):
    check(not scenario.opened_app.computers.has_buy_button(), "le bouton « Acheter l'abonnement » est affiché sur "
          "l'écran des ordinateurs alors que le compte a déjà un abonnement actif", compare=False)


@then(parsers.parse('''l'application indique mon abonnement "{pack}" actif, acheté sur "{source}"'''))
@verifies("R01", "R20")
def app_shows_subscription(scenario: Scenario, pack: str, source: str):
    status = scenario.opened_app.computers.subscription_status()
    expected = f"Abonnement actif : {pack}, acheté sur {source}"
    check(expected in status, "l'application n'indique pas l'abonnement actif du compte", expected, status)


@then("l'application ne propose ni annulation ni remboursement")
@verifies("R05")
def app_no_cancel(scenario: Scenario):
    offending = scenario.opened_app.computers.cancel_or_refund_buttons()
    check(not offending, "l'application propose d'annuler ou de rembourser l'abonnement", "aucun tel bouton",
          offending)


@when('''je touche "Acheter l'abonnement" dans l'application''')
def tap_buy(scenario: Scenario):
    scenario.screen = scenario.opened_app.computers.start_purchase()


# -- iOS: packs and the App Store sheet ---------------------------------------------------
@then(parsers.parse('''l'application propose la formule mensuelle à "{monthly}" et la formule annuelle à "{yearly}"'''))
@verifies("R03", "R04")
def packs_offered(scenario: Scenario, monthly: str, yearly: str):
    offers = scenario.on(PackChoice, PACKS).offers()
    expected = {"mensuelle": monthly, "annuelle": yearly}
    check(offers == expected, "l'application ne propose pas les formules attendues à ces prix", expected, offers)


@when(parsers.parse("je choisis la formule {formula}"))
def choose_formula(scenario: Scenario, formula: str):
    if formula not in ("mensuelle", "annuelle"):
        fail(f"Formule inconnue « {formula} » : mensuelle ou annuelle.", compare=False)
    scenario.screen = scenario.on(PackChoice, PACKS).choose(formula)


@then(parsers.parse('''la feuille d'achat de l'App Store affiche "{text}"'''))
@verifies("R03", "R04")
def sheet_shows(scenario: Scenario, text: str):
    shown = scenario.on(PurchaseSheet, SHEET).text()
    check(text in shown, "la feuille d'achat de l'App Store n'affiche pas le texte attendu", text, shown)


@when("je confirme l'achat dans l'App Store")
def confirm_sheet(scenario: Scenario):
    scenario.screen = scenario.on(PurchaseSheet, SHEET).confirm()


@when("j'annule l'achat dans l'App Store")
def cancel_sheet(scenario: Scenario):
    scenario.screen = scenario.on(PurchaseSheet, SHEET).cancel()


@then("l'application confirme que mon abonnement est actif")
@verifies("R01", "R03")
def purchase_confirmed(scenario: Scenario):
    message = scenario.on(PurchaseConfirmation, "la confirmation d'achat").message()
    check(message == vocabulary.APP_PURCHASE_CONFIRMED, "l'application ne confirme pas que l'abonnement est actif",
          vocabulary.APP_PURCHASE_CONFIRMED, message)


@then("l'application propose toujours les formules d'abonnement")
@verifies("R03", "R04", "R21")
def still_on_packs(scenario: Scenario):
    scenario.on(PackChoice, PACKS).wait_until_shown()


# -- iOS: help ---------------------------------------------------------------------------
@when("j'ouvre l'aide de l'application")
def open_help(scenario: Scenario):
    computers = scenario.opened_app.computers
    if not isinstance(computers, OpensStoreHelp):
        fail("L'aide sur les achats App Store n'existe que dans l'application iOS.", compare=False)
    scenario.screen = computers.open_help()


@then("l'aide renvoie les questions d'achat App Store vers le service client d'Apple")
@verifies("R06")
def help_apple(scenario: Scenario):
    link = scenario.on(StoreHelp, "l'aide").apple_support_link()
    check(link == vocabulary.APPLE_SUPPORT_URL, "le lien de l'aide ne mène pas au service client d'Apple",
          vocabulary.APPLE_SUPPORT_URL, link)


@then("l'aide indique que Parallels ne peut pas traiter les achats ni les remboursements faits sur l'App Store")
@verifies("R07")
def help_no_direct(scenario: Scenario):
    texts = " ".join(scenario.on(StoreHelp, "l'aide").texts())
    said = "Parallels ne peut pas traiter directement les demandes d'achat ou de remboursement"
    check(said in texts, "l'aide ne dit pas que Parallels ne peut pas traiter les achats faits sur l'App Store",
          said, texts)


@then("l'aide indique qu'un abonnement actif ne peut être ni remboursé ni annulé")
@verifies("R05")
def help_no_refund(scenario: Scenario):
    texts = " ".join(scenario.on(StoreHelp, "l'aide").texts())
    check(vocabulary.NO_REFUND in texts, "l'aide ne dit pas qu'un abonnement actif ne peut être ni remboursé "
          "ni annulé", vocabulary.NO_REFUND, texts)


# -- Android: the window and the hand-off ---------------------------------------------------
@then('''une fenêtre s'ouvre avec les boutons "Acheter l'abonnement" et "OK"''')
@verifies("R09")
def dialog_buttons(scenario: Scenario):
    labels = scenario.on(BuyWindow, WINDOW).button_labels()
    expected = ["Acheter l'abonnement", "OK"]
    # as Android presents them: a theme may write dialog buttons in capitals (textAllCaps, APPS.md)
    check([label.casefold() for label in labels] == [label.casefold() for label in expected],
          "la fenêtre d'achat n'offre pas les boutons attendus", expected, labels)


@when('je touche "OK" dans la fenêtre')
def dialog_ok(scenario: Scenario):
    scenario.window = scenario.on(BuyWindow, WINDOW)
    scenario.screen = scenario.window.ok()


@when('''je touche "Acheter l'abonnement" dans la fenêtre''')
def dialog_buy(scenario: Scenario):
    scenario.screen = scenario.on(BuyWindow, WINDOW).buy()


@then("la fenêtre se ferme et l'application affiche mes ordinateurs")
@verifies("R10")
def dialog_closed(scenario: Scenario):
    if scenario.window is None:
        fail("Cette étape suppose que le client a touché « OK » dans la fenêtre d'achat.", compare=False)
    shown = scenario.window.shown_after_closing()
    check(shown != "navigateur", "le navigateur s'est ouvert alors que le client a touché « OK »",
          "l'écran des ordinateurs", "le navigateur")
    check(shown != "fenetre", "la fenêtre d'achat est restée ouverte après « OK »", "l'écran des ordinateurs",
          "la fenêtre d'achat")
    check(shown == "ordinateurs", "l'application n'est pas revenue à l'écran des ordinateurs après « OK »",
          compare=False)


@then("le navigateur s'ouvre sur la page Parallels Access de mon compte")
@verifies("R11")
def browser_on_account(portal: Portal, scenario: Scenario, base_url: str):
    """The phone's browser (Playwright takes over, on an emulated phone, with no session of its own: the harness
    signs nothing in) opens the address the app gave: the customer's own Parallels Access page, signed in."""
    url = scenario.on(AccountBrowser, "le navigateur").url(scheme=urlsplit(base_url).scheme)
    portal.page.context.clear_cookies()
    portal.open_address(url)
    shown = " ".join(portal.parallels_access.signed_in_as.all_inner_texts())
    check(scenario.me.email in shown, "le navigateur n'a pas ouvert le compte du client : la page ne montre pas "
          "son adresse e-mail", scenario.me.email, shown or portal.page.title())
    expected = f"{base_url}/parallels-access?onglet=ordinateurs"
    check(portal.page.url == expected, "le navigateur ne s'est pas ouvert sur la page Parallels Access du compte",
          expected, portal.page.url)


@when(parsers.parse('''je poursuis l'achat du pack "{pack}" dans ce navigateur avec une carte valide'''))
def continue_in_browser(portal: Portal, scenario: Scenario, customer_details, pack: str):
    """In the browser the app opened, signed in by the app's link (le navigateur s'ouvre sur…)."""
    scenario.details = customer_details
    scenario.order_number = tasks.buy_from_parallels_access_page(portal, pack, customer_details)
