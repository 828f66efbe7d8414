"""The tag index: every tag the notes carry, each with the notes that carry it, in reading order.

The page is Markdown whose tag headings carry ``{ #tag-… }`` anchors (so a link to a tag is
checked by MkDocs and listed in the table of contents); its lists are HTML from the Jinja2
template ``templates/tags.md.j2`` (autoescaped). Python only gathers the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Note, Ref
from ..urls import page_source_path, relative_url
from .fragments import ref_label
from .context import RenderContext

__all__ = ["TAGS_PAGE", "TaggedNote", "tag_anchor", "tagged_notes", "render_tag_index"]

TAGS_PAGE = "tags.md"


def tag_anchor(tag: str) -> str:
    """The fragment of a tag on the tag index (tags are IDs: lower-case words and hyphens)."""
    return f"tag-{tag}"


@dataclass(frozen=True)
class TaggedNote:
    title: str
    where: str
    url: str
    date: str
    authors: tuple[str, ...]


def _reading_order(context: RenderContext) -> dict[Ref, int]:
    order: dict[Ref, int] = {}
    for document in context.edition.documents.values():
        order[Ref(document.id)] = len(order)
        for clause in document.clauses:
            order[clause.ref] = len(order)
    return order


def tagged_notes(context: RenderContext, page: str = TAGS_PAGE) -> dict[str, list[TaggedNote]]:
    """Tag → its notes, tags in alphabetical order, notes in the order a reader meets them."""
    order = _reading_order(context)

    def position(note: Note) -> tuple[int, int, str]:
        start = note.span[0] if note.span is not None else -1
        return (order.get(note.target, len(order)), start, note.slug)

    index: dict[str, list[TaggedNote]] = {}
    for note in sorted(context.edition.notes, key=position):
        url = relative_url(page, page_source_path(note.target), context.directory_urls, note.anchor)
        item = TaggedNote(note.title, ref_label(context.edition, note.target), url, note.date,
                          tuple(author.name for author in note.authors))
        for tag in note.tags:
            index.setdefault(tag, []).append(item)
    return dict(sorted(index.items()))


def render_tag_index(context: RenderContext, page: str = TAGS_PAGE) -> str:
    """The tag index page's Markdown (template ``tags.md``)."""
    return context.templates.render("tags.md", tags=tagged_notes(context, page), anchor=tag_anchor) + "\n"
