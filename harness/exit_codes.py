"""Exit codes of a run: the one table. The HTML report reads it, the plugin documents it by pointing here, and
tests/test_reporting.py checks that the README's table says the same."""

EXIT_CODES = {
    0: "tous les scénarios ont réussi (ceux en quarantaine peuvent avoir échoué ; les instables sont signalés)",
    1: "au moins un scénario en échec (ou instable, avec --flaky-fails-run)",
    2: ("run interrompu (Ctrl-C ou SIGTERM : arrêt après les scénarios en cours, rapports écrits, scénarios non "
        "exécutés « interrompu », comptes créés nettoyés ; un second Ctrl-C arrête net)"),
    3: ("erreur interne ou de mise en place (bac à sable, navigateur, serveur Appium injoignable), ou secret "
        "trouvé dans les rapports"),
    4: ("erreur d'utilisation : option inconnue, valeur d'option ou de variable invalide (PA_FAKER_SEED, "
        "PA_ORDER_TIMEOUT, PA_QUARANTINE_RERUNS, adresses…), chemin de sortie où le run ne peut pas écrire, profil "
        "invalide, cible qui n'est pas le portail, garde "
        "Gherkin (fichier .feature cassé)"),
    5: "aucun scénario sélectionné",
}
# Names for the codes the harness sets itself (the others are pytest's own: 0, 1, 2, 4, 5).
SETUP_ERROR = 3
SECRET_FOUND = 3


def meaning(code: int) -> str:
    return EXIT_CODES.get(code, "autre")
