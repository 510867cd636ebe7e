"""The approved copy of each page and screen a scenario shows: how it is stored (syrupy, one YAML file a page state,
readable in a merge request), what varies from run to run and how that is masked, and how a difference is said.

Stored by syrupy, as that library is meant to be used: ``--snapshot-update`` writes the copies anew (and deletes
those no scenario shows any more), a run without it reports unused copies and fails on them. The folder is the
target's (key ``copies`` of its profile, config/targets/): a staging portal whose texts legitimately differ keeps its
own approved copies.

What varies from run to run is masked by form or by the known value, never by leaving a region out: the customer's
names, e-mail and typed details are replaced by what they are (« ‹prénom du compte› »), so a page that shows another
customer's name, or the first name where the last name belongs, still differs; a date becomes « ‹jj/mm/aaaa› » only
when it has that form, an order number « ‹n° de commande› » only when it has the portal's form (PA- and 8 hexadecimal
digits). Amounts are the packs' prices: they are kept as written, non-breaking space and all.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

DEFAULT_FOLDER = "copies-approuvees"
# Form-checked masks: (what the text is, its form). Anything else that differs is a difference.
FORMS = (
    ("jj/mm/aaaa", re.compile(r"(?<!\d)\d{2}/\d{2}/\d{4}(?!\d)")),
    ("n° de commande", re.compile(r"\bPA-[0-9A-F]{8}\b")),
    ("jeton", re.compile(r"(?<=/connexion/lien/)[A-Za-z0-9_-]{16,}")),
)
MASK = re.compile(r"‹([^›]+)›")
MAX_DIFF_LINES = 24


class ApprovedCopy(SingleFileSnapshotExtension):
    """One page state, as text (YAML: Playwright's ARIA snapshot), in ``<copies>/test_scenarios/``."""
    _write_mode = WriteMode.TEXT
    file_extension = "yml"

    @classmethod
    def matches_test_location(cls, *, test_location, snapshot_location: str) -> bool:
        """Also a copy of an Examples row whose values hold characters a file name cannot (« : », « / »): syrupy
        strips them from the file name, then relates the file to its test only when the id is over 255 characters
        (SingleFileSnapshotExtension.matches_test_location, syrupy 7.0.3)."""
        if super().matches_test_location(test_location=test_location, snapshot_location=snapshot_location):
            return True
        path = Path(snapshot_location)
        stem = path.name.removesuffix(f".{cls.file_extension}")
        sanitized = cls._sanitize_filename(test_location.snapshot_name_parametrized)
        return path.parent.name == test_location.basename and stem.startswith(f"{sanitized}[")


TEXTBOX = re.compile(r'^(?P<head>\s*- textbox "(?P<label>[^"]+)": )(?P<value>.+)$', re.M)


def masked(copy: str, known: Iterable[tuple[str, str]]) -> str:
    """`copy` with the known values (value, what it is) replaced, longest first, then the form-checked masks."""
    known = list(known)
    typed = {what: value for value, what in known if what.startswith("saisi : ")}

    def own_value(line: re.Match) -> str:
        # A field shows what was typed in it: named by its own label, even when Faker gave two fields one value
        # (a city that is also a last name), which the longest-first pass below could name by the other field.
        what = f"saisi : {line['label']}"
        return f"{line['head']}‹{what}›" if typed.get(what) == line["value"] else line[0]

    copy = TEXTBOX.sub(own_value, copy)
    # Longest first; equal lengths by name, so that every process writes the same copy (a set has no order).
    for value, what in sorted({(v, w) for v, w in known if v and len(v) > 1}, key=lambda vw: (-len(vw[0]), vw[1])):
        copy = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", f"‹{what}›", copy)
    for what, form in FORMS:
        copy = form.sub(f"‹{what}›", copy)
    return copy


def agrees(approved: str, copy: str, known: Iterable[tuple[str, str]]) -> bool:
    """Whether the page as read is its approved copy, each mask of the copy standing for the value it names or a
    text of its form. The masks alone cannot tell a run's value from the page's own words: a customer whom Faker
    named « Marchand » makes the bank's « Marchand » line read ‹nom du compte› (CI, 2026-12-03), while the page is
    exactly as approved. A name where another belongs still differs: each mask admits only its own values."""
    values: dict[str, list[str]] = {}
    for value, what in known:
        if value:
            values.setdefault(what, []).append(value)
    forms = dict(FORMS)
    parts, end = [], 0
    for mask in MASK.finditer(approved):
        what = mask[1]
        if what in forms:
            alternative = forms[what].pattern
        elif what in values:
            alternative = "|".join(re.escape(v) for v in sorted(values[what], key=len, reverse=True))
        else:
            return False
        parts += [re.escape(approved[end:mask.start()]), f"(?:{alternative})"]
        end = mask.end()
    parts.append(re.escape(approved[end:]))
    return re.fullmatch("".join(parts), copy) is not None


def difference(approved: str | None, seen: str) -> list[str]:
    """« attendu / constaté » lines of the parts that differ, a line of context around them."""
    if approved is None:
        return ["  aucune copie approuvée pour cet état de la page : relancez avec --snapshot-update, relisez la "
                "copie écrite et versionnez-la"]
    lines = []
    for group in difflib.SequenceMatcher(None, approved.splitlines(), seen.splitlines()).get_grouped_opcodes(1):
        for tag, a0, a1, b0, b1 in group:
            old, new = approved.splitlines()[a0:a1], seen.splitlines()[b0:b1]
            if tag == "equal":
                lines += [f"             {line}" for line in old]
                continue
            lines += [f"  attendu  : {line}" for line in old] + [f"  constaté : {line}" for line in new]
        lines.append("  …")
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"  … ({len(lines) - MAX_DIFF_LINES} ligne(s) de plus dans la copie)"]
    return lines
