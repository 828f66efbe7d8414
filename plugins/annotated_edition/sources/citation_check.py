"""Report citation problems of notes at the note file's line and column.

Errors (an unknown key, a source id used twice) are found while a note loads, where the front
matter's positions are at hand, and keep the note out of the edition like any other error.
A source never cited is a warning, found once the edition has loaded (as the sanitizer's are):
``make check`` reports it and ``mkdocs build --strict`` fails on it, while a plain build or a
live preview still shows the note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..diagnostics import Diagnostics
from ..model import Note
from ..note_citations import CitationProblem, citation_problems

__all__ = ["record_citation_errors", "citation_warnings", "has_citation_warnings", "known_without_warnings"]

# The (body, source ids) of notes known to have no citation warning: those the store of clean
# loads says so of (sources/note_load_memo.py). The warnings are a pure function of the two;
# without this, a warm check or build found every note's citations again to learn there was
# nothing to say. Emptied when full (a long ``mkdocs serve`` session meets many bodies).
_WITHOUT_WARNINGS: set[tuple[str, tuple[str, ...]]] = set()
_WITHOUT_WARNINGS_LIMIT = 65536


def known_without_warnings(note: Note) -> None:
    """Record that ``note`` (its body and its sources' ids) has no citation warning."""
    if len(_WITHOUT_WARNINGS) >= _WITHOUT_WARNINGS_LIMIT:
        _WITHOUT_WARNINGS.clear()
    _WITHOUT_WARNINGS.add((note.body, tuple(source.id for source in note.sources)))


def has_citation_warnings(note: Note) -> bool:
    """Whether :func:`citation_warnings` has anything to say about ``note``."""
    return any(p.severity == "warning" for p in citation_problems(note.body, [s.id for s in note.sources]))


def _source_ids(sources: Sequence[Any]) -> list[str]:
    return [str(source.get("id", "")) if isinstance(source, dict) else "" for source in sources]


def _where(problem: CitationProblem, body_line: int, sources: Any) -> tuple[int, int]:
    if problem.citation is not None:
        return body_line + problem.citation.line - 1, problem.citation.column
    assert problem.source_index is not None
    source = sources[problem.source_index]
    if hasattr(source, "at"):
        return source.at("id")
    return sources.at(problem.source_index) if hasattr(sources, "at") else (1, 1)


def record_citation_errors(path: Path, body: str, body_line: int, sources: Any, found: Diagnostics) -> None:
    """The errors among a loading note's citation problems, at their place in the file.
    ``sources`` is the front matter's (already schema-valid) list, with its positions."""
    for problem in citation_problems(body, _source_ids(sources)):
        if problem.severity == "error":
            line, column = _where(problem, body_line, sources)
            found.error(path, line, column, problem.message, problem.hint)


def _source_id_lines(note: Note) -> dict[str, tuple[int, int]]:
    """Where each source's ``id`` is written, read again from the file: only a note with a
    warning pays for it, and the model stays free of file positions."""
    from .commentary import split_front_matter  # the loader, imported late: it imports this module
    from .yaml_source import YamlMap, load_yaml_text, read_utf8

    scratch = Diagnostics()
    text = read_utf8(note.path, scratch)
    parts = split_front_matter(text) if text else None
    data = load_yaml_text(parts[0], note.path, scratch, line_offset=1) if parts else None
    positions: dict[str, tuple[int, int]] = {}
    if isinstance(data, YamlMap):
        for source in data.get("sources") or []:
            if isinstance(source, YamlMap) and "id" in source:
                positions.setdefault(str(source["id"]), source.at("id"))
    return positions


def citation_warnings(notes: Sequence[Note]) -> Diagnostics:
    """One warning per source that a note lists but never cites."""
    warnings = Diagnostics()
    for note in notes:
        source_ids = tuple(source.id for source in note.sources)
        if (note.body, source_ids) in _WITHOUT_WARNINGS:
            continue
        problems = [p for p in citation_problems(note.body, source_ids) if p.severity == "warning"]
        if not problems:
            continue
        positions = _source_id_lines(note)
        for problem in problems:
            assert problem.source_index is not None
            key = note.sources[problem.source_index].id
            line, column = positions.get(key, (1, 1))
            warnings.warning(note.path, line, column, f"note '{note.slug}': {problem.message}", problem.hint)
    return warnings
