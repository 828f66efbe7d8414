"""Every note body of one build or check, converted once: from memory, else from the persistent
store (:mod:`.cache`), else converted here, on several processes when there are many.

A build asks for each body several times (clause page, popover, print edition, exports) and
in no useful order, so :meth:`NoteBodies.prefetch` first fills the memory from the store and
converts all that is missing at once: that batch is what can be spread over the machine's
cores. Conversion is pure (a body, its anchor and the URLs of its ``edition:`` links in, a
:class:`ConvertedNote` out), so the results do not depend on which process made them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..timing import measure_detail
from ..model import Edition, Note
from .cache import ConvertedNote, EditionLinks, NoteCache, entry_key
from .edition_links import edition_link_targets
from .links import unresolved_fragments
from .markdown import render_note_body_checked

if TYPE_CHECKING:  # worker processes are started only for a cold batch: imported then
    import multiprocessing.context

__all__ = ["NoteBodies", "NoteItem", "convert_note", "note_item", "default_workers", "fork_context", "PARALLEL_MINIMUM",
           "WORKERS_ENV"]

# What one converted note depends on besides the converter: its body, its anchor, and where
# each of its ``edition:`` links leads (sorted (address, URL) pairs; they change the HTML).
NoteItem = tuple[str, str, EditionLinks]

# Below this many bodies to convert, starting worker processes costs more than it saves.
PARALLEL_MINIMUM = 400
# Bodies handed to a worker at a time: large enough that pickling is a small part of the work.
_CHUNK = 64


def _links(edition_links: Mapping[str, str] | EditionLinks | None) -> EditionLinks:
    if not edition_links:
        return ()
    pairs = edition_links.items() if isinstance(edition_links, Mapping) else edition_links
    return tuple(sorted(pairs))


def note_item(note: Note, edition: Edition, directory_urls: bool, body: str | None = None) -> NoteItem:
    """The note's body (or ``body``, the same with its citations as placeholders: see
    render/citation_html.py), anchor and ``edition:`` link targets, as seen from its clause page."""
    return (note.body if body is None else body), note.anchor, _links(edition_link_targets(note, edition, directory_urls))


def convert_note(body: str, anchor: str, edition_links: Mapping[str, str] | EditionLinks | None = None) -> ConvertedNote:
    """Markdown → sanitized HTML, what the sanitizer removed, and the in-note links that lead nowhere."""
    rendered = render_note_body_checked(body, anchor, dict(_links(edition_links)))
    with measure_detail("render.note_links"):
        unresolved = tuple(unresolved_fragments(rendered.html))
    return ConvertedNote(rendered.html, rendered.removed, unresolved)


def _convert_item(item: NoteItem) -> ConvertedNote:
    return convert_note(*item)


def fork_context() -> multiprocessing.context.BaseContext | None:
    """Worker processes by ``fork`` (they start at once, with everything imported), or None.

    Forking a process that runs other threads (``mkdocs serve``'s watcher and server) can leave
    a lock held in the child forever; such a process converts in its own thread instead."""
    import multiprocessing
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")


WORKERS_ENV = "ANNOTATED_EDITION_WORKERS"


def default_workers() -> int:
    """The cores this process may run on, or ``$ANNOTATED_EDITION_WORKERS`` (1: no worker processes)."""
    setting = os.environ.get(WORKERS_ENV, "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class NoteBodies:
    """Converted note bodies, by (body, anchor, ``edition:`` link targets).

    ``cache`` is the persistent store (None: memory only). ``workers`` is how many processes
    may convert at once during :meth:`prefetch` (1: in this process only)."""

    def __init__(self, cache: NoteCache | None = None, workers: int = 1) -> None:
        self.cache = cache
        self.workers = max(1, workers)
        self._memory: dict[NoteItem, ConvertedNote] = {}
        self.converted = 0
        # Items read_stored() found missing from the store: get() converts them without asking
        # the store again, and keeps them for save() (one transaction for all of them).
        self._not_stored: dict[NoteItem, str] = {}  # item → its key in the store
        self._unsaved: dict[str, ConvertedNote] = {}

    def get(self, body: str, anchor: str,
            edition_links: Mapping[str, str] | EditionLinks | None = None) -> ConvertedNote:
        item = (body, anchor, _links(edition_links))
        note = self._memory.get(item)
        if note is None:
            known_missing = item in self._not_stored
            key = self._not_stored.pop(item) if known_missing else entry_key(*item) if self.cache is not None else ""
            note = self.cache.get(key) if self.cache is not None and not known_missing else None
            if note is None:
                note = convert_note(*item)
                self.converted += 1
                if self.cache is not None and known_missing:
                    self._unsaved[key] = note
                elif self.cache is not None:
                    self.cache.put(key, note)
            self._memory[item] = note
        return note

    def adopt(self, converted: Mapping[NoteItem, ConvertedNote]) -> None:
        """Hold bodies converted elsewhere (and stored there), as if :meth:`get` had made them."""
        self._memory.update(converted)

    def save(self) -> None:
        """Write the bodies :meth:`get` converted for items :meth:`read_stored` found missing."""
        if self.cache is not None and self._unsaved:
            self.cache.put_many(self._unsaved)
        self._unsaved = {}

    def forget(self) -> None:
        """Drop the results held in memory; later requests read the persistent store again."""
        self._memory.clear()

    def read_stored(self, items: Iterable[tuple[str, str] | NoteItem]) -> list[NoteItem]:
        """Hold in memory what the store has of ``items`` (body, anchor[, edition link
        targets]); the items it lacks, in order, which :meth:`get` then converts without
        asking the store again."""
        with measure_detail("render.note_cache"):
            normalized = ((item[0], item[1], _links(item[2] if len(item) > 2 else None)) for item in items)
            wanted = [item for item in dict.fromkeys(normalized) if item not in self._memory]
            keys = {item: entry_key(*item) for item in wanted} if self.cache is not None else {}
            stored = self.cache.get_many(keys.values()) if self.cache is not None else {}
            todo = []
            for item in wanted:
                note = stored.get(keys[item]) if keys else None
                if note is None:
                    todo.append(item)
                else:
                    self._memory[item] = note
            self._not_stored.update((item, keys.get(item, "")) for item in todo)
        return todo

    def prefetch(self, items: Iterable[tuple[str, str] | NoteItem]) -> None:
        """Make every (body, anchor[, edition link targets]) of ``items`` ready: read the store,
        convert the rest at once."""
        todo = self.read_stored(items)
        if not todo:
            return
        context = fork_context() if self.workers > 1 and len(todo) >= PARALLEL_MINIMUM else None
        if context is None:
            results = [convert_note(*item) for item in todo]
        else:
            if self.cache is not None:
                self.cache.close()  # a forked child must not inherit an open SQLite connection
            with measure_detail("render.note_parallel"):
                from concurrent.futures import ProcessPoolExecutor
                with ProcessPoolExecutor(max_workers=self.workers, mp_context=context) as pool:
                    results = list(pool.map(_convert_item, todo, chunksize=_CHUNK))
        self.converted += len(todo)
        with measure_detail("render.note_cache"):
            self._memory.update(zip(todo, results))
            keys = [self._not_stored.pop(item) for item in todo]
            if self.cache is not None:
                self.cache.put_many(dict(zip(keys, results)))
