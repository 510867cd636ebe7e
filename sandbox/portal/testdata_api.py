"""Test-data API of the sandbox only: create accounts, read their state, reset, switch faults.

Every call needs `Authorization: Bearer <PA_SANDBOX_TOKEN>`.
"""
from __future__ import annotations

import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sandbox.config import SandboxConfig
from sandbox.issuer.authentications import Authentications
from sandbox.renewals import Renewals
from sandbox.store import FAULTS, PACKS, SOURCES, Store, StoreError


def routes(store: Store, config: SandboxConfig) -> list[Route]:
    renewals = Renewals(store, config.mutations)

    def authorise(request: Request) -> None:
        header = request.headers.get("authorization", "")
        if not secrets.compare_digest(header.encode(), f"Bearer {config.token}".encode()):
            raise HTTPException(401, "Jeton de l'API de test absent ou invalide (en-tête Authorization: Bearer).")

    async def body(request: Request) -> dict:
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(400, "Corps JSON invalide.") from None
        if not isinstance(data, dict):
            raise HTTPException(400, "Le corps doit être un objet JSON.")
        return data

    def account_id(email: str) -> int:
        row = store.account_by_email(email)
        if row is None:
            raise HTTPException(404, f"Compte inconnu : {email}.")
        return row["id"]

    async def create_account(request: Request):
        authorise(request)
        data = await body(request)
        for key in ("email", "password"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise HTTPException(400, f"Champ obligatoire manquant : {key}.")
        computers = data.get("computers", [])
        if not isinstance(computers, list) or not all(isinstance(c, dict) and c.get("name") for c in computers):
            raise HTTPException(400, "computers : une liste d'objets {name, os}.")
        subscription = data.get("subscription")
        if subscription is not None:
            if subscription.get("pack") not in PACKS or subscription.get("source", "web") not in SOURCES:
                raise HTTPException(400, f"subscription : pack parmi {sorted(PACKS)}, source parmi {sorted(SOURCES)}.")
        try:
            new_id = store.create_account(data["email"], data["password"], data.get("first_name", ""),
                                          data.get("last_name", ""),
                                          [(c["name"], c.get("os", "macOS")) for c in computers])
        except StoreError as exc:
            raise HTTPException(409, str(exc)) from None
        if subscription is not None:
            store.grant_subscription(new_id, subscription["pack"], subscription.get("source", "web"))
        return JSONResponse(store.state(new_id), status_code=201)

    async def account_state(request: Request):
        authorise(request)
        return JSONResponse(store.state(account_id(request.path_params["email"])))

    async def open_session(request: Request):
        """A signed-in session for an account, so scenarios not about signing in skip the form."""
        authorise(request)
        token = store.open_session(account_id(request.path_params["email"]))
        return JSONResponse({"cookie": {"name": "pa_session", "value": token}, "token": token})

    async def set_fault(request: Request):
        authorise(request)
        data = await body(request)
        fault = data.get("fault")
        if fault is not None and fault not in FAULTS:
            raise HTTPException(400, f"Panne inconnue : {fault}. Pannes possibles : {', '.join(sorted(FAULTS))}.")
        store.set_fault(account_id(request.path_params["email"]), fault, data.get("delay_ms"))
        return JSONResponse({"fault": fault})

    async def last_authentication(request: Request):
        """The bank's last 3-D Secure challenge for an account, with the one-time code that a real
        bank would send by SMS: the test data a tester reads to answer the challenge."""
        authorise(request)
        row = Authentications(store, config.challenge_timeout).latest(account_id(request.path_params["email"]))
        if row is None:
            raise HTTPException(404, "Aucune authentification 3-D Secure pour ce compte.")
        return JSONResponse({"order_number": row["order_number"], "status": row["status"], "code": row["code"],
                             "amount_cents": row["amount_cents"], "expires_at": row["expires_at"]})

    async def clock(request: Request):
        """The account's test clock: GET reads its « now », POST {"months": m, "days": d} moves it forward and
        runs what falls due meanwhile (renewals, expiries); the answer lists those events."""
        authorise(request)
        owner = account_id(request.path_params["email"])
        if request.method == "GET":
            return JSONResponse({"now": store.account_now(owner).isoformat()})
        data = await body(request)
        months, days = data.get("months", 0), data.get("days", 0)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (months, days)):
            raise HTTPException(400, "months et days : des nombres entiers (mois et jours à avancer).")
        try:
            moment, events = renewals.advance(owner, months, days)
        except StoreError as exc:
            raise HTTPException(400, str(exc)) from None
        return JSONResponse({"now": moment.isoformat(), "events": [e.as_dict() for e in events]})

    async def app_store(request: Request):
        """What the App Store reports for the account's subscription: auto-renewal on or off."""
        authorise(request)
        data = await body(request)
        if not isinstance(data.get("auto_renew"), bool):
            raise HTTPException(400, "auto_renew : true ou false (renouvellement automatique dans l'App Store).")
        renewals.set_app_store_auto_renew(account_id(request.path_params["email"]), data["auto_renew"])
        return JSONResponse({"auto_renew": data["auto_renew"]})

    async def reset(request: Request):
        authorise(request)
        store.reset()
        return JSONResponse({"reset": True})

    async def info(request: Request):
        authorise(request)
        return JSONResponse({"packs": {k: {"label": v[0], "months": v[1], "price_cents": v[2]}
                                       for k, v in PACKS.items()},
                             "faults": sorted(FAULTS), "mutations": sorted(config.mutations),
                             "partner_delay": config.partner_delay})

    return [
        Route("/", info),
        Route("/accounts", create_account, methods=["POST"]),
        Route("/accounts/{email}", account_state),
        Route("/accounts/{email}/session", open_session, methods=["POST"]),
        Route("/accounts/{email}/fault", set_fault, methods=["POST"]),
        Route("/accounts/{email}/authentication", last_authentication),
        Route("/accounts/{email}/clock", clock, methods=["GET", "POST"]),
        Route("/accounts/{email}/app-store", app_store, methods=["POST"]),
        Route("/reset", reset, methods=["POST"]),
    ]
