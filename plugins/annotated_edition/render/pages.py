"""Render the edition's generated pages as Markdown with embedded HTML.

Each function gathers the data of one page and renders its templates (``templates/``:
``document_page.md``, ``clause_block.html``, ``clause_page.md``, ``note.md``, ``sections/``).
Clause anchors are plain ``id`` attributes in the Markdown source, where MkDocs' anchor
validation sees them. Every link is computed from
IDs by :class:`~.urls.Linker`, so pages work from ``file://`` and in either URL style.
Other features add to the pages through ``RenderContext``'s hooks instead of editing them.
"""

from __future__ import annotations

import posixpath
import re
from typing import Callable

from .citation_html import note_source_entries
from .fragments import XrefItem, link_items
from .inline import Decoration, Insertion, render_inline
from .reading_order import in_reading_order
from .tags import TAGS_PAGE, tag_anchor
from .context import RenderContext
from .templates import Markup, Templates, package_templates
from ..model import Clause, Document, Note, Ref
from ..notes.links import point_fragments_to, rebase_relative_links
from ..urls import Linker, page_source_path, page_url

__all__ = ["RenderContext", "render_document_page", "render_clause_page", "render_clause_text", "paragraph_spans",
           "generated_pages", "CLAUSE_PAGE_SECTIONS"]

# The sections of a clause page below its text, in the order a reader meets them: what the
# words mean first (the notes), then where else they lead, what happened, how to cite; the
# contributors' line last. "commentary" and "crossrefs" are built in; the others come from
# features (RenderContext.sections) and are left out when a site does not have them. The
# order lives here, nowhere else.
CLAUSE_PAGE_SECTIONS: tuple[str, ...] = ("commentary", "crossrefs", "implementation", "timeline", "cite",
                                         "contribute")

# A blank line ends a paragraph, whatever the line endings (CRLF texts keep their "\r").
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def render_clause_text(text: str, decorations: list[Decoration], insertions: list[Insertion],
                       templates: Templates | None = None) -> str:
    """Paragraphs of a clause (blank lines split them), each with its share of the markup."""
    paragraphs = []
    for start, end in paragraph_spans(text):
        local = [Decoration(max(d.start, start) - start, min(d.end, end) - start, d.open_tag, d.close_tag, d.rank)
                 for d in decorations if d.start < end and d.end > start]
        points = [Insertion(i.position - start, i.html) for i in insertions if start <= i.position <= end]
        # at: where the paragraph starts in the clause text, so that words selected on the
        # page map back to exact offsets (see propose.py).
        paragraphs.append({"at": start, "html": Markup(render_inline(text[start:end], local, points))})
    return (templates or package_templates()).render("text/paragraphs.html", paragraphs=paragraphs)


def _wrap(templates: Templates, name: str, start: int, end: int, rank: int, **data: object) -> Decoration:
    """A range of the text marked up by the wrapper template ``name``."""
    open_tag, close_tag = templates.wrapper(name, **data)
    return Decoration(start, end, open_tag, close_tag, rank=rank)


def _text_link_decorations(context: RenderContext, clause: Clause, linker: Linker) -> list[Decoration]:
    document = context.edition.documents[clause.document]
    return [_wrap(context.templates, "text/text_link.html", link.start, link.end, 0, href=linker.to(link.target))
            for link in document.text_links if link.clause == clause.id]


def _phrase_notes(context: RenderContext, clause: Clause) -> list[Note]:
    return [n for n in in_reading_order(context.edition.notes_for(clause.ref)) if n.span is not None]


def _decorated_text(context: RenderContext, clause: Clause, linker: Linker, marker_html: Callable[[int, Note], str]) -> str:
    decorations = _text_link_decorations(context, clause, linker)
    for decorator in context.decorators:
        decorations.extend(decorator(clause, linker))
    insertions = []
    for number, note in enumerate(_phrase_notes(context, clause), start=1):
        assert note.span is not None
        decorations.append(_wrap(context.templates, "text/phrase.html", note.span[0], note.span[1], 2, note=note))
        insertions.append(Insertion(note.span[1], marker_html(number, note)))
    return render_clause_text(clause.display_text, decorations, insertions, context.templates)


def _first_paragraph(body_html: str) -> str:
    match = re.search(r"<p>.*?</p>", body_html, re.S)
    return match.group(0) if match else ""


def _links(context: RenderContext, linker: Linker, ref: Ref, compact: bool = False) -> dict[str, list[XrefItem]]:
    outgoing, incoming = link_items(context.edition, linker, context.graph.outgoing(ref), context.graph.incoming(ref),
                                    compact)
    return {"outgoing": outgoing, "incoming": incoming}


def _popover_links(context: RenderContext, clause: Clause, html: str) -> str:
    """A note's relative links, written from its clause page, made to work from the document
    page (the same folder with file URLs, the parent folder with directory URLs)."""
    clause_page = page_url(page_source_path(clause.ref), context.directory_urls)
    document_page = page_url(page_source_path(Ref(clause.document)), context.directory_urls)
    return rebase_relative_links(html, _folder(clause_page), _folder(document_page))


def _folder(url: str) -> str:
    return url.rstrip("/") if url == "" or url.endswith("/") else posixpath.dirname(url)


