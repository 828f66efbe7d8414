"""What every page builder reads: the edition, its link graph, URL style, and the features a
site has (text decorators, clause-page sections), all fixed before the first page is built."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable

from ..links import LinkGraph
from ..model import Clause, Edition, Note, Ref
from ..notes.cache import ConvertedNote
from ..notes.convert import NoteBodies, note_item
from ..notes.sanitize import Removal
from ..urls import Linker, page_source_path
from .inline import Decoration
from .templates import Templates, package_templates

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
    # The page markup: the package's templates, or a site's overrides before them.
    templates: Templates = field(default_factory=package_templates)
    # Markup added inside each clause's block on its document page (e.g. its commitments).
    block_sections: tuple[ClauseSection, ...] = ()
    # Each note body is converted (and sanitized) once per build, however many pages show it,
    # and not at all when the persistent cache (notes/cache.py) already holds it.
    bodies: NoteBodies = field(default_factory=NoteBodies, repr=False, compare=False)

    def linker(self, ref: Ref) -> Linker:
        return Linker(page_source_path(ref), self.directory_urls)

    def note_html(self, note: Note) -> str:
        return self._converted(note).html

    def note_removals(self, note: Note) -> tuple[Removal, ...]:
        """What the sanitizer took out of the note's body (see :mod:`.note_warnings`)."""
        return self._converted(note).removed

    def note_unresolved(self, note: Note) -> tuple[str, ...]:
        """The note's in-note fragment links that match no id of the note."""
        return self._converted(note).unresolved

    def _converted(self, note: Note) -> ConvertedNote:
        # The note's edition: links are resolved as seen from its clause page, like all its links.
        return self.bodies.get(*note_item(note, self.edition, self.directory_urls))
