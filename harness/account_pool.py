"""A pool of pre-provisioned accounts for a target without test-data API, leased per worker.

Given in the environment (`PA_ACCOUNT_POOL`, the accounts themselves) or in a secrets file
(`PA_ACCOUNT_POOL_FILE`, its path): one account per line, « e-mail mot-de-passe », blank lines
and lines starting with # ignored. pytest-xdist worker k of n takes lines k, k+n, k+2n...: two
workers never share an account, and each scenario takes the next one of its worker.
"""
from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass

from harness.profile_files import ProfileError

POOL_VARIABLE, POOL_FILE_VARIABLE = "PA_ACCOUNT_POOL", "PA_ACCOUNT_POOL_FILE"


@dataclass(frozen=True)
class PooledAccount:
    email: str
    password: str

    def __repr__(self) -> str:  # never show the password
        return f"PooledAccount({self.email!r})"


def read_pool(environ: dict | None = None) -> list[PooledAccount]:
    """The pool, or [] when none is given. A malformed line is refused with its number (never its text)."""
    environ = os.environ if environ is None else environ
    if environ.get(POOL_FILE_VARIABLE):
        path = pathlib.Path(environ[POOL_FILE_VARIABLE])
        try:
            text, where = path.read_text(encoding="utf-8"), f"le fichier {path}"
        except OSError as exc:
            raise ProfileError(
                f"Réserve de comptes illisible ({POOL_FILE_VARIABLE}={path}) : {exc.strerror}.") from None
    else:
        text, where = environ.get(POOL_VARIABLE, ""), f"la variable {POOL_VARIABLE}"
    pool = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        email, _, password = line.partition(" ")
        if "@" not in email or not password.strip():
            raise ProfileError(f"Réserve de comptes, {where}, ligne {number} : attendu « e-mail mot-de-passe » "
                               "(séparés par une espace).")
        pool.append(PooledAccount(email.lower(), password.strip()))
    emails = [a.email for a in pool]
    if len(set(emails)) != len(emails):
        raise ProfileError(f"Réserve de comptes, {where} : une adresse y figure deux fois.")
    return pool


class Lease:
    """The accounts of one worker, handed out one per request, never twice."""

    def __init__(self, pool: list[PooledAccount], worker: int, workers: int):
        self.accounts = pool[worker::workers]
        self.worker, self.workers, self.size = worker, workers, len(pool)
        self._next = 0

    def take(self) -> PooledAccount:
        if self._next >= len(self.accounts):
            raise ProfileError(
                f"Réserve de comptes épuisée : ce processus (n° {self.worker + 1} sur {self.workers}) a utilisé ses "
                f"{len(self.accounts)} compte(s) sur {self.size}. Chaque scénario prend un compte neuf : ajoutez des "
                f"comptes à la réserve ({POOL_FILE_VARIABLE}), ou laissez la suite en créer par la page "
                "« Créer un compte » (sans réserve).")
        account = self.accounts[self._next]
        self._next += 1
        return account
