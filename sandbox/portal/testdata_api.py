"""Test-data API of the sandbox: the contract of docs/api-donnees-de-test/openapi.yaml.

Every request is checked against that file (sandbox/portal/contract.py) before it reaches the
store, so what the sandbox accepts is what the contract documents. Every call needs
`Authorization: Bearer <PA_SANDBOX_TOKEN>`. In sealed mode (`--sealed`) none of this is mounted.
"""
from __future__ import annotations

import json
import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sandbox.config import SandboxConfig
from sandbox.issuer.authentications import Authentications
from sandbox.portal.contract import request_error
from sandbox.renewals import Renewals
from sandbox.store import FAULTS, PACKS, Store, StoreError


def has_nul(value) -> bool:
    """A NUL anywhere in a JSON value (keys included); the depth is bounded by the JSON parser already."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def routes(store: Store, config: SandboxConfig) -> list[Route]:
    renewals = Renewals(store, config.mutations)
    def authorise(request: Request) -> None:
        header = request.headers.get("authorization", "")
        if not secrets.compare_digest(header.encode(), f"Bearer {config.token}".encode()):
            raise HTTPException(401, "Jeton de l'API de test absent ou invalide (en-tête Authorization: Bearer).")

    async def checked(request: Request, operation_id: str, with_body: bool = False):
        """Authorise, then validate the e-mail of the path and the JSON body against the contract."""
        authorise(request)
        data = None
        if with_body:
            raw = await request.body()
            try:
                data = json.loads(raw)
            except (ValueError, RecursionError):
                # RecursionError: JSON nested deeper than the parser's stack allows.
                raise HTTPException(400, "Corps JSON invalide (ou imbriqué trop profondément) : "
                                         "envoyez un objet JSON, Content-Type: application/json.") from None
        if has_nul(data) or "\x00" in request.path_params.get("email", ""):
            raise HTTPException(400, "Caractère nul (U+0000) refusé dans un identifiant ou un texte : "
                                     "envoyez du texte ordinaire.")
        problem = request_error(operation_id, data, request.path_params.get("email"))
        if problem:
            raise HTTPException(400, problem)
        return data

    def account_id(email: str) -> int:
        row = store.account_by_email(email)
        if row is None:
            raise HTTPException(404, f"Compte inconnu : {email}.")
        return row["id"]

    async def describe(request: Request):
        await checked(request, "describe")
        return JSONResponse({"packs": {k: {"label": v[0], "months": v[1], "price_cents": v[2]}
                                       for k, v in PACKS.items()},
                             "faults": sorted(FAULTS), "mutations": sorted(config.mutations),
                             "partner_delay": config.partner_delay})

    async def create_account(request: Request):
        data = await checked(request, "createAccount", with_body=True)
        computers = [(c["name"], c.get("os", "macOS")) for c in data.get("computers", [])]
        try:
            new_id = store.create_account(data["email"], data["password"], data.get("first_name", ""),
                                          data.get("last_name", ""), computers)
        except StoreError as exc:
            raise HTTPException(409, str(exc)) from None
        subscription = data.get("subscription")
        if subscription is not None:
            store.grant_subscription(new_id, subscription["pack"], subscription.get("source", "web"))
        return JSONResponse(store.state(new_id), status_code=201)

    async def account(request: Request):
        # One route for both methods, so that a 405 lists them both in its Allow header.
        if request.method == "DELETE":
            await checked(request, "deleteAccount")
            store.delete_account(account_id(request.path_params["email"]))
            return Response(status_code=204)
        await checked(request, "getAccount")
        return JSONResponse(store.state(account_id(request.path_params["email"])))

    async def open_session(request: Request):
        """A signed-in session for an account, so scenarios not about signing in skip the form."""
        await checked(request, "openSession")
        token = store.open_session(account_id(request.path_params["email"]))
        return JSONResponse({"cookie": {"name": "pa_session", "value": token}, "token": token})

    async def set_fault(request: Request):
        data = await checked(request, "setFault", with_body=True)
        store.set_fault(account_id(request.path_params["email"]), data["fault"], data.get("delay_ms"))
        return JSONResponse({"fault": data["fault"]})

    async def last_authentication(request: Request):
        """The bank's last 3-D Secure challenge for an account, with the one-time code that a real
        bank would send by SMS: the test data a tester reads to answer the challenge."""
        await checked(request, "getLastAuthentication")
        row = Authentications(store, config.challenge_timeout).latest(account_id(request.path_params["email"]))
        if row is None:
            raise HTTPException(404, "Aucune authentification 3-D Secure pour ce compte.")
        return JSONResponse({"order_number": row["order_number"], "status": row["status"], "code": row["code"],
                             "amount_cents": row["amount_cents"], "expires_at": row["expires_at"]})

    async def clock(request: Request):
        """The account's test clock: GET reads its « now », POST {"months": m, "days": d} moves it forward and
        runs what falls due meanwhile (renewals, expiries); the answer lists those events."""
        if request.method == "GET":
            await checked(request, "getClock")
            return JSONResponse({"now": store.account_now(account_id(request.path_params["email"])).isoformat()})
        data = await checked(request, "advanceClock", with_body=True)
        owner = account_id(request.path_params["email"])
        try:
            moment, events = renewals.advance(owner, data.get("months", 0), data.get("days", 0))
        except StoreError as exc:
            raise HTTPException(400, str(exc)) from None
        return JSONResponse({"now": moment.isoformat(), "events": [e.as_dict() for e in events]})

    async def app_store(request: Request):
        """What the App Store reports for the account's subscription: auto-renewal on or off."""
        data = await checked(request, "setAppStoreAutoRenew", with_body=True)
        renewals.set_app_store_auto_renew(account_id(request.path_params["email"]), data["auto_renew"])
        return JSONResponse({"auto_renew": data["auto_renew"]})

    return [
        Route("/", describe),
        Route("/accounts", create_account, methods=["POST"]),
        Route("/accounts/{email}", account, methods=["GET", "DELETE"]),
        Route("/accounts/{email}/session", open_session, methods=["POST"]),
        Route("/accounts/{email}/fault", set_fault, methods=["POST"]),
        Route("/accounts/{email}/authentication", last_authentication, methods=["GET"]),
        Route("/accounts/{email}/clock", clock, methods=["GET", "POST"]),
        Route("/accounts/{email}/app-store", app_store, methods=["POST"]),
    ]
