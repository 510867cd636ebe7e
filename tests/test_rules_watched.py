"""The « always / never » rules over what the customer sees (rules.invariants), the masks of the approved copies
(harness/approved_copies.py) and the app screens in the portal's shape (pages/mobile/screen_copy.py), without a
browser or a device: each invariant catches its breach and stays quiet on the product's real pages."""
from __future__ import annotations

import datetime as dt

import pytest
from selenium.common.exceptions import NoAlertPresentException

from harness import approved_copies
from pages.mobile import screen_copy
from rules import invariants
from rules.seen import parse

TODAY = dt.date(2026, 12, 3)
CONTEXT = invariants.Context(today=TODAY, periods_from=TODAY)

PARALLELS_ACCESS = """- main:
  - heading "Parallels Access" [level=1]
  - complementary "Abonnement":
    - heading "Abonnement" [level=2]
    - paragraph:
      - text: "Abonnement actif :"
      - strong: 1 an
    - paragraph:
      - text: Actif jusqu'au
      - strong: 03/12/2027
    - paragraph:
      - text: "Acheté sur :"
      - strong: {source}
    - paragraph: Un abonnement actif ne peut être ni remboursé ni annulé.
{extra}"""
APPLE_NOTICE = """    - paragraph:
      - text: Cet abonnement a été acheté sur l'App Store. Parallels ne peut pas traiter les demandes de
          remboursement d'un achat effectué via l'App Store d'Apple. Pour toute question,
      - link "contactez le service client d'Apple":
        - /url: https://www.apple.com/fr/support/contact/
"""
CART = """- main:
  - heading "Panier" [level=1]
  - group "Pack d'abonnement":
    - radio "1 mois"
    - text: 1 mois 4,99 €
    - radio "1 an" [checked]
    - text: 1 an {price}
  - paragraph:
    - text: "Total :"
    - status "Total": {total}
"""


def breaches(copy: str, channel: str = "portail", where: str = "la page", context=CONTEXT) -> list[str]:
    return [f"{v.rule} {v.fact}" for v in invariants.watch(parse(copy, channel, where), context)[0]]


def test_the_products_own_pages_break_no_rule():
    assert breaches(PARALLELS_ACCESS.format(source="Site web", extra="")) == []
    assert breaches(PARALLELS_ACCESS.format(source="App Store", extra=APPLE_NOTICE)) == []
    assert breaches(CART.format(price="19,99 €", total="19,99 €")) == []


@pytest.mark.parametrize("offer", [
    '    - button "Résilier mon abonnement"', '    - link "Remboursement":\n      - /url: /aide',
    "    - paragraph: Vous pouvez annuler à tout moment.",
    "    - paragraph: Votre abonnement est remboursé sous 14 jours.",
    '    - heading "Demander un remboursement" [level=3]'])
def test_no_way_to_cancel_or_refund_verbs_and_nouns(offer):
    assert [b[:3] for b in breaches(PARALLELS_ACCESS.format(source="Site web", extra=offer + "\n"))] == ["R05"]


def test_a_title_naming_the_topic_and_a_negated_sentence_offer_nothing():
    page = ('- heading "Remboursement et annulation" [level=2]\n'
            "- paragraph: Il est impossible de rembourser ou d'annuler un abonnement actif.\n")
    assert breaches(page) == []


def test_the_banks_frame_and_the_app_stores_sheet_may_cancel_the_payment_in_progress():
    assert breaches('- button "Annuler"\n', where="le cadre de paiement « Banque »") == []
    assert breaches('- alertdialog:\n  - text: App Store\n  - button "Annuler"\n', channel="iOS") == []
    assert breaches('- button "Annuler"\n', where="la page « Commande confirmée »")[0].startswith("R05")


def test_the_apple_notice_for_an_app_store_subscription_and_never_for_a_web_one():
    assert breaches(PARALLELS_ACCESS.format(source="Site web", extra=APPLE_NOTICE))[0].startswith("R07")
    assert breaches(PARALLELS_ACCESS.format(source="App Store", extra=""))[0].startswith("R07")


def test_a_link_and_the_text_beside_it_name_the_same_party():
    wrong_target = '- link "Contacter Cleverbridge":\n  - /url: https://www.apple.com/fr/support/\n'
    assert breaches(wrong_target)[0].startswith("R18")
    beside = ('- paragraph:\n  - text: Un achat fait sur l\'App Store ?\n  - link "Contacter Cleverbridge":\n'
              "    - /url: /assistance#cleverbridge\n")
    assert breaches(beside)[0].startswith("R18")


def test_the_buy_button_if_and_only_if_no_subscription_is_active():
    with_button = PARALLELS_ACCESS.format(source="Site web", extra='    - button "Acheter l\'abonnement"\n')
    assert breaches(with_button)[0].startswith("R15")
    none = '- text: Aucun abonnement actif.\n- button "Se déconnecter"\n'
    assert breaches(none, channel="Android")[0].startswith("R15")
    assert breaches(none + "- button \"ACHETER L'ABONNEMENT\"\n", channel="Android") == []  # textAllCaps
    assert breaches(none + "- progressbar\n", channel="Android") == []  # still loading: the button may come


