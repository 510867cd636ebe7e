"""A pool of pre-provisioned accounts for a target without test-data API, leased per worker.

Given in the environment (`PA_ACCOUNT_POOL`, the accounts themselves) or in a secrets file
(`PA_ACCOUNT_POOL_FILE`, its path): one account per line, « e-mail mot-de-passe », blank lines
and lines starting with # ignored. An account on which the staging team installed the Parallels Access
agent (the only way a real account gets computers) lists them after « | », separated by commas:
« e-mail mot-de-passe | MacBook Pro du labo, PC de recette ». Each kind (with computers, without) is
shared out apart: pytest-xdist worker k of n takes its accounts k, k+n, k+2n...; two workers never
share an account, and each scenario takes the next one of its worker: one with computers when it
needs them (tag @pilote_ordinateurs), one without when there is one left otherwise.
"""
from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass

from harness.profile_files import ProfileError

POOL_VARIABLE, POOL_FILE_VARIABLE = "PA_ACCOUNT_POOL", "PA_ACCOUNT_POOL_FILE"
COMPUTERS_SEPARATOR = " | "


@dataclass(frozen=True)
class PooledAccount:
    email: str
    password: str
    computers: tuple[str, ...] = ()  # names as the portal lists them

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
        except UnicodeDecodeError as exc:
            line = text_line(path.read_bytes(), exc.start)
            raise ProfileError(
                f"Réserve de comptes illisible ({POOL_FILE_VARIABLE}={path}) : ligne {line}, octets qui ne sont pas "
                "de l'UTF-8. Enregistrez le fichier en UTF-8 (par exemple : iconv -f latin1 -t utf-8).") from None
    else:
        text, where = environ.get(POOL_VARIABLE, ""), f"la variable {POOL_VARIABLE}"
    pool = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        email, _, rest = line.partition(" ")
        password, bar, names = f"{rest} ".rpartition(COMPUTERS_SEPARATOR)
        if not bar:
            password, names = rest, ""
        computers = tuple(n.strip() for n in names.split(",") if n.strip())
        if "@" not in email or not password.strip() or (bar and not computers):
            raise ProfileError(f"Réserve de comptes, {where}, ligne {number} : attendu « e-mail mot-de-passe », "
                               "séparés par une espace, suivis pour un compte qui a des ordinateurs de "
                               "« | ordinateur 1, ordinateur 2 ».")
        pool.append(PooledAccount(email.lower(), password.strip(), computers))
    emails = [a.email for a in pool]
    if len(set(emails)) != len(emails):
        raise ProfileError(f"Réserve de comptes, {where} : une adresse y figure deux fois.")
    return pool


def text_line(data: bytes, offset: int) -> int:
    """Line number (from 1) of byte `offset`: where a bad byte is, without showing it (it may be a password's)."""
    return data.count(b"\n", 0, offset) + 1


class Lease:
    """The accounts of one worker, handed out one per request, never twice."""

    def __init__(self, pool: list[PooledAccount], worker: int, workers: int):
        # Each kind shared out apart, so that every worker gets its part of the accounts with computers.
        plain, equipped = [a for a in pool if not a.computers], [a for a in pool if a.computers]
        self.accounts = plain[worker::workers] + equipped[worker::workers]
        self.worker, self.workers, self.size = worker, workers, len(pool)
        self._left = list(self.accounts)

    def take(self, computers: int = 0) -> PooledAccount:
        """The next account; with `computers`, one that has at least that many. Without, one without computers
        while there is one left (those with computers are kept for the scenarios that need them)."""
        if computers:
            fitting = [a for a in self._left if len(a.computers) >= computers]
        else:
            fitting = [a for a in self._left if not a.computers] or self._left
        if not fitting:
            raise ProfileError(self._exhausted(computers))
        account = fitting[0]
        self._left.remove(account)
        return account

    def _exhausted(self, computers: int) -> str:
        who = f"ce processus (n° {self.worker + 1} sur {self.workers})"
        if computers:
            had = sum(len(a.computers) >= computers for a in self.accounts)
            return (f"Réserve de comptes : {who} n'a plus de compte doté d'au moins {computers} ordinateur(s) ; il en "
                    f"a reçu {had}. Le scénario en demande un (tag @pilote_ordinateurs) : ajoutez à la réserve "
                    f"({POOL_FILE_VARIABLE}) des comptes où l'agent Parallels Access est installé, leurs ordinateurs "
                    "après « | » (« e-mail mot-de-passe | ordinateur 1, ordinateur 2 »).")
        return (f"Réserve de comptes épuisée : {who} a utilisé ses {len(self.accounts)} compte(s) sur {self.size}. "
                f"Chaque scénario prend un compte neuf : ajoutez des comptes à la réserve ({POOL_FILE_VARIABLE}), ou "
                "laissez la suite en créer par la page « Créer un compte » (sans réserve).")
