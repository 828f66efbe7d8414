"""One known-good note, and each way a contributor can break it, with the exact place the
checker and the build must report. Shared by the checker's tests and the strict-build tests.

The note is written by the tests (not taken from the real commentary), so its line numbers
stay fixed whatever the editors change in docs/commentary/.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

DIAGNOSTIC = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$")
NOTE_REL = "docs/commentary/singapore-2018/point-2/checker-fixture.md"
TWIN_REL = "docs/commentary/singapore-2018/point-3/checker-fixture.md"

GOOD_NOTE = """\
---
target: singapore-2018/point-2
quote: "lasting and stable peace regime"
title: A note for the checker's tests
authors:
  - name: Test Author
date: 2026-01-15
sources:
  - id: joint-statement
    title: Joint Statement
    publisher: The White House
    date: 2018-06-12
tags: [peace-regime]
---
The body of the note [@joint-statement].
"""


def write_good_note(project: Path) -> Path:
    path = project / NOTE_REL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GOOD_NOTE, encoding="utf-8")
    return path


def _replace(project: Path, old: str, new: str) -> None:
    path = project / NOTE_REL
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drift: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass(frozen=True)
class Breakage:
    name: str
    apply: Callable[[Path], None]
    path: str
    line: int
    column: int
    message: str
    """A fragment of the one-line message."""
    hint: list[str] = field(default_factory=list)
    """Fragments of the indented hint that follows it."""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: "


def _duplicate_slug(project: Path) -> None:
    twin = project / TWIN_REL
    twin.parent.mkdir(parents=True, exist_ok=True)
    twin.write_text(GOOD_NOTE.replace("singapore-2018/point-2", "singapore-2018/point-3")
                    .replace("lasting and stable peace regime", "complete denuclearization"), encoding="utf-8")


def _non_utf8(project: Path) -> None:
    path = project / NOTE_REL
    path.write_bytes(path.read_bytes().replace(b"The body", b"The \xff body"))


BREAKAGES: list[Breakage] = [
    Breakage("bad_yaml", lambda p: _replace(p, "title: A note for the checker's tests", "title: [unclosed"),
             NOTE_REL, 5, 8, "invalid YAML", ["quote strings"]),
    Breakage("missing_required_field", lambda p: _replace(p, "date: 2026-01-15\n", ""),
             NOTE_REL, 2, 1, "missing required field 'date'", ["schema rule: note.schema.json", "required"]),
    Breakage("wrong_type", lambda p: _replace(p, "authors:\n  - name: Test Author", "authors: Test Author"),
             NOTE_REL, 5, 10, "'authors' must be a list", ["schema rule: note.schema.json", "type"]),
    Breakage("unknown_target", lambda p: _replace(p, "target: singapore-2018/point-2", "target: singapore-2018/point-7"),
             NOTE_REL, 2, 9, "unknown target 'singapore-2018/point-7'",
             ["Did you mean:", "singapore-2018/point-2"]),
    Breakage("quote_not_found", lambda p: _replace(p, '"lasting and stable peace regime"', '"lasting and durable peace regime"'),
             NOTE_REL, 3, 8, "quote not found in clause 'singapore-2018/point-2'",
             ["Closest wording", "'lasting and stable peace regime'", "Clause text:",
              "will join their efforts to build a lasting and stable peace regime"]),
    Breakage("ambiguous_quote", lambda p: _replace(p, '"lasting and stable peace regime"', '"the"'),
             NOTE_REL, 3, 8, "quote is ambiguous: it occurs 3 times in clause 'singapore-2018/point-2'",
             ["Add 'prefix' or 'suffix'", "Clause text:", "The United States and the DPRK will join"]),
    Breakage("duplicate_slug", _duplicate_slug,
             TWIN_REL, 1, 1, "duplicate note slug 'checker-fixture'",
             ["Slugs are unique"]),
    Breakage("non_utf8", _non_utf8, NOTE_REL, 15, 5, "file is not valid UTF-8 (byte 0xff)", ["UTF-8"]),
    Breakage("empty_body", lambda p: _replace(p, "The body of the note [@joint-statement].\n", ""),
             NOTE_REL, 15, 1, "note has no body", ["Write the commentary"]),
    # A citation key that names no source of the note: located at the "[@" in the body.
    Breakage("unknown_citation_key", lambda p: _replace(p, "[@joint-statement]", "[@joint-statment]"),
             NOTE_REL, 15, 22, "unknown citation key 'joint-statment'",
             ["Did you mean: joint-statement?", "this note's: joint-statement"]),
    Breakage("source_without_id", lambda p: _replace(p, "  - id: joint-statement\n    title:", "  - title:"),
             NOTE_REL, 9, 5, "missing required field 'id'", ["schema rule: note.schema.json"]),
]


def _move(project: Path, new_rel: str) -> None:
    source = project / NOTE_REL
    destination = project / new_rel
    destination.parent.mkdir(parents=True, exist_ok=True)
    source.rename(destination)


STRAY_REL = "docs/notes/checker-fixture.md"
SHALLOW_REL = "docs/commentary/singapore-2018/checker-fixture.md"
MARKDOWN_REL = "docs/commentary/singapore-2018/point-2/checker-fixture.markdown"

# Mistakes that used to be published silently, or reported in a program's words (issue 15).
BREAKAGES += [
    Breakage("impossible_date", lambda p: _replace(p, "date: 2026-01-15", "date: 2026-02-30"),
             NOTE_REL, 7, 7, "a day that does not exist: February 2026 has 28 days", ["Correct the date"]),
    Breakage("future_date", lambda p: _replace(p, "date: 2026-01-15", "date: 2099-01-01"),
             NOTE_REL, 7, 7, "'date' is 2099-01-01, which is in the future", ["edition's date"]),
    Breakage("impossible_source_date", lambda p: _replace(p, "date: 2018-06-12", "date: 2018-06-31"),
             NOTE_REL, 12, 11, "'sources[0].date' is 2018-06-31, a day that does not exist", ["Correct the date"]),
    Breakage("other_markdown_extension", lambda p: _move(p, MARKDOWN_REL),
             MARKDOWN_REL, 1, 1, "ends in '.markdown', so it is not read", ["Rename it to checker-fixture.md"]),
    Breakage("note_outside_commentary", lambda p: _move(p, STRAY_REL),
             STRAY_REL, 2, 1, "looks like a note (its front matter has 'target:')",
             ["Move it to docs/commentary/singapore-2018/point-2/checker-fixture.md"]),
    Breakage("note_in_the_document_folder", lambda p: _move(p, SHALLOW_REL),
             SHALLOW_REL, 1, 1, "a note must be at commentary/<document>/<clause>/<slug>.md",
             ["Move it to docs/commentary/singapore-2018/point-2/checker-fixture.md"]),
    Breakage("unclosed_front_matter", lambda p: _replace(p, "tags: [peace-regime]\n---\n", "tags: [peace-regime]\n\n"),
             NOTE_REL, 1, 1, "the front matter is not closed", ["Add a line holding only '---'"]),
    Breakage("wrong_prefix", lambda p: _replace(p, 'quote: "lasting and stable peace regime"\n',
                                                'quote: "lasting and stable peace regime"\nprefix: "a durable "\n'),
             NOTE_REL, 4, 9, "the prefix 'a durable ' is not next to the quote", ["Before it: ", "Remove 'prefix'"]),
    Breakage("empty_title", lambda p: _replace(p, "title: A note for the checker's tests", "title:"),
             NOTE_REL, 4, 7, "'title' is empty", []),
    Breakage("url_with_a_space", lambda p: _replace(p, "  - name: Test Author", "  - name: Test Author\n    url: https://example.org/a b"),
             NOTE_REL, 7, 10, "expected: A web address that starts with http:// or https://", []),
]

BREAKAGES += [
    Breakage("broken_relative_link", lambda p: _replace(p, "The body of the note [@joint-statement].", "The body of the [note](../glosary.html) [@joint-statement]."),
             NOTE_REL, 15, 24, "the link '../glosary.html' in note 'checker-fixture' leads to no page or file of the site",
             ["Did you mean: ../glossary.html?", "edition:document/clause"]),
    Breakage("source_link_to_a_page", lambda p: _replace(p, "The body of the note [@joint-statement].", "See [the glossary](../glossary.md) [@joint-statement]."),
             NOTE_REL, 15, 20, "the link '../glossary.md' in note 'checker-fixture' leads to no page",
             ["Did you mean: ../glossary.html?"]),
    Breakage("unknown_clause_in_edition_link", lambda p: _replace(p, "The body of the note [@joint-statement].", "The body of the [point](edition:singapore-2018/point-7) [@joint-statement]."),
             NOTE_REL, 15, 25, "the link 'edition:singapore-2018/point-7' leads nowhere: the edition has no clause",
             ["Did you mean: edition:singapore-2018/point-", "edition:document/clause#note-slug"]),
    Breakage("edition_link_to_a_note_on_another_clause",
             lambda p: _replace(p, "The body of the note [@joint-statement].", "The body of the [note](edition:singapore-2018/point-3#checker-fixture) [@joint-statement]."),
             NOTE_REL, 15, 24, "note 'checker-fixture' is on singapore-2018/point-2, not on singapore-2018/point-3",
             ["Did you mean: edition:singapore-2018/point-2#checker-fixture?"]),
]


def problem_lines(output: str) -> list[str]:
    """The ``path:line:column: error: message`` lines of a report (not hints, not the summary)."""
    return [line for line in output.splitlines() if DIAGNOSTIC.match(line)]


def fingerprint(project: Path) -> dict[str, str]:
    """A digest of every file under docs/ and source_texts/, to prove nothing was rewritten."""
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("docs", "source_texts") for p in sorted((project / folder).rglob("*")) if p.is_file()}
