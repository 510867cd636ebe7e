"""A rule fails only where one of its checks failed (rules.verdicts), on small hand-made runs."""
from __future__ import annotations

import pytest

from rules.verdicts import (
    FAILED,
    TOLERATED,
    UNCOVERED,
    UNVERIFIED,
    VERIFIED,
    Check,
    checked_rules,
    declared_rules,
    rule_verdict,
    scenario_outcomes,
    verifies,
)


def test_a_check_declares_its_rules_beside_the_step():
    @verifies("R15", "R20")
    def check():
        return None

    assert declared_rules(check) == ("R15", "R20")
    assert declared_rules(lambda: None) == ()
    with pytest.raises(ValueError):
        verifies("bouton")


def test_a_check_counts_for_the_declared_rules_its_scenario_carries():
    assert checked_rules(("R10", "R13", "R17", "R21"), {"R17", "R21", "web"}) == ("R17", "R21")


def test_only_the_rules_of_the_failed_check_are_red():
    # « Acheter un abonnement » tagged R14 R15 R16 R17: the amount check (R16) fails, R17's check never runs.
    checks = [Check("passed", ("R14",), "je vois mes ordinateurs"),
              Check("passed", ("R15",), "le bouton est affiché à droite"),
              Check("passed", (), "je continue"),
              Check("failed", ("R16",), "le montant débité est de 239,99 €"),
              Check("notrun", ("R17",), "la commande est confirmée")]
    outcomes = scenario_outcomes({"R14", "R15", "R16", "R17"}, checks)
    assert {r: o.status for r, o in outcomes.items()} == {
        "R14": VERIFIED, "R15": VERIFIED, "R16": FAILED, "R17": UNVERIFIED}
    assert "le montant débité" in outcomes["R16"].reason


def test_a_failed_action_leaves_its_rules_unverified_not_failed():
    checks = [Check("failed", (), "je touche « Acheter l'abonnement »"), Check("notrun", ("R09",), "une fenêtre")]
    outcomes = scenario_outcomes({"R08", "R09"}, checks, stopped_at="à l'étape « je touche »")
    assert {o.status for o in outcomes.values()} == {UNVERIFIED}
    assert outcomes["R09"].reason == "scénario arrêté à l'étape « je touche »"


def test_quarantine_failures_are_tolerated_and_the_worst_outcome_wins():
    ok, bad = scenario_outcomes({"R01"}, [Check("passed", ("R01",))]), scenario_outcomes(
        {"R01"}, [Check("failed", ("R01",), "x")], quarantined=True)
    assert rule_verdict("R01", [("a", ok["R01"]), ("b", bad["R01"])]).status == TOLERATED
    stopped = scenario_outcomes({"R01"}, [Check("notrun", ("R01",))])
    verdict = rule_verdict("R01", [("a", ok["R01"]), ("c", stopped["R01"])])
    assert (verdict.status, verdict.verified_by, verdict.because[0][0]) == (UNVERIFIED, 1, "c")
    assert rule_verdict("R18", []).status == UNCOVERED
