"""The back office shared by the sandbox portal and the device simulator.

One SQLite file holds accounts, computers, subscriptions (web or App Store),
carts, orders and per-account faults. Every public function opens its own
connection, so the portal, the simulator and a second process can share the file.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Iterator

# Pack code -> (French label, months, price in cents). Codes are what APIs carry;
# labels are what a customer reads on the portal.
PACKS: dict[str, tuple[str, int, int]] = {
    "1m": ("1 mois", 1, 499),
    "1y": ("1 an", 12, 1999),
    "2y": ("2 ans", 24, 3499),
}
SOURCES = {"web": "Site web", "app_store": "App Store"}
FAULTS = {"declined_card", "partner_error", "slow_partner", "never_completes", "bank_timeout"}
# "authenticating": waiting for the bank's 3-D Secure challenge; "unauthenticated": refused,
# abandoned or timed out there (nothing charged).
ORDER_STATES = {"authenticating", "processing", "completed", "declined", "failed", "unauthenticated"}
# A card number that the payment-partner stand-in always declines.
DECLINED_CARD = "4000000000000002"

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS computers (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    os TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    pack TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    order_id INTEGER UNIQUE REFERENCES orders(id)
);
CREATE TABLE IF NOT EXISTS carts (
    id TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    pack TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    cart_id TEXT NOT NULL UNIQUE,
    pack TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    charged_cents INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    customer_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS faults (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    fault TEXT NOT NULL,
    delay_ms INTEGER
);
CREATE TABLE IF NOT EXISTS clocks (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    offset_seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_links (
    token TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""


class StoreError(Exception):
    """A business rule refused the operation; the message is French, for the UI."""


@dataclass(frozen=True)
class Subscription:
    pack: str
    source: str
    started_at: dt.datetime
    ends_at: dt.datetime
    order_number: str | None

    @property
    def pack_label(self) -> str:
        return PACKS[self.pack][0]

    @property
    def source_label(self) -> str:
        return SOURCES[self.source]

    def as_dict(self) -> dict:
        return {
            "pack": self.pack,
            "pack_label": self.pack_label,
            "source": self.source,
            "started_at": self.started_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "order_number": self.order_number,
        }


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def precise_now() -> str:
    # Order completion times keep microseconds: the benchmark measures how soon
    # the harness sees a finished order.
    return dt.datetime.now(dt.timezone.utc).isoformat()


def add_months(start: dt.datetime, months: int) -> dt.datetime:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    # Clamp the day for short months (31 January + 1 month -> 28/29 February).
    for day in (start.day, 30, 29, 28):
        with contextlib.suppress(ValueError):
            return start.replace(year=year, month=month, day=day)
    raise AssertionError("unreachable")


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 20_000)
    return f"{salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    salt_hex, _ = stored.split("$", 1)
    return secrets.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


class Store:
    def __init__(self, path: str):
        self.path = path
        with self.connect() as db:
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        try:
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front: two concurrent purchases for one
        # account serialise here instead of both seeing "no active subscription".
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- accounts ---------------------------------------------------------
    def create_account(self, email: str, password: str, first_name: str = "", last_name: str = "",
                       computers: list[tuple[str, str]] | None = None) -> int:
        with self.transaction() as db:
            try:
                cur = db.execute(
                    "INSERT INTO accounts(email, password_hash, first_name, last_name, created_at)"
                    " VALUES (?,?,?,?,?)",
                    (email.lower(), hash_password(password), first_name, last_name, now().isoformat()),
                )
            except sqlite3.IntegrityError:
                raise StoreError(f"Un compte existe déjà pour {email}.") from None
            account_id = cur.lastrowid
            for name, os_name in computers or []:
                db.execute("INSERT INTO computers(account_id, name, os) VALUES (?,?,?)",
                           (account_id, name, os_name))
        return account_id

    def account_by_email(self, email: str) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute("SELECT * FROM accounts WHERE email=?", (email.lower(),)).fetchone()

    def account(self, account_id: int) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute("SELECT * FROM accounts WHERE id=?", (account_id,)).fetchone()

    def authenticate(self, email: str, password: str) -> int | None:
        row = self.account_by_email(email or "")
        if row is None or not check_password(password or "", row["password_hash"]):
            return None
        return row["id"]

    def computers(self, account_id: int) -> list[sqlite3.Row]:
        with self.connect() as db:
            return db.execute("SELECT * FROM computers WHERE account_id=? ORDER BY id",
                              (account_id,)).fetchall()

    # -- sessions ---------------------------------------------------------
    def open_session(self, account_id: int) -> str:
        token = secrets.token_urlsafe(24)
        with self.connect() as db:
            db.execute("INSERT INTO sessions(token, account_id, csrf, created_at) VALUES (?,?,?,?)",
                       (token, account_id, secrets.token_urlsafe(24), now().isoformat()))
        return token

    def sign_in_link(self, account_id: int, valid_s: int = 300) -> str:
        """A one-time link that signs a browser in as `account_id`: what the signed-in app hands the phone's browser."""
        token = secrets.token_urlsafe(24)
        with self.connect() as db:
            db.execute("INSERT INTO sign_in_links(token, account_id, expires_at) VALUES (?,?,?)",
                       (token, account_id, (now() + dt.timedelta(seconds=valid_s)).isoformat()))
        return token

    def use_sign_in_link(self, token: str) -> int | None:
        """The account the link signs in, once: a used or expired link signs in nobody."""
        with self.connect() as db:
            row = db.execute("DELETE FROM sign_in_links WHERE token=? RETURNING account_id, expires_at",
                             (token,)).fetchone()
        if row is None or dt.datetime.fromisoformat(row["expires_at"]) < now():
            return None
        return row["account_id"]

    def session(self, token: str | None) -> sqlite3.Row | None:
        if not token:
            return None
        with self.connect() as db:
            return db.execute("SELECT * FROM sessions WHERE token=?", (token,)).fetchone()

    def close_session(self, token: str) -> None:
        with self.connect() as db:
            db.execute("DELETE FROM sessions WHERE token=?", (token,))

    # -- the account's clock ----------------------------------------------
    def account_now(self, account_id: int, db: sqlite3.Connection | None = None) -> dt.datetime:
        """Now, for this account: real time moved forward by the account's test clock (as Stripe's test
        clocks are attached to customers), so that moving one account's time leaves the others alone."""
        query = "SELECT offset_seconds FROM clocks WHERE account_id=?"
        if db is None:
            with self.connect() as own:
                row = own.execute(query, (account_id,)).fetchone()
        else:
            row = db.execute(query, (account_id,)).fetchone()
        return now() + dt.timedelta(seconds=int(row[0]) if row else 0)

    def set_account_now(self, account_id: int, moment: dt.datetime, db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO clocks(account_id, offset_seconds) VALUES (?, ?) ON CONFLICT(account_id)"
                   " DO UPDATE SET offset_seconds=excluded.offset_seconds",
                   (account_id, round((moment - now()).total_seconds())))

    # -- subscriptions ----------------------------------------------------
    def active_subscription(self, account_id: int, db: sqlite3.Connection | None = None) -> Subscription | None:
        query = ("SELECT s.*, o.number AS order_number FROM subscriptions s"
                 " LEFT JOIN orders o ON o.id = s.order_id"
                 " WHERE s.account_id=? AND s.ends_at > ? ORDER BY s.ends_at DESC LIMIT 1")
        if db is None:
            with self.connect() as own:
                row = own.execute(query, (account_id, self.account_now(account_id, own).isoformat())).fetchone()
        else:
            row = db.execute(query, (account_id, self.account_now(account_id, db).isoformat())).fetchone()
        if row is None:
            return None
        return Subscription(row["pack"], row["source"], dt.datetime.fromisoformat(row["started_at"]),
                            dt.datetime.fromisoformat(row["ends_at"]), row["order_number"])

    def grant_subscription(self, account_id: int, pack: str, source: str,
                           order_id: int | None = None, db: sqlite3.Connection | None = None) -> None:
        if pack not in PACKS:
            raise StoreError(f"Pack inconnu : {pack}.")
        if source not in SOURCES:
            raise StoreError(f"Origine inconnue : {source}.")
        months = PACKS[pack][1]
        if db is None:
            with self.transaction() as own:
                self._insert_subscription(own, account_id, pack, source, self.account_now(account_id, own), months,
                                          order_id)
        else:
            self._insert_subscription(db, account_id, pack, source, self.account_now(account_id, db), months, order_id)

    def _insert_subscription(self, db, account_id, pack, source, start, months, order_id) -> None:
        if self.active_subscription(account_id, db) is not None:
            raise StoreError("Ce compte a déjà un abonnement actif.")
        db.execute("INSERT INTO subscriptions(account_id, pack, source, started_at, ends_at, order_id)"
                   " VALUES (?,?,?,?,?,?)",
                   (account_id, pack, source, start.isoformat(), add_months(start, months).isoformat(),
                    order_id))

    def buy_in_app_store(self, account_id: int, pack: str) -> None:
        """An App Store purchase made from the iOS app: Apple charges, Parallels only records it."""
        self.grant_subscription(account_id, pack, "app_store")

    # -- carts and orders -------------------------------------------------
    def create_cart(self, account_id: int, pack: str) -> str:
        if pack not in PACKS:
            raise StoreError("Choisissez un pack d'abonnement : 1 mois, 1 an ou 2 ans.")
        if self.active_subscription(account_id) is not None:
            raise StoreError("Votre compte a déjà un abonnement actif.")
        cart_id = secrets.token_urlsafe(12)
        with self.connect() as db:
            db.execute("INSERT INTO carts(id, account_id, pack, created_at) VALUES (?,?,?,?)",
                       (cart_id, account_id, pack, now().isoformat()))
        return cart_id

    def cart(self, cart_id: str, account_id: int) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute("SELECT * FROM carts WHERE id=? AND account_id=?",
                              (cart_id, account_id)).fetchone()

    def place_order(self, cart_id: str, account_id: int, customer_json: str,
                    amount_cents: int, status: str = "processing") -> tuple[sqlite3.Row, bool]:
        """Create the order of a cart once. Returns (order, created): a resubmitted cart
        returns the order it already has, so a double click never makes two orders."""
        with self.transaction() as db:
            existing = db.execute("SELECT * FROM orders WHERE cart_id=?", (cart_id,)).fetchone()
            if existing is not None:
                if existing["account_id"] != account_id:
                    raise StoreError("Panier introuvable.")
                return existing, False
            cart = db.execute("SELECT * FROM carts WHERE id=? AND account_id=?",
                              (cart_id, account_id)).fetchone()
            if cart is None:
                raise StoreError("Panier introuvable.")
            if self.active_subscription(account_id, db) is not None:
                raise StoreError("Votre compte a déjà un abonnement actif.")
            number = "PA-" + secrets.token_hex(4).upper()
            db.execute("INSERT INTO orders(number, account_id, cart_id, pack, amount_cents, status,"
                       " customer_json, created_at) VALUES (?,?,?,?,?,?,?,?)",
                       (number, account_id, cart_id, cart["pack"], amount_cents, status,
                        customer_json, now().isoformat()))
            order = db.execute("SELECT * FROM orders WHERE number=?", (number,)).fetchone()
        return order, True

    def order(self, number: str, account_id: int | None = None) -> sqlite3.Row | None:
        with self.connect() as db:
            row = db.execute("SELECT * FROM orders WHERE number=?", (number,)).fetchone()
        if row is None or (account_id is not None and row["account_id"] != account_id):
            return None
        return row

    def orders(self, account_id: int) -> list[sqlite3.Row]:
        with self.connect() as db:
            return db.execute("SELECT * FROM orders WHERE account_id=? ORDER BY id",
                              (account_id,)).fetchall()

    def complete_order(self, number: str, charged_cents: int) -> None:
        """The partner charged the card: record the charge and activate the subscription,
        in one transaction and only once."""
        with self.transaction() as db:
            order = db.execute("SELECT * FROM orders WHERE number=?", (number,)).fetchone()
            if order is None or order["status"] != "processing":
                return
            db.execute("UPDATE orders SET status='completed', charged_cents=?, finished_at=? WHERE id=?",
                       (charged_cents, precise_now(), order["id"]))
            self._insert_subscription(db, order["account_id"], order["pack"], "web",
                                      self.account_now(order["account_id"], db), PACKS[order["pack"]][1], order["id"])

    def fail_order(self, number: str, status: str) -> None:
        assert status in {"declined", "failed", "unauthenticated"}
        with self.connect() as db:
            db.execute("UPDATE orders SET status=?, finished_at=? WHERE number=?"
                       " AND status IN ('processing', 'authenticating')", (status, precise_now(), number))

    def start_processing(self, number: str) -> bool:
        """The bank authenticated the payment: the order goes to the payment partner, once."""
        with self.connect() as db:
            cur = db.execute("UPDATE orders SET status='processing' WHERE number=? AND status='authenticating'",
                             (number,))
        return cur.rowcount == 1

    # -- faults -----------------------------------------------------------
    def set_fault(self, account_id: int, fault: str | None, delay_ms: int | None = None) -> None:
        if fault is not None and fault not in FAULTS:
            raise StoreError(f"Panne inconnue : {fault}. Pannes possibles : {', '.join(sorted(FAULTS))}.")
        with self.connect() as db:
            db.execute("DELETE FROM faults WHERE account_id=?", (account_id,))
            if fault:
                db.execute("INSERT INTO faults(account_id, fault, delay_ms) VALUES (?,?,?)",
                           (account_id, fault, delay_ms))

    def fault(self, account_id: int) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute("SELECT * FROM faults WHERE account_id=?", (account_id,)).fetchone()

    def delete_account(self, account_id: int) -> None:
        """The account and all it owns (clean-up at the end of a test run)."""
        with self.transaction() as db:
            for table in ("sessions", "sign_in_links", "faults", "subscriptions", "orders", "carts", "computers"):
                db.execute(f"DELETE FROM {table} WHERE account_id=?", (account_id,))
            db.execute("DELETE FROM accounts WHERE id=?", (account_id,))

    def account_emails(self) -> list[str]:
        with self.connect() as db:
            return [row["email"] for row in db.execute("SELECT email FROM accounts ORDER BY id")]

    def state(self, account_id: int) -> dict:
        account = self.account(account_id)
        sub = self.active_subscription(account_id)
        return {
            "email": account["email"],
            "computers": [{"name": c["name"], "os": c["os"]} for c in self.computers(account_id)],
            "subscription": sub.as_dict() if sub else None,
            "orders": [
                {"number": o["number"], "pack": o["pack"], "status": o["status"],
                 "amount_cents": o["amount_cents"], "charged_cents": o["charged_cents"],
                 "finished_at": o["finished_at"]}
                for o in self.orders(account_id)
            ],
        }