def _clause_block(context: RenderContext, document: Document, clause: Clause) -> str:
    linker = context.linker(Ref(document.id))
    notes = context.edition.notes_for(clause.ref)
    popovers: list[Markup] = []
    templates = context.templates

    def marker(number: int, note: Note) -> str:
        popover_id = f"pop-{clause.id}-{note.slug}"
        first = point_fragments_to(_popover_links(context, clause, _first_paragraph(context.note_html(note))),
                                   linker.to(clause.ref))
        popovers.append(Markup(templates.render("text/popover.html", popover_id=popover_id, note=note,
                                         first_paragraph=Markup(first), href=linker.to(clause.ref, note.anchor))))
        return templates.render("text/marker_button.html", popover_id=popover_id, number=number, note=note)

    text_html = _decorated_text(context, clause, linker, marker)
    # Features' own markup inside the block (e.g. the clause's commitments), after its links.
    extras = [Markup(extra) for section in context.block_sections if (extra := section(clause, linker))]
    return templates.render(
        "clause_block.html", clause=clause, notes_count=len(notes), has_text=document.has_text,
        heading_level=1 + clause.level,
        page_href=linker.to(clause.ref), text=Markup(text_html), popovers=popovers, extras=extras,
        **_links(context, linker, clause.ref, compact=True))


def render_document_page(context: RenderContext, document: Document) -> str:
    """The whole document, each clause a block anchored by its ID."""
    linker = context.linker(Ref(document.id))
    clauses = []
    editorial_notes = {note.before: note for note in document.editorial_notes}
    for clause in document.clauses:
        editorial_note = editorial_notes.get(clause.id)
        clauses.append({"editorial_note": editorial_note, "block": Markup(_clause_block(context, document, clause))})
    return context.templates.render("document_page.md", document=document, clauses=clauses,
                                    **_links(context, linker, Ref(document.id)))


def _clause_page_text(context: RenderContext, clause: Clause, linker: Linker) -> str:
    def marker(number: int, note: Note) -> str:
        return context.templates.render("text/marker_link.html", note=note, number=number)
    return _decorated_text(context, clause, linker, marker)


def _note_section(context: RenderContext, note: Note, linker: Linker) -> str:
    tags = [{"name": tag, "href": linker.to_source(TAGS_PAGE, tag_anchor(tag))} for tag in note.tags]
    # "Cite this note" leads to the note's citation in the page's Cite section, when it has one.
    cite_href = f"#cite-{note.anchor}" if "cite" in context.sections else None
    return context.templates.render("note.md", note=note, edit_url=context.edit_url(str(note.path)),
                                    body=Markup(context.note_html(note)), sources=note_source_entries(note),
                                    tags=tags, cite_href=cite_href)


def _crossrefs_section(context: RenderContext, clause: Clause, linker: Linker) -> str:
    return context.templates.render("sections/crossrefs.md", **_links(context, linker, clause.ref))


def _commentary_section(context: RenderContext, notes: list[Note], linker: Linker) -> str:
    return context.templates.render("sections/commentary.md",
                                    notes=[Markup(_note_section(context, note, linker)) for note in notes])


def _parents(document: Document, clause: Clause) -> list[Clause]:
    """The clauses that contain ``clause`` in the document's outline, outermost first."""
    parents: list[Clause] = []
    for other in document.clauses[:document.clauses.index(clause)]:
        while parents and parents[-1].level >= other.level:
            parents.pop()
        if other.level < clause.level:
            parents.append(other)
    return [parent for parent in parents if parent.level < clause.level]


def render_clause_page(context: RenderContext, document: Document, clause: Clause) -> str:
    """One clause: its text, every note in full, links both ways, previous and next."""
    linker = context.linker(clause.ref)
    notes = in_reading_order(context.edition.notes_for(clause.ref))
    previous, following = document.neighbours(clause.id)
    sections: list[Markup] = []
    for name in CLAUSE_PAGE_SECTIONS:
        if name == "crossrefs":
            sections.append(Markup(_crossrefs_section(context, clause, linker)))
        elif name == "commentary":
            sections.append(Markup(_commentary_section(context, notes, linker)))
        elif name in context.sections:
            rendered = context.sections[name](clause, linker)
            if rendered:
                sections.append(Markup(rendered))
    return context.templates.render(
        "clause_page.md", document=document, clause=clause, document_href=linker.to(Ref(document.id)),
        parents=[{"clause": parent, "href": linker.to(parent.ref)} for parent in _parents(document, clause)], text=Markup(_clause_page_text(context, clause, linker)),
        in_document_href=linker.in_document(clause.ref), sections=sections,
        previous=previous, following=following,
        previous_href=linker.to(previous.ref) if previous else None,
        following_href=linker.to(following.ref) if following else None)


def generated_pages(context: RenderContext) -> dict[str, str]:
    """Every generated page's source path → Markdown, in a stable order."""
    pages: dict[str, str] = {}
    for document in context.edition.documents.values():
        pages[page_source_path(Ref(document.id))] = render_document_page(context, document)
        for clause in document.clauses:
            pages[page_source_path(clause.ref)] = render_clause_page(context, document, clause)
    return pages
