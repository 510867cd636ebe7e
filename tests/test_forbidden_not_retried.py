"""A retry never erases a forbidden fact (issue 22, part 7): a « never » check that saw the fact fails the scenario on
its first attempt and is not retried, whatever a retry would see; a check or a wait that did not reach its state is
retried and, passing then, is « instable ». The whole-run proof (a sandbox that duplicates an order on the first
attempt only) is tests/test_regressions_caught.py, case first_cart_not_deduplicated (make verifier)."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from pages.observed import NOT_RETRIED_NOTE, ForbiddenFact, never

ROOT = pathlib.Path(__file__).resolve().parent.parent

PROJECT = '''
import pytest
from pages.observed import check, never
from fixtures.retry import NOT_RETRIED

SEEN = {}


def attempt(name):
    SEEN[name] = SEEN.get(name, 0) + 1
    return SEEN[name]


@pytest.mark.flaky(reruns=2, rerun_except=NOT_RETRIED)
@pytest.mark.parametrize("fact,first,then", FORBIDDEN)
def test_forbidden_on_the_first_attempt_only(fact, first, then):
    holds = then if attempt(fact) > 1 else first
    never(holds, fact, "1 commande", "2 commandes")


@pytest.mark.flaky(reruns=2, rerun_except=NOT_RETRIED)
def test_a_state_not_reached_on_the_first_attempt_only():
    check(attempt("wait") > 1, "la commande n'a pas été confirmée dans le délai")
'''

# (the forbidden fact, as each « never » check of steps/purchase.py states it)
FORBIDDEN = [
    "selon l'API, 2 commandes ont été enregistrées au lieu d'une",
    "le panier validé une seconde fois a créé une seconde commande",
    "selon l'API, la commande a été débitée plus d'une fois",
    "selon l'API, le compte a été débité alors que la commande a été refusée",
    "selon l'API, un abonnement est actif sur le compte alors qu'il ne devrait en avoir aucun",
    "selon l'API, un abonnement est actif avant la réponse du partenaire de paiement",
]


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> subprocess.CompletedProcess:
    folder = tmp_path_factory.mktemp("jamais")
    cases = ", ".join(f"({fact!r}, False, True)" for fact in FORBIDDEN)
    (folder / "test_jamais.py").write_text(PROJECT.replace("FORBIDDEN)", f"[{cases}])"), encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-rA",
                           "test_jamais.py"], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_each_forbidden_fact_fails_at_once_and_is_not_retried(run):
    out = run.stdout + run.stderr
    assert run.returncode == 1, out[-3000:]
    assert f"{len(FORBIDDEN)} failed, 1 passed, 1 rerun" in out, out[-3000:]  # the rerun is the wait's only
    for fact in FORBIDDEN:
        assert fact[0].upper() + fact[1:] in out, fact  # the message starts with a capital
    assert out.count(NOT_RETRIED_NOTE) >= len(FORBIDDEN)


def test_never_raises_the_forbidden_fact_with_the_note():
    with pytest.raises(ForbiddenFact) as raised:
        never(False, "2 commandes ont été enregistrées au lieu d'une", "1 commande", ["A-1", "A-2"])
    assert str(raised.value).startswith("2 commandes ont été enregistrées au lieu d'une")
    assert NOT_RETRIED_NOTE in str(raised.value)
    never(True, "rien")  # holds: nothing raised
