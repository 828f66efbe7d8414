"""Check every text, structure file and note without building the site.

This is what ``make check`` and ``python -m annotated_edition check`` run: the very loaders the
build uses (so the two can never disagree), minus MkDocs and page rendering. Note bodies are
converted, though, so the sanitizer's warnings (what it would remove) show here as in the
build, where ``--strict`` fails on them. The whole edition is
always loaded, because a note can only be checked against the clause it targets; ``paths``
narrows which problems are reported, and which notes are converted: only those under
``paths``. Conversion reads and fills the same persistent cache as the build
(:mod:`..notes.cache`), and what is not cached is converted on every core: on a cold cache
while the edition loads (:mod:`.early_conversion`), and judged as it comes (:mod:`.note_judging`).
"""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from ..diagnostics import Diagnostic, Diagnostics
from ..model import Edition, Note
from ..notes.convert import default_workers
from ..notes.edition_links import edition_link_problems, edition_link_targets
from ..sources.citation_check import citation_warnings
from ..sources.data_file_memo import remembering_data_files
from ..sources.note_load_memo import collecting_load_keys
from ..sources.folder_tree import folder_tree, shared_listings
from ..sources.edition import EditionConfig, check_edition
from ..stored_results import ResultStore
from ..render.early_conversion import EarlyConversion
from .note_judging import judge_notes
from .note_verdicts import NoteVerdicts, note_verdict_key, site_files_digest
from .project_config import read_mkdocs_yml
from .site_files import site_files, uses_directory_urls

__all__ = ["CheckReport", "run_check", "select_diagnostics"]


@dataclass(frozen=True)
class CheckReport:
    """The outcome of one check: the problems to show, and what was looked at."""

    root: Path
    problems: tuple[Diagnostic, ...]
    hidden: int
    """Problems outside the requested paths (not shown, not counted in the exit status). Notes
    outside them are loaded and checked but not converted, so what the sanitizer would remove
    from them, and their relative links to no file, are not counted here (their ``edition:``
    links are)."""
    documents: int
    notes: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self) -> str:
        """Every problem as ``path:line:column: error: message`` and its indented hint."""
        return "\n".join(problem.format(self.root) for problem in self.problems)

    def summary(self) -> str:
        looked_at = (f"{self.documents} {_plural(self.documents, 'document')} and "
                     f"{self.notes} {_plural(self.notes, 'note')} in {self.seconds:.2f} s")
        if self.problems:
            files = len({p.path for p in self.problems})
            text = (f"{len(self.problems)} {_plural(len(self.problems), 'problem')} in {files} "
                    f"{_plural(files, 'file')} (checked {looked_at})")
        else:
            text = f"No problems (checked {looked_at})"
        if self.hidden:
            text += f"; {self.hidden} more in files not asked about"
        return text + "."


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


def _is_within(path: Path, scope: Path) -> bool:
    return path == scope or scope in path.parents


def select_diagnostics(diagnostics: Iterable[Diagnostic], paths: Sequence[Path]) -> tuple[list[Diagnostic], int]:
    """Split problems into those in ``paths`` (files, or folders and everything below them)
    and the number of the others. No paths means every problem is selected."""
    items = list(diagnostics)
    if not paths:
        return items, 0
    scopes = [p.resolve() for p in paths]
    chosen = [d for d in items if any(_is_within(d.path.resolve(), scope) for scope in scopes)]
    return chosen, len(items) - len(chosen)


def _notes_within(notes: Sequence[Note], paths: Sequence[Path]) -> list[Note]:
    """The notes whose files lie in ``paths`` (all of them when no paths are given)."""
    if not paths:
        return list(notes)
    scopes = [p.resolve() for p in paths]
    return [note for note in notes if any(_is_within(note.path.resolve(), scope) for scope in scopes)]


def _count_notes(config: EditionConfig) -> int:
    folder = config.commentary_path
    return sum(1 for e in folder_tree(folder) if e.name.endswith(".md") and e.is_file) if folder.is_dir() else 0


def run_check(config: EditionConfig, paths: Sequence[Path] = ()) -> CheckReport:
    # The notes folder and docs/ are listed once for the load, the site's files and the count.
    with shared_listings(), _collector_paused():
        return _run_check(config, paths)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for one check. A check builds the whole edition, tens
    of thousands of objects that live until it ends, and each full collection walked them all
    again: a fifth of a warm check at 100x (600 collections, 0.2 s), for garbage it hardly
    makes (its peak memory is the same without: 118 MB warm at 100x; 65 MB converting the 10x
    notes in one process). Reference counting frees everything else as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_check(config: EditionConfig, paths: Sequence[Path]) -> CheckReport:
    started = time.perf_counter()
    # Data files parsed and schema-checked without a problem are read from the store of results
    # (sources/data_file_memo.py): the checker's only, as storing them would cost a cold build.
    data_store = ResultStore(config.cache_path) if config.cache_path else None
    # With the note cache cold, note bodies are converted from their files while this loads
    # (only those under ``paths``: the others are not converted at all).
    listing = folder_tree(config.commentary_path) if config.commentary_path.is_dir() else []
    scopes = [path.resolve() for path in paths]
    early = EarlyConversion([entry for entry in listing if not scopes or any(_is_within(entry.path, scope)
                                                                              for scope in scopes)],
                            config.cache_path, default_workers())
    early.start()
    try:
        try:
            with remembering_data_files(data_store), collecting_load_keys() as load_keys:
                edition, diagnostics = check_edition(config)
        finally:
            if data_store is not None:
                data_store.close()
        if edition is not None:
            _check_notes(config, paths, edition, diagnostics, load_keys, early)
    finally:
        early.stop()  # whatever happened: no worker outlives the check
    chosen, hidden = select_diagnostics(diagnostics.sorted(), paths)
    return CheckReport(
        root=config.root,
        problems=tuple(chosen),
        hidden=hidden,
        documents=len(config.documents),
        notes=_count_notes(config),
        seconds=time.perf_counter() - started,
    )


def _check_notes(config: EditionConfig, paths: Sequence[Path], edition: Edition, diagnostics: Diagnostics,
                 load_keys: Mapping[Path, str], early: EarlyConversion) -> None:
    """Add what the notes' HTML and links give to ``diagnostics``."""
    notes = _notes_within(edition.notes, paths)
    mkdocs = read_mkdocs_yml(config.root)  # once, for both
    directory_urls = uses_directory_urls(config.root, mkdocs)
    files = site_files(config, edition, mkdocs)
    # What each note's HTML gives (sanitizer warnings, relative links to no file) is read
    # from the store of results where nothing it depends on changed (tools/note_verdicts.py).
    store = ResultStore(config.cache_path) if config.cache_path else None
    try:
        keys: list[str] = []
        if store is not None:
            digest = site_files_digest(files)
            keys = [note_verdict_key(note, edition_link_targets(note, edition, directory_urls), directory_urls,
                                     digest, loaded_as=load_keys.get(note.path, "")) for note in notes]
        verdicts = NoteVerdicts(store).verdicts(
            notes, keys or [""] * len(notes),
            lambda missing: judge_notes(config, edition, files, directory_urls, missing, store, early))
    finally:
        if store is not None:
            store.close()
    for sanitizer, _links in verdicts:
        diagnostics.items.extend(sanitizer)
    diagnostics.extend(edition_link_problems(edition))
    for _sanitizer, links in verdicts:
        diagnostics.items.extend(links)
    diagnostics.extend(citation_warnings(edition.notes))
