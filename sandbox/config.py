"""Settings of one sandbox run, read from the command line or the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

# Regressions that can be switched on, on purpose, to prove that the suite catches
# them. Never on by default; the harness's own tests switch them one at a time.
MUTATIONS = {
    "button_despite_subscription": "le bouton « Acheter l'abonnement » reste affiché malgré un abonnement actif",
    "two_years_charged_as_one": "le pack 2 ans est débité au prix du pack 1 an",
    "order_never_completes": "une commande reste en cours de traitement pour toujours",
    "declined_card_activates": "une carte refusée active quand même l'abonnement",
    "ios_button_despite_subscription": "iOS : « Acheter l'abonnement » affiché malgré un abonnement actif",
    "android_ok_buys": "Android : « OK » achète l'abonnement",
    "android_handoff_wrong_url": "Android : la redirection ouvre une mauvaise adresse",
    "ios_sheet_cancel_buys": "iOS : annuler la feuille App Store achète quand même",
    "refused_authentication_charges": "3-D Secure : un paiement refusé par la banque est quand même débité",
    "declined_renewal_keeps_subscription": "un renouvellement refusé par la banque prolonge quand même l'abonnement",
    "details_label_missing": "accessibilité : le champ « Code postal » perd son étiquette",
    "details_focus_order_broken": "accessibilité : « Ville » prend le focus avant les autres champs (tabindex positif)",
    "order_page_stops_refreshing": "la page de commande ne se met plus à jour quand le partenaire a répondu",
    "empty_first_name_accepted": "le formulaire de coordonnées accepte un prénom vide",
    "android_ok_keeps_window": "Android : « OK » laisse la fenêtre d'achat ouverte",
    "android_ok_opens_browser": "Android : « OK » ouvre le navigateur sur le compte",
    # Not a regression: a passing glitch, for the retry of a failing scenario (« instable »).
    "first_order_fails": "la première commande échoue (panne passagère du partenaire), les suivantes aboutissent",
    "sign_in_refused": "le portail refuse la connexion même avec le bon mot de passe",
}


@dataclass
class SandboxConfig:
    db_path: str
    token: str
    host: str = "127.0.0.1"
    portal_port: int = 0
    simulator_port: int = 0
    issuer_port: int = 0
    partner_delay: float = 1.0  # seconds the payment partner takes to answer
    slow_partner_delay: float = 4.0
    mutations: set[str] = field(default_factory=set)
    portal_url: str = ""  # filled in once the portal listens
    issuer_url: str = ""  # the card issuer's 3-D Secure server (another origin), filled in once it listens
    challenge_timeout: float = 600.0  # seconds the issuer waits for the cardholder's answer
    # Sealed: no test-data API (404), as a staging portal without a test back door.
    sealed: bool = False
    # Device simulator: how long the apps take to load a screen's data, as a factor of each screen's own
    # delays (apps.LOADING_MS; 1 = the default few hundred ms, 0 = screens arrive whole).
    loading_scale: float = 1.0

    def __post_init__(self) -> None:
        unknown = self.mutations - MUTATIONS.keys()
        if unknown:
            raise ValueError(f"Unknown sandbox mutation(s) {sorted(unknown)}; known: {sorted(MUTATIONS)}")

    @staticmethod
    def mutations_from_env() -> set[str]:
        raw = os.environ.get("PA_SANDBOX_MUTATIONS", "")
        return {m.strip() for m in raw.split(",") if m.strip()}
