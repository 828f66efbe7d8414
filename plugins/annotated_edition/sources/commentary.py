"""Load commentary notes: one Markdown file per note, with YAML front matter.

A note lives at ``<commentary>/<document>/<clause>/<slug>.md``. Its slug (the file name) is
unique in the whole edition, because notes from every clause meet on the print page and in
the exports. A ``quote`` is re-anchored on every load; when the text no longer contains it
exactly once, loading fails and names the note (nothing is ever moved silently).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Callable

from .anchoring import find_quote
from .context_hints import explain_context_miss
from .dates import future_date, impossible_date, latest_today
from ..diagnostics import Diagnostics
from .citation_check import record_citation_errors
from .drift import drift_hint
from ..model import Author, Clause, Note, Ref
from ..stored_results import ResultStore
from .documents import source_from
from .input_guards import MAX_NOTE_BYTES, outside_project
from .quote_hints import explain_quote_miss
from .folder_tree import TreeEntry, folder_tree
from .front_matter_memo import FrontMatters
from .note_load_memo import NoteLoads, note_load_key, record_load_key
from .yaml_source import YamlMap, load_yaml_text, read_utf8

__all__ = ["load_notes", "load_note", "split_front_matter", "suggest_refs", "SLUG_PATTERN",
           "OTHER_MARKDOWN_SUFFIXES"]

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = re.compile(r"^---[ \t]*$")
# Extensions editors give Markdown files. Only ``.md`` notes are read; a note saved under any of
# these would be dropped without a word, so it is reported instead.
OTHER_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".mdx", ".rmd")


# A front matter fenced by "---" lines and broken into lines by "\n" alone, as nearly every note's
# is: its closing fence found with one search instead of splitting the whole file into lines.
_CLOSING_FENCE = re.compile(r"\n---[ \t]*\n")
# Every line boundary of str.splitlines but "\n".
_OTHER_LINE_BREAKS = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``---``-fenced front matter from the body: (yaml, body, body's first line)."""
    if text.startswith("---\n"):
        close = _CLOSING_FENCE.search(text, 3)
        if close is not None and _OTHER_LINE_BREAKS.search(text, 0, close.end()) is None:
            return text[4:close.start() + 1], text[close.end():], text.count("\n", 0, close.end()) + 1
    return _split_front_matter_by_lines(text)


