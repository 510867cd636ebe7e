"""Secrets in every form a run's files hold them (issue 22, part 3), fed sentinel secrets with awkward characters.

Each sentinel is written, as a run writes it, in every output a run leaves: the HTML report (HTML-escaped), JUnit
(XML), Cucumber JSON and Allure results (JSON-escaped, ASCII or not), the sandbox log (URL-encoded form), the trace
archive (the form body URL-encoded inside JSON, a Basic header in base64 after the user, a page source), and inside
addresses (https://user:secret@host). After the end-of-run scan, no form of any sentinel is left, the files stay
readable, and ordinary words are untouched. Each form is spelt out here, not taken from harness/secret_forms.py.
"""
from __future__ import annotations

import base64
import html
import json
import pathlib
import zipfile
from urllib.parse import quote, quote_plus

import pytest

import fixtures.target
from harness.secret_forms import without_credentials
from harness.secret_scan import REDACTED, scan

USER = "recette-01@exemple.fr"
# (name, secret): long and short, quotes, backslash, spaces, +, %, &, <, accents, emoji, a very long one
SENTINELS = [
    ("quotes and spaces", 'p@ss w0rd+"é\\/<&>'),
    ("percent and euro", "jeton%2F=é€😀-42"),
    ("apostrophe", "l'été-2026!"),
    ("short", "Ab1!"),
    ("one character", "Z"),
    ("long", "Ω" * 150 + "'\"" + "x" * 150),
]


def written_forms(secret: str) -> dict[str, str]:
    """How a run writes `secret`, output by output (the file name and what goes in it)."""
    header = base64.b64encode(f"{USER}:{secret}".encode()).decode()
    return {
        "index.html": f"<td>{html.escape(secret)}</td><input value=\"{html.escape(secret)}\">",
        "junit.xml": f"<failure message=\"{html.escape(secret)}\">{html.escape(secret, quote=False)}</failure>",
        "cucumber.json": json.dumps({"output": [secret], "name": "étape"}),
        "cucumber-ascii.json": json.dumps({"output": [secret]}, ensure_ascii=True),
        "allure/abc-result.json": json.dumps({"statusDetails": {"message": secret}}, ensure_ascii=False),
        "sandbox.log": f"POST /connexion email={quote_plus(USER)}&password={quote_plus(secret)}\n"
                       f"GET /?p={quote(secret, safe='')} 200\n",
        "trace.zip:trace.network": json.dumps({"postData": f"email={quote_plus(USER)}&password={quote_plus(secret)}",
                                               "headers": [{"name": "Authorization", "value": f"Basic {header}"}]}),
        "trace.zip:trace.trace": json.dumps({"method": "fill", "params": {"value": secret}}) + "\n",
        "artefacts/page-1.html": f"<input type=password value='{html.escape(secret)}'>",
        "artefacts/notes.txt": f"Portail injoignable : https://{quote(USER, safe='')}:{quote(secret, safe='')}@portail",
    }


def write_outputs(folder: pathlib.Path, secret: str) -> None:
    archive_members = {}
    for name, text in written_forms(secret).items():
        if name.startswith("trace.zip:"):
            archive_members[name.split(":", 1)[1]] = text
            continue
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\nmots ordinaires : Zola, Abricot, état\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "artefacts" / "trace.zip", "w") as archive:
        for member, text in archive_members.items():
            archive.writestr(member, text)


def contents(folder: pathlib.Path) -> dict[str, str]:
    found = {}
    for path in folder.rglob("*"):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                found.update({f"{path.name}:{m}": archive.read(m).decode("utf-8") for m in archive.namelist()})
        elif path.is_file():
            found[path.name] = path.read_text(encoding="utf-8")
    return found


@pytest.mark.parametrize("secret", [s for _, s in SENTINELS], ids=[n for n, _ in SENTINELS])
def test_a_sentinel_secret_leaves_no_form_in_any_output(tmp_path, secret):
    write_outputs(tmp_path, secret)
    findings = scan([tmp_path], {secret, f"{USER}:{secret}"})
    assert len(findings) == 9, sorted(str(p) for p, _ in findings)  # every file that held it, the archive once
    header = base64.b64encode(f"{USER}:{secret}".encode()).decode()
    forms = {secret, html.escape(secret), html.escape(secret, quote=False), json.dumps(secret)[1:-1],
             json.dumps(secret, ensure_ascii=False)[1:-1], quote_plus(secret), quote(secret, safe=""), header}
    for name, text in contents(tmp_path).items():
        if len(secret) >= 8:
            left = [form for form in forms if form in text]
        else:  # a short one is masked as a whole value: it must not stand alone between delimiters
            left = [form for form in forms if any(f"{a}{form}{b}" in text for a in "\"'=>:" for b in "\"'&<@\n")]
        assert not left, (name, left, text[:300])
        assert REDACTED in text or "://***@" in text, name
        assert "mots ordinaires : Zola, Abricot, état" in text or name.startswith("trace.zip:"), name
    # The trace archive is still a readable archive, its members JSON.
    with zipfile.ZipFile(tmp_path / "artefacts" / "trace.zip") as archive:
        json.loads(archive.read("trace.network"))


@pytest.mark.parametrize("address", [
    "http://user:pass@portail.example.com", "https://recette:p%40ss%20w0rd@portail:8443/connexion",
    "ws://admin:Ab1!@127.0.0.1:3000/", "HTTP://u:@h", "https://:jeton@h/x",
])
def test_credentials_in_any_address_are_masked_in_messages_and_files(tmp_path, address):
    password = address.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    shown = without_credentials(f"Portail injoignable : {address} (ConnectError). Vérifiez l'adresse.")
    assert "@" in shown and (not password or f":{password}@" not in shown) and "Vérifiez l'adresse." in shown
    (tmp_path / "sandbox.log").write_text(f"GET {address} 502\n", encoding="utf-8")
    assert scan([tmp_path], {"un-secret-absent"})  # masked though no known secret is in it
    assert f":{password}@" not in (tmp_path / "sandbox.log").read_text(encoding="utf-8")


def test_an_unreachable_portal_with_credentials_is_refused_without_them():
    url = "http://recette:mot-de-passe-du-portail@127.0.0.1:9"
    with pytest.raises(pytest.UsageError) as refused:
        fixtures.target._check_portal(url, "l'adresse (PA_PORTAL_URL)")
    assert "mot-de-passe-du-portail" not in str(refused.value) and "http://…@127.0.0.1:9" in str(refused.value)
