"""Target profiles (config/targets/NAME.toml): where the scenarios run (sandbox by default, or a real portal)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from harness import values as typed
from harness.profile_files import CONFIG_DIR, ProfileError, expand, read_profile

PROFILES_DIR = CONFIG_DIR / "targets"
# How much the target lets the suite control (key `control` of a target profile):
CONTROLS = {
    "full": "l'API de données de test (docs/api-donnees-de-test/openapi.yaml) est là : comptes, état, pannes",
    "none": "le portail seul, en boîte noire : comptes par la page « Créer un compte » ou une réserve, "
            "vérifications sur les pages du portail",
}
# How a scenario needing a control the target lacks is said skipped (fixtures/target_controls.py): the reports
# count such skips apart from the others by this beginning.
NOT_RUN_HERE = "non exécuté sur cette cible"


@dataclass
class Profile:
    name: str
    description: str
    sandbox: bool
    portal_url: str = ""
    testdata_url: str = ""
    testdata_token: str = field(default="", repr=False)
    appium_url: str = ""
    control: str = "full"
    # The folder of the approved copies of its pages and screens, beside steps/test_scenarios.py
    # (harness/approved_copies.py): a portal whose texts legitimately differ names its own.
    copies: str = "copies-approuvees"


def load(name: str, env: dict | None = None) -> Profile:
    env = dict(os.environ if env is None else env)
    path, raw = read_profile(PROFILES_DIR, name, "d'environnement")
    values = {k: expand(k, v, name, env) if isinstance(v, str) else v for k, v in raw.items()}
    known = set(Profile.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ProfileError(f"Clés inconnues dans le profil {path} : {', '.join(sorted(unknown))}.")
    profile = Profile(**{"name": name, "description": "", "sandbox": False, **values})
    if profile.control not in CONTROLS:
        raise ProfileError(f"Le profil « {name} » : control = {profile.control!r} n'existe pas. Valeurs possibles : "
                           + " ; ".join(f"{k!r} ({v})" for k, v in CONTROLS.items()) + ".")
    if profile.control == "full" and not profile.sandbox and not profile.testdata_url:
        raise ProfileError(f"Le profil « {name} » demande le contrôle total (control = \"full\") sans adresse "
                           "d'API de données de test (testdata_url). Donnez-la, ou visez le portail en boîte "
                           "noire : control = \"none\".")
    if not profile.sandbox:
        for key in ("portal_url", "testdata_url", "appium_url"):
            value = getattr(profile, key)
            if value:
                try:
                    setattr(profile, key, typed.url("http", "https")(value))
                except typed.ValueProblem as exc:
                    raise ProfileError(f"Le profil « {name} » : {key} refusé, {exc}.") from None
        if not profile.portal_url:
            raise ProfileError(f"Le profil « {name} » n'indique pas l'adresse du portail (portal_url).")
    return profile
