"""Time moving for one account: subscriptions end, renew or expire as their pack says.

The test-data API advances an account's clock (POST /accounts/{email}/clock), as Stripe's test clocks
advance the customers attached to them; what falls due meanwhile happens at its due time:
- a subscription bought on the web renews at its end date for the same pack: the partner charges the
  card again and a new order appears in « Commandes »; if the bank declines the renewal (fault
  `declined_card` on the account), the order is refused and the subscription expires;
- an App Store subscription is Apple's: its renewal is the store's decision (auto-renew on, as Apple
  defaults it, unless the customer turned it off), with no Parallels order.
"""
from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from dataclasses import dataclass

from sandbox.store import PACKS, Store, StoreError, add_months, precise_now

SCHEMA = """
CREATE TABLE IF NOT EXISTS app_store_auto_renew (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    enabled INTEGER NOT NULL
);
"""
RENEWAL_CART_PREFIX = "renouvellement-"
# Advancing further than this in one call is almost certainly a mistake in a scenario.
MAX_MONTHS = 60


@dataclass
class Event:
    at: dt.datetime
    what: str  # "renewed" | "renewal_declined" | "expired"
    pack: str
    source: str
    order_number: str | None = None

    def as_dict(self) -> dict:
        return {"at": self.at.isoformat(), "event": self.what, "pack": self.pack, "source": self.source,
                "order_number": self.order_number}


class Renewals:
    def __init__(self, store: Store, mutations: set[str] | frozenset = frozenset()):
        self.store = store
        self.mutations = mutations
        with store.connect() as db:
            db.executescript(SCHEMA)

    def set_app_store_auto_renew(self, account_id: int, enabled: bool) -> None:
        """What the customer sets in the App Store (Réglages > Abonnements), as the store reports it."""
        with self.store.connect() as db:
            db.execute("INSERT INTO app_store_auto_renew(account_id, enabled) VALUES (?, ?) ON CONFLICT(account_id)"
                       " DO UPDATE SET enabled=excluded.enabled", (account_id, int(enabled)))

    def _app_store_renews(self, db: sqlite3.Connection, account_id: int) -> bool:
        row = db.execute("SELECT enabled FROM app_store_auto_renew WHERE account_id=?", (account_id,)).fetchone()
        return True if row is None else bool(row[0])

    def advance(self, account_id: int, months: int = 0, days: int = 0) -> tuple[dt.datetime, list[Event]]:
        if months < 0 or days < 0 or (months == 0 and days == 0):
            raise StoreError("Le temps ne fait qu'avancer : indiquez un nombre positif de mois ou de jours.")
        if months + days / 30 > MAX_MONTHS:
            raise StoreError(f"Avance limitée à {MAX_MONTHS} mois par appel.")
        events: list[Event] = []
        with self.store.transaction() as db:
            target = add_months(self.store.account_now(account_id, db), months) + dt.timedelta(days=days)
            while True:
                current = db.execute("SELECT * FROM subscriptions WHERE account_id=? ORDER BY ends_at DESC LIMIT 1",
                                     (account_id,)).fetchone()
                if current is None:
                    break
                ends = dt.datetime.fromisoformat(current["ends_at"])
                if ends > target or self._handled(db, current):
                    break
                self.store.set_account_now(account_id, ends, db)  # what falls due happens at its due time
                events.append(self._renew_or_expire(db, current, ends))
                if events[-1].what != "renewed":
                    break
            self.store.set_account_now(account_id, target, db)
        return target, events

    def _handled(self, db: sqlite3.Connection, subscription: sqlite3.Row) -> bool:
        """A subscription whose renewal was already tried (declined) stays expired."""
        return db.execute("SELECT 1 FROM orders WHERE cart_id=?",
                          (f"{RENEWAL_CART_PREFIX}{subscription['id']}",)).fetchone() is not None

    def _renew_or_expire(self, db: sqlite3.Connection, sub: sqlite3.Row, ends: dt.datetime) -> Event:
        account_id, pack, months = sub["account_id"], sub["pack"], PACKS[sub["pack"]][1]
        if sub["source"] == "app_store":
            if not self._app_store_renews(db, account_id):
                return Event(ends, "expired", pack, "app_store")
            self._new_period(db, sub, ends, months, None)
            return Event(ends, "renewed", pack, "app_store")
        fault = db.execute("SELECT fault FROM faults WHERE account_id=?", (account_id,)).fetchone()
        declined = fault is not None and fault["fault"] == "declined_card"
        previous = db.execute("SELECT customer_json FROM orders WHERE id=?", (sub["order_id"],)).fetchone()
        number = "PA-" + secrets.token_hex(4).upper()
        amount = PACKS["1m" if "renewal_at_monthly_price" in self.mutations else pack][2]
        db.execute("INSERT INTO orders(number, account_id, cart_id, pack, amount_cents, charged_cents, status,"
                   " customer_json, created_at, finished_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (number, account_id, f"{RENEWAL_CART_PREFIX}{sub['id']}", pack, amount,
                    0 if declined else amount, "declined" if declined else "completed",
                    previous["customer_json"] if previous else json.dumps({}), ends.isoformat(), precise_now()))
        if declined and "declined_renewal_keeps_subscription" not in self.mutations:
            return Event(ends, "renewal_declined", pack, "web", number)
        order_id = db.execute("SELECT id FROM orders WHERE number=?", (number,)).fetchone()["id"]
        self._new_period(db, sub, ends, months, order_id)
        return Event(ends, "renewed", pack, "web", number)

    @staticmethod
    def _new_period(db: sqlite3.Connection, sub: sqlite3.Row, start: dt.datetime, months: int,
                    order_id: int | None) -> None:
        db.execute("INSERT INTO subscriptions(account_id, pack, source, started_at, ends_at, order_id)"
                   " VALUES (?,?,?,?,?,?)", (sub["account_id"], sub["pack"], sub["source"], start.isoformat(),
                                             add_months(start, months).isoformat(), order_id))

    def last_failed_renewal(self, account_id: int) -> dict | None:
        """The declined renewal that ended the account's last subscription, if that is what happened."""
        if self.store.active_subscription(account_id) is not None:
            return None
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM orders WHERE account_id=? ORDER BY id DESC LIMIT 1",
                             (account_id,)).fetchone()
        if row is None or not row["cart_id"].startswith(RENEWAL_CART_PREFIX) or row["status"] != "declined":
            return None
        return {"pack_label": PACKS[row["pack"]][0], "at": dt.datetime.fromisoformat(row["created_at"])}
