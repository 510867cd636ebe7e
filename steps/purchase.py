"""Achat sur le portail : panier, coordonnées, commande.

Cart, customer details, order processed by the payment partner.
"""
from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.world import Scenario
from pages.observed import check, expecting, fail, never
from pages.portal import Portal, tasks
from pages.portal.customer_details import LABELS
from rules import verifies
from rules.catalogue import add_months
from steps.context import TYPES, describe_subscription, format_euros

DECLINED_CARD = "4000 0000 0000 0002"  # the payment partner's test card that its bank refuses
FIELD_KEYS = {label: key for key, label in LABELS.items()}


# -- cart ------------------------------------------------------------------------
@when('''je clique sur "Acheter l'abonnement"''')
def click_buy(portal: Portal):
    portal.parallels_access.start_purchase()
    portal.cart.wait_until_shown("après « Acheter l'abonnement »")


@then("le panier propose les packs 1 mois, 1 an et 2 ans")
@verifies("R16")
def cart_offers_packs(portal: Portal):
    packs = ["1 mois", "1 an", "2 ans"]
    with expecting("le panier ne propose pas les packs 1 mois, 1 an et 2 ans", packs, portal.cart.pack_labels):
        expect(portal.cart.pack_choices()).to_have_count(3)
        for pack in packs:
            expect(portal.cart.pack_choice(pack)).to_be_visible()


@when(parsers.parse('je choisis le pack "{pack}" dans le panier'))
def choose_pack(portal: Portal, pack: str):
    portal.cart.choose_pack(pack)


@given(parsers.parse('''j'ai choisi le pack "{pack}" dans le panier'''))
def pack_chosen(portal: Portal, pack: str):
    tasks.go_to_customer_details(portal, pack)


@then(parsers.parse("le total du panier est de {price:euros}", extra_types=TYPES))
@verifies("R16")
def cart_total(portal: Portal, price: int):
    with expecting("le total du panier n'est pas celui du pack choisi", format_euros(price),
                   portal.cart.total.inner_text):
        expect(portal.cart.total).to_have_text(format_euros(price))


@when("je continue vers la page suivante")
def continue_to_details(portal: Portal):
    portal.cart.continue_()
    portal.details.wait_until_shown()


# -- customer details ------------------------------------------------------------
@when("je saisis mes coordonnées avec une carte valide")
def enter_valid_details(portal: Portal, scenario: Scenario, customer_details):
    scenario.details = customer_details
    portal.details.fill(customer_details)


@when(parsers.re(r"^je saisis mes coordonnées avec une carte qui "
                 r"(?P<when>expire ce mois-ci|a expiré le mois dernier)$"))
def enter_details_with_expiry(portal: Portal, scenario: Scenario, customer_details, when: str):
    """A card valid until the end of this month, or one that ended last month (the portal's today, UTC)."""
    today = dt.datetime.now(dt.timezone.utc).date()
    month = today if when == "expire ce mois-ci" else today.replace(day=1) - dt.timedelta(days=1)
    scenario.details = {**customer_details, "card_expiry": f"{month:%m/%y}"}
    portal.details.fill(scenario.details)


@when(parsers.parse('je saisis mes coordonnées avec "{value:texte}" comme "{label}"', extra_types=TYPES))
def enter_details_with(portal: Portal, scenario: Scenario, customer_details, value: str, label: str):
    if label not in FIELD_KEYS:
        fail(f"Champ inconnu « {label} ». Champs du formulaire : {', '.join(FIELD_KEYS)}.", compare=False)
    scenario.details = {**customer_details, FIELD_KEYS[label]: value}
    portal.details.fill(scenario.details)


@when("je valide la commande")
def submit_order(portal: Portal):
    portal.details.submit()


@when("je valide la commande d'un double clic")
def submit_order_twice(portal: Portal):
    portal.details.submit_with_double_click()
    portal.order.wait_until_shown()


@given("la page de coordonnées de ce panier est aussi ouverte dans un second onglet")
def details_in_second_tab(portal: Portal, scenario: Scenario):
    scenario.second_tab = Portal(portal.page.context.new_page())
    scenario.second_tab.open_address(portal.page.url)
    expect(scenario.second_tab.details.heading).to_be_visible()


@when("je valide aussi la commande de ce panier depuis le second onglet")
def submit_from_second_tab(scenario: Scenario):
    """The same cart sent again from a page loaded before the first order: the server, not the
    button, must keep it to one order."""
    second = scenario.second_tab
    second.details.fill(scenario.details)
    second.details.submit()


