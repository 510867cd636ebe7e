"""Run the sandbox: the portal and the device simulator, in one process, on loopback.

`python -m sandbox` starts both for manual exploration. The test session starts the
same command as a subprocess and reads the one JSON line it prints when ready.
"""
from __future__ import annotations

import asyncio
import copy
import json
import os
import pathlib
import secrets
import signal
import socket
import sys

import uvicorn

from sandbox import settings
from sandbox.config import SandboxConfig
from sandbox.store import Store

READY_PREFIX = "SANDBOX-READY "


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Without TCP_NODELAY, Nagle's algorithm adds ~40 ms to every request on a kept-alive
    # connection (the Appium client and the browser both keep connections alive).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise SystemExit(f"Le bac à sable ne peut pas écouter sur {host}:{port} : {exc.strerror}. "
                         "Choisissez un autre port (--portal-port / --simulator-port, 0 = libre).") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def server_config(app, access_log: bool) -> uvicorn.Config:
    """uvicorn's settings; with `access_log`, one timestamped line per request (the harness keeps them in
    reports/sandbox.log, beside the errors, to tell what the sandbox saw during a failing scenario)."""
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    for formatter in log_config["formatters"].values():
        formatter["fmt"] = "%(asctime)s " + formatter["fmt"]
    # stdout is the harness's line of addresses, read once: every log line goes to stderr (the log file).
    for handler in log_config["handlers"].values():
        handler["stream"] = "ext://sys.stderr"
    return uvicorn.Config(app, log_level="info" if access_log else "warning", access_log=access_log,
                          log_config=log_config, lifespan="on")


def demo_account(db_path: str) -> tuple[str, str]:
    """A ready account for a person exploring the sandbox by hand: e-mail and a fresh password."""
    store = Store(db_path)
    password = secrets.token_urlsafe(9)
    email = f"client.{secrets.token_hex(3)}@exemple.fr"
    store.create_account(email, password, "Camille", "Martin", [("MacBook de Camille", "macOS"),
                                                                 ("PC du bureau", "Windows")])
    return email, password


def build_servers(config: SandboxConfig, only: str | None = None, access_log: bool = False) -> tuple[list, dict]:
    store = Store(config.db_path)
    servers, urls = [], {}
    portal_sock = simulator_sock = issuer_sock = None
    if only in (None, "portal"):
        portal_sock = bind(config.host, config.portal_port)
        urls["portal_url"] = f"http://{config.host}:{portal_sock.getsockname()[1]}"
        # The bank's 3-D Secure challenge comes from another origin than the portal, as in a real checkout.
        issuer_sock = bind(config.host, config.issuer_port)
        urls["issuer_url"] = config.issuer_url = f"http://{config.host}:{issuer_sock.getsockname()[1]}"
    config.portal_url = urls.get("portal_url") or os.environ.get("PA_PORTAL_URL", config.portal_url)
    if only in (None, "simulator"):
        simulator_sock = bind(config.host, config.simulator_port)
        urls["appium_url"] = f"http://{config.host}:{simulator_sock.getsockname()[1]}"
    if portal_sock:
        from sandbox.portal.app import create_app as create_portal

        app = create_portal(store, config)
        servers.append((uvicorn.Server(server_config(app, access_log)), portal_sock))
    if issuer_sock:
        from sandbox.issuer.app import create_app as create_issuer
        from sandbox.issuer.authentications import Authentications

        app = create_issuer(Authentications(store, config.challenge_timeout,
                                            "bank_accepts_wrong_code_later" in config.mutations))
        servers.append((uvicorn.Server(server_config(app, access_log)), issuer_sock))
    if simulator_sock:
        from sandbox.simulator.app import create_app as create_simulator

        app = create_simulator(store, config)
        servers.append((uvicorn.Server(server_config(app, access_log)), simulator_sock))
    return servers, urls


async def serve(config: SandboxConfig, only: str | None, announce, access_log: bool = False) -> None:
    servers, urls = build_servers(config, only, access_log)
    for server, _ in servers:
        server.install_signal_handlers = lambda: None  # we handle signals for both servers

    tasks = [asyncio.create_task(server.serve(sockets=[sock])) for server, sock in servers]
    while not all(server.started for server, _ in servers):
        if any(t.done() for t in tasks):
            for t in tasks:
                if t.done() and t.exception():
                    raise t.exception()
            raise SystemExit("Le bac à sable n'a pas pu démarrer.")
        await asyncio.sleep(0.01)
    announce(urls)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for server, _ in servers:
        server.should_exit = True
    await asyncio.gather(*tasks, return_exceptions=True)


