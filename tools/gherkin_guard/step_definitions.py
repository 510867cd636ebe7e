"""Step definitions: import the steps modules and read what pytest-bdd's decorators registered."""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.util
import inspect
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness import pytest_internals
from harness.bdd_internals import StepNamePrefix, step_function_context_registry

from .problems import Problem, StepDefinition, StepModule, shown_path


def _module_name_for(steps_dir: Path, root: Path, file: Path) -> str | None:
    rel = file.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if parts and all(p.isidentifier() for p in parts):
        return ".".join(parts)
    return None


@contextlib.contextmanager
def _isolated_imports(root: Path, top_package: str | None) -> Iterator[None]:
    """Put ``root`` first on sys.path; hide same-named modules that live elsewhere, restore after.

    Modules already imported from the steps folder itself (pytest loaded them as plugins) are reused.
    """
    root_str = str(root)
    sys.path.insert(0, root_str)
    hidden: dict[str, Any] = {}
    before = set(sys.modules)
    if top_package:
        for name in list(sys.modules):
            if name == top_package or name.startswith(top_package + "."):
                module = sys.modules[name]
                locations = [getattr(module, "__file__", None) or ""]
                locations += list(getattr(module, "__path__", []) or [])
                if not any(loc and Path(loc).resolve().is_relative_to(root) for loc in locations):
                    hidden[name] = sys.modules.pop(name)
    importlib.invalidate_caches()
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(root_str)
        if hidden:  # another project's package of the same name was loaded: put it back
            for name in list(sys.modules):
                if name not in before and top_package and (
                    name == top_package or name.startswith(top_package + ".")
                ):
                    del sys.modules[name]
            sys.modules.update(hidden)


def _decorator_lines(file: Path) -> dict[tuple[str, int], list[int]]:
    """For each function (name, first decorator line): the lines of its step decorators, bottom first."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    except (OSError, SyntaxError, ValueError):
        return {}
    result: dict[tuple[str, int], list[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            lines = []
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in {"given", "when", "then", "step"}:
                    lines.append(deco.lineno)
            first = node.decorator_list[0].lineno
            result[(node.name, first)] = list(reversed(lines))
    return result


def step_module_files(steps_dir: Path) -> list[Path]:
    """The modules that hold step definitions: every ``.py`` of the steps folder but tests and conftest."""
    return sorted(
        p
        for p in Path(steps_dir).rglob("*.py")
        if "__pycache__" not in p.parts
        and not p.name.startswith("test_")
        and not p.name.endswith("_test.py")
        and p.name != "conftest.py"
    )


def step_module_names(steps_dir: Path) -> list[str]:
    """Dotted names of the step modules (package ``__init__`` files left out), for ``pytest_plugins``:
    a new module of steps is loaded without a list to keep by hand."""
    steps_dir = Path(steps_dir).resolve()
    names = (_module_name_for(steps_dir, steps_dir.parent, f) for f in step_module_files(steps_dir)
             if f.name != "__init__.py")
    return [name for name in names if name]


def load_step_definitions(
    steps_dir: Path, base: Path
) -> tuple[list[StepDefinition], list[StepModule], list[Problem]]:
    """Import the steps modules and return what pytest-bdd's decorators registered in them."""
    steps_dir = steps_dir.resolve()
    root = steps_dir.parent
    problems: list[Problem] = []
    files = step_module_files(steps_dir)
    definitions: list[StepDefinition] = []
    modules: list[StepModule] = []
    seen_contexts: set[int] = set()
    decorator_cache: dict[Path, dict[tuple[str, int], list[int]]] = {}
    taken: dict[tuple[Path, str, int], int] = {}

    top = steps_dir.name if steps_dir.name.isidentifier() else None
    with _isolated_imports(root, top):
        for file in files:
            name = _module_name_for(steps_dir, root, file)
            try:
                if name is not None:
                    module = importlib.import_module(name)
                else:  # folder name is not a Python identifier: load the file under a private name
                    name = "_gherkin_guard_steps_" + re.sub(r"\W", "_", str(file.relative_to(root)))
                    spec = importlib.util.spec_from_file_location(name, file)
                    assert spec and spec.loader
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
            except Exception as exc:  # noqa: BLE001 - reported to the user
                line = getattr(exc, "lineno", None) or 1
                problems.append(
                    Problem(
                        shown_path(file, base),
                        int(line),
                        "import-etapes",
                        f"Module d'étapes impossible à importer : {type(exc).__name__}: {exc}",
                    )
                )
                continue
            doc = inspect.getdoc(module) or ""
            modules.append(StepModule(name=name, file=file, doc=doc))
            for attr, value in list(vars(module).items()):
                if not attr.startswith(StepNamePrefix.step_def.value):
                    continue
                context = step_function_context_registry.get(pytest_internals.fixture_function(value))
                if context is None or id(context) in seen_contexts:
                    continue
                seen_contexts.add(id(context))
                step_func = context.step_func
                code = getattr(step_func, "__code__", None)
                try:
                    src_file = Path(inspect.getsourcefile(step_func) or file).resolve()
                except TypeError:
                    src_file = file
                first = code.co_firstlineno if code else 1
                if src_file not in decorator_cache:
                    decorator_cache[src_file] = _decorator_lines(src_file)
                candidates = decorator_cache[src_file].get((step_func.__name__, first), [])
                key = (src_file, step_func.__name__, first)
                index = taken.get(key, 0)
                taken[key] = index + 1
                line = candidates[index] if index < len(candidates) else first
                definitions.append(
                    StepDefinition(
                        type=context.type,
                        pattern=str(context.parser.name),
                        parser=context.parser,
                        module=getattr(step_func, "__module__", name) or name,
                        file=src_file,
                        line=line,
                        func_name=step_func.__name__,
                        context=context,
                    )
                )
    return definitions, modules, problems
