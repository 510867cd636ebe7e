"""Settings of one sandbox run, read from the command line or the environment."""
from __future__ import annotations

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
    # What a customer sees on a page or a screen that no step reads word for word (fixtures/watch.py catches them).
    "support_promises_refund": "la page Assistance promet un remboursement sur simple demande",
    "refund_noun_link_in_panel": "l'encadré Abonnement offre un lien « Remboursement »",
    "apple_notice_on_web_subscription": "l'avis App Store (contacter Apple) s'affiche pour un abonnement acheté sur "
                                        "le site web",
    "order_question_sent_to_apple": "la page de commande envoie les questions d'un achat App Store vers "
                                    "Cleverbridge",
    "cart_price_without_unit": "le panier affiche le prix du pack 1 an sans le symbole €",
    "renewal_at_monthly_price": "un abonnement 1 an ou 2 ans est renouvelé au prix du pack 1 mois",
    "android_button_despite_subscription": "Android : « Acheter l'abonnement » affiché malgré un abonnement actif",
    "end_date_shows_start": "la page Parallels Access affiche la date d'achat comme date de fin de l'abonnement",
    "bank_accepts_wrong_code_later": "3-D Secure : après un mauvais code, la banque accepte n'importe quel code",
    "cart_intro_changed": "le texte d'introduction du panier a changé",
    "ios_packs_intro_changed": "iOS : le texte du choix des formules a changé",
    "android_dialog_message_changed": "Android : le texte de la fenêtre d'achat a changé",
    "android_dialog_buttons_swapped": "Android : les boutons de la fenêtre d'achat ont changé de place",
    "expiry_this_month_refused": "une carte qui expire à la fin de ce mois est refusée comme expirée",
    "android_handoff_signed_out": "Android : le navigateur s'ouvre sans la connexion du client (page de connexion)",
    "cart_not_deduplicated": "le même panier validé deux fois pendant son traitement crée deux commandes",
    "first_cart_not_deduplicated": "la première fois seulement, le même panier validé deux fois crée deux commandes "
                                   "(une relance passerait : un fait interdit vu une fois doit suffire)",
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
    # seconds the payment partner takes to answer: time enough for the order page to show « en cours de traitement »
    # on a busy 2-core machine, where 1 s was sometimes not (the order confirmed before the check read it)
    partner_delay: float = 2.0
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
