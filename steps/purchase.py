"""Achat sur le portail : panier, coordonnées, commande.

Cart, customer details, order processed by the payment partner.
"""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from pages.portal import Portal, tasks
from pages.portal.customer_details import LABELS
from steps.context import TYPES, Scenario, describe_subscription, format_euros

DECLINED_CARD = "4000 0000 0000 0002"  # the payment partner's test card that its bank refuses
FIELD_KEYS = {label: key for key, label in LABELS.items()}


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# -- cart ------------------------------------------------------------------------
@when('''je clique sur "Acheter l'abonnement"''')
def click_buy(portal: Portal):
    portal.parallels_access.start_purchase()
    expect(portal.cart.heading).to_be_visible()


@then("le panier propose les packs 1 mois, 1 an et 2 ans")
def cart_offers_packs(portal: Portal):
    expect(portal.cart.pack_choices()).to_have_count(3)
    for pack in ("1 mois", "1 an", "2 ans"):
        expect(portal.cart.pack_choice(pack)).to_be_visible()


@when(parsers.parse('je choisis le pack "{pack}" dans le panier'))
def choose_pack(portal: Portal, pack: str):
    portal.cart.choose_pack(pack)


@given(parsers.parse('''j'ai choisi le pack "{pack}" dans le panier'''))
def pack_chosen(portal: Portal, pack: str):
    tasks.go_to_customer_details(portal, pack)


@then(parsers.parse("le total du panier est de {price:euros}", extra_types=TYPES))
def cart_total(portal: Portal, price: int):
    expect(portal.cart.total, "Total du panier incorrect").to_have_text(format_euros(price))


@when("je continue vers la page suivante")
def continue_to_details(portal: Portal):
    portal.cart.continue_()
    expect(portal.details.heading).to_be_visible()


# -- customer details ------------------------------------------------------------
@when("je saisis mes coordonnées avec une carte valide")
def enter_valid_details(portal: Portal, scenario: Scenario, customer_details):
    scenario.details = customer_details
    portal.details.fill(customer_details)


@when(parsers.parse('je saisis mes coordonnées avec "{value:texte}" comme "{label}"', extra_types=TYPES))
def enter_details_with(portal: Portal, scenario: Scenario, customer_details, value: str, label: str):
    if label not in FIELD_KEYS:
        pytest.fail(f"Champ inconnu « {label} ». Champs du formulaire : {', '.join(FIELD_KEYS)}.", pytrace=False)
    scenario.details = {**customer_details, FIELD_KEYS[label]: value}
    portal.details.fill(scenario.details)


@when("je valide la commande")
def submit_order(portal: Portal):
    portal.details.submit()


@when("je valide la commande d'un double clic")
def submit_order_twice(portal: Portal):
    portal.details.submit_with_double_click()
    expect(portal.order.heading).to_be_visible()


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


@when("je reviens sur la page de coordonnées de ce panier")
def back_to_details(portal: Portal):
    portal.details.come_back()
    expect(portal.order.heading).to_be_visible()


@then(parsers.parse('le champ "{label}" est signalé avec le message "{message}"'))
def field_flagged(portal: Portal, label: str, message: str):
    field = portal.details.field(label)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(message)


@then("aucune commande n'est enregistrée")
def no_order(account_views, scenario: Scenario):
    for view in account_views:
        orders = view.orders(scenario.me)
        assert orders == [], f"Selon {view.name}, une commande a été enregistrée malgré le refus : {orders}"


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
def _wait_for_answer(portal: Portal, order_timeout: float) -> str:
    number = portal.order.number_from_url()
    try:
        return portal.order.wait_until_processed(order_timeout)
    except PlaywrightTimeout:
        pytest.fail(f"La commande {number} est toujours « en cours de traitement » après {order_timeout:.0f} s : "
                    "le partenaire de paiement n'a pas répondu (option --order-timeout).", pytrace=False)


@then("la commande est en cours de traitement")
def order_processing(portal: Portal, scenario: Scenario):
    scenario.order_number = portal.order.number_from_url()
    expect(portal.order.processing).to_be_visible()


@then("aucun abonnement n'est encore actif sur mon compte")
def no_subscription_yet(portal: Portal, account_views, scenario: Scenario):
    """While the partner has not answered. What the customer sees is the order page, still « en cours »;
    the stored state confirms it, read at once: a reading that signs in a second browser would race the
    partner's answer."""
    expect(portal.order.processing).to_be_visible()
    for view in (v for v in account_views if v.instant):
        subscription = view.subscription(scenario.me)
        assert subscription is None, (f"Selon {view.name}, un abonnement est actif avant la réponse du partenaire "
                                      f"de paiement : {describe_subscription(subscription)}.")


