"""Target profiles (config/targets/NAME.toml): where the scenarios run (sandbox by default, or a real portal)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from harness.profile_files import CONFIG_DIR, ProfileError, expand, read_profile

PROFILES_DIR = CONFIG_DIR / "targets"


@dataclass
class Profile:
    name: str
    description: str
    sandbox: bool
    portal_url: str = ""
    testdata_url: str = ""
    testdata_token: str = field(default="", repr=False)
    appium_url: str = ""


def load(name: str, env: dict | None = None) -> Profile:
    env = dict(os.environ if env is None else env)
    path, raw = read_profile(PROFILES_DIR, name, "d'environnement")
    values = {k: expand(k, v, name, env) if isinstance(v, str) else v for k, v in raw.items()}
    known = set(Profile.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ProfileError(f"Clés inconnues dans le profil {path} : {', '.join(sorted(unknown))}.")
    profile = Profile(**{"description": "", "sandbox": False, **values})
    if not profile.sandbox:
        for key in ("portal_url", "testdata_url"):
            url = getattr(profile, key)
            if url and not re.match(r"https?://", url):
                raise ProfileError(f"Le profil « {name} » : {key} doit commencer par http:// ou https:// "
                                   f"(valeur reçue : {url!r}).")
        if not profile.portal_url:
            raise ProfileError(f"Le profil « {name} » n'indique pas l'adresse du portail (portal_url).")
    return profile
