"""Each kind of broken input fails a strict build with one clear sentence naming file and ID."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import pytest

from conftest import run_mkdocs_build


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drift: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _sidecar(project: Path) -> Path:
    return project / "source_texts" / "singapore-2018.yml"


def quote_not_in_text(project: Path) -> None:
    _edit(_sidecar(project), '"The United States and the DPRK will join their efforts"', '"The United States and the DPRK shall join"')


def overlapping_clauses(project: Path) -> None:
    _edit(_sidecar(project), '    label: Opening\n', '    label: Opening\n    ends: "Chairman Kim Jong Un conducted"\n')


def uncovered_text(project: Path) -> None:
    _edit(_sidecar(project), '    label: Opening\n', '    label: Opening\n    ends: "held a first"\n')


def duplicate_clause_id(project: Path) -> None:
    _edit(_sidecar(project), "  - id: point-4\n", "  - id: point-2\n")


def unknown_note_target(project: Path) -> None:
    note = project / "docs" / "commentary" / "singapore-2018" / "point-3" / "work-toward.md"
    _edit(note, "target: singapore-2018/point-3", "target: singapore-2018/point-5")


def unknown_crossref_target(project: Path) -> None:
    _edit(project / "source_texts" / "crossrefs.yml", "to: panmunjom-2018/article-3.3", "to: panmunjom-2018/article-3.9")


CASES: list[tuple[Callable[[Path], None], str, list[str]]] = [
    (quote_not_in_text, "source_texts/singapore-2018.yml", ["point-2", "are not in the text"]),
    (overlapping_clauses, "source_texts/singapore-2018.yml", ["intro-2", "starts inside clause 'intro-1'"]),
    (uncovered_text, "source_texts/singapore-2018.yml", ["intro-1", "not covered"]),
    (duplicate_clause_id, "source_texts/singapore-2018.yml", ["duplicate clause id 'point-2'"]),
    (unknown_note_target, "docs/commentary/singapore-2018/point-3/work-toward.md",
     ["unknown target 'singapore-2018/point-5'", "Did you mean", "singapore-2018/point-3"]),
    (unknown_crossref_target, "source_texts/crossrefs.yml", ["unknown clause 'panmunjom-2018/article-3.9'", "article-3.3"]),
]


def _fingerprint(project: Path) -> dict[str, str]:
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("docs", "source_texts") for p in sorted((project / folder).rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("breakage", "path", "fragments"), CASES, ids=[c[0].__name__ for c in CASES])
def test_broken_input_fails_the_strict_build_clearly(project: Path, breakage: Callable[[Path], None],
                                                      path: str, fragments: list[str]) -> None:
    breakage(project)
    before = _fingerprint(project)
    build = run_mkdocs_build(project)
    assert not build.ok
    error_lines = [line for line in build.output.splitlines() if f"{path}:" in line and ": error: " in line]
    assert error_lines, build.output
    reported = "\n".join(build.output.splitlines())
    for fragment in fragments:
        assert fragment in reported, build.output
    assert "Traceback" not in build.output
    assert _fingerprint(project) == before, "a build must never modify its sources"