def main(argv: list[str] | None = None) -> None:
    defaults, refusals = settings.from_environment()
    if refusals:
        settings.refuse("variable(s) d'environnement refusée(s) :\n" + "\n".join(refusals))
    typed = {s.dest: settings.argument_type(s.convert) for s in settings.SETTINGS}
    parser = settings.FrenchParser(prog="python -m sandbox",
                                   description="Bac à sable Parallels Access : portail et simulateur d'appareils.")
    parser.add_argument("--db", default=".sandbox/sandbox.db", help="fichier de base de données SQLite")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--portal-port", type=typed["portal_port"], default=defaults["portal_port"],
                        help="port du portail (variable : PA_SANDBOX_PORTAL_PORT ; 0 : un port libre)")
    parser.add_argument("--simulator-port", type=typed["simulator_port"], default=defaults["simulator_port"],
                        help="port du simulateur Appium (variable : PA_SANDBOX_SIMULATOR_PORT)")
    parser.add_argument("--issuer-port", type=typed["issuer_port"], default=defaults["issuer_port"],
                        help="port de la banque émettrice (authentification 3-D Secure, autre origine que le portail ; "
                             "variable : PA_SANDBOX_ISSUER_PORT)")
    parser.add_argument("--challenge-timeout", type=typed["challenge_timeout"], default=defaults["challenge_timeout"],
                        help="secondes laissées au client pour répondre à sa banque (3-D Secure ; défaut 600, au plus "
                             "une journée ; variable : PA_CHALLENGE_TIMEOUT)")
    parser.add_argument("--partner-delay", type=typed["partner_delay"], default=defaults["partner_delay"],
                        help="secondes que met le partenaire de paiement à répondre (défaut 2, au plus 3600 ; "
                             "variable : PA_PARTNER_DELAY)")
    parser.add_argument("--loading-scale", type=typed["loading_scale"], default=defaults["loading_scale"],
                        help="simulateur : facteur des délais de chargement des écrans des applications (défaut 1 : "
                             "quelques centaines de ms ; 0 : écrans complets d'emblée ; variable : "
                             "PA_SANDBOX_LOADING_SCALE)")
    parser.add_argument("--only", type=typed["only"], default=defaults["only"],
                        help="ne démarrer qu'une des deux parties : portal ou simulator (variable : PA_SANDBOX_ONLY)")
    parser.add_argument("--mutation", action="append", default=[], type=settings.argument_type(
                            lambda raw: next(iter(settings.mutation_names(raw)))),
                        help="régression volontaire, pour prouver que la suite la détecte (variable : "
                             "PA_SANDBOX_MUTATIONS, séparées par des virgules)")
    parser.add_argument("--sealed", action="store_true", default=defaults["sealed"],
                        help="portail « scellé », comme un portail de recette sans porte dérobée : l'API de données "
                             "de test n'existe pas (404) ; les comptes se créent par la page « Créer un compte » "
                             "(variable : PA_SANDBOX_SEALED=1)")
    parser.add_argument("--machine", action="store_true",
                        help="annoncer les adresses sur une ligne JSON (utilisé par la suite de tests)")
    args = parser.parse_args(argv)

    token = os.environ.get("PA_SANDBOX_TOKEN")
    if not token:
        token = secrets.token_urlsafe(24)
        os.environ["PA_SANDBOX_TOKEN"] = token
    db_path = pathlib.Path(args.db)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    config = SandboxConfig(db_path=str(db_path), token=token, host=args.host, portal_port=args.portal_port,
                           simulator_port=args.simulator_port, issuer_port=args.issuer_port,
                           challenge_timeout=args.challenge_timeout, partner_delay=args.partner_delay,
                           slow_partner_delay=max(4.0, args.partner_delay * 4),
                           mutations=set(args.mutation) | defaults["mutations_from_env"], sealed=args.sealed,
                           loading_scale=args.loading_scale)

    def announce(urls: dict) -> None:
        if args.machine:
            # The token is not printed: the parent process chose it and already has it.
            print(READY_PREFIX + json.dumps(urls), flush=True)
            return
        token_file = db_path.parent / "token"
        token_file.write_text(token)
        token_file.chmod(0o600)
        print("Bac à sable Parallels Access démarré.")
        if "portal_url" in urls:
            email, password = demo_account(config.db_path)
            print(f"  Portail             : {urls['portal_url']}/connexion")
            print(f"  Compte prêt         : {email} / mot de passe {password} (sans abonnement, deux ordinateurs)")
            print(f"  API de test         : {urls['portal_url']}/_sandbox/api")
        if "issuer_url" in urls:
            print(f"  Banque (3-D Secure) : {urls['issuer_url']}")
        if "appium_url" in urls:
            print(f"  Simulateur (Appium) : {urls['appium_url']}")
        print(f"  Base de données     : {db_path}")
        if config.sealed:
            print("  Mode scellé : pas d'API de données de test ; comptes par /inscription")
        else:
            print(f"  Jeton de l'API de test : dans {token_file} (ou la variable PA_SANDBOX_TOKEN)")
        if config.mutations:
            print(f"  Régressions volontaires actives : {', '.join(sorted(config.mutations))}")
        print("Ctrl+C pour arrêter.", flush=True)

    try:
        # Run by the harness (--machine), every request goes to its log (reports/sandbox.log).
        asyncio.run(serve(config, args.only, announce, access_log=args.machine))
    except KeyboardInterrupt:
        pass
    sys.exit(0)
