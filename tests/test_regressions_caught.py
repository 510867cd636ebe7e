"""A regression put into the sandbox on purpose (its --mutation switch) makes the French scenarios fail, and the
first failure message a reader sees says what broke in the customer's words and which rule it breaks: the fact
observed, then « Règle Rxx — <its sentence in pytest.ini> », never a locator, a class name or a library phrase.
Every output carries that message first: terminal, JUnit, HTML report, Cucumber JSON, Allure. Evidence
(screenshot and trace, or the app's screenshot and page source) is kept.

Only the one scenario each regression breaks runs, to keep `make test` fast."""
from __future__ import annotations

import configparser
import html
import json
import os
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import rules
from harness import run_model as model
from pages import observed
from reporting import messages, summary

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (first attempt, retry): the retry of a failing scenario runs with a Playwright trace (fixtures/retry.py).
WEB_EVIDENCE = (("test-failed-1.png", "page-1.html"), ("test-failed-1.png", "page-1.html", "trace.zip"))
MOBILE_EVIDENCE = (("appium-screenshot.png", "appium-page-source.xml"),) * 2
# A « never » rule broken on the page (fixtures/watch.py): one attempt, never retried into « instable ».
WEB_EVIDENCE_ONCE, MOBILE_EVIDENCE_ONCE = WEB_EVIDENCE[:1], MOBILE_EVIDENCE[:1]

NO_SUBSCRIPTION = ("Selon le portail (ce que le client voit), un abonnement est actif sur le compte alors qu'il ne "
                   "devrait en avoir aucun")
# (mutation, scenario it breaks (-k), rule broken, start of the fact observed, evidence files expected)
CASES = [
    # Seen on the page before any step reads the button (rules.invariants): the rule watched everywhere.
    ("button_despite_subscription", "le_bouton_dachat_nest_plus_proposé", "R15",
     "La page « Parallels Access » offre le bouton « Acheter l'abonnement » alors qu'un abonnement est actif",
     WEB_EVIDENCE_ONCE),
    ("two_years_charged_as_one", "acheter_un_abonnement_de_pack and 24", "R16",
     "La page « Commande confirmée » affiche 19,99 € pour le pack 2 ans, dont le prix est 34,99 €",
     WEB_EVIDENCE_ONCE),
    ("order_never_completes", "acheter_un_abonnement_de_pack and mois", "R17",
     "La page de la commande", WEB_EVIDENCE),
    ("order_page_stops_refreshing", "acheter_un_abonnement_de_pack and mois", "R17",
     "La page de la commande", WEB_EVIDENCE),
    ("declined_card_activates", "une_carte_refusée", "R21",
     "La commande a été confirmée alors que le paiement devait être refusé : la page affiche « Commande "
     "confirmée »", WEB_EVIDENCE),
    ("empty_first_name_accepted", "invalides and Indiquez", "R21",
     "Le formulaire a été accepté avec le champ Prénom vide", WEB_EVIDENCE),
    ("ios_button_despite_subscription", "actif_dans_lapplication and iPad", "R15",
     "L'écran des ordinateurs offre le bouton « Acheter l'abonnement » alors qu'un abonnement est actif",
     MOBILE_EVIDENCE_ONCE),
    # The screen after « OK » is not its approved copy: the subscription shown, the button gone (R08).
    ("android_ok_buys", "ferme_la_fenêtre_et_nachète_rien", "R08",
     "L'écran des ordinateurs n'est plus sa copie approuvée après l'étape « Alors la fenêtre se ferme et l'application "
     "affiche mes ordinateurs » (Android)", MOBILE_EVIDENCE),
    ("android_ok_keeps_window", "ferme_la_fenêtre_et_nachète_rien", "R10",
     "La fenêtre d'achat est restée ouverte après « OK »", MOBILE_EVIDENCE),
    ("android_ok_opens_browser", "ferme_la_fenêtre_et_nachète_rien", "R10",
     "Le navigateur s'est ouvert alors que le client a touché « OK »", MOBILE_EVIDENCE),
    ("android_handoff_wrong_url", "mène_au_compte_parallels", "R11",
     "Le navigateur n'a pas ouvert le compte du client : la page ne montre pas son adresse e-mail", MOBILE_EVIDENCE),
    # The scenario also carries R03 and R04; the failing check (« mon compte n'a aucun abonnement actif ») verifies R21.
    # A subscription where none is due is a forbidden fact (pages.observed.ForbiddenFact): one attempt, never retried.
    ("ios_sheet_cancel_buys", "annuler_la_feuille and iPad", "R21",
     NO_SUBSCRIPTION, MOBILE_EVIDENCE_ONCE),
    ("declined_renewal_keeps_subscription", "renouvellement_refusé", "R21",
     NO_SUBSCRIPTION, WEB_EVIDENCE_ONCE),
    ("refused_authentication_charges", "paiement_refusé_auprès_de_la_banque", "R21",
     "La commande a été confirmée alors que le paiement devait être refusé : la page affiche « Commande "
     "confirmée »", WEB_EVIDENCE),
    ("details_label_missing", "passe_laudit and Vos", "R23",
     "Accessibilité de la page « Vos coordonnées » (WCAG 2.1 A et AA) : 1 violation(s) grave(s) ou critique(s) :\n"
     "- label (critique) : Chaque élément de formulaire doit avoir une étiquette", WEB_EVIDENCE),
]

