"""Notes that loaded without a problem, remembered across runs (see :mod:`..stored_results`).

Loading a note whose front matter is already in the store (:mod:`.front_matter_memo`) still
costs about a tenth of a millisecond: decoding the stored front matter, the dates, the
citations against the sources, the quote against the clause. A contributor's next check or
build finds thousands of notes unchanged. What :func:`.commentary.load_note` makes of a note
that loads cleanly is a pure function of:

- the file's text and its place under the notes folder (``document/clause/slug.md``: the
  folder is the note's target, the file name its slug);
- the text of the clause the folder names (the quote is anchored in it); a clean note's
  target is that folder, so no other clause matters;
- the engine (:func:`..engine_digest.engine_digest`: every file of the package, the schemas
  among them, and PyYAML's version);
- and today's date, but only through one check: a note dated after today is refused. A note
  that was clean on day D has a date on or before D, so it is clean on every later day; an
  entry records the day it was made and is used only from that day on (a clock set back
  reads it as missing).

Those are the key (today aside, as said). Only clean notes are stored, so every note with a
problem is loaded again on every run and its diagnostics are always the loader's own. An
entry holds the note's fields but its body (and the line it starts on), path and slug, which
come from the file again.

An entry also says whether the note has no citation warning (a source listed but never
cited: a warning, not a load error, found once the edition has loaded by
:func:`.citation_check.citation_warnings`). That too is a function of the file's text (its
body and its sources' ids); a note read from the store with no warning is recorded as such, so
the warnings are looked for again only in notes that have some, and found by the same code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from ..engine_digest import engine_digest
from ..model import Author, Note, Ref, SourceRef
from ..stored_results import ResultStore, framed, result_key
from .citation_check import has_citation_warnings, known_without_warnings

__all__ = ["NoteLoads", "note_load_key", "encode_note", "decode_note", "collecting_load_keys", "record_load_key"]

_STEP = "note-load"
_SOURCE_FIELDS = ("title", "publisher", "date", "url", "id", "party")


def note_load_key(text: str, relative: str, clause_text: str, engine: str | None = None) -> str:
    """The key of a note's entry: its file's ``text``, its ``relative`` path under the notes
    folder, the ``clause_text`` of the clause its folder names, and the engine. (The three
    texts are the key's data, framed, rather than settings: a warm check makes 8,000 keys at
    100x, and the header of a step without settings is hashed once.)"""
    return result_key(_STEP, engine if engine is not None else engine_digest(), framed(relative, clause_text, text))


# The load key of each note loaded within collecting_load_keys(), by its path: the checker keys
# each note's verdict on it (tools/note_verdicts.py) instead of encoding the whole note again.
_load_keys: ContextVar[dict[Path, str] | None] = ContextVar("annotated_edition_load_keys", default=None)


@contextmanager
def collecting_load_keys() -> Iterator[dict[Path, str]]:
    """Within, :func:`record_load_key` fills the dictionary yielded: each note's path, and the key
    its file's text, place and clause gave (the note as loaded is a function of it)."""
    keys: dict[Path, str] = {}
    token = _load_keys.set(keys)
    try:
        yield keys
    finally:
        _load_keys.reset(token)


def record_load_key(path: Path, key: str) -> None:
    keys = _load_keys.get()
    if keys is not None:
        keys[path] = key


def encode_note(note: Note, checked_on: _dt.date) -> dict[str, Any]:
    """The stored form of a note that loaded cleanly on ``checked_on``."""
    return {"checked_on": checked_on.isoformat(),
            "no_citation_warnings": not has_citation_warnings(note),
            "target": [note.target.document, note.target.clause],
            "title": note.title,
            "authors": [[author.name, author.url] for author in note.authors],
            "date": note.date,
            "sources": [[getattr(source, name) for name in _SOURCE_FIELDS] for source in note.sources],
            "tags": list(note.tags),
            "quote": note.quote, "prefix": note.prefix, "suffix": note.suffix,
            "span": list(note.span) if note.span is not None else None}


# isinstance(value, str), looked up once: what JSON decodes is never a subclass of str.
_is_str = str.__instancecheck__


def _strings(values: Any, count: int | None = None) -> tuple[str, ...]:
    if type(values) is not list or not all(map(_is_str, values)):
        raise TypeError("a list of strings")
    if count is not None and len(values) != count:
        raise ValueError(f"{count} strings")
    return tuple(values)


def decode_note(entry: Any, slug: str, path: Path, body: str, body_line: int, today: _dt.date) -> Note | None:
    """The note an entry describes, with the ``slug``, ``path`` and ``body`` (from ``body_line``
    on) of the file as read now, or None when the entry is damaged or was made on a later day
    than ``today``."""
    try:
        if date_after(entry["checked_on"], today):
            return None
        document, clause = entry["target"]
        span = entry["span"]
        if span is not None:
            start, end = span
            if type(start) is not int or type(end) is not int:
                raise TypeError("a span is two whole numbers")
            span = (start, end)
        strings = {name: entry[name] for name in ("title", "date", "quote", "prefix", "suffix")}
        if type(document) is not str or type(clause) is not str or not all(type(value) is str for value in strings.values()):
            raise TypeError("fields of the wrong type")
        return Note(
            slug=slug, path=path, body=body,
            target=Ref(document, clause),
            authors=tuple(Author(*_strings(author, 2)) for author in entry["authors"]),
            sources=tuple(SourceRef(*_strings(source, len(_SOURCE_FIELDS))) for source in entry["sources"]),
            tags=_strings(entry["tags"]), span=span, body_line=body_line, **strings)
    except (TypeError, ValueError, KeyError):
        return None


def date_after(day: Any, today: _dt.date) -> bool:
    """Whether the stored ``day`` is after ``today`` (raises ValueError or TypeError if it is no day)."""
    return _dt.date.fromisoformat(day) > today


class NoteLoads:
    """Clean notes from ``store`` (None: no store): :meth:`prefetch` reads the entries of many
    keys in one query, :meth:`get` answers from them, :meth:`remember` and :meth:`flush` write
    this run's new ones in one transaction. ``hits`` counts the notes taken from the store."""

    def __init__(self, store: ResultStore | None, today: _dt.date) -> None:
        self.store = store
        self.today = today
        self._known: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        self.hits = 0

    def prefetch(self, keys: Iterable[str]) -> None:
        if self.store is not None:
            self._known.update(self.store.get_many(keys))

    def holds(self, key: str) -> bool:
        """Whether :meth:`prefetch` found an entry for ``key`` (whole or not)."""
        return key in self._known

    def get(self, key: str, slug: str, path: Path, body: str, body_line: int) -> Note | None:
        entry = self._known.get(key)
        note = decode_note(entry, slug, path, body, body_line, self.today) if entry is not None else None
        if note is not None:
            self.hits += 1
            if entry.get("no_citation_warnings") is True:
                known_without_warnings(note)
        return note

    def remember(self, key: str, note: Note) -> None:
        if self.store is not None:
            self._new[key] = encode_note(note, self.today)

    def flush(self) -> None:
        if self.store is not None and self._new:
            self.store.put_many(self._new)
        self._new = {}
