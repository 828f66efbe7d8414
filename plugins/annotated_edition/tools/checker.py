"""Check every text, structure file and note without building the site.

This is what ``make check`` and ``python -m annotated_edition check`` run: the very loaders the
build uses (so the two can never disagree), minus MkDocs and page rendering. Note bodies are
converted, though, so the sanitizer's warnings (what it would remove) show here as in the
build, where ``--strict`` fails on them. The whole edition is
always loaded, because a note can only be checked against the clause it targets; ``paths``
narrows which problems are reported, and which notes are converted: only those under
``paths``. Conversion reads and fills the same persistent cache as the build
(:mod:`..notes.cache`), and what is not cached is converted on every core.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..diagnostics import Diagnostic
from ..model import Note
from ..notes.cache import NoteCache
from ..notes.convert import NoteBodies, default_workers
from ..sources.citation_check import citation_warnings
from ..sources.edition import EditionConfig, check_edition, link_graph
from ..render.note_warnings import sanitizer_warnings
from ..render.templates import Templates
from ..render.context import RenderContext, converted_item
from ..notes.body_links import note_link_problems
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
    return sum(1 for p in folder.rglob("*.md") if p.is_file()) if folder.is_dir() else 0


def run_check(config: EditionConfig, paths: Sequence[Path] = ()) -> CheckReport:
    started = time.perf_counter()
    edition, diagnostics = check_edition(config)
    if edition is not None:
        notes = _notes_within(edition.notes, paths)
        directory_urls = uses_directory_urls(config.root)
        bodies = NoteBodies(NoteCache(config.cache_path) if config.cache_path else None, workers=default_workers())
        bodies.prefetch(converted_item(note, edition, directory_urls) for note in notes)
        # The package's templates, compiled templates kept beside the note cache as in the build.
        context = RenderContext(edition, link_graph(edition), directory_urls=directory_urls, bodies=bodies,
                                templates=Templates(cache_folder=config.cache_path))
        diagnostics.extend(sanitizer_warnings(context, notes))
        diagnostics.extend(note_link_problems(edition, context.note_html, site_files(config, edition),
                                              directory_urls, notes))
        diagnostics.extend(citation_warnings(edition.notes))
    chosen, hidden = select_diagnostics(diagnostics.sorted(), paths)
    return CheckReport(
        root=config.root,
        problems=tuple(chosen),
        hidden=hidden,
        documents=len(config.documents),
        notes=_count_notes(config),
        seconds=time.perf_counter() - started,
    )