# The cause named, where a failure has several: the partner did not answer / it answered, the page did not show it.
CAUSES = {
    "order_never_completes": "le partenaire de paiement n'a pas répondu",
    "order_page_stops_refreshing": "alors que le partenaire de paiement a répondu : la commande est confirmée",
}

# What a reader must never meet in the message: locators, identifiers, class names, library phrases. The product
# names iOS, iPad and iPhone (in the rules' sentences) are words, not identifiers.
NOT_FOR_READERS = re.compile(
    r"get_by_|locator|xpath|css=|:id/|XCUIElement|android\.widget|\b(?!iOS\b|iPad\b|iPhone\b)[a-z]+[A-Z]\w*\b|"
    r"\w+(Screen|Page|Dialog|Error|Exception)\b|(?<!order-)[Tt]imeout|exceeded|[Ee]xpected|Actual|Call log|"
    r"waiting for|not found|\belement|Failed|assert|Traceback|\bNone\b")


def rule_sentence(rule: str) -> str:
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini", encoding="utf-8")
    for line in ini["pytest"]["markers"].splitlines():
        name, _, sentence = line.partition(":")
        if name.strip() == rule:
            return sentence.strip()
    raise AssertionError(f"{rule} absente des marqueurs de pytest.ini")


def run_broken(tmp_path: pathlib.Path, mutation: str, keyword: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PA_SANDBOX_MUTATIONS": mutation, "COLUMNS": "1000"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-k", keyword, "-p", "no:cacheprovider", "-q", "-rf",
         "--order-timeout", "3", "--output", str(tmp_path / "artefacts"), "--junitxml", str(tmp_path / "junit.xml"),
         "--html-report", str(tmp_path / "index.html"), "--cucumberjson", str(tmp_path / "cucumber.json"),
         "--alluredir", str(tmp_path / "allure")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def first_failures(tmp_path: pathlib.Path) -> dict[str, str]:
    """The first failure message of the one failed scenario, as each output gives it."""
    junit = [f.get("message", "") for f in ET.parse(tmp_path / "junit.xml").iter("failure")]
    cucumber = [step["result"].get("error_message", "")
                for feature in json.loads((tmp_path / "cucumber.json").read_text(encoding="utf-8"))
                for element in feature["elements"] for step in element["steps"]
                if step["result"]["status"] == "failed"]
    # Allure prints an exception as « <type>: <message> »: the type of a check's failure is « Constat ».
    allure = [result["statusDetails"]["message"].removeprefix("Constat: ")
              for path in (tmp_path / "allure").glob("*-result.json")
              for result in [json.loads(path.read_text(encoding="utf-8"))] if result["status"] == "failed"]
    return {"JUnit": junit[0] if junit else "", "Cucumber JSON": cucumber[0] if cucumber else "",
            "Allure": allure[0] if allure else ""}


@pytest.mark.verifier
@pytest.mark.parametrize("mutation,keyword,rule,fact,evidence", [pytest.param(*c, id=c[0]) for c in CASES])
def test_first_failure_says_what_broke_and_which_rule(tmp_path, mutation, keyword, rule, fact, evidence):
    result = run_broken(tmp_path, mutation, keyword)
    out = result.stdout + result.stderr
    assert result.returncode == 1, f"la suite n'a pas échoué (code {result.returncode}) :\n{out[-3000:]}"
    broken = f"Règle {rule} — {rule_sentence(rule)}"
    for output, message in first_failures(tmp_path).items():
        assert message.startswith(fact), f"{output} : le message ne commence pas par le constat :\n{message}"
        assert broken in message, f"{output} : la règle enfreinte n'est pas nommée avec sa phrase :\n{message}"
        assert not NOT_FOR_READERS.search(message), (
            f"{output} : « {NOT_FOR_READERS.search(message).group()} » dans le message :\n{message}")
        if mutation in CAUSES:
            assert CAUSES[mutation] in message, f"{output} : mauvaise cause :\n{message}"
    # pytest's own short summary prints the exception as « <type>: <message> », as Allure does.
    summary = [line for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    assert len(summary) == 1 and summary[0].split(" - ", 1)[-1].removeprefix("Constat: ").startswith(
        fact.splitlines()[0]), (
        f"terminal : le résumé ne commence pas par le constat :\n{out[-3000:]}")
    report = html.unescape((tmp_path / "index.html").read_text(encoding="utf-8"))
    assert fact.splitlines()[0] in report, "rapport HTML sans le constat"
    assert broken in report, "rapport HTML : la règle enfreinte n'est pas nommée"
    folders = sorted(p for p in (tmp_path / "artefacts").iterdir() if p.is_dir())
    attempts = [folders[0].name, folders[0].name + "-retry1"][:len(evidence)]
    assert [p.name for p in folders] == attempts, (
        f"un seul scénario devait échouer, {len(evidence)} fois (tentative, relance) : {folders}")
    for folder, expected in zip(folders, evidence, strict=True):
        files = {p.name for p in folder.iterdir()}
        for name in expected:
            assert name in files, f"preuve manquante {name} dans {folder.name} : {files}"
            if not name.endswith(".html"):  # a page the scenario never opened has an empty source
                assert (folder / name).stat().st_size > 200, name


@pytest.mark.verifier
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


def test_the_rule_named_is_the_failing_checks_after_the_fact():
    """Without a sandbox: the rules named are those the failing check declares and its scenario carries, on a line
    after the fact and its compared values, before any line a library added; named once."""
    @rules.verifies("R10", "R21")
    def check() -> None: ...

    assert rules.broken_by(check, ["android", "R08", "R09", "R10"]) == ("R10",)
    assert rules.broken_by(lambda: None, ["R10"]) == ()  # an action verifies no rule
    lines = rules.rule_lines(["R16"], {"R16": rule_sentence("R16")})
    fact = observed.message("le montant débité n'est pas le prix du pack", "34,99 €", "19,99 €")
    said = messages.with_rules(fact + "\nLocator expected to be visible\nCall log:\n  - waiting", lines)
    assert said == (f"{fact}\nRègle R16 — {rule_sentence('R16')}\n"
                    "Locator expected to be visible\nCall log:\n  - waiting")
    assert messages.with_rules(said, lines) == said
    # A check's own failure names them itself (fixtures/checked_rules.py tells pages/observed.py before the step).
    observed.protect(lines)
    try:
        with pytest.raises(observed.Constat) as failed:
            observed.fail("le montant débité n'est pas le prix du pack", "34,99 €", "19,99 €")
    finally:
        observed.protect(())
    assert str(failed.value) == f"{fact}\nRègle R16 — {rule_sentence('R16')}"


def test_the_terminal_keeps_the_rule_line_of_a_failure():
    said = f"Règle R16 — {rule_sentence('R16')}"
    fact = observed.message("le montant débité n'est pas le prix du pack", "34,99 €", "19,99 €")
    failed = model.ScenarioResult(
        nodeid="steps/test_scenarios.py::test_achat", feature_name="Acheter", name="Acheter 2 ans", markers={"R16"},
        status=model.FAILED, error=f"{fact}\n{said}", error_where="call",
        steps=[model.StepResult("Alors", "le montant débité est de 34,99 €", 12, "failed", 0.1, ("R16",))])
    lines = summary.failure_lines(model.Run(rules={}, results=[failed], info=model.RunInfo()))
    assert said in [line.strip() for line in lines], lines


@pytest.mark.verifier
def test_a_refused_sign_in_is_named_as_the_cause(tmp_path):
    """The portal refuses the right password (sign_in_refused): the next page the customer opens is the sign-in
    page, and the message says so rather than « no Ordinateurs tab ». An action failed: no rule is named."""
    result = run_broken(tmp_path, "sign_in_refused", "se_connecter_au_compte")
    assert result.returncode == 1, (result.stdout + result.stderr)[-3000:]
    for output, message in first_failures(tmp_path).items():
        assert message.startswith("Le portail affiche la page de connexion au lieu de la page Parallels Access : le "
                                  "client n'est pas connecté"), f"{output} :\n{message}"
        assert "Règle" not in message and not NOT_FOR_READERS.search(message), f"{output} :\n{message}"


# -- the whole page and screen (fixtures/watch.py) ----------------------------------------------------------------
# A regression no step names word for word: on a page or a screen the scenario shows, a rule broken (rules.invariants)
# or the copy changed (the approved copies). (mutation, scenario it breaks (-k), rule named, start of the fact,
# never retried: a forbidden fact seen once fails the run.)
WHOLE_PAGE_CASES = [
    ("support_promises_refund", "passe_laudit and Assistance", "R05",
     "La page « Assistance » propose d'annuler ou de rembourser l'abonnement : « Votre abonnement est remboursé sur "
     "simple demande dans les 14 jours. »", True),
    ("refund_noun_link_in_panel", "le_bouton_dachat_nest_plus_proposé", "R05",
     "La page « Parallels Access » offre le lien « Remboursement », qui annulerait ou rembourserait l'abonnement",
     True),
    ("apple_notice_on_web_subscription", "le_bouton_dachat_nest_plus_proposé", "R07",
     "La page « Parallels Access » renvoie vers Apple un abonnement acheté sur le site web", True),
    ("order_question_sent_to_apple", "acheter_un_abonnement_de_pack and 19", "R18",
     "La page « Commande en cours de traitement » : le texte à côté du lien « Contacter Cleverbridge » parle de "
     "Apple, le lien de Cleverbridge", True),
    ("cart_price_without_unit", "acheter_un_abonnement_de_pack and 19", "R16",
     "La page « Panier » écrit un montant hors du format français (« 19,99 € ») : « 19,99 »", True),
    ("end_date_shows_start", "le_bouton_dachat_nest_plus_proposé", "R16",
     "La page « Parallels Access » : « jusqu'au", True),
    ("android_button_despite_subscription", "acheté_sur_le_site_web_lapplication_android", "R15",
     "L'écran des ordinateurs offre le bouton « Acheter l'abonnement » alors qu'un abonnement est actif", True),
    ("renewal_at_monthly_price", "se_renouvelle_à and 19", "R16",
     "L'onglet Commandes ne montre pas 2 commandes « 1 an » confirmées de 19,99 €", False),
    ("bank_accepts_wrong_code_later", "après_trois_mauvais_codes", "R22",
     "Le cadre de la banque n'a pas refusé le mauvais code en disant les essais qui restent", False),
    ("expiry_this_month_refused", "expire_à_la_fin_de_ce_mois", "R17",
     "La commande n'a pas été passée : le formulaire « Vos coordonnées » a été refusé\n"
     "  attendu  : « la page de la commande »\n"
     "  constaté : « Date d'expiration (MM/AA) : Cette carte a expiré. »", False),
    ("cart_not_deduplicated", "deux_onglets", "R21", "Le panier validé une seconde fois a créé une seconde commande",
     True),
    # Only the first time in the sandbox's life: the retry would pass; a forbidden fact seen once fails the run.
    ("first_cart_not_deduplicated", "deux_onglets", "R21",
     "Le panier validé une seconde fois a créé une seconde commande", True),
    ("cart_intro_changed", "acheter_un_abonnement_de_pack and 19", "R16",
     "La page « Panier » n'est plus sa copie approuvée après l'étape « Alors le panier propose les packs 1 mois, 1 an "
     "et 2 ans » (portail)", False),
    ("ios_packs_intro_changed", "acheter_un_abonnement_à_formule and iPhone and annuelle and not SE", "R04",
     "Le choix des formules d'abonnement n'est plus sa copie approuvée après l'étape", False),
    ("android_dialog_buttons_swapped", "ferme_la_fenêtre_et_nachète_rien", "R09",
     "La fenêtre d'achat n'offre pas les boutons attendus", False),
    ("android_dialog_message_changed", "ferme_la_fenêtre_et_nachète_rien", "R09",
     "La fenêtre d'achat n'est plus sa copie approuvée après l'étape « Alors une fenêtre s'ouvre avec les boutons "
     "\"Acheter l'abonnement\" et \"OK\" » (Android)", False),
    ("android_handoff_signed_out", "mène_au_compte_parallels", "R11",
     "Le navigateur n'a pas ouvert le compte du client : la page ne montre pas son adresse e-mail", False),
]


@pytest.mark.verifier
@pytest.mark.parametrize("mutation,keyword,rule,fact,never_retried",
                         [pytest.param(*c, id=c[0]) for c in WHOLE_PAGE_CASES])
def test_what_the_customer_would_see_is_caught(tmp_path, mutation, keyword, rule, fact, never_retried):
    """Each regression fails its scenario with the fact first and the rule right after it, in JUnit as in every
    output; a « never » rule broken on a page is not retried into « instable »."""
    result = run_broken(tmp_path, mutation, keyword)
    out = result.stdout + result.stderr
    assert result.returncode == 1, f"la suite n'a pas vu la régression (code {result.returncode}) :\n{out[-3000:]}"
    message = first_failures(tmp_path)["JUnit"]
    print(f"\n[{mutation}]\n{message}")
    assert message.startswith(fact), f"JUnit : le message ne commence pas par le constat attendu :\n{message}"
    first_rule = next((line for line in message.splitlines() if line.startswith("Règle ")), "")
    assert first_rule == f"Règle {rule} — {rule_sentence(rule)}", f"JUnit : règle nommée en premier :\n{message}"
    assert not NOT_FOR_READERS.search(message), f"« {NOT_FOR_READERS.search(message).group()} » :\n{message}"
    attempts = [p.name for p in (tmp_path / "artefacts").iterdir() if p.is_dir()]
    if never_retried:
        assert len(attempts) == 1, f"un fait interdit constaté ne doit pas être relancé : {attempts}"
