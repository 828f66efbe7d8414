"""What every page builder reads: the edition, its link graph, URL style, and the features a
site has (text decorators, clause-page sections), all fixed before the first page is built."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable

from ..links import LinkGraph
from ..model import Clause, Edition, Note, Ref
from ..notes.convert import NoteBodies
from ..notes.sanitize import Removal
from ..urls import Linker, page_source_path
from .inline import Decoration

__all__ = ["RenderContext", "Decorator", "ClauseSection"]

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
    # Each note body is converted (and sanitized) once per build, however many pages show it,
    # and not at all when the persistent cache (notes/cache.py) already holds it.
    bodies: NoteBodies = field(default_factory=NoteBodies, repr=False, compare=False)

    def linker(self, ref: Ref) -> Linker:
        return Linker(page_source_path(ref), self.directory_urls)

    def note_html(self, note: Note) -> str:
        return self.bodies.get(note.body, note.anchor).html

    def note_removals(self, note: Note) -> tuple[Removal, ...]:
        """What the sanitizer took out of the note's body (see :mod:`.note_warnings`)."""
        return self.bodies.get(note.body, note.anchor).removed

    def note_unresolved(self, note: Note) -> tuple[str, ...]:
        """The note's in-note fragment links that match no id of the note."""
        return self.bodies.get(note.body, note.anchor).unresolved
