"""A run's results as a JSON file (``resultats.json`` beside the HTML report), so that the reports of
several shards can be merged into one (``python -m reporting.merge``).

Paths are stored relative to the report folder (evidence) and to the project root (feature files),
so that a shard's folder can be downloaded to another machine, or moved, and still be merged.
"""
from __future__ import annotations

import dataclasses
import json
import os
import pathlib

from harness import run_model as model
from harness import secret_forms
from harness.shards import RESULTS_NAME

FILE_NAME = RESULTS_NAME
__all__ = ["FILE_NAME", "dump", "load"]
FORMAT = 1


def _relative(path: str, base: pathlib.Path) -> str:
    if not path:
        return ""
    try:
        return os.path.relpath(path, base)
    except ValueError:  # another drive (Windows)
        return path


def dump(run: model.Run, folder: pathlib.Path, root: pathlib.Path, extra: dict,
         redact: set[str] = frozenset()) -> pathlib.Path:
    """Write ``folder/resultats.json``; ``extra`` holds what the merge needs besides the model (the shard);
    the values of ``redact`` (secrets) are masked as in every other report."""
    results = []
    for result in run.results:
        data = dataclasses.asdict(result)
        data["markers"] = sorted(result.markers)
        data["evidence_dir"] = _relative(result.evidence_dir, folder)
        data["feature_file"] = _relative(result.feature_file, root)
        results.append(data)
    payload = {"format": FORMAT, "rules": run.rules, "info": dataclasses.asdict(run.info), "results": results,
               **extra}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    if redact:
        text = secret_forms.redact(text.encode("utf-8"), set(redact)).decode("utf-8")
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: pathlib.Path, root: pathlib.Path) -> tuple[model.Run, dict]:
    """The run of a report folder, its evidence folders and feature files made absolute again."""
    payload = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    if payload.get("format") != FORMAT:
        raise ValueError(f"{folder / FILE_NAME} : format {payload.get('format')} inconnu (attendu {FORMAT})")
    results = []
    for data in payload["results"]:
        data = dict(data)
        data["markers"] = set(data["markers"])
        data["steps"] = [model.StepResult(**step) for step in data["steps"]]
        if data["evidence_dir"]:
            data["evidence_dir"] = str((folder / data["evidence_dir"]).resolve())
        if data["feature_file"]:
            data["feature_file"] = str((root / data["feature_file"]).resolve())
        results.append(model.ScenarioResult(**data))
    run = model.Run(rules=payload["rules"], results=results, info=model.RunInfo(**payload["info"]))
    extra = {k: v for k, v in payload.items() if k not in ("format", "rules", "info", "results")}
    return run, extra

