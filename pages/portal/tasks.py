"""Business tasks on top of the page objects: what a customer does in several pages."""
from __future__ import annotations

from pages.portal import Portal


def go_to_customer_details(portal: Portal, pack: str) -> None:
    """From the Parallels Access page to the customer details of a cart holding `pack`."""
    portal.parallels_access.open("Ordinateurs")
    portal.parallels_access.start_purchase()
    portal.cart.choose_pack(pack)
    portal.cart.continue_()
    portal.details.heading.wait_for()


def buy_subscription(portal: Portal, pack: str, details: dict[str, str]) -> str:
    """Buy `pack` and return the order number; the order may still be processing."""
    go_to_customer_details(portal, pack)
    portal.details.fill(details)
    portal.details.submit()
    portal.order.heading.wait_for()
    return portal.order.number_from_url()
