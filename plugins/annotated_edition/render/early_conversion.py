"""Note bodies converted from their files while the edition loads, on the other cores.

A cold build or check (nothing in the note cache) spends much of its time converting bodies
(about half a millisecond a note), and converting needs little of the edition: the body, the
note's anchor (from its file name) and the URLs of its ``edition:`` links, which only a note
without such links can do without. Loading the edition (front matter, quotes, citations) runs
on one core. So, when a sample of the notes shows the cache mostly empty, worker processes are
started before the edition loads, and each reads its share of the note files, works out what
will be asked to convert (:func:`.context.converted_item_from_file`), converts what the cache
lacks and writes it there. The build takes the results into memory before it publishes the
notes (``adapter/plugin.py``); the checker judges each share as it arrives
(``tools/note_judging.py``). A body guessed wrong, or left out, is converted in the usual way.

A warm run (the cache full) never starts the workers: looking at the sample costs a few files
read and one query. Nor does ``mkdocs serve``, whose threads make forking unsafe.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from ..notes.cache import ConvertedNote, NoteCache, entry_key
from ..notes.convert import PARALLEL_MINIMUM, NoteItem, convert_note, fork_context
from .context import converted_item_from_file
from ..sources.folder_tree import TreeEntry
from ..sources.input_guards import MAX_NOTE_BYTES

__all__ = ["EarlyConversion", "SAMPLE_SIZE"]

# Notes looked at to tell a cold cache from a warm one; at least half of them must be missing.
SAMPLE_SIZE = 16
# Files a worker takes at a time: each share is written to the cache in one transaction.
_CHUNK = 64
# How much lower the workers' scheduling priority is than the main process's.
_WORKER_NICENESS = 10


def _text_of(path: Path) -> str | None:
    """The file's text as the loader reads it (UTF-8, a leading BOM dropped), or None when
    it could not be a note the loader would read (too large, unreadable, not UTF-8)."""
    try:
        if os.stat(path).st_size > MAX_NOTE_BYTES:
            return None
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None


def _items_of(paths: Sequence[Path]) -> list[tuple[NoteItem, str]]:
    """Each file's guessed item and its key in the note cache, for the files that give one."""
    items = []
    for path in paths:
        text = _text_of(path)
        item = converted_item_from_file(text, path.stem) if text is not None else None
        if item is not None:
            items.append((item, entry_key(*item)))
    return items


# The note cache's folder, set by the parent just before it forks (children inherit it).
_CACHE_FOLDER: Path | None = None
# A worker's own connection to the note cache, opened for its first share and kept for the
# others (closing one costs a checkpoint of the log: 2 ms a share). A worker ends without
# closing it; SQLite reads what it committed from the log.
_worker_cache: NoteCache | None = None


def _convert_share(paths: list[Path]) -> dict[NoteItem, ConvertedNote]:
    """In a worker: convert the bodies of ``paths`` that the cache lacks, store them, return them."""
    global _worker_cache
    if _worker_cache is None and _CACHE_FOLDER is not None:
        _worker_cache = NoteCache(_CACHE_FOLDER)
    cache = _worker_cache
    items = _items_of(paths)
    stored = cache.get_many(key for _item, key in items) if cache is not None else {}
    converted = {item: convert_note(*item) for item, key in items if key not in stored}
    if cache is not None and converted:
        cache.put_many({entry_key(*item): note for item, note in converted.items()})
    return converted


class EarlyConversion:
    """Worker processes converting the notes of ``entries`` (the notes folder's listing) into
    the note cache under ``cache_folder`` (None: no cache, the results are only returned),
    started by :meth:`start` only when it pays: two ``workers`` or more, at least ``minimum``
    notes (None: as many as make converting on several cores pay, ``PARALLEL_MINIMUM``), and a
    cold cache."""

    def __init__(self, entries: Sequence[TreeEntry], cache_folder: Path | None, workers: int,
                 minimum: int | None = None) -> None:
        # Only real files: a link is the loader's to refuse, and never read here.
        self.paths = [entry.path for entry in entries
                      if entry.name.endswith(".md") and entry.is_file and not entry.is_symlink]
        self._covered = set(self.paths)
        self.cache_folder = cache_folder
        self.workers = workers
        self.minimum = minimum  # fewer notes are converted in the usual way (None: PARALLEL_MINIMUM)
        self._pool: ProcessPoolExecutor | None = None
        self._shares: dict[Future[dict[NoteItem, ConvertedNote]], list[Path]] = {}

    def worth_starting(self) -> bool:
        """Many notes, several cores, and at least half of a sample of them not in the cache."""
        minimum = PARALLEL_MINIMUM if self.minimum is None else self.minimum
        if self.workers < 2 or len(self.paths) < max(1, minimum):
            return False
        step = max(1, len(self.paths) // SAMPLE_SIZE)
        sample = _items_of(self.paths[::step][:SAMPLE_SIZE])
        if not sample:
            return False
        if self.cache_folder is None:
            return True
        cache = NoteCache(self.cache_folder)
        try:
            stored = cache.get_many(key for _item, key in sample)
        finally:
            cache.close()
        return len(stored) * 2 <= len(sample)

    def start(self) -> bool:
        """Start the workers if :meth:`worth_starting`; whether they were started."""
        context = fork_context()
        if context is None or not self.worth_starting():
            return False
        global _CACHE_FOLDER
        _CACHE_FOLDER = self.cache_folder
        # The workers yield to this process: what it does (loading the edition; in the checker,
        # then judging each share as it comes) is what the run waits for, and it must not get
        # a third of two cores.
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                         initializer=os.nice, initargs=(_WORKER_NICENESS,))
        for start in range(0, len(self.paths), _CHUNK):
            share = self.paths[start:start + _CHUNK]
            self._shares[self._pool.submit(_convert_share, share)] = share
        return True

    @property
    def started(self) -> bool:
        return self._pool is not None

    def covers(self, path: Path) -> bool:
        """Whether a worker reads the note at ``path`` (it may still find nothing to convert)."""
        return path in self._covered

    def shares(self) -> Iterator[tuple[list[Path], dict[NoteItem, ConvertedNote]]]:
        """Each share of files with the bodies converted for it, as the workers finish them (a
        share whose worker failed gives no bodies: they are converted later, as usual); nothing
        if the workers were not started. They are stopped once every share is given."""
        if self._pool is None:
            return
        try:
            for share in as_completed(self._shares):
                try:
                    converted = share.result()
                except Exception:  # noqa: BLE001 - a lost worker costs only speed
                    converted = {}
                yield self._shares[share], converted
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the workers, without waiting for what they have not started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._shares = {}
