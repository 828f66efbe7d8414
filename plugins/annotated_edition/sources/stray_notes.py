"""Notes in the wrong place: Markdown files under ``docs/`` but outside the notes folder whose
front matter names a ``target``.

Such a file is a note by every sign, yet the edition reads notes only from the notes folder, so
it would be published as a loose page (or not at all) while its clause shows nothing. It is
reported at its ``target:`` line, with the folder it belongs in.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostics
from .commentary import OTHER_MARKDOWN_SUFFIXES, split_front_matter
from .folder_tree import folder_tree, within

__all__ = ["find_stray_notes"]

_TARGET_LINE = re.compile(r"^target[ \t]*:[ \t]*['\"]?([^'\"#\r\n]*?)['\"]?[ \t]*(?:#.*)?$", re.M)
_SUFFIXES = (".md", *OTHER_MARKDOWN_SUFFIXES)


def find_stray_notes(docs_dir: Path, commentary_dir: Path, all_refs: list[str], diagnostics: Diagnostics) -> None:
    """Report every Markdown file under ``docs_dir`` (outside ``commentary_dir``) that declares a target."""
    if not docs_dir.is_dir():
        return
    notes_folder = str(commentary_dir.resolve())
    shown_folder = f"{commentary_dir.parent.name}/{commentary_dir.name}"
    # One scandir pass (sources/folder_tree.py): what rglob("*") lists, with each entry's kind.
    # The notes themselves left out before sorting: a large edition's thousands of notes.
    candidates = {entry.path: entry for entry in folder_tree(docs_dir)
                  if entry.path.suffix.lower() in _SUFFIXES and entry.is_file and not entry.is_symlink
                  and not within(entry.real(), notes_folder)}
    for path in sorted(candidates):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a note we can read; MkDocs reports the page itself
        parts = split_front_matter(text.removeprefix("\ufeff"))
        match = _TARGET_LINE.search(parts[0]) if parts else None
        if match is None:
            continue
        line = parts[0].count("\n", 0, match.start()) + 2  # the front matter starts on line 2
        target = match.group(1).strip()
        name = path.stem + ".md"
        where = (f"{shown_folder}/{target}/{name}" if target in all_refs and "/" in target
                 else f"{shown_folder}/<document>/<clause>/{name}")
        diagnostics.error(path, line, 1, "this file looks like a note (its front matter has 'target:') but lies "
                                         f"outside {shown_folder}/, so it would not be published as a note",
                          f"Move it to {where}. Notes are read only from {shown_folder}/<document>/<clause>/.")
