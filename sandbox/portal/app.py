"""The sandbox account portal: a French web app in the shape of account.parallels.com."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import pathlib
import secrets
import time

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from sandbox.config import SandboxConfig
from sandbox.issuer.authentications import Authentications
from sandbox.portal import forms
from sandbox.portal.partner import PaymentPartner
from sandbox.portal.testdata_api import routes as testdata_routes
from sandbox.portal.three_ds import ThreeDSecure
from sandbox.renewals import Renewals
from sandbox.store import PACKS, Store, StoreError

HERE = pathlib.Path(__file__).parent
SESSION_COOKIE = "pa_session"
LOGIN_CSRF_COOKIE = "pa_csrf"
APPLE_SUPPORT_URL = "https://www.apple.com/fr/support/contact/"
CLEVERBRIDGE_URL = "https://support.cleverbridge.com/"


def euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d} €"


def create_app(store: Store, config: SandboxConfig) -> Starlette:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["euros"] = euros
    templates.env.filters["date_fr"] = lambda d: d.strftime("%d/%m/%Y")
    templates.env.globals.update(PACKS=PACKS, APPLE_SUPPORT_URL=APPLE_SUPPORT_URL,
                                 CLEVERBRIDGE_URL=CLEVERBRIDGE_URL, mutations=config.mutations,
                                 AUTOCOMPLETE=forms.AUTOCOMPLETE)
    partner = PaymentPartner(store, config)
    glitches: dict[str, bool] = {}  # the passing glitches of this process that already happened
    renewals = Renewals(store, config.mutations)
    three_ds = ThreeDSecure(store, Authentications(store, config.challenge_timeout), partner, config.issuer_url,
                            config.mutations)

    def render(request: Request, name: str, status_code: int = 200, **context) -> Response:
        session = getattr(request.state, "session", None)
        context.setdefault("account", store.account(session["account_id"]) if session else None)
        context.setdefault("csrf", session["csrf"] if session else None)
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def current_session(request: Request):
        session = store.session(request.cookies.get(SESSION_COOKIE))
        request.state.session = session
        return session

    def require_session(request: Request):
        session = current_session(request)
        if session is None:
            raise HTTPException(303, headers={"Location": "/connexion"})
        return session

    async def text_form(request: Request) -> dict[str, str]:
        """The submitted fields, all text: a file part is refused in French, not a crash further on."""
        form = await request.form()
        files = sorted({key for key, value in form.multi_items() if not isinstance(value, str)})
        if files:
            raise HTTPException(400, f"Ce formulaire n'accepte pas de fichier (champ {', '.join(files)}) : "
                                     "saisissez le texte demandé dans chaque champ.")
        with_nul = sorted({key for key, value in form.multi_items() if "\x00" in value or "\x00" in key})
        if with_nul:
            # A NUL cuts an identifier in two in C-based systems (a bank's, a mail server's): no portal keeps one.
            raise HTTPException(400, f"Caractère nul (U+0000) refusé dans le champ {', '.join(with_nul)} : "
                                     "saisissez du texte ordinaire.")
        return dict(form)

    async def checked_form(request: Request, session) -> dict:
        form = await text_form(request)
        if not secrets.compare_digest(form.get("csrf", ""), session["csrf"]):
            raise HTTPException(403, "Jeton de sécurité invalide : rechargez la page puis recommencez.")
        return form

    async def home(request: Request):
        target = "/parallels-access" if current_session(request) else "/connexion"
        return RedirectResponse(target, status_code=303)

    async def checked_sign_in_form(request: Request) -> tuple[dict, str]:
        """The form of the sign-in or sign-up page, once its anti-forgery token matches the page's cookie."""
        form = await text_form(request)
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not cookie or not secrets.compare_digest(form.get("csrf", ""), cookie):
            raise HTTPException(403, "Jeton de sécurité invalide : rechargez la page puis recommencez.")
        return form, cookie

    async def sign_in_page(request: Request):
        token = secrets.token_urlsafe(16)
        response = render(request, "connexion.html", login_csrf=token, email="", error=None)
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax")
        return response

    async def sign_in(request: Request):
        form, cookie = await checked_sign_in_form(request)
        account_id = store.authenticate(form.get("email", "").strip(), form.get("password", ""))
        if "sign_in_refused" in config.mutations:
            account_id = None
        if account_id is None:
            return render(request, "connexion.html", status_code=401, login_csrf=cookie,
                          email=form.get("email", ""),
                          error="Adresse e-mail ou mot de passe incorrect. Vérifiez vos identifiants.")
        response = RedirectResponse("/parallels-access", status_code=303)
        response.set_cookie(SESSION_COOKIE, store.open_session(account_id), httponly=True, samesite="lax")
        return response

    def sign_up_form(request: Request, token: str, values: dict, errors: dict, status_code: int = 200):
        return render(request, "inscription.html", status_code=status_code, login_csrf=token, values=values,
                      errors=errors, fields=forms.SIGN_UP_FIELDS)

    async def sign_up_page(request: Request):
        token = secrets.token_urlsafe(16)
        response = sign_up_form(request, token, {}, {})
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax")
        return response

    async def sign_up(request: Request):
        """« Créer un compte »: the public way in, the only one a sealed portal offers."""
        form, cookie = await checked_sign_in_form(request)
        values, errors = forms.validate_sign_up(form)
        status = 422
        if not errors:
            try:
                account_id = store.create_account(values["email"], values["password"], values["first_name"],
                                                  values["last_name"])
            except StoreError:
                errors = {"email": "Un compte existe déjà pour cette adresse e-mail : connectez-vous, "
                                   "ou choisissez une autre adresse."}
                status = 409
        if errors:
            return sign_up_form(request, cookie, values, errors, status_code=status)
        response = RedirectResponse("/parallels-access", status_code=303)
        response.set_cookie(SESSION_COOKIE, store.open_session(account_id), httponly=True, samesite="lax")
        return response

    async def sign_in_by_link(request: Request):
        """A one-time link from the signed-in app (Android's « Acheter l'abonnement »): the phone's browser opens the
        customer's own account without asking for the password again. `suite` is a path of this portal."""
        account_id = store.use_sign_in_link(request.path_params["token"])
        then = request.query_params.get("suite", "/parallels-access")
        if not then.startswith("/") or then.startswith("//"):
            then = "/parallels-access"
        if account_id is None:
            return RedirectResponse("/connexion", status_code=303)
        response = RedirectResponse(then, status_code=303)
        response.set_cookie(SESSION_COOKIE, store.open_session(account_id), httponly=True, samesite="lax")
        return response

    async def sign_out(request: Request):
        session = require_session(request)
        await checked_form(request, session)
        store.close_session(session["token"])
        response = RedirectResponse("/connexion", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    async def access_page(request: Request):
        session = require_session(request)
        tab = request.query_params.get("onglet", "ordinateurs")
        if tab not in ("ordinateurs", "commandes"):
            tab = "ordinateurs"
        subscription = store.active_subscription(session["account_id"])
        show_button = subscription is None or "button_despite_subscription" in config.mutations
        return render(request, "parallels_access.html", tab=tab, subscription=subscription,
                      failed_renewal=renewals.last_failed_renewal(session["account_id"]),
                      show_button=show_button, computers=store.computers(session["account_id"]),
                      orders=store.orders(session["account_id"]))

    async def cart_page(request: Request):
        session = require_session(request)
        subscription = store.active_subscription(session["account_id"])
        return render(request, "panier.html", subscription=subscription, error=None, selected=None)

    async def cart_submit(request: Request):
        session = require_session(request)
        form = await checked_form(request, session)
        try:
            cart_id = store.create_cart(session["account_id"], form.get("pack", ""))
        except StoreError as exc:
            return render(request, "panier.html", status_code=400, error=str(exc), selected=form.get("pack"),
                          subscription=store.active_subscription(session["account_id"]))
        return RedirectResponse(f"/panier/{cart_id}/coordonnees", status_code=303)

    def owned_cart(session, cart_id: str):
        cart = store.cart(cart_id, session["account_id"])
        if cart is None:
            raise HTTPException(404, "Panier introuvable.")
        return cart

    async def details_page(request: Request):
        session = require_session(request)
        cart = owned_cart(session, request.path_params["cart_id"])
        existing = [o for o in store.orders(session["account_id"]) if o["cart_id"] == cart["id"]]
        if existing:
            return RedirectResponse(f"/commandes/{existing[0]['number']}", status_code=303)
        account = store.account(session["account_id"])
        prefill = {"email": account["email"], "first_name": account["first_name"],
                   "last_name": account["last_name"], "country": "FR"}
        return render(request, "coordonnees.html", cart=cart, values=prefill, errors={},
                      fields=forms.FIELDS, countries=forms.COUNTRIES)

    async def details_submit(request: Request):
        session = require_session(request)
        form = await checked_form(request, session)
        cart = owned_cart(session, request.path_params["cart_id"])
        values, errors = forms.validate(form)
        if "empty_first_name_accepted" in config.mutations:
            errors.pop("first_name", None)
        if "expiry_this_month_refused" in config.mutations and not errors.get("card_expiry") and \
                form.get("card_expiry", "").replace(" ", "") == f"{dt.date.today():%m/%y}":
            errors["card_expiry"] = "Cette carte a expiré."
        # A card form never echoes the card (number, expiry, CVC) in any answer, whatever the refusal.
        shown = forms.without_card(values)
        if errors:
            return render(request, "coordonnees.html", status_code=422, cart=cart, values=shown,
                          errors=errors, fields=forms.FIELDS, countries=forms.COUNTRIES)
        duplicate = any(o["cart_id"] == cart["id"] for o in store.orders(session["account_id"]))
        once = "first_cart_not_deduplicated" in config.mutations and not glitches.get("duplicated")
        if duplicate and ("cart_not_deduplicated" in config.mutations or once):
            glitches["duplicated"] = True
            cart = store.cart(store.create_cart(session["account_id"], cart["pack"]), session["account_id"])
        try:
            order, created = store.place_order(cart["id"], session["account_id"], json.dumps(forms.storable(values)),
                                               PACKS[cart["pack"]][2], three_ds.initial_status(values["card_number"]))
        except StoreError as exc:
            return render(request, "coordonnees.html", status_code=409, cart=cart, values=shown,
                          errors={"_form": str(exc)}, fields=forms.FIELDS, countries=forms.COUNTRIES)
        if created:
            three_ds.start(order, values["card_number"])
        return RedirectResponse(f"/commandes/{order['number']}", status_code=303)

    def owned_order(request: Request, session):
        order = store.order(request.path_params["number"], session["account_id"])
        if order is None:
            # Another account's order and a missing one look the same: no leak of existence.
            raise HTTPException(404, "Commande introuvable.")
        return three_ds.settle(order)

    async def order_page(request: Request):
        session = require_session(request)
        order = owned_order(request, session)
        return render(request, "commande.html", order=order,
                      subscription=store.active_subscription(session["account_id"]),
                      challenge_url=three_ds.challenge_url(order["number"]),
                      refusal=three_ds.outcome_message(order["number"]))

    async def abandon_authentication(request: Request):
        """« Abandonner le paiement » beside the bank's frame: the customer gives up."""
        session = require_session(request)
        await checked_form(request, session)
        order = owned_order(request, session)
        three_ds.authentications.abandon(order["number"])
        three_ds.settle(order)
        return RedirectResponse(f"/commandes/{order['number']}", status_code=303)

    async def order_status(request: Request):
        """Order state as JSON. With ?attendre=<status>, hold the answer (up to 10 s) until
        the state differs from it, so the order page learns of a change at once."""
        session = require_session(request)
        order = owned_order(request, session)
        waiting_on = request.query_params.get("attendre")
        deadline = time.monotonic() + 10
        stuck = waiting_on == "processing" and "order_page_stops_refreshing" in config.mutations
        while waiting_on and (stuck or order["status"] == waiting_on) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
            order = three_ds.settle(store.order(order["number"]))
        return JSONResponse({"number": order["number"], "status": waiting_on if stuck else order["status"]})

    async def terms_page(request: Request):
        current_session(request)
        return render(request, "conditions.html")

    async def support_page(request: Request):
        current_session(request)
        return render(request, "assistance.html")

    async def http_error(request: Request, exc: HTTPException):
        if exc.status_code in (301, 302, 303) and exc.headers:
            return Response(status_code=exc.status_code, headers=exc.headers)
        messages = {404: "Page introuvable.", 403: "Accès refusé.", 405: "Action non permise."}
        # Starlette's own details (404 of an unknown path, 405) are English: say them in French.
        own = exc.detail in (None, "", "Not Found", "Method Not Allowed") or exc.status_code == 405
        detail = messages.get(exc.status_code, "Erreur.") if own else exc.detail
        if request.url.path.startswith("/_sandbox/") or request.url.path.endswith("/etat"):
            return JSONResponse({"erreur": detail}, status_code=exc.status_code, headers=exc.headers)
        return render(request, "erreur.html", status_code=exc.status_code, status=exc.status_code,
                      message=detail)

    routes = [
        Route("/", home),
        Route("/connexion", sign_in_page, methods=["GET"]),
        Route("/connexion", sign_in, methods=["POST"]),
        Route("/connexion/lien/{token}", sign_in_by_link, methods=["GET"]),
        Route("/inscription", sign_up_page, methods=["GET"]),
        Route("/inscription", sign_up, methods=["POST"]),
        Route("/deconnexion", sign_out, methods=["POST"]),
        Route("/parallels-access", access_page),
        Route("/panier", cart_page, methods=["GET"]),
        Route("/panier", cart_submit, methods=["POST"]),
        Route("/panier/{cart_id}/coordonnees", details_page, methods=["GET"]),
        Route("/panier/{cart_id}/coordonnees", details_submit, methods=["POST"]),
        Route("/commandes/{number}", order_page),
        Route("/commandes/{number}/etat", order_status),
        Route("/commandes/{number}/abandon", abandon_authentication, methods=["POST"]),
        Route("/conditions-utilisation", terms_page),
        Route("/assistance", support_page),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    if not config.sealed:
        routes.append(Mount("/_sandbox/api", routes=testdata_routes(store, config)))
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})
