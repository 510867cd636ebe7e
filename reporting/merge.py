"""Merge the reports of the shards of one run into one, as Playwright Test's ``merge-reports`` and
Robot Framework's ``rebot`` do: one French HTML report, one JUnit, one Cucumber JSON, one Allure
report and the evidence of every failure, with the same content as a single run of the whole suite: the shards'
results (``resultats.json``) make one run, which the writers of a whole run write out (HTML, Cucumber JSON); the
parts' JUnit files are merged by junitparser (their test cases in one suite); Allure reads the parts' results
together as it documents it (``allure generate dir1 dir2 …``: the command is printed, nothing is copied).

    python -m reporting.merge [--sortie reports] reports/shard-*      (make rapport)

Run from the project's root (feature files are found from there). Each shard folder is what
``make e2e SHARD=i/N`` leaves (``resultats.json``, ``junit.xml``,
``cucumber.json``, ``allure/``, ``artefacts/``), possibly downloaded from another CI machine.

Exit code: the merged run's (0 every scenario passed, 1 a scenario failed, 2 a shard was interrupted,
3 a shard could not be set up), 4 when the shard folders cannot be merged (none found, missing
``resultats.json``, two folders for the same part, parts of different splits).
"""
from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import shlex
import shutil
import sys

from junitparser import JUnitXml, TestSuite

from harness import run_model as model
from harness import run_stamp
from reporting import ci_files, html, run_file, summary

SEVERITY = (3, 4, 2, 1)  # the merged exit status is the first of these any shard had, else 0 (or 5: none ran)


class MergeError(Exception):
    """A French message saying what is wrong with the shard folders and how to fix it."""


# ------------------------------------------------------------------------------------ results
def merge_runs(runs: list[tuple[model.Run, dict]]) -> model.Run:
    """One run from the shards' runs: the scenarios each shard ran, and the scenarios no shard ran."""
    ran = [r for run, _ in runs for r in run.results if not _placeholder(r)]
    seen = {(r.feature_file, r.line) for r in ran if r.bdd}
    nodeids = [r.nodeid for r in ran]
    duplicates = sorted({n for n in nodeids if nodeids.count(n) > 1})
    if duplicates:
        raise MergeError(f"Le scénario {duplicates[0]} a été exécuté dans plusieurs parties : ces dossiers ne "
                         "viennent pas d'un même découpage (même N, mêmes options).")
    not_run: dict[str, model.ScenarioResult] = {}
    for run, _ in runs:
        for r in run.results:
            if _placeholder(r) and (r.feature_file, r.line) not in seen:
                not_run.setdefault(r.nodeid, r)
    results = ran + list(not_run.values())  # model.Run orders them as for any run
    infos = [run.info for run, _ in runs]
    statuses = [i.exit_status for i in infos if i.exit_status is not None]
    exit_status = next((code for code in SEVERITY if code in statuses), 0 if ran else 5)
    info = model.RunInfo(
        target=infos[0].target,
        browsers=sorted({b for i in infos for b in i.browsers}),
        devices=sorted({d for i in infos for d in i.devices}),
        faker_seed=", ".join(dict.fromkeys(i.faker_seed for i in infos if i.faker_seed)),
        duration=max(i.duration for i in infos),  # the parts run side by side
        commit=", ".join(dict.fromkeys(i.commit for i in infos if i.commit)),
        date=dt.datetime.now().strftime("%d/%m/%Y à %H:%M:%S"),
        exit_status=exit_status,
        workers=max(i.workers for i in infos),
    )
    return model.Run(rules=runs[0][0].rules, results=results, info=info)


def _placeholder(result: model.ScenarioResult) -> bool:
    """A scenario of the feature files that this shard did not run (reporting.plugin lists them)."""
    return result.status == model.NOT_RUN and "::" not in result.nodeid


def copy_evidence(run: model.Run, out: pathlib.Path) -> None:
    """Each failure's folders (one per attempt) into ``out/artefacts`` (the report links traces relative to
    itself)."""
    for result in run.results:
        if not result.evidence_dir:
            continue
        for source in result.attempt_folders():
            target = out / "artefacts" / source.name
            if source.is_dir() and source.resolve() != target.resolve():
                shutil.copytree(source, target, dirs_exist_ok=True)
        result.evidence_dir = str(out / "artefacts" / pathlib.Path(result.evidence_dir).name)


# ----------------------------------------------------------------------------- JUnit and Allure
def merge_junit(parts: list[pathlib.Path], path: pathlib.Path) -> None:
    """The parts' test cases in one suite, as a whole run's file has them (reporting/ci_files.py), by junitparser."""
    merged = JUnitXml(ci_files.JUNIT_ROOT_NAME)
    suite = TestSuite(ci_files.JUNIT_SUITE_NAME)
    for part in parts:
        for part_suite in JUnitXml.fromfile(str(part)):
            suite.add_testcases(part_suite)
    suite.timestamp = dt.datetime.now().isoformat(timespec="seconds")
    suite.update_statistics()
    merged.add_testsuite(suite)
    merged.update_statistics()
    merged.write(str(path), pretty=True)


def allure_command(folders: list[pathlib.Path]) -> str:
    """Allure 3 reads several results directories into one report: the merge the Allure CLI documents."""
    return "allure generate " + " ".join(shlex.quote(str(folder)) for folder in folders)


