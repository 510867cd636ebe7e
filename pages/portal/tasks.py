"""Business tasks on top of the page objects: what a customer does across several pages."""
from __future__ import annotations

from pages.portal import Portal


def fill_cart_from_parallels_access_page(portal: Portal, pack: str) -> None:
    """On the Parallels Access page: « Acheter l'abonnement », choose `pack`, continue."""
    portal.parallels_access.start_purchase()
    portal.cart.wait_until_shown("après « Acheter l'abonnement »")
    portal.cart.choose_pack(pack)
    portal.cart.continue_()
    portal.details.wait_until_shown()


def go_to_customer_details(portal: Portal, pack: str) -> None:
    portal.parallels_access.open("Ordinateurs")
    fill_cart_from_parallels_access_page(portal, pack)


def buy_from_parallels_access_page(portal: Portal, pack: str, details: dict[str, str]) -> str:
    """Buy `pack` from the Parallels Access page already open (also after a hand-off from
    an app); return the order number. The order may still be processing."""
    fill_cart_from_parallels_access_page(portal, pack)
    portal.details.fill(details)
    portal.details.submit()
    portal.order.wait_until_shown()
    return portal.order.number_from_url()


def buy_subscription(portal: Portal, pack: str, details: dict[str, str]) -> str:
    portal.parallels_access.open("Ordinateurs")
    return buy_from_parallels_access_page(portal, pack, details)


# The pages of the purchase path, as the customer names them, and how to reach each in its usual state.
PURCHASE_PATH_PAGES = ("Connexion", "Créer un compte", "Parallels Access", "Panier", "Vos coordonnées",
                       "Authentification du paiement", "Commande confirmée", "Assistance", "Conditions d'utilisation")


def reach_purchase_path_page(portal: Portal, name: str, details: dict[str, str], challenged_card: str,
                             order_timeout: float) -> None:
    """From a signed-in account without subscription, go to page `name` of the purchase path and wait
    until it shows what the customer sees there (the bank's frame included)."""
    if name not in PURCHASE_PATH_PAGES:
        raise ValueError(f"Page inconnue « {name} ». Pages du parcours d'achat : {', '.join(PURCHASE_PATH_PAGES)}.")
    portal.parallels_access.open("Ordinateurs")
    if name in ("Connexion", "Créer un compte"):
        portal.parallels_access.sign_out()
        portal.sign_in.heading.wait_for()
        if name == "Créer un compte":
            portal.sign_up.open().heading.wait_for()
    elif name == "Parallels Access":
        portal.parallels_access.buy_button.wait_for()
    elif name == "Panier":
        portal.parallels_access.start_purchase()
        portal.cart.heading.wait_for()
    elif name == "Vos coordonnées":
        fill_cart_from_parallels_access_page(portal, "1 mois")
    elif name == "Authentification du paiement":
        buy_from_parallels_access_page(portal, "1 mois", {**details, "card_number": challenged_card})
        portal.bank_authentication.challenge_heading.wait_for()
    elif name == "Commande confirmée":
        buy_from_parallels_access_page(portal, "1 mois", details)
        portal.order.wait_until_processed(order_timeout)
    elif name == "Assistance":
        portal.footer.open_support()
        portal.support.cleverbridge_section().wait_for()
    else:
        portal.footer.open_terms_of_use()
        portal.terms.heading.wait_for()
