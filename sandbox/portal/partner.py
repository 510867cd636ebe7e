"""Stand-in for the order-processing partner (Cleverbridge): it answers asynchronously."""
from __future__ import annotations

import asyncio
import json
import logging

from sandbox.config import SandboxConfig
from sandbox.issuer.cards import DECLINED_AFTER_AUTHENTICATION
from sandbox.store import DECLINED_CARD, PACKS, Store

log = logging.getLogger("sandbox.partner")


class PaymentPartner:
    def __init__(self, store: Store, config: SandboxConfig):
        self.store = store
        self.config = config
        self._tasks: set[asyncio.Task] = set()
        self._glitch_pending = "first_order_fails" in config.mutations

    def submit(self, order_number: str) -> None:
        task = asyncio.get_running_loop().create_task(self._process(order_number))
        self._tasks.add(task)  # keep a reference until done, or the task may be collected
        task.add_done_callback(self._tasks.discard)

    async def _process(self, number: str) -> None:
        order = self.store.order(number)
        fault = self.store.fault(order["account_id"])
        fault_name = fault["fault"] if fault else None
        delay = self.config.partner_delay
        if fault_name == "slow_partner":
            delay = (fault["delay_ms"] / 1000) if fault["delay_ms"] else self.config.slow_partner_delay
        if fault_name == "never_completes" or "order_never_completes" in self.config.mutations:
            return
        await asyncio.sleep(delay)
        card = json.loads(order["customer_json"])["card_number"]
        declined = fault_name == "declined_card" or card in (DECLINED_CARD, *DECLINED_AFTER_AUTHENTICATION)
        if declined and "declined_card_activates" not in self.config.mutations:
            self.store.fail_order(number, "declined")
            return
        if fault_name == "partner_error" or self._glitch_pending:
            self._glitch_pending = False
            self.store.fail_order(number, "failed")
            return
        amount = order["amount_cents"]
        if order["pack"] == "2y" and "two_years_charged_as_one" in self.config.mutations:
            amount = PACKS["1y"][2]
        try:
            self.store.complete_order(number, amount)
        except Exception:  # a second active subscription is refused by the store
            log.exception("order %s could not complete", number)
            self.store.fail_order(number, "failed")
