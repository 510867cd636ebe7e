"""Every form a secret takes in what a run writes, so that masking finds it however it was written.

A password typed into a form is URL-encoded in a trace (`password=p%40ss+w0rd`), JSON-escaped in a report
(`p\\"ss`), HTML-escaped in a page source (`p&amp;ss`), base64 in an `Authorization: Basic` header (with the user
before it, so at any alignment), and sits inside URLs (`https://user:pass@host`). No pytest here: the end-of-run
scan (harness/secret_scan.py) and the messages that print an address use it.

A secret of 8 characters or more is searched in every form, anywhere. A shorter one (a pool password chosen by the
staging team) would match ordinary text by chance: it is searched as a whole value only, where a secret sits in a
run's files (a quoted string, a form or query value, the password of a URL), so that it is masked whatever its
length without masking the words of a report.
"""
from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import quote, quote_plus

ANYWHERE_FROM = 8  # shorter values are searched as whole values only
REDACTED = "***secret-masqué***"
# scheme://user:password@ — the password part, whatever it is (an address printed or logged with its credentials)
URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^\s/@:'\"<>]*):([^\s/@'\"<>]*)@")


def without_credentials(text: str) -> str:
    """`text` with the user and password of every address in it left out (``https://…@host``)."""
    return URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}…@", text)


def _base64_cores(data: bytes) -> set[bytes]:
    """The base64 characters that depend on `data` alone, at each of the 3 alignments it may have inside a longer
    value (« user:password » in a Basic header): wherever it sits, one of these is in the encoding."""
    cores = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data)
        first = (shift * 8 + 5) // 6  # chars carrying bits of the padding before
        last = ((shift + len(data)) * 8) // 6  # chars carrying bits of data only
        core = encoded[first:last]
        if len(core) >= ANYWHERE_FROM:
            cores.add(core)
            cores.add(core.replace(b"+", b"-").replace(b"/", b"_"))  # base64url (JWT, cookies)
    return cores


def forms(secret: str) -> set[bytes]:
    """Every byte string `secret` may be written as, in a run's text files and trace members."""
    texts = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret), html.escape(secret),
             html.escape(secret, quote=False), json.dumps(secret)[1:-1],
             json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(json.dumps(secret))[3:-3]}
    found = {t.encode("utf-8") for t in texts if t}
    found |= {f.lower() for f in found if b"%" in f}  # %2f as well as %2F
    found |= _base64_cores(secret.encode("utf-8"))
    return found


def whole_value_patterns(secret: str) -> list[re.Pattern[bytes]]:
    """A short secret as a whole value: quoted, a form or query value, the password of a URL."""
    patterns = []
    for written in {secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1], html.escape(secret)}:
        value = re.escape(written.encode("utf-8"))
        patterns.append(re.compile(rb"(?<=[\"'])" + value + rb"(?=[\"'])"))  # "s" or 's'
        patterns.append(re.compile(rb"(?<==)" + value + rb"(?=[&\"'\s;]|$)"))  # password=s&…
        patterns.append(re.compile(rb"(?<=:)" + value + rb"(?=@)"))  # scheme://user:s@host
        patterns.append(re.compile(rb"(?<=>)" + value + rb"(?=<)"))  # <td>s</td>
    return patterns


def present(data: bytes, secret: str) -> bool:
    if len(secret) >= ANYWHERE_FROM:
        return any(form in data for form in forms(secret))
    return any(p.search(data) for p in whole_value_patterns(secret))


def redact(data: bytes, secrets: set[str]) -> bytes:
    """`data` with every form of every secret masked, longest first (a secret inside another is masked whole)."""
    mask = REDACTED.encode()
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= ANYWHERE_FROM:
            for form in sorted(forms(secret), key=len, reverse=True):
                data = data.replace(form, mask)
        else:
            for pattern in whole_value_patterns(secret):
                data = pattern.sub(mask, data)
    return data


def redact_url_credentials(data: bytes) -> tuple[bytes, bool]:
    """`data` with the credentials of every address masked; whether there were any."""
    pattern = re.compile(URL_CREDENTIALS.pattern.encode())
    masked, count = pattern.subn(lambda m: m.group(1) + b"***@", data)
    return masked, bool(count)
