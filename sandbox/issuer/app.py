"""The issuer's challenge pages, served from their own origin and shown in the portal's frame."""
from __future__ import annotations

import pathlib

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from sandbox.issuer.authentications import MAX_ATTEMPTS, PENDING, Authentications

HERE = pathlib.Path(__file__).parent
BANK_NAME = "Banque Exemple"


def euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d} €"


def create_app(authentications: Authentications) -> Starlette:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["euros"] = euros

    def render(request: Request, row, status_code: int = 200, error: str | None = None):
        return templates.TemplateResponse(request, "challenge.html", {
            "auth": row, "bank": BANK_NAME, "error": error, "pending": row is not None and row["status"] == PENDING,
        }, status_code=status_code)

    async def challenge(request: Request):
        row = authentications.get(request.path_params["transaction"])
        return render(request, row, 200 if row else 404)

    async def answer(request: Request):
        transaction = request.path_params["transaction"]
        form = await request.form()
        action = {"valider": "confirm", "refuser": "refuse", "annuler": "cancel"}.get(form.get("action", ""))
        if action is None or authentications.get(transaction) is None:
            return HTMLResponse("Requête invalide.", status_code=400)
        status = authentications.answer(transaction, action, str(form.get("code", "")))
        row = authentications.get(transaction)
        if status == PENDING:  # a wrong code, with tries left
            left = MAX_ATTEMPTS - row["attempts"]
            return render(request, row, 422, f"Code incorrect. Il vous reste {left} essai{'s' if left > 1 else ''}.")
        return render(request, row)

    return Starlette(routes=[
        Route("/defi/{transaction}", challenge, methods=["GET"]),
        Route("/defi/{transaction}", answer, methods=["POST"]),
    ])