def _split_front_matter_by_lines(text: str) -> tuple[str, str, int] | None:
    """:func:`split_front_matter` for any text: line by line, every kind of line break."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    return None


def suggest_refs(wrong: str, candidates: list[str], limit: int = 3) -> list[str]:
    """The nearest valid references to a mistyped one, best first."""
    close = difflib.get_close_matches(wrong, candidates, n=limit, cutoff=0.5)
    if close:
        return close
    document = wrong.partition("/")[0]
    return [c for c in candidates if c.startswith(document + "/")][:limit]


def _slug_suggestion(stem: str) -> str:
    # Accents come off rather than whole letters vanishing: "über" suggests "uber", not "ber".
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "note"


# A note's file as read ahead by load_notes (its text, or None, and what reading it recorded).
_PreRead = tuple[str | None, Diagnostics]


def load_note(
    path: Path,
    commentary_dir: Path,
    lookup: Callable[[Ref], Clause | None],
    all_refs: list[str],
    diagnostics: Diagnostics,
    front_matters: FrontMatters | None = None,
    pre_read: _PreRead | None = None,
) -> Note | None:
    """Load and check one note; every problem found is recorded, not just the first.
    ``front_matters`` may hold front matter loaded and checked on an earlier run; ``pre_read``
    is the file already read (with :func:`.yaml_source.read_utf8`) by the caller."""
    found = Diagnostics()
    note = _load_note(path, commentary_dir, lookup, all_refs, found, front_matters, pre_read)
    diagnostics.extend(found)
    return None if found else note


def _load_note(path: Path, commentary_dir: Path, lookup: Callable[[Ref], Clause | None],
               all_refs: list[str], found: Diagnostics, front_matters: FrontMatters | None = None,
               pre_read: _PreRead | None = None) -> Note | None:
    relative = path.relative_to(commentary_dir)
    if len(relative.parts) != 3:
        declared = _declared_target(path)
        where = (f"{_folder_name(commentary_dir)}/{declared}/{path.name}" if declared in all_refs and "/" in declared
                 else f"{_folder_name(commentary_dir)}/<document>/<clause>/{path.name}, in the folder of the clause it explains")
        found.error(path, 1, 1, "a note must be at commentary/<document>/<clause>/<slug>.md", f"Move it to {where}.")
        return None
    folder_ref = Ref(relative.parts[0], relative.parts[1])
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        found.error(path, 1, 1, f"note file name '{path.name}' is not a valid slug",
                    f"Use lower-case ASCII letters, digits and hyphens, e.g. '{_slug_suggestion(slug)}.md'.")
    if pre_read is None:
        text = read_utf8(path, found, max_bytes=MAX_NOTE_BYTES)
    else:
        text, read_problems = pre_read
        found.extend(read_problems)
    if text is None:
        return None
    if not text.strip():
        found.error(path, 1, 1, "note file is empty", "Start from the template: make note TARGET=document/clause.")
        return None
    parts = split_front_matter(text)
    if parts is None:
        if _FENCE.match(text.splitlines()[0].rstrip("\r\n")):
            found.error(path, 1, 1, "the front matter is not closed: no line '---' follows the fields",
                        "Add a line holding only '---' after the last field, before the note's text.")
        else:
            found.error(path, 1, 1, "note has no front matter",
                        "Begin the file with a line '---', the YAML fields, and another '---'.")
        return None
    front_text, body, body_line = parts
    fronts = front_matters if front_matters is not None else FrontMatters()
    data, known_valid = fronts.load(front_text, path, found, line_offset=1)
    if found:
        return None
    if not isinstance(data, YamlMap):
        found.error(path, 2, 1, "front matter must be a YAML mapping of fields", "See docs/contributing.md for the fields.")
        return None
    if not body.strip():
        found.error(path, body_line, 1, "note has no body", "Write the commentary below the closing '---'.")
    if not known_valid and not fronts.check(front_text, data, path, found, line_offset=1):
        return None
    _check_dates(data, path, found)
    record_citation_errors(path, body, body_line, data["sources"], found)
    target = Ref.parse(data["target"])
    line, column = data.at("target")
    clause = lookup(target) if target.clause else None
    if clause is None:
        suggestions = suggest_refs(str(target), all_refs)
        if str(folder_ref) in all_refs:  # the folder the note sits in is the likeliest intent
            suggestions = [str(folder_ref)] + [s for s in suggestions if s != str(folder_ref)]
        found.error(path, line, column, f"unknown target '{target}'",
                    f"Did you mean: {', '.join(suggestions)}?" if suggestions else "Targets are document/clause IDs.")
        return None
    if target != folder_ref:
        found.error(path, line, column, f"target '{target}' does not match the note's folder '{folder_ref}'",
                    f"Move the file to {_folder_name(commentary_dir)}/{target}/{path.name}, or set target: {folder_ref}.")
    span = None
    if "quote" in data:
        clause_text = clause.display_text
        result = find_quote(clause_text, data["quote"], data.get("prefix", ""), data.get("suffix", ""))
        q_line, q_column = data.at("quote")
        context_miss = (explain_context_miss(clause_text, data["quote"], data.get("prefix", ""), data.get("suffix", ""))
                        if result.matches == 0 else None)
        if context_miss is not None:
            field, message, hint = context_miss
            f_line, f_column = data.at(field)
            found.error(path, f_line, f_column, f"{message} (clause '{target}')", hint)
        elif result.matches == 0:
            near_miss = explain_quote_miss(data["quote"], clause_text)
            siblings = [c for r in all_refs if r.startswith(f"{target.document}/") and (c := lookup(Ref.parse(r)))]
            moved = drift_hint(data["quote"], clause, siblings)
            found.error(path, q_line, q_column, f"quote not found in clause '{target}': {data['quote']!r}",
                        "The quote must match the clause text exactly; notes are never moved automatically.\n"
                        + (near_miss + "\n" if near_miss else "")
                        + (moved + "\n" if moved else "") + f"Clause text:\n{clause_text}")
        elif result.matches > 1:
            found.error(path, q_line, q_column,
                        f"quote is ambiguous: it occurs {result.matches} times in clause '{target}': {data['quote']!r}",
                        f"Add 'prefix' or 'suffix' (the words just before or after) to pick one. Clause text:\n{clause_text}")
        span = result.span
    return Note(
        slug=slug,
        path=path,
        target=target,
        title=data["title"].strip(),
        authors=tuple(Author(a["name"].strip(), a.get("url", "")) for a in data["authors"]),
        date=data["date"],
        sources=tuple(source_from(s) for s in data["sources"]),
        body=body,
        tags=tuple(data.get("tags", [])),
        quote=data.get("quote", ""),
        prefix=data.get("prefix", ""),
        suffix=data.get("suffix", ""),
        span=span,
        body_line=body_line,
    )


def _folder_name(commentary_dir: Path) -> str:
    """The notes folder as contributors know it (``docs/commentary``)."""
    return f"{commentary_dir.parent.name}/{commentary_dir.name}" if commentary_dir.parent.name else commentary_dir.name


def _declared_target(path: Path) -> str:
    """The ``target`` a misplaced note declares, read leniently ("" if it cannot be read)."""
    try:
        parts = split_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""
    data = load_yaml_text(parts[0], path, Diagnostics()) if parts else None
    target = data.get("target") if isinstance(data, dict) else None
    return target.strip() if isinstance(target, str) else ""


def _check_dates(data: YamlMap, path: Path, found: Diagnostics) -> None:
    """Days that do not exist, anywhere in the front matter; a note date in the future."""
    dated = [("date", data, "date")] + [(f"sources[{index}].date", source, "date")
                                        for index, source in enumerate(data.get("sources", []))
                                        if isinstance(source, YamlMap) and "date" in source]
    for name, holder, key in dated:
        line, column = holder.at(key)
        problem = impossible_date(str(holder[key]))
        if problem:
            found.error(path, line, column, f"'{name}' is {holder[key]}, a day that does not exist: {problem}",
                        "Correct the date (written YYYY-MM-DD, YYYY-MM or YYYY).")
    today = latest_today()
    if not impossible_date(str(data["date"])) and future_date(str(data["date"]), today):
        line, column = data.at("date")
        found.error(path, line, column, f"'date' is {data['date']}, which is in the future (today is {today.isoformat()})",
                    "A note's date is the day it was written or last revised; the newest note's date is "
                    "the edition's date in every citation, so a future date would misdate the whole edition.")


def _refuse_other_extensions(tree: list[TreeEntry], diagnostics: Diagnostics) -> None:
    """Notes saved as ``.markdown`` and the like would silently be left out: say so."""
    for path in sorted(e.path for e in tree if e.path.suffix.lower() in OTHER_MARKDOWN_SUFFIXES and e.is_file):
        diagnostics.error(path, 1, 1, f"note files end in '.md'; '{path.name}' ends in '{path.suffix}', "
                                      "so it is not read and would not be published",
                          f"Rename it to {path.stem}.md.")


def _refuse_linked_folders(tree: list[TreeEntry], diagnostics: Diagnostics) -> None:
    """Folders that are symbolic links are not searched for notes; say so instead of losing
    the notes inside them silently (and refuse outright those that lead out of the project).
    The folders ``os.walk`` would list, from the listing already made: the links among the
    entries that lead to a folder, folder by folder in the walk's order, by name in each."""
    by_folder: dict[Path, list[Path]] = {}
    for entry in tree:
        if entry.is_symlink and entry.path.is_dir():
            by_folder.setdefault(entry.path.parent, []).append(entry.path)
    for links in by_folder.values():
        for path in sorted(links, key=lambda link: link.name):
            really = outside_project(path)
            where = f"points outside the project, to {really}" if really else f"is a symbolic link to {path.resolve()}"
            diagnostics.error(path, 1, 1, f"the folder {where}: the notes in it are not read",
                              "Put notes in real folders inside the project, not in linked ones.")


