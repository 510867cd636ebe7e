"""One clock across channels (harness/timeline.py, fixtures/timeline.py): the Android hand-off scenario's timeline, as
its reader sees it in the HTML report (in Chromium), reads the taps on the phone, then the browser's navigation, then
the portal's answers; a failing scenario's timeline marks the step that failed."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from harness.timeline import LIMIT, Timeline, path_of

ROOT = pathlib.Path(__file__).resolve().parent.parent
HAND_OFF = "mène_au_compte_parallels"


def test_addresses_keep_their_page_and_lose_their_tokens():
    assert path_of("http://h/parallels-access?onglet=ordinateurs") == "/parallels-access?onglet=ordinateurs"
    assert (path_of("http://h/connexion/lien/Zq3xY_8kLmN0pQrStU?suite=/panier")
            == "/connexion/lien/‹jeton›?suite=/panier")
    assert path_of("https://h/panier/dBFTrZTGHWFRKl1Q/coordonnees") == "/panier/‹jeton›/coordonnees"


def test_events_are_ordered_on_one_clock_and_bounded():
    timeline = Timeline(started=100.0)
    timeline.add("portail", "200 GET /panier", at=101.5)
    timeline.add("étape", "Quand j'ouvre le panier", at=101.0)
    for _ in range(LIMIT):
        timeline.add("appareil", "touche « OK »", at=102.0, where="Android")
    ordered = timeline.ordered()
    assert [e["what"] for e in ordered["events"][:2]] == ["Quand j'ouvre le panier", "200 GET /panier"]
    assert ordered["events"][0]["t"] == 1.0
    assert len(ordered["events"]) == LIMIT and ordered["left_out"] == 2


@pytest.mark.verifier
def test_the_hand_off_reads_taps_then_navigation_then_answers(tmp_path, shared_browser):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-k", HAND_OFF, "-p", "no:cacheprovider", "-q",
         "--html-report", str(tmp_path / "index.html"), "--output", str(tmp_path / "a")],
        cwd=ROOT, env={**os.environ, "COLUMNS": "200"}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    page = shared_browser.new_page(viewport={"width": 390, "height": 844})  # read on a phone
    try:
        page.goto((tmp_path / "index.html").as_uri())
        scenario = page.locator("details.scenario", has_text="mène au compte Parallels")
        scenario.locator("summary").first.click()
        timeline = scenario.locator("details.timeline")
        timeline.locator("summary").click()
        rows = [r.split("\t") for r in timeline.locator("tbody tr").evaluate_all(
            "rows => rows.map(r => [...r.cells].map(c => c.innerText).join('\\t'))")]
    finally:
        page.close()
    sources = [(source.split()[0], what) for _, source, what in rows]
    times = [float(t) for t, _, _ in rows]
    assert times == sorted(times)

    def first(source: str, starts: str) -> int:
        return next(i for i, (s, what) in enumerate(sources) if s == source and what.startswith(starts))

    tap_window = first("appareil", "touche « android:id/button1 »")  # « Acheter l'abonnement » in the window
    link = first("portail", "303 GET /connexion/lien/‹jeton›")
    opened = first("navigateur", "ouvre /parallels-access")
    assert first("étape", "Quand je touche \"Acheter l'abonnement\" dans la fenêtre") < tap_window < link < opened
    assert "Android" in rows[tap_window][1]
