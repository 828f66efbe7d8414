"""The checker's warnings and errors about each note's HTML, remembered across runs (see
:mod:`..stored_results`), and worked out on every core when many are missing.

Once the edition has loaded, ``make check`` converts every note (or finds it in the note
cache), publishes it (citations linked, source list added), and reports what the sanitizer
removed, the in-note links that lead nowhere and the relative links to no file of the site.
Even with every body in the note cache that is about a millisecond a note: templates, hashing
the published HTML to find the stored answer about its links, following its links. All of it
is a pure function of:

- the note as loaded (every field of :class:`..model.Note` but its path: body, slug, target,
  sources, and the line its body starts on, which the diagnostics' lines count from);
- the URLs its ``edition:`` links lead to (written into its HTML);
- the URL style (``use_directory_urls``) and the set of the site's files its relative links
  are looked up in (a digest of the sorted list);
- the engine (:func:`..engine_digest.engine_digest`: every file of the package, templates and
  sanitizer settings among them, and the versions of Python-Markdown, nh3 and Jinja2).

That is the key. The value is the note's diagnostics, in the order the checker reports them
(sanitizer warnings, then relative links), with the note's path left out: the note's file is
where they are. A damaged entry is a miss and is computed and written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..engine_digest import engine_digest
from ..model import Note
from ..stored_results import ResultStore, result_key

__all__ = ["NoteVerdict", "NoteVerdicts", "note_verdict_key", "note_data", "site_files_digest"]

_STEP = "note-check"

# One note's diagnostics about its HTML: (sanitizer warnings, relative link errors).
NoteVerdict = tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]


# json.dumps(..., ensure_ascii=False, separators=(",", ":")), its encoder made once.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def note_data(note: Note) -> str:
    """Every field of the note but its path, as canonical JSON."""
    return _COMPACT.encode([note.slug, note.target.document, note.target.clause, note.title,
                            [[author.name, author.url] for author in note.authors], note.date,
                            [[s.title, s.publisher, s.date, s.url, s.id, s.party] for s in note.sources],
                            note.body, list(note.tags), note.quote, note.prefix, note.suffix,
                            list(note.span) if note.span is not None else None, note.body_line])


def site_files_digest(site_files: Collection[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(site_files):
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def note_verdict_key(note: Note, edition_links: dict[str, str], directory_urls: bool, site_files: str,
                     engine: str | None = None, loaded_as: str = "") -> str:
    """The key of a note's verdict (``site_files`` is :func:`site_files_digest`'s). ``loaded_as``
    is the key the note was loaded under (:func:`..sources.note_load_memo.note_load_key`: its
    file's text, its place and its clause's text, of which the note as loaded is a function),
    which stands for the note's fields at a fraction of the cost of encoding them; without it,
    the fields themselves (:func:`note_data`). The two cannot meet: one is JSON, the other not."""
    return result_key(_STEP, engine if engine is not None else engine_digest(), _COMPACT.encode(
        ["loaded as " + loaded_as if loaded_as else note_data(note), sorted(edition_links.items()), directory_urls,
         site_files]))


def _encode(verdict: NoteVerdict) -> list[list[list[Any]]]:
    return [[[d.severity, d.line, d.column, d.message, d.hint] for d in part] for part in verdict]


def _decode(value: Any, path: Path) -> NoteVerdict | None:
    try:
        sanitizer, links = value
        parts = tuple(tuple(_diagnostic(item, path) for item in part) for part in (sanitizer, links))
    except (TypeError, ValueError):
        return None
    return parts[0], parts[1]


def _diagnostic(item: Any, path: Path) -> Diagnostic:
    severity, line, column, message, hint = item
    if severity not in ("error", "warning") or type(line) is not int or type(column) is not int \
            or type(message) is not str or type(hint) is not str:
        raise TypeError("not a stored diagnostic")
    return Diagnostic(path, line, column, message, hint, severity)


class NoteVerdicts:
    """Each note's verdict from ``store`` (None: no store), else from ``compute`` (given the
    notes missing, it returns their verdicts in order), stored for the next run.
    ``computed`` counts the notes that were not read from the store."""

    def __init__(self, store: ResultStore | None) -> None:
        self.store = store
        self.computed = 0

    def verdicts(self, notes: Sequence[Note], keys: Sequence[str],
                 compute: Callable[[list[Note]], list[NoteVerdict]]) -> list[NoteVerdict]:
        stored = self.store.get_many(keys) if self.store is not None else {}
        found: list[NoteVerdict | None] = [
            _decode(stored[key], note.path) if key in stored else None for note, key in zip(notes, keys)]
        missing = [index for index, verdict in enumerate(found) if verdict is None]
        if missing:
            computed = compute([notes[index] for index in missing])
            self.computed += len(missing)
            for index, verdict in zip(missing, computed):
                found[index] = verdict
            if self.store is not None:
                self.store.put_many({keys[index]: _encode(computed[n]) for n, index in enumerate(missing)})
        return [verdict for verdict in found if verdict is not None]


def split_by_note(notes: Iterable[Note], sanitizer: Iterable[Diagnostic],
                  links: Iterable[Diagnostic]) -> list[NoteVerdict]:
    """Diagnostics of several notes (each at its note's path), note by note, in their order."""
    by_path: dict[Path, tuple[list[Diagnostic], list[Diagnostic]]] = {}
    for part, items in enumerate((sanitizer, links)):
        for item in items:
            by_path.setdefault(item.path, ([], []))[part].append(item)
    verdicts = []
    for note in notes:
        sanitizer_items, link_items = by_path.get(note.path, ([], []))
        verdicts.append((tuple(sanitizer_items), tuple(link_items)))
    return verdicts