def load_notes(commentary_dir: Path, lookup: Callable[[Ref], Clause | None], all_refs: list[str],
               diagnostics: Diagnostics, store: ResultStore | None = None) -> list[Note]:
    """Load every ``*.md`` under ``commentary_dir`` in a stable order. ``store`` keeps, for the
    next run, whole notes that loaded without a problem (:mod:`.note_load_memo`) and, for a note
    that cannot be kept whole, its front matter if that loaded and checked without one
    (:mod:`.front_matter_memo`)."""
    if not commentary_dir.is_dir():
        return []
    # One listing of the folder for all three (sources/folder_tree.py): what rglob("*") gives.
    tree = folder_tree(commentary_dir)
    _refuse_linked_folders(tree, diagnostics)
    _refuse_other_extensions(tree, diagnostics)
    notes: list[Note] = []
    first_path_of_slug: dict[str, Path] = {}
    # In the order of their paths (compared part by part: a tuple of strings is compared in C).
    entries = sorted((entry for entry in tree if entry.name.endswith(".md") and entry.is_file),
                     key=lambda entry: entry.path.parts)
    paths = [entry.path for entry in entries]
    fronts = FrontMatters(store)
    loads = NoteLoads(store, latest_today())
    ahead = _read_ahead(entries, commentary_dir, lookup) if store is not None else {}
    loads.prefetch(key for _text, _read, key in ahead.values() if key)
    # The front matter of the notes the store of whole notes lacks, asked for in one query too.
    fronts.prefetch([(parts[0], 1) for text, _read, key in ahead.values()
                     if text is not None and not loads.holds(key) and (parts := split_front_matter(text)) is not None])
    for path in paths:
        text, read_problems, key = ahead.get(path, (None, None, ""))
        note = _known_note(loads, key, path, text) if key else None
        if note is None:
            # A note that can be stored whole (it has a key) needs its front matter stored
            # apart only if it fails to load; then it is parsed again next time (0.03 ms).
            fronts.remembering = not key
            note = load_note(path, commentary_dir, lookup, all_refs, diagnostics, fronts,
                             (text, read_problems) if read_problems is not None else None)
            if note is not None and key:
                loads.remember(key, note)
        if note is not None and key:
            record_load_key(path, key)
        slug = path.stem
        if slug in first_path_of_slug:
            diagnostics.error(path, 1, 1, f"duplicate note slug '{slug}': also used by {first_path_of_slug[slug].relative_to(commentary_dir)}",
                              "Slugs are unique across the edition; rename this file.")
            continue
        first_path_of_slug[slug] = path
        if note is not None:
            notes.append(note)
    fronts.flush()
    loads.flush()
    return notes


