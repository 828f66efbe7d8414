"""A persistent, content-addressed store of converted note bodies, shared by every build,
``mkdocs serve`` and ``make check`` of a project.

Converting a note (Markdown, then the sanitizer, then the check of its in-note links) costs
about a millisecond, and a large edition has thousands of notes of which a contributor edits
one. So each result is kept on disk under a key that names everything the result depends on:

- the note's body and its anchor (the anchor prefixes every id the body creates);
- the URLs its ``edition:`` links lead to (see :mod:`.edition_links`): they are written into
  the HTML, and move when a clause, a document or the linked note does;
- the converter's settings: Markdown extensions and their options, the sanitizer's allowlists,
  and the versions of Python-Markdown and nh3;
- the engine: the package version and the bytes of the modules that do the converting, so a
  change of code invalidates the store even when nobody bumps the version.

A change in any of these gives another key, so a stale entry is never read: it is just never
asked for again. ``make clean`` removes the folder; deleting it at any time is safe.

The store is one SQLite database (see :class:`NoteCache` for why not a file per entry): a
build's new entries are written in one transaction (the checker's workers write one per share
of notes), so two runs at once never see half an entry, and a second writer waits for the first. An entry that cannot be read (damaged, from
another format, stored under the wrong key) counts as missing and is overwritten by the next
build that converts that note. Failing to write (a read-only checkout) costs only speed: the
build carries on without the store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..engine_digest import installed_version
from ..sqlite_entries import EntryFile
from .markdown import NOTE_EXTENSION_CONFIGS, NOTE_EXTENSIONS
from .sanitize import Removal
from . import sanitize

__all__ = ["ConvertedNote", "EditionLinks", "NoteCache", "DEFAULT_CACHE_DIR", "converter_settings", "engine_version",
           "entry_key"]

# A note's ``edition:`` addresses and the URLs they lead to, as sorted (address, URL) pairs.
EditionLinks = tuple[tuple[str, str], ...]

DEFAULT_CACHE_DIR = ".cache/annotated-edition"
# Bumped when the layout of an entry changes; part of every key and of the folder's name.
_FORMAT = 1
_FOLDER = f"notes-v{_FORMAT}"
# The modules whose code decides a converted note: a change to any of them is a new engine.
_ENGINE_MODULES = ("notes/markdown.py", "notes/markdown_triggers.py", "notes/sanitize.py", "notes/links.py",
                   "notes/fragment_scan.py", "notes/convert.py", "notes/edition_links.py", "html_links.py",
                   "notes/cache.py")
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ConvertedNote:
    """One note body as every page shows it: safe HTML, what the sanitizer took out of it,
    and the in-note fragment links (``#…``) that match no id of the note."""

    html: str
    removed: tuple[Removal, ...] = ()
    unresolved: tuple[str, ...] = ()


@cache
def converter_settings() -> Mapping[str, Any]:
    """Everything configurable that changes a converted note, as plain JSON-able data."""
    return {
        "markdown_extensions": list(NOTE_EXTENSIONS),
        "markdown_extension_configs": NOTE_EXTENSION_CONFIGS,
        "markdown": installed_version("markdown"),
        "nh3": installed_version("nh3"),
        "allowed_tags": sorted(sanitize.ALLOWED_TAGS),
        "link_schemes": sorted(sanitize.LINK_SCHEMES),
        "attributes": {tag: sorted(names) for tag, names in sorted(sanitize._ATTRIBUTES.items())},
        "removed_with_content": sorted(sanitize._REMOVED_WITH_CONTENT),
        "class_allowed": sanitize._CLASS_ALLOWED.pattern,
        "align_values": sorted(sanitize._ALIGN_VALUES),
    }


@cache
def engine_version() -> str:
    """The package version and a digest of the converting modules' code."""
    digest = hashlib.sha256()
    for name in _ENGINE_MODULES:
        path = _PACKAGE_DIR / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
    return f"{__version__}+{digest.hexdigest()[:16]}"


def entry_key(body: str, anchor: str, edition_links: EditionLinks = (), settings: Mapping[str, Any] | None = None,
              engine: str | None = None) -> str:
    """The key of one converted note: a digest of every input the result depends on."""
    digest = hashlib.sha256()
    header = json.dumps({"format": _FORMAT, "engine": engine if engine is not None else engine_version(),
                         "settings": settings if settings is not None else converter_settings(),
                         "anchor": anchor, "edition_links": [list(pair) for pair in sorted(edition_links)]},
                        sort_keys=True, ensure_ascii=True)
    digest.update(header.encode("ascii"))
    digest.update(b"\0")
    digest.update(body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _encode(key: str, note: ConvertedNote) -> bytes:
    return json.dumps({"key": key, "html": note.html,
                       "removed": [[removal.what, list(removal.clues)] for removal in note.removed],
                       "unresolved": list(note.unresolved)}, ensure_ascii=False).encode("utf-8")


def _decode(key: str, data: bytes) -> ConvertedNote | None:
    """The entry, or None when it is not a whole, well-formed entry for ``key``."""
    try:
        entry = json.loads(data.decode("utf-8"))
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("html"), str):
            return None
        removed = tuple(Removal(str(what), tuple(str(clue) for clue in clues)) for what, clues in entry["removed"])
        unresolved = tuple(str(fragment) for fragment in entry["unresolved"])
    except (ValueError, KeyError, TypeError):  # JSON or UTF-8 errors are ValueErrors
        return None
    return ConvertedNote(entry["html"], removed, unresolved)


class NoteCache(EntryFile):
    """Converted notes on disk: one SQLite database under ``folder`` (created when first used;
    see :mod:`..sqlite_entries` for why one database and how runs share it). An entry that
    does not decode whole counts as a miss. ``hits``, ``misses`` and ``writes`` count this
    run's use."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        super().__init__(self.folder / f"{_FOLDER}.sqlite", "notes")

    def get_many(self, keys: Iterable[str]) -> dict[str, ConvertedNote]:
        """The entries of ``keys`` that the store holds whole; the others are misses."""
        return self.get_decoded(keys, _decode)

    def get(self, key: str) -> ConvertedNote | None:
        return self.get_many([key]).get(key)

    def put_many(self, entries: Mapping[str, ConvertedNote]) -> None:
        """Store every entry in one transaction (all or none); replaces what was under a key."""
        self.put_raw((key, _encode(key, note)) for key, note in entries.items())

    def put(self, key: str, note: ConvertedNote) -> None:
        self.put_many({key: note})