@pytest.mark.parametrize("price,total", [("19,99", "19,99 €"), ("19.99 €", "19,99 €"), ("4,99 €", "4,99 €"),
                                         ("19,99 €", "34,99 €")])
def test_every_amount_is_its_packs_price_in_french(price, total):
    assert [b[:3] for b in breaches(CART.format(price=price, total=total))][:1] == ["R16"]


@pytest.mark.parametrize("ends,months_later", [("03/12/2027", 0), ("03/12/2026", 0), ("03/12/2028", 0),
                                               ("03/12/2028", 12)])
def test_an_end_date_fits_its_pack_and_the_purchase(ends, months_later):
    context = invariants.Context(today=dt.date(2026 + months_later // 12, 12, 3), periods_from=TODAY)
    page = f"- paragraph: Abonnement 1 an actif jusqu'au {ends}.\n"
    found = breaches(page, context=context)
    assert bool(found) == ((ends, months_later) in {("03/12/2026", 0), ("03/12/2028", 0)}), found


def test_masks_keep_the_form_and_the_known_values():
    copy = "- text: Camille Durand camille@exemple.fr\n- text: actif jusqu'au 03/12/2027 PA-1A2B3C4D 2027-12-03\n"
    shown = approved_copies.masked(copy, [("Camille", "prénom du compte"), ("Durand", "nom du compte"),
                                          ("camille@exemple.fr", "e-mail du compte")])
    # a date of another form than jj/mm/aaaa stays as it is: the copy then differs
    assert shown == ("- text: ‹prénom du compte› ‹nom du compte› ‹e-mail du compte›\n"
                     "- text: actif jusqu'au ‹jj/mm/aaaa› ‹n° de commande› 2027-12-03\n")
    assert approved_copies.masked("- link: /connexion/lien/abcdefghijklmnopqr", []) == "- link: /connexion/lien/‹jeton›"
    assert approved_copies.difference("- a\n- b\n", "- a\n- c\n") == [
        "             - a", "  attendu  : - b", "  constaté : - c", "  …"]


BANK = "- term: Marchand\n- definition: Parallels\n- text: ‹nom du compte› ‹prénom du compte› le ‹jj/mm/aaaa›\n"


@pytest.mark.parametrize("seen,agrees", [
    # A customer whom Faker named « Marchand »: the bank's own word is not taken for the name (CI, 2026-12-03).
    ("- term: Marchand\n- definition: Parallels\n- text: Marchand Camille le 03/12/2026\n", True),
    # The first name where the last name belongs, another customer's name, a date of another form: all differ.
    ("- term: Marchand\n- definition: Parallels\n- text: Camille Marchand le 03/12/2026\n", False),
    ("- term: Marchand\n- definition: Parallels\n- text: Durand Camille le 03/12/2026\n", False),
    ("- term: Marchand\n- definition: Parallels\n- text: Marchand Camille le 2026-12-03\n", False),
    ("- term: Vendeur\n- definition: Parallels\n- text: Marchand Camille le 03/12/2026\n", False),
])
def test_a_page_agrees_with_its_copy_when_each_mask_stands_for_its_own_value(seen, agrees):
    known = [("Camille", "prénom du compte"), ("Marchand", "nom du compte")]
    assert approved_copies.masked(seen, known) != BANK  # the masks alone would call every one of them a difference
    assert approved_copies.agrees(BANK, seen, known) is agrees


class FakeDriver:
    """A page source as a driver gives it, no alert on screen."""
    def __init__(self, source: str, platform: str):
        self.page_source, self.capabilities = source, {"platformName": platform}

    class switch_to:  # noqa: N801 - the Selenium attribute's name
        class alert:  # noqa: N801
            @property
            def text(self):
                raise NoAlertPresentException()
        alert = alert()


def test_ios_and_android_screens_read_alike():
    ios = ('<AppiumAUT><XCUIElementTypeApplication type="XCUIElementTypeApplication"><XCUIElementTypeNavigationBar '
           'type="XCUIElementTypeNavigationBar"><XCUIElementTypeStaticText type="XCUIElementTypeStaticText" '
           'label="Ordinateurs"/></XCUIElementTypeNavigationBar><XCUIElementTypeStaticText '
           'type="XCUIElementTypeStaticText" label="Aucun abonnement actif."/><XCUIElementTypeButton '
           'type="XCUIElementTypeButton" label="Acheter l\'abonnement"/></XCUIElementTypeApplication></AppiumAUT>')
    android = ('<hierarchy><android.widget.FrameLayout class="android.widget.FrameLayout"><android.widget.TextView '
               'class="android.widget.TextView" text="Aucun abonnement actif."/><android.widget.Button '
               'class="android.widget.Button" text="Acheter l\'abonnement"/></android.widget.FrameLayout></hierarchy>')
    ios_copy, android_copy = (screen_copy.copy_of(FakeDriver(ios, "iOS")),
                              screen_copy.copy_of(FakeDriver(android, "Android")))
    assert ios_copy == ("- banner:\n  - text: Ordinateurs\n- text: Aucun abonnement actif.\n"
                        "- button \"Acheter l'abonnement\"\n")
    assert android_copy == "- text: Aucun abonnement actif.\n- button \"Acheter l'abonnement\"\n"
    assert breaches(ios_copy, channel="iOS") == [] and breaches(android_copy, channel="Android") == []