def _read_ahead(entries: list[TreeEntry], commentary_dir: Path,
                lookup: Callable[[Ref], Clause | None]) -> dict[Path, tuple[str | None, Diagnostics, str]]:
    """The notes the store of clean loads may answer for, read ahead so that one query asks
    for all of them: each file's text (None if it cannot be read), what reading it recorded,
    and its key ("" when it was not read cleanly). Only files where a clean note can be (the
    right depth, a valid slug, a clause at the folder) are read here; the others are loaded as
    before, in their turn. The listing's entries know each file's real path, so the guard
    against files out of the project resolves only links (:func:`.yaml_source.read_utf8`)."""
    ahead: dict[Path, tuple[str | None, Diagnostics, str]] = {}
    depth = len(commentary_dir.parts)
    for entry in entries:
        path = entry.path
        parts = path.parts[depth:]  # path.relative_to(commentary_dir).parts: the listing is below it
        if len(parts) != 3 or not SLUG_PATTERN.match(path.stem):
            continue
        clause = lookup(Ref(parts[0], parts[1]))
        if clause is None:
            continue
        found = Diagnostics()
        text = read_utf8(path, found, max_bytes=MAX_NOTE_BYTES, real=None if entry.is_symlink else entry.real())
        key = note_load_key(text, "/".join(parts), clause.display_text) if text is not None and not found else ""
        ahead[path] = (text, found, key)
    return ahead


def _known_note(loads: NoteLoads, key: str, path: Path, text: str | None) -> Note | None:
    """The note the store holds for ``key`` (``path`` read as ``text``), or None."""
    parts = split_front_matter(text) if text is not None else None
    if parts is None:
        return None
    return loads.get(key, path.stem, path, parts[1], parts[2])

