"""The whole French suite aimed at a portal it does not control: the sealed sandbox (no test-data
API), in black-box mode; and the clean-up of the accounts a run creates, on both kinds of target."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from harness import run_model as model
from reporting import html as html_report
from reporting import summary
from rules import verdicts
from tests.conftest import start_sandbox

pytestmark = pytest.mark.verifier  # whole runs of the suite: make verifier

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PA_")}
NOT_RUN = "non exécuté sur cette cible"


def run_suite(tmp_path: pathlib.Path, *args: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-p", "no:cacheprovider", "-q", "--output", str(tmp_path / "art"),
         "--junitxml", str(tmp_path / "junit.xml"), "--html-report", str(tmp_path / "index.html"),
         "--created-accounts", str(tmp_path / "comptes-crees.txt"), *args],
        cwd=ROOT, env={**CLEAN_ENV, **(env or {})}, capture_output=True, text=True, timeout=1800)
    return result, result.stdout + result.stderr


def why(out: str) -> str:
    """The failing scenarios with their French messages (the « Échecs » section), then the run's end."""
    failures = out.split("Échecs", 1)[1].split("Synthèse des scénarios", 1)[0] if "Échecs" in out else ""
    return failures[:6000] + "\n" + out[-2500:]


def test_full_suite_in_black_box_mode_against_the_sealed_sandbox(tmp_path):
    result, out = run_suite(tmp_path, "--target", "sandbox-scelle", "-n", "2")
    assert result.returncode == 0, why(out)
    cases = ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    skipped, failed, total = {}, [], 0
    for case in cases:
        total += 1
        if case.find("skipped") is not None:
            skipped[case.get("name")] = case.find("skipped").get("message", "")
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(case.get("name"))
    ran = total - len(skipped)
    assert not failed and total >= 60, (total, failed)
    assert ran >= 2 * total / 3, f"{ran} scénarios exécutés sur {total}"
    # Not run = said so, with the control that is missing; never counted as passed.
    for name, message in skipped.items():
        assert NOT_RUN in message and "control = \"none\"" in message, (name, message)
    assert f"Non exécutés sur cette cible : {len(skipped)} scénario(s)" in out
    assert f"{ran} passed, {len(skipped)} skipped" in out
    # Their own column, apart from « Ignorés », in the terminal summary and in the HTML report.
    head = next(line for line in out.splitlines() if line.startswith("Canal ") and "Ignorés" in line)
    totals = next(line for line in out.splitlines() if line.startswith("Total ")).split()
    columns = ["Réussis", "Échoués", "Ignorés", "Non exécutés sur cette cible"]
    assert [head.index(c) for c in columns] == sorted(head.index(c) for c in columns), head
    assert totals[1:5] == [str(ran), "0", "0", str(len(skipped))], (head, totals)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert html.count(NOT_RUN) >= len(skipped)
    table = SynthesisTable()
    table.feed(html)
    row = dict(zip(table.rows[0], next(r for r in table.rows if r[0] == "Total"), strict=True))
    assert (row["Réussis"], row["Ignorés"], row["Non exécutés sur cette cible"]) == (str(ran), "0", str(len(skipped)))
    assert f"{len(skipped)} scénario(s) non exécuté(s) sur cette cible" in html
    # Every rule of the web purchase, R12..R19, checked on the portal alone.
    for rule in range(12, 20):
        assert re.search(rf"R{rule} ✔", out), f"R{rule} non vérifiée en boîte noire :\n{out[-2500:]}"
    # No way to delete what it created: the list is left in reports/ and announced.
    created = [line for line in (tmp_path / "comptes-crees.txt").read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")]
    assert len(created) >= ran - 2 and all("@" in e for e in created)
    assert f"laissés sur la cible : {len(created)}, liste dans {tmp_path / 'comptes-crees.txt'}" in out


def test_a_run_deletes_every_account_it_created_through_the_contract(tmp_path):
    """Full control: at the end of the run, deleteAccount for each account; the sandbox has none left."""
    sandbox = start_sandbox(tmp_path / "sandbox")
    try:
        store = sandbox.store()
        assert store.account_emails() == []
        result, out = run_suite(
            tmp_path, "--sandbox-url", sandbox.portal_url, "-n", "2",
            "-k", "un_autre_compte or une_carte_refusée or double_clic or avec_un_abonnement_actif",
            env={"PA_SANDBOX_TOKEN": sandbox.token})
        assert result.returncode == 0, why(out)
        assert "4 passed" in out, out[-2000:]
        assert store.account_emails() == [], "comptes restés dans le bac à sable après le passage"
        assert "Comptes créés par ce passage : 5 supprimé(s) par l'API de données de test." in out
        assert not (tmp_path / "comptes-crees.txt").exists()
    finally:
        sandbox.stop()


def test_black_box_run_with_a_pool_of_accounts_leased_per_worker(tmp_path):
    """No sign-up: each scenario takes a pre-provisioned account; two workers never share one,
    and nothing is listed as created (the pool's accounts belong to the staging team)."""
    sandbox = start_sandbox(tmp_path / "sandbox", extra_args=["--sealed"])
    try:
        store = sandbox.store()
        # 4 scenarios on 2 workers: 4 accounts each, whatever the scheduling.
        pool = [(f"reserve{i}@exemple.fr", f"Mot-de-passe-{i}") for i in range(8)]
        for email, password in pool:
            store.create_account(email, password)
        result, out = run_suite(
            tmp_path, "--sandbox-url", sandbox.portal_url, "--target", "sandbox-scelle", "-n", "2",
            "-k", "acheter_un_abonnement_de_pack or double_clic",
            env={"PA_SANDBOX_TOKEN": sandbox.token,
                 "PA_ACCOUNT_POOL": "\n".join(f"{e} {p}" for e, p in pool)})
        assert result.returncode == 0, why(out)
        assert store.account_emails() == [e for e, _ in pool], "un compte a été créé malgré la réserve"
        owners = [store.account_by_email(e)["id"] for e, _ in pool]
        bought = [o for o in owners if store.orders(o)]
        assert len(bought) == 4, "un compte de la réserve par scénario"
        assert all(len(store.orders(o)) == 1 for o in bought), "un compte de la réserve servi deux fois"
        assert not (tmp_path / "comptes-crees.txt").exists()
    finally:
        sandbox.stop()


def test_black_box_scenarios_that_need_computers_take_pool_accounts_that_have_them(tmp_path):
    """A new account has no computer (only the agent adds one): a scenario tagged @pilote_ordinateurs takes a pool
    account whose computers the staging team listed, and sees them in the app; a scenario without the tag takes a
    plain account, whose Ordinateurs tab must say it has none."""
    sandbox = start_sandbox(tmp_path / "sandbox", extra_args=["--sealed"])
    try:
        store = sandbox.store()
        machines = [f"Poste de recette {i:02d}" for i in range(1, 13)]
        store.create_account("equipe@exemple.fr", "Mot-de-passe-eq", computers=[(m, "macOS") for m in machines])
        store.create_account("neuf@exemple.fr", "Mot-de-passe-neuf")
        pool = f"neuf@exemple.fr Mot-de-passe-neuf\nequipe@exemple.fr Mot-de-passe-eq | {', '.join(machines)}"
        result, out = run_suite(
            tmp_path, "--sandbox-url", sandbox.portal_url, "--appium-url", sandbox.appium_url,
            "--target", "sandbox-scelle", "-n", "0", "-k", "nombreux_ordinateurs or se_connecter_au_compte_et_arriver",
            env={"PA_SANDBOX_TOKEN": sandbox.token, "PA_ACCOUNT_POOL": pool})
        assert result.returncode == 0, why(out)
        assert "2 passed" in out and NOT_RUN not in out, out[-2500:]
        # the scenario with the tag bought on the account that has the computers, the other signed in the new one
        assert store.account_emails() == ["equipe@exemple.fr", "neuf@exemple.fr"]
        assert store.active_subscription(store.account_by_email("equipe@exemple.fr")["id"]) is not None
        assert store.active_subscription(store.account_by_email("neuf@exemple.fr")["id"]) is None
    finally:
        sandbox.stop()

    # Without such accounts, the scenario is not run, and says what would let it run.
    result, out = run_suite(tmp_path, "--target", "sandbox-scelle", "-n", "0", "-k", "nombreux_ordinateurs")
    assert result.returncode == 0, why(out)
    assert "1 skipped" in out and "disposer d'un compte qui a des ordinateurs" in out, out[-2500:]
    assert "PA_ACCOUNT_POOL_FILE" in out


def test_black_box_run_catches_a_regression(tmp_path):
    """A declined card that activates the subscription anyway is caught without the test-data API."""
    result, out = run_suite(tmp_path, "--target", "sandbox-scelle", "-n", "0", "-k", "une_carte_refusée",
                            env={"PA_SANDBOX_MUTATIONS": "declined_card_activates"})
    assert result.returncode == 1, why(out)
    assert "La commande a été confirmée alors que le paiement devait être refusé" in out, why(out)


class SynthesisTable(HTMLParser):
    """The « Synthèse par canal » table of the HTML report, as rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self._in, self._cell = [], False, None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "synthesis") in attrs:
            self._in = True
        elif self._in and tag == "tr":
            self.rows.append([])
        elif self._in and tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._in = False
        elif self._in and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def test_scenarios_not_run_here_have_their_own_count_and_leave_a_rule_to_those_that_ran(tmp_path):
    """Not run on this target: counted apart from the skipped ones in the summary and the HTML report; a rule
    that other scenarios verified stays verified and names them; a rule only they carry stays unverified."""
    reason = ("non exécuté sur cette cible : demande de avancer l'horloge du compte — la cible « sandbox-scelle » "
              "ne l'offre pas (control = \"none\")")

    def result(name, status, rules, error="", checks="passed"):
        steps = [model.StepResult("Alors", "le bouton n'est pas affiché", 3, checks if status == model.PASSED
                                  else "notrun", 0.1, tuple(rules))]
        return model.ScenarioResult(nodeid=name, feature_name="F", name=name, markers={"web", *rules},
                                    status=status, steps=steps, error=error)

    run = model.Run({"R15": "bouton", "R17": "commande"}, [
        result("achat", model.PASSED, ["R15"]),
        result("expiration", model.SKIPPED, ["R15"], reason),
        result("partenaire lent", model.SKIPPED, ["R17"], reason),
        result("ignoré à la main", model.SKIPPED, ["R15"], "pas aujourd'hui"),
    ], model.RunInfo())
    counts = run.counts()
    assert (counts["passed"], counts["skipped"], counts["not_here"]) == (1, 1, 2)
    # the hand-skipped one still leaves R15 unverified; without it, R15 is verified by « achat »
    assert run.rule_verdict("R15").status == verdicts.UNVERIFIED
    run.results = [r for r in run.results if r.name != "ignoré à la main"]
    r15, r17 = run.rule_verdict("R15"), run.rule_verdict("R17")
    assert (r15.status, r15.not_here) == (verdicts.VERIFIED, ["expiration"])
    assert r17.status == verdicts.UNVERIFIED and NOT_RUN in r17.because[0][1]

    lines = summary.lines(run)
    header, total = lines[0].split(), next(line for line in lines if line.startswith("Total")).split()
    assert "Ignorés" in header and lines[0].count("Non exécutés sur cette cible") == 1
    assert total[1:5] == ["1", "0", "0", "2"], lines  # réussis, échoués, ignorés, non exécutés sur cette cible
    assert "Non exécutés sur cette cible : 2 scénario(s)" in "\n".join(lines)
    assert any(line.startswith("  R15 vérifiée par les scénarios exécutés") and "expiration" in line
               for line in lines), lines
    assert any(line.startswith("  R17 non vérifiée") for line in lines), lines

    html_report.write(run, tmp_path / "index.html")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    table = SynthesisTable()
    table.feed(page)
    head, total = table.rows[0], next(row for row in table.rows if row[0] == "Total")
    assert head[:6] == ["Canal", "Réussis", "Échoués", "Ignorés", "Non exécutés sur cette cible", "Non exécutés"]
    assert total[1:5] == ["1", "0", "0", "2"]
    assert "2 scénario(s) non exécuté(s) sur cette cible" in page
    assert page.count('data-status="nothere"') == 3 and 'data-status="nothere">Non exécutés sur cette cible' in page