@then("mon compte n'a aucun abonnement actif")
def no_subscription(account_views, scenario: Scenario):
    for view in account_views:
        subscription = view.subscription(scenario.me)
        assert subscription is None, (f"Selon {view.name}, un abonnement est actif sur le compte alors qu'il ne "
                                      f"devrait pas : {describe_subscription(subscription)}.")


@then("la commande est confirmée avec un numéro de commande")
def order_confirmed(portal: Portal, scenario: Scenario, order_timeout):
    heading = _wait_for_answer(portal, order_timeout)
    assert heading == "Commande confirmée", f"La commande n'est pas confirmée : la page affiche « {heading} »."
    expect(portal.order.fact("Numéro de commande")).to_have_text(portal.order.number_from_url())
    scenario.order_number = portal.order.number_from_url()


@then(parsers.parse('la commande est refusée avec le message "{message}"'))
def order_refused(portal: Portal, order_timeout, message: str):
    heading = _wait_for_answer(portal, order_timeout)
    assert heading != "Commande confirmée", "La commande a été confirmée alors qu'elle devait être refusée."
    expect(portal.order.refusal).to_contain_text(message)


@then(parsers.parse("le montant débité est de {price:euros}", extra_types=TYPES))
def charged_amount(portal: Portal, account_views, scenario: Scenario, price: int):
    expect(portal.order.fact("Montant débité"), "Montant débité affiché incorrect").to_have_text(format_euros(price))
    for view in account_views:
        charged = [o["charged_cents"] for o in view.orders(scenario.me) if o["number"] == scenario.order_number]
        assert charged == [price], (f"Selon {view.name}, montant débité pour la commande {scenario.order_number} : "
                                    f"{[format_euros(c) for c in charged]}, attendu : {format_euros(price)}.")


@then("rien n'a été débité")
def nothing_charged(account_views, scenario: Scenario):
    for view in account_views:
        charged = sum(o["charged_cents"] for o in view.orders(scenario.me))
        assert charged == 0, f"Selon {view.name}, le compte a été débité de {format_euros(charged)} malgré le refus."


@then(parsers.parse('mon compte a un abonnement "{pack}" actif pendant {months:d} mois, acheté sur le site web'))
def subscription_active_for(portal: Portal, account_views, scenario: Scenario, pack: str, months: int):
    ends = []
    for view in account_views:
        subscription = view.subscription(scenario.me)
        assert subscription, f"Selon {view.name}, aucun abonnement actif sur le compte après la commande confirmée."
        assert (subscription["pack_label"], subscription["source"]) == (pack, "web"), (
            f"Selon {view.name}, le compte a : {describe_subscription(subscription)} ; "
            f"attendu : abonnement {pack} acheté sur le site web.")
        # Started today (UTC), or yesterday when the run crossed midnight; the API knows the exact day.
        start = (dt.date.fromisoformat(subscription["started_at"][:10]) if subscription["started_at"] else None)
        starts = [start] if start else [dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=d) for d in (0, 1)]
        end = dt.date.fromisoformat(subscription["ends_at"][:10])
        assert end in [add_months(s, months) for s in starts], (
            f"Selon {view.name}, l'abonnement {pack} finit le {end:%d/%m/%Y} : ce n'est pas {months} mois après "
            f"son début.")
        ends.append(end)
    expect(portal.order.subscription_notice).to_have_text(
        f"Votre abonnement Parallels Access est actif jusqu'au {ends[0]:%d/%m/%Y}.")


@then("mon compte a exactement une commande, débitée une seule fois")
def exactly_one_order(account_views, scenario: Scenario):
    for view in account_views:
        orders = view.orders(scenario.me)
        assert len(orders) == 1, f"Selon {view.name}, {len(orders)} commandes au lieu d'une : {orders}"
        assert orders[0]["charged_cents"] == orders[0]["amount_cents"], (
            f"Selon {view.name}, débit incorrect : {orders[0]}")


# -- two accounts ---------------------------------------------------------------------
@then(parsers.parse('le second compte a un abonnement "{pack}" actif'))
def other_has_subscription(account_views, scenario: Scenario, pack: str):
    for view in account_views:
        subscription = view.subscription(scenario.other)
        assert subscription and subscription["pack_label"] == pack, (
            f"Selon {view.name}, le second compte a : {describe_subscription(subscription)} ; "
            f"attendu : un abonnement {pack} actif.")


@then("la commande du second compte m'est introuvable")
def other_order_hidden(portal: Portal, scenario: Scenario):
    status = portal.order.visit(scenario.order_number)
    assert status == 404, f"La commande d'un autre compte est lisible (HTTP {status})."
    expect(portal.order.heading).to_have_text("Commande introuvable.")
