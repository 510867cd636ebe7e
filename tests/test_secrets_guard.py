"""Secrets never stay in reports, logs or traces."""
from __future__ import annotations

import types
import zipfile

import pytest

from harness.secret_scan import REDACTED, known_secrets, scan
from harness.session import SANDBOX_INFO


def test_secret_env_values_are_known_and_short_values_ignored():
    config = types.SimpleNamespace(stash=pytest.Stash())
    config.stash[SANDBOX_INFO] = {"token": "sandbox-token-123"}
    secrets = known_secrets(config, {"PA_TESTDATA_TOKEN": "abcdefgh-123", "SAUCE_ACCESS_KEY": "short",
                                     "HOME": "/root-not-a-secret"})
    assert secrets == {"abcdefgh-123", "sandbox-token-123"}


def test_text_reports_and_traces_are_redacted(tmp_path):
    (tmp_path / "junit.xml").write_text("<x>jeton=abcdefgh-123</x>")
    (tmp_path / "clean.json").write_text("{}")
    with zipfile.ZipFile(tmp_path / "trace.zip", "w") as archive:
        archive.writestr("trace.network", "Authorization: Bearer abcdefgh-123")
    with zipfile.ZipFile(tmp_path / "clean.zip", "w") as archive:
        archive.writestr("trace.network", "nothing")
    findings = scan([tmp_path], {"abcdefgh-123"})
    assert sorted(path.name for path, _ in findings) == ["junit.xml", "trace.zip"]
    assert (tmp_path / "junit.xml").read_text() == f"<x>jeton={REDACTED}</x>"
    # The trace is kept as evidence, without the secret.
    with zipfile.ZipFile(tmp_path / "trace.zip") as archive:
        assert archive.read("trace.network").decode() == f"Authorization: Bearer {REDACTED}"
    assert (tmp_path / "clean.zip").exists()


def test_nothing_found_when_no_secret(tmp_path):
    (tmp_path / "a.txt").write_text("abcdefgh-123")
    assert scan([tmp_path], set()) == []


def test_passwords_of_an_account_pool_are_secrets():
    from harness.account_pool import read_pool
    from harness.session import ACCOUNT_POOL

    config = types.SimpleNamespace(stash=pytest.Stash())
    config.stash[ACCOUNT_POOL] = read_pool({"PA_ACCOUNT_POOL": "a@exemple.fr mot-de-passe-1\nb@exemple.fr court"})
    # Whatever their length (a short one is masked as a whole value only), and as a Basic header carries them.
    assert known_secrets(config, {}) == {"mot-de-passe-1", "court", "a@exemple.fr:mot-de-passe-1",
                                         "b@exemple.fr:court"}
