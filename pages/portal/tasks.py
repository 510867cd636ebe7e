"""Business tasks on top of the page objects: what a customer does across several pages."""
from __future__ import annotations

from pages.portal import Portal


def fill_cart_from_parallels_access_page(portal: Portal, pack: str) -> None:
    """On the Parallels Access page: « Acheter l'abonnement », choose `pack`, continue."""
    portal.parallels_access.start_purchase()
    portal.cart.choose_pack(pack)
    portal.cart.continue_()
    portal.details.heading.wait_for()


def go_to_customer_details(portal: Portal, pack: str) -> None:
    portal.parallels_access.open("Ordinateurs")
    fill_cart_from_parallels_access_page(portal, pack)


def buy_from_parallels_access_page(portal: Portal, pack: str, details: dict[str, str]) -> str:
    """Buy `pack` from the Parallels Access page already open (also after a hand-off from
    an app); return the order number. The order may still be processing."""
    fill_cart_from_parallels_access_page(portal, pack)
    portal.details.fill(details)
    portal.details.submit()
    portal.order.heading.wait_for()
    return portal.order.number_from_url()


def buy_subscription(portal: Portal, pack: str, details: dict[str, str]) -> str:
    portal.parallels_access.open("Ordinateurs")
    return buy_from_parallels_access_page(portal, pack, details)
