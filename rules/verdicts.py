"""Which rule a run verified, and which it did not: the one place where checks meet rules.

A *check* is a « Alors » step. Each check declares, beside its step definition, the rules it verifies::

    @then("le bouton \"Acheter l'abonnement\" est affiché à droite")
    @verifies("R13", "R15", "R21")
    def buy_button_shown(portal): ...

In a scenario, a check counts for the rules it declares **and** the scenario carries as tags (``@R15``): the same
check ("mon compte n'a aucun abonnement actif") verifies R10 in the Android « OK » scenario and R21 in the refused
card scenario. :data:`RULE_SENTENCE` says it in one sentence for the report's readers.

Per scenario and rule (:func:`scenario_outcomes`), then per rule over the scenarios (:func:`rule_verdict`):

- « en échec »      a check of this rule failed;
- « vérifiée »      every check of this rule that the scenarios hold ran and passed;
- « non vérifiée »  a scenario carrying the rule stopped (a failed action, a set-up error, not run) before the
                    rule's checks: nothing says the rule holds, nothing says it is broken;
- « non couverte »  no scenario of the run carries the rule.

A scenario *not run on this target* (it needs a control the target lacks, fixtures/target_controls.py) is left
out of its rules' verdicts when other scenarios carrying them ran: the verdict names it (``not_here``) instead
of turning « non vérifiée »; a rule that only such scenarios carry is « non vérifiée » (harness.run_model).

A failure in a quarantined scenario gives « en échec (quarantaine) »: shown, not blocking. The Gherkin guard
refuses a scenario tagged with a rule that none of its checks declares (``regle-sans-verification``), so a
scenario that passes verifies every rule it carries. Consumers: the HTML matrix, the terminal grid, the Cucumber
JSON and Allure labels, and later the failure messages in business words and the merge of shards: all read
this module, none re-derives a verdict.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rules import RULE_ID, declared_rules, verifies  # noqa: F401 - the verdicts' vocabulary, defined by the rules

VERIFIED, FAILED, TOLERATED, UNVERIFIED, UNCOVERED = "verifiee", "echec", "quarantaine", "non-verifiee", "non-couverte"
LABELS = {
    VERIFIED: "vérifiée",
    FAILED: "en échec",
    TOLERATED: "en échec (quarantaine)",
    UNVERIFIED: "non vérifiée",
    UNCOVERED: "non couverte",
}
_PLURALS = {VERIFIED: "vérifiées", UNVERIFIED: "non vérifiées", UNCOVERED: "non couvertes"}


def tally(statuses: Iterable[str]) -> str:
    """« 17 vérifiées, 2 en échec, 1 non vérifiée » for the report's readers, worst kept last."""
    statuses = list(statuses)
    parts = []
    for status in LABELS:
        n = statuses.count(status)
        if n:
            parts.append(f"{n} {_PLURALS.get(status, LABELS[status]) if n > 1 else LABELS[status]}")
    return ", ".join(parts)


# Worst first: a rule takes the worst outcome among its scenarios.
_SEVERITY = [FAILED, TOLERATED, UNVERIFIED, VERIFIED]

RULE_SENTENCE = ("Une règle est en échec quand une vérification (étape « Alors ») qui la déclare a échoué dans un "
                 "scénario qui la porte ; non vérifiée quand un tel scénario s'est arrêté avant ses vérifications ; "
                 "vérifiée quand toutes ont réussi ; non couverte quand aucun scénario du run ne la porte. Un "
                 "scénario non exécuté sur cette cible (contrôle absent) est nommé à côté de la règle : il ne la rend "
                 "pas non vérifiée quand d'autres scénarios l'ont vérifiée.")

def rules_of(markers: Iterable[str]) -> list[str]:
    return sorted(m for m in markers if RULE_ID.match(m))


@dataclass(frozen=True)
class Check:
    """One step of a scenario as run: its status and the rules it verifies in this scenario."""
    status: str  # passed | failed | notrun | skipped
    rules: tuple[str, ...] = ()
    text: str = ""


@dataclass
class RuleOutcome:
    """A rule in one scenario, with the step that decided it (for the report's « pourquoi »)."""
    status: str
    reason: str = ""


def checked_rules(declared: Sequence[str], scenario_rules: Iterable[str]) -> tuple[str, ...]:
    """The rules a check verifies in a scenario: those it declares that the scenario carries."""
    carried = set(scenario_rules)
    return tuple(r for r in declared if r in carried)


def scenario_outcomes(scenario_rules: Iterable[str], checks: Sequence[Check], *, quarantined: bool = False,
                      stopped_at: str = "") -> dict[str, RuleOutcome]:
    """Outcome of each rule the scenario carries. `stopped_at` says where a scenario that failed outside its
    checks stopped (a step, the set-up), for the « non vérifiée » reason."""
    outcomes = {}
    for rule in sorted(set(scenario_rules)):
        mine = [c for c in checks if rule in c.rules]
        failed = next((c for c in mine if c.status == "failed"), None)
        if failed is not None:
            outcomes[rule] = RuleOutcome(TOLERATED if quarantined else FAILED, f"« {failed.text} » a échoué")
        elif mine and all(c.status == "passed" for c in mine):
            outcomes[rule] = RuleOutcome(VERIFIED)
        else:
            where = stopped_at or "avant ses vérifications"
            outcomes[rule] = RuleOutcome(UNVERIFIED, f"scénario arrêté {where}" if stopped_at else
                                         "scénario arrêté avant ses vérifications")
    return outcomes


@dataclass
class RuleVerdict:
    rule: str
    status: str
    # (scenario title, reason) of the scenarios that made the verdict what it is (failed or unverified ones)
    because: list[tuple[str, str]] = field(default_factory=list)
    verified_by: int = 0
    # titles of the scenarios carrying the rule that were not run on this target (harness.run_model.Run.rule_verdict)
    not_here: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.status]


def rule_verdict(rule: str, outcomes: Sequence[tuple[str, RuleOutcome]]) -> RuleVerdict:
    """The rule over its scenarios: (scenario title, outcome of the rule in it)."""
    if not outcomes:
        return RuleVerdict(rule, UNCOVERED)
    worst = min((o.status for _, o in outcomes), key=_SEVERITY.index)
    because = [(title, o.reason) for title, o in outcomes if o.status == worst and worst != VERIFIED]
    return RuleVerdict(rule, worst, because, sum(o.status == VERIFIED for _, o in outcomes))
