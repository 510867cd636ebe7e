"""Secrets: the check runs after the last file is written and scans every file the run wrote, wherever the
options put it; it knows the secrets the run makes (the generated password typed at sign-in) as well as those of
the configuration (a sentinel, leaked on purpose into logs, output and report sections)."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import zipfile

import pytest

from harness.secret_scan import REDACTED

pytestmark = pytest.mark.verifier  # a run of the scenarios: make verifier

ROOT = pathlib.Path(__file__).resolve().parent.parent
SENTINEL = "sentinelle-9f3c2a71e5"
SCENARIO = "se_connecter_au_compte_et_arriver_sur_longlet_ordinateurs"


def every_file(folder: pathlib.Path):
    for path in folder.rglob("*"):
        if path.is_file():
            yield path
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        yield path / member


def content(path: pathlib.Path) -> bytes:
    for parent in path.parents:
        if parent.suffix == ".zip" and parent.is_file():
            with zipfile.ZipFile(parent) as archive:
                return archive.read(str(path.relative_to(parent)))
    return path.read_bytes()


def test_no_secret_left_in_any_file_of_a_failing_sign_in_run(tmp_path):
    out = tmp_path / "ailleurs"  # every output outside reports/
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-k", SCENARIO, "-p", "no:cacheprovider", "-p", "leaky_plugin",
         "--html-report", str(out / "html" / "index.html"), "--junitxml", str(out / "ci" / "junit.xml"),
         "--cucumberjson", str(out / "ci" / "cucumber.json"), "--alluredir", str(out / "allure"),
         "--output", str(out / "preuves"), "--log-level=DEBUG"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("PA_")},
             "PA_SANDBOX_MUTATIONS": "sign_in_refused", "PA_SENTINELLE_TOKEN": SENTINEL,
             "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "fixtures" / "secrets"), str(ROOT)])})
    output = done.stdout + done.stderr
    # The sentinel was written (and found): the run fails with the secrets' exit code, naming the files.
    assert done.returncode == 3, output[-3000:]
    assert "SECRET TROUVÉ DANS LES RAPPORTS" in done.stdout
    written = list(every_file(out))
    assert any(p.name == "index.html" for p in written) and any(p.name == "trace.zip" for p in written)
    left = [str(p) for p in written if SENTINEL.encode() in content(p)]
    assert left == []
    # The trace of the failed sign-in is kept as evidence, with the typed password masked.
    (trace,) = [p for p in out.rglob("trace.zip")]
    with zipfile.ZipFile(trace) as archive:
        actions = b"".join(archive.read(m) for m in archive.namelist() if m.endswith(".trace"))
    assert REDACTED.encode() in actions
    assert "Secrets du run (mots de passe générés, cookies et jetons de session) masqués" in done.stdout