@then("le second onglet montre la même commande, toujours en cours de traitement")
@verifies("R21")
def second_tab_same_order(portal: Portal, scenario: Scenario):
    second = scenario.second_tab
    with expecting("le second onglet n'a pas été mené à la page d'une commande", compare=False):
        second.page.wait_for_url(re.compile(r"/commandes/"))
    number, first = second.order.number_from_url(), portal.order.number_from_url()
    never(number == first, "le panier validé une seconde fois a créé une seconde commande", first, number)
    with expecting("la commande n'était plus en cours de traitement quand le second onglet l'a validée : ce "
                   "scénario ne prouve alors pas que le portail refuse le doublon", "Commande en cours de traitement",
                   second.order.heading.inner_text):
        expect(second.order.heading).to_have_text("Commande en cours de traitement")


@when("je reviens sur la page de coordonnées de ce panier")
def back_to_details(portal: Portal):
    portal.details.come_back()
    portal.order.wait_until_shown()


@then(parsers.parse('le champ "{label}" est signalé avec le message "{message}"'))
@verifies("R17", "R21")
def field_flagged(portal: Portal, scenario: Scenario, label: str, message: str):
    value = scenario.details.get(FIELD_KEYS.get(label, ""), "")
    entered = f"le champ {label} vide" if not value else f"« {value} » comme {label}"
    if portal.order.is_shown():
        fail(f"le formulaire a été accepté avec {entered} : la commande {portal.order.number_from_url()} "
             "a été passée", message, portal.order.heading.inner_text(), compare=True)
    field = portal.details.field(label)
    with expecting(f"le champ {label} n'est pas signalé comme invalide après l'envoi du formulaire avec {entered}",
                   message, lambda: portal.details.field_message(label)):
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(message)


@then("aucune commande n'est enregistrée")
@verifies("R07", "R21")
def no_order(account_views, scenario: Scenario):
    for view in account_views:
        orders = view.orders(scenario.me)
        check(orders == [], f"selon {view.name}, une commande a été enregistrée alors que le formulaire aurait dû "
              "être refusé", "aucune commande", [f"commande {o['number']} ({o['status']})" for o in orders])


# -- whole purchase (business task) ---------------------------------------------
@given(parsers.parse('''j'ai acheté un abonnement "{pack}" sur mon compte'''))
@when(parsers.parse('''j'achète un abonnement "{pack}" avec une carte valide'''))
def buy_with_valid_card(portal: Portal, scenario: Scenario, customer_details, pack: str):
    scenario.details = customer_details
    scenario.order_number = tasks.buy_subscription(portal, pack, customer_details)


@when(parsers.parse('''j'achète un abonnement "{pack}" avec une carte refusée par la banque'''))
def buy_with_declined_card(portal: Portal, scenario: Scenario, customer_details, pack: str):
    scenario.details = {**customer_details, "card_number": DECLINED_CARD}
    scenario.order_number = tasks.buy_subscription(portal, pack, scenario.details)


# -- payment partner ---------------------------------------------------------------
@given(parsers.parse("le partenaire de paiement met {seconds:d} secondes à répondre"))
def slow_partner(testdata, scenario: Scenario, seconds: int):
    testdata.set_fault(scenario.me.email, "slow_partner", delay_ms=seconds * 1000)


@given("le partenaire de paiement est en panne")
def partner_down(testdata, scenario: Scenario):
    testdata.set_fault(scenario.me.email, "partner_error")


# -- order outcome ---------------------------------------------------------------
ORDER_OUTCOMES = {"completed": "confirmée", "declined": "refusée (paiement refusé)",
                  "failed": "non traitée par le partenaire de paiement"}


def _wait_for_answer(portal: Portal, account_views, scenario: Scenario, order_timeout: float) -> str:
    """The order page's final heading. If it never comes, say why, from what the account's record shows: the
    partner did not answer, or it answered and the page did not show it."""
    if not portal.order.is_shown() and portal.details.heading.is_visible():
        fail("la commande n'a pas été passée : le formulaire « Vos coordonnées » a été refusé",
             "la page de la commande", portal.details.refusals() or "le formulaire, sans message")
    number = portal.order.number_from_url()
    heading = portal.order.wait_until_processed(order_timeout)
    if heading is not None:
        return heading
    still = (f"la page de la commande {number} affiche toujours « en cours de traitement » après "
             f"{order_timeout:.0f} s (option --order-timeout)")
    # The stored state where the target has it, the Commandes tab in a browser of the customer's otherwise.
    view = next((v for v in account_views if v.instant), account_views[0])
    orders = {o["number"]: o for o in view.orders(scenario.me)}
    status = orders.get(number, {}).get("status", "processing")
    if status == "processing":
        fail(f"{still} : le partenaire de paiement n'a pas répondu, la commande est toujours en attente selon "
             f"{view.name}", compare=False)
    fail(f"{still}, alors que le partenaire de paiement a répondu : la commande est "
         f"{ORDER_OUTCOMES.get(status, status)} selon {view.name}. La page ne s'est pas mise à jour", compare=False)


