"""What each note's HTML gives the checker, worked out for the notes the store of verdicts lacks.

For each such note: its body converted (or read from the note cache) and published (citations
linked, source list added), then what the sanitizer removed, its in-note links that lead
nowhere and its relative links to no file of the site (see :mod:`.note_verdicts`). Three ways,
the same answers:

- share by share, as the workers of a cold check convert them (:mod:`.early_conversion`),
  judged in the checker's process as each share arrives;
- for many notes otherwise, in forked worker processes, each converting its share and judging
  it in one pass (a second pool after converting cost as much again in starting processes
  and sending notes as the judging itself);
- for a few, here.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Edition, Note
from ..notes.body_links import relative_link_problems
from ..notes.cache import NoteCache
from ..notes.convert import PARALLEL_MINIMUM, NoteBodies, default_workers, fork_context
from ..render.context import RenderContext, converted_item
from ..render.note_warnings import sanitizer_warnings
from ..render.templates import Templates
from ..settings import EditionConfig
from ..sources.edition import link_graph
from ..stored_results import ResultStore
from ..render.early_conversion import EarlyConversion
from .note_verdicts import NoteVerdict, split_by_note

__all__ = ["judge_notes"]


def judge_notes(config: EditionConfig, edition: Edition, files: set[str], directory_urls: bool,
                   notes: list[Note], store: ResultStore | None, early: EarlyConversion) -> list[NoteVerdict]:
    """Each of ``notes``' verdict, in order: share by share as ``early``'s workers convert them
    if they were started, else on every core when there are many (see the module's text).
    ``store`` is the open store of verdicts, closed here before forking."""
    workers = default_workers()
    bodies = NoteBodies(NoteCache(config.cache_path) if config.cache_path else None, workers=workers)
    # The package's templates, compiled templates kept beside the note cache as in the build.
    # Each note's whole verdict is stored; storing its unresolved links as well, for a build
    # that would rather find them itself, cost a cold check at 100x a quarter of a second.
    context = RenderContext(edition, link_graph(edition), directory_urls=directory_urls, bodies=bodies,
                            templates=Templates(cache_folder=config.cache_path), remember_unresolved=False)
    work = _HtmlWork(context, files, directory_urls, notes)
    if early.started:
        try:
            return _judged_as_converted(work, notes, early)
        finally:
            bodies.save()
    bodies.read_stored(converted_item(note, edition, directory_urls) for note in notes)
    fork = fork_context() if workers > 1 and len(notes) >= PARALLEL_MINIMUM else None
    if fork is None:
        try:
            return work.between(0, len(notes))
        finally:
            bodies.save()
    # A forked child must not inherit an open SQLite connection; each opens what it uses.
    if bodies.cache is not None:
        bodies.cache.close()
    if store is not None:
        store.close()
    global _WORK
    _WORK = work
    try:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers, mp_context=fork) as pool:
            shares = pool.map(_work_in_child, range(0, len(notes), _CHUNK))
            return [verdict for share in shares for verdict in share]
    finally:
        _WORK = None


def _judged_as_converted(work: _HtmlWork, notes: list[Note], early: EarlyConversion) -> list[NoteVerdict]:
    """The verdicts of ``notes``, each share of files judged as soon as its bodies are converted;
    the notes no worker reads are converted and judged first, here, and those a worker could
    not convert (an ``edition:`` link, a guess gone wrong) last."""
    waiting = {note.path: note for note in notes}
    verdicts: dict[Path, NoteVerdict] = {}
    context = work.context
    # The notes no worker reads, judged (and converted) here while the workers convert.
    alone = [waiting.pop(note.path) for note in notes if not early.covers(note.path)]
    context.bodies.read_stored(converted_item(note, context.edition, context.directory_urls) for note in alone)
    verdicts.update(zip((note.path for note in alone), work.judge(alone)))
    for files, converted in early.shares():
        share = [waiting.pop(path) for path in files if path in waiting]
        context.bodies.adopt(converted)
        verdicts.update(zip((note.path for note in share), work.judge(share)))
        # Judged: their bodies and published HTML are not asked for again, and the memory
        # they held is used for the next share's instead of new pages (fewer page faults).
        context.forget()
    rest = list(waiting.values())
    context.bodies.read_stored(converted_item(note, context.edition, context.directory_urls) for note in rest)
    verdicts.update(zip((note.path for note in rest), work.judge(rest)))
    return [verdicts[note.path] for note in notes]


# Notes a worker takes at a time: enough that sending the answers back is a small part of the work.
_CHUNK = 64


class _HtmlWork:
    """The per-note work of :func:`judge_notes`, for a range of ``notes``, in this process
    or a forked child (which has the notes already: only the range's bounds are sent to it)."""

    def __init__(self, context: RenderContext, files: set[str], directory_urls: bool, notes: list[Note]) -> None:
        self.context, self.files, self.directory_urls, self.notes = context, files, directory_urls, notes

    def between(self, start: int, stop: int) -> list[NoteVerdict]:
        return self.judge(self.notes[start:stop])

    def judge(self, notes: list[Note]) -> list[NoteVerdict]:
        if not notes:
            return []
        sanitizer = sanitizer_warnings(self.context, notes)
        links = relative_link_problems(self.context.note_html, self.files, self.directory_urls, notes)
        return split_by_note(notes, sanitizer.items, links.items)


# The work a forked child does, set by the parent just before it forks (children inherit it).
_WORK: _HtmlWork | None = None


def _work_in_child(start: int) -> list[NoteVerdict]:
    """The verdicts of the notes from ``start`` on (a chunk of them), the bodies converted here
    written to the note cache before the answer goes back (one transaction a chunk)."""
    assert _WORK is not None
    try:
        return _WORK.between(start, start + _CHUNK)
    finally:
        _WORK.context.bodies.save()
