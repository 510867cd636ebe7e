"""What the guard reports and the model it reports on: problems, step definitions, step uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.bdd_internals import StepFunctionContext

from .sentences import join_keyword

ERROR = "erreur"
LONGEST_LINE = 600
WARNING = "avertissement"


@dataclass(frozen=True)
class Problem:
    """One finding of the guard, at ``file:line``."""

    file: str
    line: int
    code: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        prefix = "" if self.is_error else "(avertissement) "
        # Whatever a message quotes from a file, the report stays a screen: each line is cut past LONGEST_LINE.
        lines = [line if len(line) <= LONGEST_LINE else f"{line[:LONGEST_LINE]}… ({len(line)} caractères)"
                 for line in self.message.split("\n")]
        return f"{self.file}:{self.line}: [{self.code}] {prefix}" + "\n".join(lines)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.format()


@dataclass(eq=False)
class StepDefinition:
    """A step definition as pytest-bdd registered it."""

    type: str | None
    pattern: str
    parser: Any
    module: str
    file: Path
    line: int
    func_name: str
    context: StepFunctionContext

    def matches(self, step_type: str, text: str) -> bool:
        if self.type is not None and self.type != step_type:
            return False
        try:
            return bool(self.parser.is_matching(text))
        except Exception:  # a custom parser that raises does not match
            return False


@dataclass(eq=False)
class StepUse:
    """One step written in a feature file (an outline step once per distinct rendering)."""

    file: Path
    line: int
    type: str
    keyword: str
    text: str  # as written (outline placeholders kept)
    rendered: str  # after substitution of the examples values
    tags: frozenset[str]
    scenario: str
    definitions: list[StepDefinition] = field(default_factory=list)

    @property
    def as_written(self) -> str:
        return join_keyword(self.keyword, self.text)


@dataclass
class StepModule:
    name: str
    file: Path
    doc: str


@dataclass
class Analysis:
    problems: list[Problem]
    definitions: list[StepDefinition]
    uses: list[StepUse]
    feature_files: list[Path]
    modules: list[StepModule]
    base: Path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def uses_of(self, definition: StepDefinition) -> list[StepUse]:
        return [u for u in self.uses if any(d is definition for d in u.definitions)]


def shown_path(path: Path, base: Path) -> str:
    """Path as shown to the user: relative to ``base`` (the current folder) when possible."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path(base).resolve()))
    except ValueError:  # outside the current folder: absolute path
        return str(path)