@then("la commande est en cours de traitement")
@verifies("R17")
def order_processing(portal: Portal, scenario: Scenario):
    scenario.order_number = portal.order.number_from_url()
    with expecting("la page de la commande n'indique pas que la commande est en cours de traitement",
                   "Commande en cours de traitement", portal.order.heading.inner_text):
        expect(portal.order.processing).to_be_visible()


@then("aucun abonnement n'est encore actif sur mon compte")
def no_subscription_yet(portal: Portal, account_views, scenario: Scenario):
    """While the partner has not answered. What the customer sees is the order page, still « en cours »;
    the stored state confirms it, read at once: loading the portal's page to read it would race the partner's
    answer."""
    with expecting("la page de la commande n'indique pas que la commande est en cours de traitement",
                   "Commande en cours de traitement", portal.order.heading.inner_text):
        expect(portal.order.processing).to_be_visible()
    for view in (v for v in account_views if v.instant):
        subscription = view.subscription(scenario.me)
        never(subscription is None, f"selon {view.name}, un abonnement est actif avant la réponse du partenaire de "
              "paiement", "aucun abonnement actif", describe_subscription(subscription))


@then("mon compte n'a aucun abonnement actif")
@verifies("R10", "R13", "R17", "R21", "R22")
def no_subscription(account_views, scenario: Scenario):
    for view in account_views:
        subscription = view.subscription(scenario.me)
        never(subscription is None, f"selon {view.name}, un abonnement est actif sur le compte alors qu'il ne "
              "devrait en avoir aucun", "aucun abonnement actif", describe_subscription(subscription))


@then("la commande est confirmée avec un numéro de commande")
@verifies("R12", "R17", "R22", "R23")
def order_confirmed(portal: Portal, account_views, scenario: Scenario, order_timeout):
    heading = _wait_for_answer(portal, account_views, scenario, order_timeout)
    check(heading == "Commande confirmée", "la commande n'a pas été confirmée : la page de la commande affiche "
          f"« {heading} » ({portal.order.refusal_text() or 'sans explication'})", "Commande confirmée", heading)
    number = portal.order.number_from_url()
    with expecting("la page de la commande confirmée n'affiche pas le numéro de la commande", number,
                   portal.order.fact("Numéro de commande").inner_text):
        expect(portal.order.fact("Numéro de commande")).to_have_text(number)
    scenario.order_number = portal.order.number_from_url()


@then(parsers.parse('la commande est refusée avec le message "{message}"'))
@verifies("R21", "R22")
def order_refused(portal: Portal, account_views, scenario: Scenario, order_timeout, message: str):
    heading = _wait_for_answer(portal, account_views, scenario, order_timeout)
    check(heading != "Commande confirmée", "la commande a été confirmée alors que le paiement devait être refusé : "
          f"la page affiche « {heading} »", compare=False)
    with expecting("la page de la commande refusée n'affiche pas le message attendu", message,
                   portal.order.refusal_text):
        expect(portal.order.refusal).to_contain_text(message)


@then(parsers.parse("le montant débité est de {price:euros}", extra_types=TYPES))
@verifies("R16")
def charged_amount(portal: Portal, account_views, scenario: Scenario, price: int):
    shown = portal.order.fact("Montant débité")
    with expecting("le montant débité affiché sur la page de la commande n'est pas le prix du pack",
                   format_euros(price), shown.inner_text):
        expect(shown).to_have_text(format_euros(price))
    for view in account_views:
        charged = [o["charged_cents"] for o in view.orders(scenario.me) if o["number"] == scenario.order_number]
        check(charged == [price], f"selon {view.name}, le montant débité pour la commande {scenario.order_number} "
              "n'est pas le prix du pack", format_euros(price), [format_euros(c) for c in charged])


