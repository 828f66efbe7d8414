"""What every page builder reads: the edition, its link graph, URL style, and the features a
site has (text decorators, clause-page sections), all fixed before the first page is built."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable

from ..links import LinkGraph
from ..model import Clause, Edition, Note, Ref, note_anchor
from ..stored_results import ResultStore
from ..notes.cache import ConvertedNote
from ..notes.convert import NoteBodies, NoteItem, note_item
from ..notes.edition_links import EDITION_SCHEME
from ..notes.unresolved_memo import UnresolvedLinks
from ..notes.sanitize import Removal
from ..sources.commentary import split_front_matter
from ..urls import Linker, page_source_path
from .citation_html import PreparedBody, link_citations, prepare_body, render_note_sources
from .inline import Decoration
from .templates import Templates, package_templates

__all__ = ["RenderContext", "Decorator", "ClauseSection", "converted_item", "converted_item_from_file"]

# Marks ranges of a clause's text (entity mentions, say) on every page that shows it.
Decorator = Callable[[Clause, Linker], list[Decoration]]
# One section of a clause page (its Markdown), by name; see pages.CLAUSE_PAGE_SECTIONS.
ClauseSection = Callable[[Clause, Linker], str]


def _no_edit_url(path: str) -> str | None:
    return None


@dataclass(frozen=True)
class RenderContext:
    edition: Edition
    graph: LinkGraph
    directory_urls: bool = False
    edit_url: Callable[[str], str | None] = _no_edit_url
    decorators: tuple[Decorator, ...] = ()
    sections: Mapping[str, ClauseSection] = field(default_factory=lambda: MappingProxyType({}))
    # The page markup: the package's templates, or a site's overrides before them.
    templates: Templates = field(default_factory=package_templates)
    # Markup added inside each clause's block on its document page (e.g. its commitments).
    block_sections: tuple[ClauseSection, ...] = ()
    # Each note body is converted (and sanitized) once per build, however many pages show it,
    # and not at all when the persistent cache (notes/cache.py) already holds it.
    bodies: NoteBodies = field(default_factory=NoteBodies, repr=False, compare=False)
    # Whether the answers of notes_unresolved() are kept in the store of results beside the
    # note cache for the next run (the checker keeps its whole verdicts instead).
    remember_unresolved: bool = True
    # Each note's published HTML (body with its citations linked), made once per build however
    # many pages, checks and exports ask for it (about five per note); see forget().
    _published: dict[Note, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def linker(self, ref: Ref) -> Linker:
        return Linker(page_source_path(ref), self.directory_urls)

    def note_html(self, note: Note) -> str:
        html = self._published.get(note)
        if html is None:
            prepared, converted = self._converted(note)
            html = self._published[note] = link_citations(converted.html, prepared, note, self.templates)
        return html

    def forget(self) -> None:
        """Drop the notes' HTML held in memory (later requests read the note cache again)."""
        self._published.clear()
        self.bodies.forget()

    def note_removals(self, note: Note) -> tuple[Removal, ...]:
        """What the sanitizer took out of the note's body (see :mod:`.note_warnings`)."""
        return self._converted(note)[1].removed

    def note_unresolved(self, note: Note) -> tuple[str, ...]:
        """The note's in-note fragment links that match no id of the note. Its source list sits
        beside its body wherever it is shown, and citations link into it; without sources or
        citations the body is all there is, and what the conversion found (kept in the note
        cache) is the answer."""
        return self.notes_unresolved([note])[0]

    def notes_unresolved(self, notes: Sequence[Note]) -> list[tuple[str, ...]]:
        """:meth:`note_unresolved` for each of ``notes``, the HTML parsed only where the store of
        results (beside the note cache) does not hold the answer for that very HTML."""
        answers: list[tuple[str, ...] | None] = []
        published: list[str] = []
        for note in notes:
            prepared, converted = self._converted(note)
            if not note.sources and not prepared.citations:
                answers.append(converted.unresolved)
                continue
            answers.append(None)
            published.append(self.note_html(note) + render_note_sources(note, self.templates))
        cache = self.bodies.cache
        store = ResultStore(cache.folder) if cache is not None and self.remember_unresolved else None
        try:
            parsed = iter(UnresolvedLinks(store).answers(published))
        finally:
            if store is not None:
                store.close()
        return [answer if answer is not None else next(parsed) for answer in answers]

    def _converted(self, note: Note) -> tuple[PreparedBody, ConvertedNote]:
        prepared = prepare_body(note.body)  # [@key] citations: see citation_html.py
        return prepared, self.bodies.get(*converted_item(note, self.edition, self.directory_urls, prepared))


def converted_item(note: Note, edition: Edition, directory_urls: bool,
                   prepared: PreparedBody | None = None) -> NoteItem:
    """What is converted (and cached) for a note: its body with citations as placeholders, its
    anchor, and its edition: links resolved as seen from its clause page, like all its links."""
    body = (prepared or prepare_body(note.body)).body
    return note_item(note, edition, directory_urls, body)


def converted_item_from_file(text: str, slug: str) -> NoteItem | None:
    """What :func:`converted_item` gives for the note loaded from a file of ``text`` named
    ``slug``.md, found without loading the edition; None for a file that is no note or whose
    body has ``edition:`` links (their URLs need the edition). Only speed rests on the two
    agreeing: an item guessed wrong is converted for nothing, never shown."""
    parts = split_front_matter(text)
    if parts is None or EDITION_SCHEME in parts[1]:
        return None
    return prepare_body(parts[1]).body, note_anchor(slug), ()
