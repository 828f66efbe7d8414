"""Problems found in the edition's inputs, reported as ``path:line:column: error: message``.

Loading never stops at the first problem: every loader appends to a :class:`Diagnostics`
collector, so a contributor sees all of their mistakes in one run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Diagnostic", "Diagnostics", "EditionError", "ONE_LINE_ENV"]

# Set (to anything) in CI: every problem, hint included, on one line (see Diagnostic.format).
ONE_LINE_ENV = "ANNOTATED_EDITION_ONE_LINE"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one file, with a hint that says how to fix it."""

    path: Path
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"

    def format(self, root: Path | None = None, one_line: bool | None = None) -> str:
        """Render as the one-line form editors and CI annotations understand, then the hint,
        indented. With ``one_line`` (default: the ``ANNOTATED_EDITION_ONE_LINE`` environment
        variable is set), the hint joins the message on the same line, so that a problem matcher,
        which reads one line per problem, carries the hint into the annotation too."""
        shown = _display_path(self.path, root)
        text = f"{shown}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if one_line is None:
            one_line = bool(os.environ.get(ONE_LINE_ENV))
        if self.hint and one_line:
            text += " — how to fix: " + " / ".join(line.strip() for line in self.hint.splitlines() if line.strip())
        elif self.hint:
            text += "\n" + "\n".join(f"    {line}" for line in self.hint.splitlines())
        return text


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        # The path as found in the project first: a symbolic link is named where it lies, not
        # where it points.
        for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                pass
    return path.as_posix()


@dataclass
class Diagnostics:
    """A collector that loaders append to; the caller decides whether to raise."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: Path, line: int, column: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(path, line, column, message, hint))

    def warning(self, path: Path, line: int, column: int, message: str, hint: str = "") -> None:
        """Something the build fixed up or left out; ``mkdocs build --strict`` still fails on it."""
        self.items.append(Diagnostic(path, line, column, message, hint, severity="warning"))

    def extend(self, other: "Diagnostics") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def format(self, root: Path | None = None) -> str:
        return "\n".join(item.format(root) for item in self.sorted())

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (str(d.path), d.line, d.column, d.message))

    def raise_if_any(self, root: Path | None = None) -> None:
        if self.items:
            raise EditionError(self, root)


class EditionError(Exception):
    """Raised when the inputs cannot make a consistent edition; carries every problem found."""

    def __init__(self, diagnostics: Diagnostics, root: Path | None = None) -> None:
        self.diagnostics = diagnostics
        self.root = root
        count = len(diagnostics)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the edition's sources:\n{diagnostics.format(root)}")
