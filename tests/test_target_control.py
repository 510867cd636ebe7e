"""The `control` key of target profiles, the account pool and its leases, the not-run reasons."""
from __future__ import annotations

import pytest

from fixtures.target_controls import CONTROL_TAGS, offered, reason_not_run
from harness import targets
from harness.account_pool import Lease, PooledAccount, read_pool
from harness.profile_files import ProfileError


@pytest.fixture
def profiles_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(targets, "PROFILES_DIR", tmp_path)
    return tmp_path


def test_control_defaults_to_full_and_accepts_none(profiles_dir):
    (profiles_dir / "a.toml").write_text('sandbox = true\n')
    (profiles_dir / "b.toml").write_text('sandbox = false\ncontrol = "none"\nportal_url = "https://p.exemple.fr"\n')
    assert targets.load("a", env={}).control == "full"
    assert targets.load("b", env={}).control == "none"


@pytest.mark.parametrize("text, says", [
    ('sandbox = true\ncontrol = "partiel"\n', "control = 'partiel' n'existe pas. Valeurs possibles : 'full'"),
    ('sandbox = false\ncontrol = "full"\nportal_url = "https://p.exemple.fr"\n',
     "demande le contrôle total (control = \"full\") sans adresse d'API de données de test"),
])
def test_a_wrong_control_is_refused_in_french(profiles_dir, text, says):
    (profiles_dir / "x.toml").write_text(text)
    with pytest.raises(ProfileError, match="^Le profil « x »") as error:
        targets.load("x", env={})
    assert says in str(error.value)


def test_every_shipped_profile_declares_its_control():
    for path in targets.PROFILES_DIR.glob("*.toml"):
        assert "control = " in path.read_text(encoding="utf-8"), path


def test_pool_from_environment_or_file(tmp_path):
    text = "# comptes de recette\nA@exemple.fr  mot de passe 1\n\nb@exemple.fr mdp2\n"
    assert read_pool({"PA_ACCOUNT_POOL": text}) == [PooledAccount("a@exemple.fr", "mot de passe 1"),
                                                     PooledAccount("b@exemple.fr", "mdp2")]
    file = tmp_path / "comptes.txt"
    file.write_text(text, encoding="utf-8")
    assert len(read_pool({"PA_ACCOUNT_POOL_FILE": str(file), "PA_ACCOUNT_POOL": "ignorée"})) == 2
    assert read_pool({}) == []
    assert "mdp2" not in repr(read_pool({"PA_ACCOUNT_POOL": text}))


def test_pool_refuses_a_duplicate_or_a_line_without_password():
    with pytest.raises(ProfileError, match="ligne 2 : attendu"):
        read_pool({"PA_ACCOUNT_POOL": "a@exemple.fr secret-1\nb@exemple.fr"})
    with pytest.raises(ProfileError, match="deux fois"):
        read_pool({"PA_ACCOUNT_POOL": "a@exemple.fr x\nA@exemple.fr y"})


def test_leases_of_two_workers_never_share_an_account_and_run_out_loudly():
    pool = [PooledAccount(f"c{i}@exemple.fr", "x") for i in range(5)]
    first, second = Lease(pool, 0, 2), Lease(pool, 1, 2)
    taken_first = [first.take() for _ in range(3)]
    taken_second = [second.take() for _ in range(2)]
    assert not set(taken_first) & set(taken_second)
    assert set(taken_first) | set(taken_second) == set(pool)
    with pytest.raises(ProfileError, match=r"épuisée : ce processus \(n° 2 sur 2\) a utilisé ses 2 compte\(s\) sur 5"):
        second.take()


def test_pool_accounts_may_list_their_computers_and_are_leased_by_kind():
    """An account where the agent is installed lists its computers after « | »; every worker gets its part of
    them, a scenario that needs computers takes one that has enough, the others keep them for it."""
    text = ("a@exemple.fr mot de passe 1 | MacBook Pro du labo, PC de recette\nb@exemple.fr mdp2\n"
            "c@exemple.fr mdp3 | Mac mini\nd@exemple.fr mdp4\ne@exemple.fr x|y\n")
    pool = read_pool({"PA_ACCOUNT_POOL": text})
    assert [(a.password, a.computers) for a in pool] == [
        ("mot de passe 1", ("MacBook Pro du labo", "PC de recette")), ("mdp2", ()), ("mdp3", ("Mac mini",)),
        ("mdp4", ()), ("x|y", ())]
    with pytest.raises(ProfileError, match="ligne 1 : attendu .* « | ordinateur 1, ordinateur 2 »"):
        read_pool({"PA_ACCOUNT_POOL": "a@exemple.fr secret | "})
    first, second = Lease(pool, 0, 2), Lease(pool, 1, 2)
    assert [a.email for a in first.accounts] == ["b@exemple.fr", "e@exemple.fr", "a@exemple.fr"]
    assert [a.email for a in second.accounts] == ["d@exemple.fr", "c@exemple.fr"]
    assert first.take().email == "b@exemple.fr"  # without computers first
    with pytest.raises(ProfileError, match=r"n'a plus de compte doté d'au moins 3 ordinateur\(s\) ; il en a reçu 0"):
        first.take(3)
    assert first.take(2).email == "a@exemple.fr"
    assert second.take(1).email == "c@exemple.fr" and second.take().email == "d@exemple.fr"
    with pytest.raises(ProfileError, match="épuisée"):
        second.take()


def test_accounts_with_computers_are_offered_without_the_contract_only_by_a_pool_that_has_some():
    plain, equipped = [PooledAccount("b@exemple.fr", "x")], [PooledAccount("a@exemple.fr", "x", ("Mac mini",))]
    tags = {"pilote_ordinateurs", "R02"}
    reason = reason_not_run(tags, "recette", "none", offered("none", plain))
    assert reason.startswith("non exécuté sur cette cible : demande de disposer d'un compte qui a des ordinateurs")
    assert "seul l'agent Parallels Access" in reason and "PA_ACCOUNT_POOL_FILE" in reason
    assert reason_not_run(tags, "recette", "none", offered("none", plain + equipped)) is None
    assert reason_not_run(tags | {"pilote_paiement"}, "recette", "none", offered("none", equipped)).startswith(
        "non exécuté sur cette cible : demande de provoquer une panne")
    assert offered("full", []) == set(CONTROL_TAGS)


def test_not_run_reason_names_what_is_missing_and_the_target():
    assert reason_not_run({"pilote_paiement", "web"}, "sandbox", "full") is None
    reason = reason_not_run({"pilote_paiement", "R17"}, "recette", "none")
    assert reason.startswith("non exécuté sur cette cible : demande de provoquer une panne")
    assert "« recette »" in reason
    assert reason_not_run({"R17"}, "recette", "none") is None


def test_control_tags_are_registered_markers(pytestconfig):
    registered = {line.split(":")[0].strip() for line in pytestconfig.getini("markers")}
    assert set(CONTROL_TAGS) <= registered
