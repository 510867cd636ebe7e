"""A regression put into the sandbox on purpose makes the French scenarios fail, with a
message a QA engineer understands, the first failure's screen, and a Playwright trace of the retry."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (first attempt, retry): the retry of a failing scenario runs with a Playwright trace (reporting/retry.py).
WEB_EVIDENCE = (("test-failed-1.png", "page-1.html"), ("test-failed-1.png", "page-1.html", "trace.zip"))
MOBILE_EVIDENCE = (("appium-screenshot.png", "appium-page-source.xml"),) * 2

# (mutation, scenarios to run (-k), message expected, evidence files expected)
CASES = [
    ("button_despite_subscription", "le_bouton_dachat_nest_plus_proposé",
     "Le bouton « Acheter l'abonnement » est affiché alors qu'il ne devrait pas l'être", WEB_EVIDENCE),
    ("two_years_charged_as_one", "acheter_un_abonnement_de_pack and 24",
     "Montant débité affiché incorrect", WEB_EVIDENCE),
    ("order_never_completes", "acheter_un_abonnement_de_pack and mois",
     "est toujours « en cours de traitement » après 3 s", WEB_EVIDENCE),
    ("declined_card_activates", "une_carte_refusée",
     "La commande a été confirmée alors qu'elle devait être refusée.", WEB_EVIDENCE),
    ("ios_button_despite_subscription", "actif_dans_lapplication and iPad",
     "Le bouton « Acheter l'abonnement » est affiché malgré l'abonnement actif.", MOBILE_EVIDENCE),
    ("android_ok_buys", "ferme_la_fenêtre_et_nachète_rien",
     "un abonnement est actif sur le compte alors qu'il ne devrait pas", MOBILE_EVIDENCE),
    ("android_handoff_wrong_url", "mène_au_compte_parallels",
     "/compte?onglet=profil au lieu de", MOBILE_EVIDENCE),
    ("ios_sheet_cancel_buys", "annuler_la_feuille and iPad",
     "un abonnement est actif sur le compte alors qu'il ne devrait pas", MOBILE_EVIDENCE),
    ("declined_renewal_keeps_subscription", "renouvellement_refusé",
     "un abonnement est actif sur le compte alors qu'il ne devrait pas", WEB_EVIDENCE),
    ("refused_authentication_charges", "paiement_refusé_auprès_de_la_banque",
     "La commande a été confirmée alors qu'elle devait être refusée.", WEB_EVIDENCE),
]


@pytest.mark.parametrize("mutation,keyword,message,evidence", CASES, ids=[c[0] for c in CASES])
def test_suite_catches_the_regression(tmp_path, mutation, keyword, message, evidence):
    output = tmp_path / "artefacts"
    env = {**os.environ, "PA_SANDBOX_MUTATIONS": mutation}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-k", keyword, "-p", "no:cacheprovider", "-q",
         "--order-timeout", "3", "--output", str(output), "--junitxml", str(tmp_path / "junit.xml"),
         "--html-report", str(tmp_path / "index.html")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 1, f"la suite n'a pas échoué (code {result.returncode}) :\n{out[-3000:]}"
    assert message in out, out[-3000:]
    folders = sorted(p for p in output.iterdir() if p.is_dir())
    assert [p.name for p in folders] == [folders[0].name, folders[0].name + "-retry1"], (
        f"un seul scénario devait échouer, deux fois (tentative et relance) : {folders}")
    for folder, expected in zip(folders, evidence, strict=True):
        files = {p.name for p in folder.iterdir()}
        for name in expected:
            assert name in files, f"preuve manquante {name} dans {folder.name} : {files}"
            if not name.endswith(".html"):  # a page the scenario never opened has an empty source
                assert (folder / name).stat().st_size > 200, name


def test_suite_passes_without_regression(tmp_path):
    """The same selection is green on a healthy sandbox: the failures above come from the regressions."""
    env = {k: v for k, v in os.environ.items() if k != "PA_SANDBOX_MUTATIONS"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-q", "--output", str(tmp_path),
         "--html-report", str(tmp_path / "index.html"),
         "-k", " or ".join(f"({c[1]})" for c in CASES)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    # Evidence only where needed: nothing recorded for scenarios that passed.
    assert not [p for p in tmp_path.iterdir() if p.is_dir()], list(tmp_path.iterdir())