@then("rien n'a été débité")
@verifies("R21", "R22")
def nothing_charged(account_views, scenario: Scenario):
    for view in account_views:
        charged = sum(o["charged_cents"] for o in view.orders(scenario.me))
        never(charged == 0, f"selon {view.name}, le compte a été débité alors que la commande a été refusée",
              format_euros(0), format_euros(charged))


@then(parsers.parse('mon compte a un abonnement "{pack}" actif pendant {months:d} mois, acheté sur le site web'))
@verifies("R01", "R12", "R16")
def subscription_active_for(portal: Portal, account_views, scenario: Scenario, pack: str, months: int):
    ends = []
    expected = f"abonnement {pack} acheté sur le site web"
    for view in account_views:
        subscription = view.subscription(scenario.me)
        check(subscription is not None, f"selon {view.name}, aucun abonnement n'est actif sur le compte après la "
              "commande confirmée", expected, describe_subscription(subscription))
        check((subscription["pack_label"], subscription["source"]) == (pack, "web"),
              f"selon {view.name}, l'abonnement actif sur le compte n'est pas celui commandé", expected,
              describe_subscription(subscription))
        # Started today (UTC), or yesterday when the run crossed midnight; the API knows the exact day.
        start = (dt.date.fromisoformat(subscription["started_at"][:10]) if subscription["started_at"] else None)
        starts = [start] if start else [dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=d) for d in (0, 1)]
        end = dt.date.fromisoformat(subscription["ends_at"][:10])
        check(end in [add_months(s, months) for s in starts], f"selon {view.name}, l'abonnement {pack} ne dure pas "
              f"{months} mois", [f"{add_months(s, months):%d/%m/%Y}" for s in starts], f"{end:%d/%m/%Y}")
        ends.append(end)
    notice = f"Votre abonnement Parallels Access est actif jusqu'au {ends[0]:%d/%m/%Y}."
    with expecting(f"la page de la commande n'annonce pas un abonnement de {months} mois", notice,
                   portal.order.subscription_notice.inner_text):
        expect(portal.order.subscription_notice).to_have_text(notice)


@then("mon compte a exactement une commande, débitée une seule fois")
@verifies("R21")
def exactly_one_order(account_views, scenario: Scenario):
    for view in account_views:
        orders = view.orders(scenario.me)
        seen = [f"commande {o['number']} débitée de {format_euros(o['charged_cents'])}" for o in orders]
        # Two orders for one cart, or a charge above the price: a double charge, forbidden whatever a retry gives.
        # No order yet, or nothing charged yet, is a wait that did not reach its state: an ordinary check.
        never(len(orders) <= 1, f"selon {view.name}, {len(orders)} commandes ont été enregistrées au lieu d'une",
              "1 commande", seen)
        check(len(orders) == 1, f"selon {view.name}, aucune commande n'a été enregistrée", "1 commande", seen)
        never(orders[0]["charged_cents"] <= orders[0]["amount_cents"],
              f"selon {view.name}, la commande a été débitée plus d'une fois",
              format_euros(orders[0]["amount_cents"]), format_euros(orders[0]["charged_cents"]))
        check(orders[0]["charged_cents"] == orders[0]["amount_cents"],
              f"selon {view.name}, la commande n'a pas été débitée une seule fois",
              format_euros(orders[0]["amount_cents"]), format_euros(orders[0]["charged_cents"]))


# -- two accounts ---------------------------------------------------------------------
@then(parsers.parse('le second compte a un abonnement "{pack}" actif'))
@verifies("R13")
def other_has_subscription(account_views, scenario: Scenario, pack: str):
    for view in account_views:
        subscription = view.subscription(scenario.other)
        check(bool(subscription) and subscription["pack_label"] == pack,
              f"selon {view.name}, le second compte n'a pas l'abonnement {pack} qu'il a acheté",
              f"abonnement {pack} actif", describe_subscription(subscription))


@then("la commande du second compte m'est introuvable")
@verifies("R20")
def other_order_hidden(portal: Portal, scenario: Scenario):
    status = portal.order.visit(scenario.order_number)
    check(status == 404, f"la commande {scenario.order_number} du second compte s'affiche sur mon compte",
          "Commande introuvable.", portal.order.heading.inner_text())
    with expecting("la page d'une commande d'un autre compte ne dit pas « Commande introuvable. »",
                   "Commande introuvable.", portal.order.heading.inner_text):
        expect(portal.order.heading).to_have_text("Commande introuvable.")
