"""The broken-input matrix: every class of bad input a contributor or an editor can produce.

Each case breaks a private copy of the project in one way and says what must happen: either
an error naming the file (and, in the build's output, its line) with words that say what is
wrong, or, for inputs that are merely unusual (a BOM, CRLF line endings, a folder name with
spaces), a build that works and publishes the text unchanged. The table in docs/security.md
lists every case by its id; a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

__all__ = ["BrokenInput", "CASES", "MATRIX_NOTE", "write_note", "HUGE_BYTES"]

HUGE_BYTES = 5 * 1024 * 1024
MATRIX_NOTE = "docs/commentary/singapore-2018/point-3/matrix-note.md"
_SIDECAR = "source_texts/singapore-2018.yml"
_TEXT = "source_texts/singapore-2018.en.txt"
_CROSSREFS = "source_texts/crossrefs.yml"

_FRONT = """---
target: singapore-2018/point-3
quote: "{quote}"
title: A note written for the broken-input matrix
authors:
  - name: Matrix contributor
date: 2026-11-20
sources:
  - id: statement
    title: The joint statement
    publisher: The White House
    date: 2018-06-12
tags: [matrix]
---
"""
_BODY = "The matrix note's body [@statement]: *commits* to an effort, not an outcome.\n\nA second paragraph.\n"


def write_note(project: Path, quote: str = "work toward complete denuclearization", body: str = _BODY,
               relative: str = MATRIX_NOTE, front: str = _FRONT) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front.format(quote=quote) + body, encoding="utf-8")
    return path


def _edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drift: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _note_edit(old: str, new: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        write_note(project)
        _edit(project, MATRIX_NOTE, old, new)
    return apply


def _note_bytes(make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = write_note(project)
        path.write_bytes(make(path.read_bytes()))
    return apply


def _file_bytes(relative: str, make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        write_note(project)
        path = project / relative
        path.write_bytes(make(path.read_bytes()))
    return apply


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _huge_note(project: Path) -> None:
    paragraph = "A very long note. " * 50 + "\n\n"
    write_note(project, body=paragraph * (HUGE_BYTES // len(paragraph) + 1))


def _huge_text(project: Path) -> None:
    write_note(project)
    path = project / _TEXT
    padding = ("Singapore " * 100 + "\n") * (HUGE_BYTES // 1000 + 1)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + padding, encoding="utf-8")


def _huge_sidecar(project: Path) -> None:
    write_note(project)
    path = project / _SIDECAR
    path.write_text(path.read_text(encoding="utf-8") + ("# padding\n" * (HUGE_BYTES // 10 + 1)), encoding="utf-8")


def _alias_bomb(project: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    front = _FRONT.replace("tags: [matrix]\n", "tags: [matrix]\n" + "\n".join(levels) + "\n")
    write_note(project, front=front)


def _outside(project: Path) -> Path:
    outside = project.parent / "outside-the-project"
    outside.mkdir(exist_ok=True)
    return outside


def _note_symlink_outside(project: Path) -> None:
    target = _outside(project) / "secret.md"
    target.write_text((project / "docs/commentary/singapore-2018/point-3/work-toward.md").read_text(encoding="utf-8"),
                      encoding="utf-8")
    link = project / MATRIX_NOTE
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)


def _clause_folder_symlink_outside(project: Path) -> None:
    folder = _outside(project) / "point-2"
    folder.mkdir()
    write_note(project, relative="outside-note.md")
    (project / "outside-note.md").replace(folder / "outside-note.md")
    _edit_text(folder / "outside-note.md", "target: singapore-2018/point-3", "target: singapore-2018/point-2")
    _edit_text(folder / "outside-note.md", 'quote: "work toward complete denuclearization"\n', "")
    target_folder = project / "docs/commentary/singapore-2018/point-2"
    if target_folder.exists():
        for item in target_folder.iterdir():
            item.replace(folder / item.name)
        target_folder.rmdir()
    os.symlink(folder, target_folder, target_is_directory=True)


def _edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _text_path_traversal(project: Path) -> None:
    write_note(project)
    outside = _outside(project) / "statement.txt"
    outside.write_bytes((project / _TEXT).read_bytes())
    _edit(project, _SIDECAR, "text: singapore-2018.en.txt", "text: ../../outside-the-project/statement.txt")


def _replace_with_link_outside(project: Path, relative: str, outside_name: str) -> None:
    """Move a project file out of the project and leave a symlink to it in its place."""
    write_note(project)
    inside = project / relative
    outside = _outside(project) / outside_name
    outside.write_bytes(inside.read_bytes())
    inside.unlink()
    os.symlink(outside, inside)


def _text_symlink_outside(project: Path) -> None:
    _replace_with_link_outside(project, _TEXT, "statement.txt")


def _sidecar_symlink_outside(project: Path) -> None:
    _replace_with_link_outside(project, _SIDECAR, "singapore-2018.yml")


def _note_in(clause: str, quote: str) -> Callable[[Path], None]:
    """The matrix note, filed under (and targeting) another clause."""
    def apply(project: Path) -> None:
        relative = MATRIX_NOTE.replace("/point-3/", f"/{clause}/")
        write_note(project, quote=quote, relative=relative,
                   front=_FRONT.replace("singapore-2018/point-3", f"singapore-2018/{clause}"))
    return apply


def _rename_note(new_name: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = write_note(project)
        path.rename(path.with_name(new_name))
    return apply


def _move_note_to_folder(folder: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = write_note(project)
        destination = project / "docs/commentary/singapore-2018" / folder / path.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        path.rename(destination)
    return apply


def _duplicate_slug(project: Path) -> None:
    write_note(project)
    other = project / "docs/commentary/singapore-2018/point-4/matrix-note.md"
    write_note(project, relative=str(other.relative_to(project)), quote="immediate repatriation")
    _edit(project, str(other.relative_to(project)), "target: singapore-2018/point-3", "target: singapore-2018/point-4")


def _empty(relative: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        write_note(project)
        (project / relative).write_bytes(b"")
    return apply


@dataclass(frozen=True)
class BrokenInput:
    id: str
    input_class: str
    description: str
    apply: Callable[[Path], None]
    # "error": check and build fail, naming ``path``; "ok": both succeed.
    outcome: str = "error"
    path: str = MATRIX_NOTE
    fragments: tuple[str, ...] = ()
    # The build must also succeed with a project folder of this name (spaces, non-ASCII).
    project_name: str = "project"
    checks: tuple[str, ...] = field(default=())


CASES: list[BrokenInput] = [
    # Syntax
    BrokenInput("yaml-syntax-note", "syntax", "front matter that is not valid YAML",
                _note_edit("title: A note", "title: A note: with a colon: and another"),
                fragments=("invalid YAML: a value contains a colon", "mapping values are not allowed here", "quote strings")),
    BrokenInput("yaml-syntax-sidecar", "syntax", "sidecar with a broken flow list",
                _file_bytes(_SIDECAR, lambda d: d.replace(b"parties:\n", b"parties: [one, two\n", 1)),
                path=_SIDECAR, fragments=("invalid YAML",)),
    BrokenInput("front-matter-unclosed", "syntax", "front matter without its closing ---",
                _note_edit("tags: [matrix]\n---\n", "tags: [matrix]\n"), fragments=("the front matter is not closed",)),
    BrokenInput("front-matter-not-mapping", "syntax", "front matter that is a list, not fields",
                lambda p: write_note(p, front="---\n- just\n- a list\n---\n"),
                fragments=("front matter must be a YAML mapping",)),
    BrokenInput("duplicate-key", "syntax", "the same field twice", _note_edit("date: 2026-11-20\n",
                                                                              "date: 2026-11-20\ndate: 2026-11-21\n"),
                fragments=("duplicate key 'date'",)),
    # Schema
    BrokenInput("missing-field", "schema", "a required field left out",
                _note_edit("title: A note written for the broken-input matrix\n", ""),
                fragments=("missing required field 'title'",)),
    BrokenInput("wrong-type", "schema", "a list field given as a string",
                _note_edit("authors:\n  - name: Matrix contributor\n", "authors: Matrix contributor\n"),
                fragments=("'authors' must be a list", "not text")),
    BrokenInput("unknown-field", "schema", "a misspelt field name",
                _note_edit("tags: [matrix]", "tags: [matrix]\nauthor: Someone"),
                fragments=("'author' was unexpected", "allowed:")),
    BrokenInput("bad-date", "schema", "an impossible date", _note_edit("date: 2026-11-20", "date: 2026-13-40"),
                fragments=("'date' is '2026-13-40'", "YYYY")),
    BrokenInput("sidecar-missing-field", "schema", "a sidecar without its language",
                _file_bytes(_SIDECAR, lambda d: d.replace(b"language: en\n", b"", 1)), path=_SIDECAR,
                fragments=("missing required field 'language'",)),
    # Reference
    BrokenInput("unknown-target", "reference", "a note on a clause that does not exist",
                _note_edit("target: singapore-2018/point-3", "target: singapore-2018/point-9"),
                fragments=("unknown target 'singapore-2018/point-9'", "Did you mean")),
    BrokenInput("target-folder-mismatch", "reference", "a note filed under another clause's folder",
                _note_edit("target: singapore-2018/point-3", "target: singapore-2018/point-2"),
                fragments=("does not match the note's folder",)),
    BrokenInput("unknown-crossref", "reference", "a cross-reference to a missing article",
                _file_bytes(_CROSSREFS, lambda d: d.replace(b"to: panmunjom-2018/article-3.3", b"to: panmunjom-2018/article-3.9", 1)),
                path=_CROSSREFS, fragments=("unknown clause 'panmunjom-2018/article-3.9'",)),
    BrokenInput("duplicate-slug", "reference", "two notes with the same file name", _duplicate_slug,
                path="docs/commentary/singapore-2018/point-4/matrix-note.md", fragments=("duplicate note slug",)),
    BrokenInput("quote-not-found", "reference", "a quote that is not in the clause",
                lambda p: write_note(p, quote="work toward total denuclearization"),
                fragments=("quote not found in clause 'singapore-2018/point-3'", "Clause text:")),
    BrokenInput("quote-ambiguous", "reference", "a quote found twice in the clause",
                _note_in("point-1", "DPRK"),
                path="docs/commentary/singapore-2018/point-1/matrix-note.md",
                fragments=("quote is ambiguous: it occurs 2 times", "prefix")),
    # Encoding
    BrokenInput("latin-1-note", "encoding", "a note saved as Latin-1",
                _note_bytes(lambda d: d.replace(b"an effort", "an effort \u00e9".encode("latin-1"))),
                fragments=("not valid UTF-8 (byte 0xe9)", "Save the file with UTF-8")),
    BrokenInput("utf-16-text", "encoding", "the statement's text saved as UTF-16",
                _file_bytes(_TEXT, lambda d: d.decode("utf-8").encode("utf-16")), path=_TEXT,
                fragments=("not valid UTF-8", "it looks like UTF-16")),
    BrokenInput("control-character", "encoding", "an invisible NUL character in the front matter",
                _note_bytes(lambda d: d.replace(b"Matrix contributor", b"Matrix\x00contributor")),
                fragments=("character U+0000 is not allowed",)),
    # BOM
    BrokenInput("bom-note", "BOM", "a note starting with a UTF-8 byte-order mark",
                _note_bytes(lambda d: b"\xef\xbb\xbf" + d), outcome="ok", checks=("note-rendered",)),
    BrokenInput("bom-sidecar", "BOM", "a sidecar starting with a BOM",
                _file_bytes(_SIDECAR, lambda d: b"\xef\xbb\xbf" + d), outcome="ok", checks=("statement-intact",)),
    BrokenInput("bom-text", "BOM", "the statement's text starting with a BOM",
                _file_bytes(_TEXT, lambda d: b"\xef\xbb\xbf" + d), outcome="ok", checks=("statement-intact",)),
    # CRLF
    BrokenInput("crlf-note", "CRLF", "a note with Windows line endings", _note_bytes(_crlf), outcome="ok",
                checks=("note-rendered",)),
    BrokenInput("crlf-sidecar", "CRLF", "a sidecar with Windows line endings", _file_bytes(_SIDECAR, _crlf),
                outcome="ok", checks=("statement-intact",)),
    BrokenInput("crlf-text", "CRLF", "the statement's text with Windows line endings", _file_bytes(_TEXT, _crlf),
                outcome="ok", checks=("statement-intact",)),
    # Tabs
    BrokenInput("tab-indent", "tabs", "front matter indented with a tab",
                _note_edit("  - name: Matrix contributor", "\t- name: Matrix contributor"),
                fragments=("invalid YAML", "tab characters")),
    BrokenInput("tab-in-quote", "tabs", "a tab where the clause has a space",
                lambda p: write_note(p, quote="work toward\tcomplete denuclearization"),
                fragments=("U+0009 CHARACTER TABULATION", "'work toward complete denuclearization'")),
    # Invisible characters
    BrokenInput("zero-width-space", "invisible characters", "a zero-width space inside a quote",
                lambda p: write_note(p, quote="work toward com\u200bplete denuclearization"),
                fragments=("U+200B ZERO WIDTH SPACE", "the quote matches: 'work toward complete denuclearization'")),
    BrokenInput("no-break-space", "invisible characters", "a non-breaking space inside a quote",
                lambda p: write_note(p, quote="work toward\u00a0complete denuclearization"),
                fragments=("U+00A0 NO-BREAK SPACE", "the quote matches")),
    BrokenInput("straight-apostrophe", "invisible characters", "a straight apostrophe for the text's curly one",
                _note_in("intro-1", "Democratic People's Republic of Korea (DPRK)"),
                path="docs/commentary/singapore-2018/intro-1/matrix-note.md",
                fragments=("U+2019 RIGHT SINGLE QUOTATION MARK", "the quote matches")),
    # Empty files
    BrokenInput("empty-note", "empty file", "a note file with nothing in it", _empty(MATRIX_NOTE),
                fragments=("note file is empty",)),
    BrokenInput("empty-body", "empty file", "a note with front matter and no body",
                lambda p: write_note(p, body="\n"), fragments=("note has no body",)),
    BrokenInput("empty-sidecar", "empty file", "an empty sidecar", _empty(_SIDECAR), path=_SIDECAR,
                fragments=("the document sidecar is empty",)),
    BrokenInput("empty-text", "empty file", "an empty statement text", _empty(_TEXT), path=_SIDECAR,
                fragments=("are not in the text",)),
    BrokenInput("empty-crossrefs", "empty file", "an empty cross-references file (no links yet)",
                _empty(_CROSSREFS), outcome="ok", checks=("no-crossrefs",)),
    # Huge files
    BrokenInput("huge-note", "huge file", "a 5 MB note", _huge_note,
                fragments=("file is too large: 5.0 MB, over the limit of 256 KB",)),
    BrokenInput("huge-text", "huge file", "a 5 MB statement text", _huge_text, path=_TEXT,
                fragments=("file is too large", "over the limit of 2.0 MB")),
    BrokenInput("huge-sidecar", "huge file", "a 5 MB sidecar", _huge_sidecar, path=_SIDECAR,
                fragments=("file is too large",)),
    BrokenInput("alias-bomb", "huge file", "YAML aliases that expand to 387 million values", _alias_bomb,
                fragments=("YAML alias '*a' is not allowed",)),
    # Symlinks
    BrokenInput("note-symlink-outside", "symlink", "a note that links to a file outside the project",
                _note_symlink_outside, fragments=("symbolic link that points outside the project",)),
    BrokenInput("folder-symlink-outside", "symlink", "a clause folder that links outside the project",
                _clause_folder_symlink_outside, path="docs/commentary/singapore-2018/point-2",
                fragments=("the folder points outside the project", "the notes in it are not read")),
    BrokenInput("sidecar-symlink-outside", "symlink", "a sidecar that links outside the project",
                _sidecar_symlink_outside, path=_SIDECAR, fragments=("points outside the project",)),
    BrokenInput("text-symlink-outside", "symlink", "the statement's text linked to a file outside the project",
                _text_symlink_outside, path=_SIDECAR, fragments=("'text' points outside the project",)),
    BrokenInput("text-path-traversal", "symlink", "a sidecar whose text: path climbs out of the project",
                _text_path_traversal, path=_SIDECAR,
                fragments=("'text' is '../../outside-the-project/statement.txt'", "beside the sidecar")),
    # File names
    BrokenInput("space-in-file-name", "file name", "a note file name with spaces",
                _rename_note("matrix note.md"), path="docs/commentary/singapore-2018/point-3/matrix note.md",
                fragments=("is not a valid slug", "'matrix-note.md'")),
    BrokenInput("non-ascii-file-name", "file name", "a note file name with accents",
                _rename_note("über-die-zusage.md"), path="docs/commentary/singapore-2018/point-3/über-die-zusage.md",
                fragments=("is not a valid slug", "'uber-die-zusage.md'")),
    BrokenInput("space-in-folder-name", "file name", "a note in a clause folder with a space",
                _move_note_to_folder("point 3"), path="docs/commentary/singapore-2018/point 3/matrix-note.md",
                fragments=("does not match the note's folder 'singapore-2018/point 3'",)),
    BrokenInput("spaces-and-accents-in-project-path", "file name", "the whole project in 'Édition annotée 2018/'",
                write_note, outcome="ok", project_name="Édition annotée 2018", checks=("note-rendered",)),
]
