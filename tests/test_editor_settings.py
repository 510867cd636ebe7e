"""The editor settings that `make catalogue` writes take every sentence of features/ to exactly one definition, the
one pytest-bdd runs, as the real Cucumber language server reads them (issue 23, tools/editor_settings.py).

The server is @cucumber/language-server, the one VS Code's « Cucumber » extension embeds, pinned and installed by
`make editor-tools` (.ci/install-editor-tools.sh) under .tools/editor-tools; tools/editor_language_server.cjs drives
it over the Language Server Protocol. No browser, no sandbox: a few seconds.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from steps.context import TYPES
from tools import editor_settings, step_catalogue
from tools.gherkin_guard import analyse

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(os.environ.get("EDITOR_TOOLS_DIR", ROOT / ".tools" / "editor-tools"))
DRIVER = ROOT / "tools" / "editor_language_server.cjs"
PINNED = json.loads((ROOT / ".ci" / "editor-tools" / "package.json").read_text(encoding="utf-8"))["dependencies"]


@pytest.fixture(scope="module")
def server_tools() -> Path:
    installed = TOOLS / "node_modules" / "@cucumber" / "language-server" / "package.json"
    if not installed.exists() or shutil.which("node") is None:  # not a skip: a consumer that cannot run is a failure
        pytest.fail(f"{installed} ou node absent : lancez `make editor-tools` (.ci/install-editor-tools.sh).",
                    pytrace=False)
    return TOOLS


def resolve(project: Path, features: Path, steps: Path, tools: Path, folder: Path | None = None):
    """Write the editor files of ``project`` as `make catalogue` does (into ``folder``, its .vscode by default), then
    ask the language server, started in ``project`` as VS Code starts it in its workspace."""
    analysis = analyse(features, steps, ROOT / "pytest.ini", base=project)
    folder = folder or project / ".vscode"
    files = editor_settings.write(analysis, steps, features, folder)
    done = subprocess.run(["node", str(DRIVER), str(tools), str(folder / editor_settings.SETTINGS_NAME)], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    glue = folder / editor_settings.GLUE_NAME
    return report, editor_settings.resolution_problems(report, analysis, files, glue, project), files


def feature(path: Path, body: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "essai.feature").write_text("# language: fr\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_pinned_server_is_the_one_installed(server_tools):
    for package in ("@cucumber/language-server", "@cucumber/language-service"):
        installed = json.loads((server_tools / "node_modules" / package / "package.json").read_text())["version"]
        assert installed == PINNED[package], f"{package} {installed} installé, {PINNED[package]} épinglé"


def test_every_sentence_of_the_features_resolves_to_the_definition_pytest_bdd_runs(server_tools, tmp_path):
    # The project's own features and steps; the editor files go to a temporary folder, not to the checkout's .vscode.
    report, problems, files = resolve(ROOT, ROOT / "features", ROOT / "steps", server_tools, tmp_path / ".vscode")
    assert report["server"] == {"name": "Cucumber Language Server", "version": PINNED["@cucumber/language-server"]}
    assert not problems, "L'éditeur ne mène pas chaque phrase à sa définition :\n" + "\n".join(problems)
    steps = [s for f in report["features"] for s in f["steps"]]
    rows = [r for f in report["features"] for r in f["rows"]]
    # Every file, every step line, every row of every Examples table was asked.
    assert len(report["features"]) == len(list((ROOT / "features").rglob("*.feature")))
    assert len(steps) > 300 and len(rows) > 100
    assert report["expressions"] == len(files.entries) > 100
    # The project's types with the very patterns the steps use, each also reading an outline column (`<prix>`).
    regexps = {t["name"]: t["regexp"] for t in files.settings["cucumber.parameterTypes"]}
    assert regexps == {"entier": r"<[^<>]+>|-?\d+", "euros": f"<[^<>]+>|{TYPES['euros'].pattern}",
                       "texte": f"<[^<>]+>|{TYPES['texte'].pattern}"}
    # Outline lines as written (`le total du panier est de <prix>`) are judged too, and there are some.
    assert sum(s["outline"] for s in steps) > 30


def test_an_undefined_sentence_is_reported_in_french(server_tools, tmp_path):
    features = feature(tmp_path / "features", """\
        Fonctionnalité: essai
          Scénario: une phrase connue et une phrase que personne n'a écrite
            Quand je continue vers la page suivante
            Et une phrase que personne n'a écrite
        """)
    _, problems, _ = resolve(tmp_path, features, ROOT / "steps", server_tools)
    assert "features/essai.feature:5 : « une phrase que personne n'a écrite » ne mène à aucune définition dans " \
           "l'éditeur." in problems
    assert any(p.startswith("features/essai.feature:5 : l'éditeur souligne : Undefined step: une phrase que personne")
               for p in problems)
    assert not [p for p in problems if ":4 :" in p], problems  # the known sentence is not reported


def test_an_ambiguous_pair_is_reported_with_both_definitions(server_tools, tmp_path):
    steps = tmp_path / "etapes_ambigues"
    steps.mkdir()
    (steps / "__init__.py").write_text("")
    (steps / "choix.py").write_text(textwrap.dedent('''\
        from pytest_bdd import given, parsers


        @given(parsers.parse('je choisis le pack "{pack}"'))
        def any_pack(pack):
            pass


        @given('je choisis le pack "1 an"')
        def one_year():
            pass
        '''), encoding="utf-8")
    features = feature(tmp_path / "features", """\
        Fonctionnalité: essai
          Scénario: deux définitions pour une phrase
            Soit je choisis le pack "1 an"
        """)
    _, problems, _ = resolve(tmp_path, features, steps, server_tools)
    assert problems == ['features/essai.feature:4 : « je choisis le pack "1 an" » mène à 2 définitions dans '
                        "l'éditeur : etapes_ambigues/choix.py:4 ; etapes_ambigues/choix.py:9."]


def test_literals_the_extension_would_misread_are_written_as_anchored_regexes():
    # A dot, a parenthesis or a slash would make the extension read a regex or Cucumber syntax; both quote kinds
    # need concatenated pieces (the extension does not unescape).
    assert editor_settings.python_literal('''l'onglet "{}" s'affiche''', False) == \
        '''"l'onglet " + '"{}" s' + "'affiche"'''
    assert editor_settings.python_literal('^le prix (TTC) est "{}"$', True) == '"/^le prix (TTC) est \\x22{}\\x22$/"'


def test_make_catalogue_keeps_the_other_settings_and_refuses_a_file_with_comments(tmp_path):
    folder = tmp_path / ".vscode"
    folder.mkdir()
    settings = folder / editor_settings.SETTINGS_NAME
    settings.write_text('{"editor.rulers": [120], "cucumber.glue": ["ancien.py"]}', encoding="utf-8")
    args = ["--features", str(ROOT / "features"), "--steps", str(ROOT / "steps"), "--ini", str(ROOT / "pytest.ini"),
            "--editeur", str(folder), "--output", str(tmp_path / "catalogue.md")]
    assert step_catalogue.main(args) == 0
    written = json.loads(settings.read_text(encoding="utf-8"))
    assert written["editor.rulers"] == [120]
    assert written["cucumber.glue"] == [str(folder / editor_settings.GLUE_NAME)]
    assert (folder / editor_settings.GLUE_NAME).read_text(encoding="utf-8").count("\n@") > 100

    settings.write_text('{\n  // mes réglages\n  "editor.rulers": [120]\n}\n', encoding="utf-8")
    assert step_catalogue.main(args) == 1
    assert "// mes réglages" in settings.read_text(encoding="utf-8")  # left as it was
