"""3-D Secure authentication records, in the back-office database shared with the portal.

The issuer writes the outcome of a challenge; the merchant's side (the portal) reads it, as a
3-D Secure server learns the result from the issuer's server-to-server message (EMV 3DS RReq).
"""
from __future__ import annotations

import datetime as dt
import secrets
import sqlite3

from sandbox import store as store_module
from sandbox.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS authentications (
    id TEXT PRIMARY KEY,
    order_number TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    card_last4 TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    code TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""
PENDING, AUTHENTICATED, REFUSED, ABANDONED, TIMED_OUT = "pending", "authenticated", "refused", "abandoned", "timed_out"
# Wrong one-time codes allowed before the issuer refuses the payment, as banks do.
MAX_ATTEMPTS = 3


class Authentications:
    def __init__(self, store: Store, timeout_s: float, accepts_any_code_after_a_wrong_one: bool = False):
        self.accepts_any_code_after_a_wrong_one = accepts_any_code_after_a_wrong_one  # a regression, on purpose
        self.store = store
        self.timeout = dt.timedelta(seconds=timeout_s)
        with store.connect() as db:
            db.executescript(SCHEMA)

    def open(self, order_number: str, account_id: int, card_number: str, amount_cents: int,
             status: str = PENDING, timeout_s: float | None = None) -> str:
        transaction_id = secrets.token_urlsafe(16)
        start = store_module.now()
        with self.store.connect() as db:
            db.execute("INSERT INTO authentications(id, order_number, account_id, card_last4, amount_cents, code,"
                       " status, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)",
                       (transaction_id, order_number, account_id, card_number[-4:], amount_cents,
                        f"{secrets.randbelow(10**6):06d}", status, start.isoformat(),
                        (start + (self.timeout if timeout_s is None else dt.timedelta(seconds=timeout_s))).isoformat()))
        return transaction_id

    def get(self, transaction_id: str) -> sqlite3.Row | None:
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM authentications WHERE id=?", (transaction_id,)).fetchone()
        return self._expire(row)

    def of_order(self, order_number: str) -> sqlite3.Row | None:
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM authentications WHERE order_number=?", (order_number,)).fetchone()
        return self._expire(row)

    def latest(self, account_id: int) -> sqlite3.Row | None:
        with self.store.connect() as db:
            row = db.execute("SELECT * FROM authentications WHERE account_id=? ORDER BY created_at DESC, rowid DESC"
                             " LIMIT 1", (account_id,)).fetchone()
        return self._expire(row)

    def _expire(self, row: sqlite3.Row | None) -> sqlite3.Row | None:
        """A challenge left unanswered past its deadline is over: the issuer times it out."""
        if row is None or row["status"] != PENDING:
            return row
        if store_module.now() < dt.datetime.fromisoformat(row["expires_at"]):
            return row
        self._finish(row["id"], TIMED_OUT)
        with self.store.connect() as db:
            return db.execute("SELECT * FROM authentications WHERE id=?", (row["id"],)).fetchone()

    def _finish(self, transaction_id: str, status: str) -> bool:
        with self.store.connect() as db:
            cur = db.execute("UPDATE authentications SET status=? WHERE id=? AND status=?",
                             (status, transaction_id, PENDING))
        return cur.rowcount == 1

    def answer(self, transaction_id: str, action: str, code: str = "") -> str:
        """The cardholder's answer in the challenge: 'confirm' (with the code), 'refuse' or 'cancel'.
        Returns the status after it; a wrong code leaves the challenge pending until MAX_ATTEMPTS."""
        row = self.get(transaction_id)
        if row is None or row["status"] != PENDING:
            return row["status"] if row else REFUSED
        if action == "refuse":
            self._finish(transaction_id, REFUSED)
        elif action == "cancel":
            self._finish(transaction_id, ABANDONED)
        elif secrets.compare_digest(code.strip(), row["code"]) or (self.accepts_any_code_after_a_wrong_one
                                                                   and row["attempts"] > 0):
            self._finish(transaction_id, AUTHENTICATED)
        else:
            with self.store.connect() as db:
                db.execute("UPDATE authentications SET attempts=attempts+1 WHERE id=?", (transaction_id,))
            if row["attempts"] + 1 >= MAX_ATTEMPTS:
                self._finish(transaction_id, REFUSED)
        return self.get(transaction_id)["status"]

    def abandon(self, order_number: str) -> None:
        row = self.of_order(order_number)
        if row is not None:
            self._finish(row["id"], ABANDONED)