# ---------------------------------------------------------------------------------------- CLI
def shard_folders(paths: list[pathlib.Path]) -> list[tuple[pathlib.Path, model.Run, dict]]:
    found = []
    for path in paths:
        problem = run_stamp.part_problem(path)  # a killed run, or the results of an earlier one
        if problem:
            raise MergeError(problem)
        if not (path / run_file.FILE_NAME).is_file():
            raise MergeError(f"{path} : pas de {run_file.FILE_NAME}. Donnez les dossiers écrits par "
                             "`make e2e SHARD=i/N` (reports/shard-i-sur-N), téléchargés en entier.")
        try:
            run, extra = run_file.load(path, pathlib.Path.cwd())
        except (ValueError, KeyError, TypeError) as exc:
            raise MergeError(f"{path / run_file.FILE_NAME} : illisible ({exc}).") from None
        found.append((path, run, extra))
    labels = [extra.get("shard") or "" for _, _, extra in found]
    totals = {label.split("/")[1] for label in labels if "/" in label}
    if len(totals) > 1:
        raise MergeError(f"Parties de découpages différents ({', '.join(labels)}) : fusionnez les N parties "
                         "d'un même run.")
    repeated = sorted({label for label in labels if label and labels.count(label) > 1})
    if repeated:
        raise MergeError(f"La partie {repeated[0]} est donnée deux fois : gardez un dossier par partie.")
    return sorted(found, key=lambda f: _shard_index(f[2].get("shard") or ""))


def _shard_index(label: str) -> int:
    try:
        return int(label.split("/")[0])
    except ValueError:
        return 0


def missing_shards(labels: list[str]) -> list[str]:
    totals = [int(label.split("/")[1]) for label in labels if "/" in label]
    if not totals:
        return []
    have = {_shard_index(label) for label in labels}
    return [f"{i}/{totals[0]}" for i in range(1, totals[0] + 1) if i not in have]


def merge(paths: list[pathlib.Path], out: pathlib.Path) -> tuple[model.Run, list[str]]:
    """Write the merged reports into ``out``; returns the run and the parts that were missing. A stale ``allure/``
    there (a whole run's) is removed: the parts' results are read by Allure where they are."""
    if not paths:
        raise MergeError("Aucun dossier de partie à fusionner : lancez d'abord `make e2e SHARD=i/N` pour chaque "
                         "partie (dossiers reports/shard-i-sur-N), ou donnez leurs chemins.")
    if any(out.resolve() == path.resolve() for path in paths):
        raise MergeError(f"Le dossier de sortie {out} est aussi une partie : choisissez-en un autre (--sortie).")
    shards = shard_folders(paths)
    run = merge_runs([(r, extra) for _, r, extra in shards])
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("artefacts", "allure"):
        shutil.rmtree(out / stale, ignore_errors=True)
    copy_evidence(run, out)
    folders = [path for path, _, _ in shards]
    # Cucumber JSON from the merged results, by the writer of a whole run (a feature's scenarios may be in several
    # parts): the same file as one run.
    features = pathlib.Path.cwd() / (shards[0][2].get("features_dir") or "")
    if any((f / "cucumber.json").is_file() for f in folders):
        ci_files.write_cucumber_json(run, out / "cucumber.json", features)
    junit = [f / "junit.xml" for f in folders if (f / "junit.xml").is_file()]
    if junit:
        merge_junit(junit, out / "junit.xml")
    labels = [extra.get("shard") or "" for _, _, extra in shards]
    run_file.dump(run, out, pathlib.Path.cwd(), {"shard": "", "merged_from": labels})
    html.write(run, out / "index.html")
    return run, missing_shards(labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reporting.merge",
        description="Fusionne les rapports des parties d'un run (make e2e SHARD=i/N) en un seul rapport.")
    parser.add_argument("parties", nargs="*", type=pathlib.Path,
                        help="dossiers des parties (défaut : reports/shard-*)")
    parser.add_argument("--sortie", type=pathlib.Path, default=pathlib.Path("reports"),
                        help="dossier du rapport fusionné (défaut : reports)")
    args = parser.parse_args(argv)
    paths = args.parties or sorted(p for p in pathlib.Path("reports").glob("shard-*") if p.is_dir())
    try:
        run, missing = merge(paths, args.sortie)
    except MergeError as exc:
        print(f"ERREUR : {exc}", file=sys.stderr)
        return 4
    print(f"Fusion de {len(paths)} partie(s) : {', '.join(str(p) for p in paths)}")
    if missing:
        print(f"ATTENTION : partie(s) absente(s) : {', '.join(missing)} ; leurs scénarios sont « non exécutés ».")
    for line in summary.lines(run):
        print(line)
    print(f"Rapport HTML : {args.sortie / 'index.html'} ; JUnit, Cucumber JSON et artefacts dans {args.sortie}/")
    allure = [path / "allure" for path in paths if (path / "allure").is_dir()]
    if allure:
        print(f"Rapport Allure des parties réunies (Allure 3) : {allure_command(allure)}")
    return run.info.exit_status or 0


if __name__ == "__main__":
    sys.exit(main())
