"""The import graph runs one way: reporting observes the run, nothing imports it, and no module imports itself
back through others.

`reporting/` is loaded by the plugin list of conftest.py only: steps, pages, fixtures, rules, harness and tools
never import it, so a report can change without touching what it reports on. `rules/` is a leaf: it imports
nothing of the harness. Imports inside functions count: a late import hides a cycle, it does not remove it.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bench", "fixtures", "harness", "pages", "reporting", "rules", "sandbox", "steps", "tools")
# package -> the project packages it must not import
FORBIDDEN = {
    **{package: {"reporting"} for package in ("bench", "fixtures", "harness", "pages", "rules", "steps", "tools")},
    "rules": {"reporting", "fixtures", "harness", "pages", "steps", "tools", "bench", "sandbox"},
    "reporting": {"fixtures", "steps"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    found = {_module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    return {name: path for name, path in found.items() if ".venv" not in path.parts}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports (a `from package import module` counts for the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1], *filter(None, [base])])
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    return {t for t in targets if t in known and t != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle():
    found = cycles(graph())
    assert not found, "modules that import one another (move the shared fact down a layer):\n" + "\n".join(
        " ↔ ".join(c) for c in found)


def test_layers_import_only_downwards():
    offenders = []
    for name, targets in graph().items():
        top = name.split(".")[0]
        for target in sorted(targets):
            if target.split(".")[0] in FORBIDDEN.get(top, set()):
                offenders.append(f"{name} imports {target}")
    assert not offenders, "imports against the layers (docs/DESIGN.md §2):\n" + "\n".join(offenders)


def test_the_checks_find_a_cycle_and_a_forbidden_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert imports_of("fixtures.x", ROOT / "conftest.py", {"reporting", "tools", "tools.gherkin_guard"}) == {
        "tools", "tools.gherkin_guard"}


def test_no_private_name_is_imported_from_another_package():
    """A name that starts with « _ » stays in its package: another one imports a public name, or a library's
    internals through its door (tests/test_library_doors.py)."""
    offenders = []
    for name, path in modules().items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or node.module in ("__future__", package):
                continue
            offenders += [f"{name}:{node.lineno} imports {alias.name} from {node.module}"
                          for alias in node.names if alias.name.startswith("_")]
    assert not offenders, "\n".join(offenders)
