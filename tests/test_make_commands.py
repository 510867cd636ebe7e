"""The README's commands on day one: exit codes that reach CI, a too-old Python, `make sandbox`, sandbox.log.

GNU make exits 0 or 2 whatever its recipe returned; `make e2e` says pytest's own code and keeps it in
reports/exit-code, and `.ci/run` (what CI runs) exits with it. Both are checked through the real `make`, on a
copy of the repository (so that this checkout's reports/ is left alone).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import httpx
import pytest

from harness.sandbox_process import SandboxProcess

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = "actif_dans_lapplication and iPhone"  # one iOS scenario on the simulator: seconds, no browser


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PA_", "MAKE")) and k != "PYTEST_ADDOPTS"}
    return {**env, **extra}


# (expected code, PYTEST_ARGS, extra environment)
EXIT_CASES = [
    (0, f"-k '{SCENARIO}'", {}),
    (1, f"-k '{SCENARIO}'", {"PA_SANDBOX_MUTATIONS": "ios_button_despite_subscription"}),
    (4, f"-k '{SCENARIO}'", {"PA_FAKER_SEED": "pas-un-nombre"}),
    (5, "-k aucun_scenario_ne_porte_ce_nom", {}),
    (4, "", {"SHARD": "deux"}),  # not i/N: refused by the Makefile in French, before pytest-split's --splits/--group
]


@pytest.mark.verifier
@pytest.mark.parametrize(("code", "args", "extra"), EXIT_CASES,
                         ids=[str(c[0]) + ("-shard" if "SHARD" in c[2] else "") for c in EXIT_CASES])
def test_pytest_exit_code_survives_make_e2e_and_ci_run(checkout, code, args, extra):
    env = _env(PYTEST_ARGS=args, WORKERS="0", **extra)
    made = subprocess.run(["make", "e2e"], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    output = made.stdout + made.stderr
    assert made.returncode == (0 if code == 0 else 2), output[-3000:]  # GNU make: 0 or 2, never more
    assert (checkout / "reports" / "exit-code").read_text().strip() == str(code), output[-3000:]
    if "SHARD" in extra:
        assert "SHARD=« deux » : attendu i/N" in made.stderr, output[-3000:]
    elif code:
        assert f"Code de sortie de pytest : {code} " in made.stderr, output[-3000:]
    ci = subprocess.run([".ci/run", "e2e"], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert ci.returncode == code, (ci.stdout + ci.stderr)[-3000:]


def test_too_old_python_gets_the_french_message(tmp_path):
    """An interpreter that answers as Python 3.10 (none is installed here) stops the set-up in French,
    before the venv and the raw `tomllib` traceback."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\n"
                   "case \"$1\" in\n"
                   "  -V) echo 'Python 3.10.12'; exit 0 ;;\n"
                   "  -c) case \"$2\" in *version_info*) exit 1 ;; esac ;;\n"
                   "esac\n"
                   "echo 'interpréteur factice : appel inattendu' >&2; exit 99\n")
    old.chmod(0o755)
    result = subprocess.run(["make", "setup", f"PYTHON={old}"], cwd=tmp_path, env=_env(), capture_output=True,
                            text=True, timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Python 3.10.12 ; le harnais demande Python 3.11 ou plus" in output, output
    assert "make e2e PYTHON=python3.11" in output
    assert "Traceback" not in output and "inattendu" not in output
    assert not (tmp_path / ".venv").exists()


def test_make_sandbox_prints_a_ready_account_and_the_urls(checkout):
    env = _env(PA_SANDBOX_PORTAL_PORT="0", PA_SANDBOX_SIMULATOR_PORT="0")
    process = subprocess.Popen(["make", "-s", "sandbox"], cwd=checkout, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines: list[str] = []
    try:
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Ctrl+C") or len(lines) > 40:
                break
        text = "".join(lines)
        portal = re.search(r"Portail\s+: (http://\S+)/connexion", text)
        account = re.search(r"Compte prêt\s+: (\S+@\S+) / mot de passe (\S+)", text)
        assert portal and account and re.search(r"Simulateur \(Appium\)\s+: http://", text), text
        # The account signs in through the sign-in form, as a person would.
        with httpx.Client(base_url=portal.group(1), timeout=10) as http:
            page = http.get("/connexion")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            answer = http.post("/connexion", data={"csrf": csrf, "email": account.group(1),
                                                   "password": account.group(2)})
            assert answer.status_code == 303, answer.text[-500:]
            assert "Camille" in http.get("/parallels-access").text
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_sandbox_log_holds_the_requests_and_errors(tmp_path):
    log = tmp_path / "sandbox.log"
    sandbox = SandboxProcess(log)
    urls = sandbox.start()
    try:
        with httpx.Client(base_url=urls["portal_url"], timeout=10) as http:
            http.get("/connexion")
            http.get("/page-qui-n-existe-pas")
            http.post("/_sandbox/api/accounts", json={})  # no token: refused
    finally:
        sandbox.stop()
    text = log.read_text(encoding="utf-8")
    assert re.search(r'"GET /connexion HTTP/1\.1" 200', text), text
    assert re.search(r'"GET /page-qui-n-existe-pas HTTP/1\.1" 404', text), text
    assert re.search(r'"POST /_sandbox/api/accounts HTTP/1\.1" 40[13]', text), text
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text, re.M)  # timestamped
    assert sandbox.token not in text
