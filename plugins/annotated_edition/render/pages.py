"""Render the edition's generated pages as Markdown with embedded HTML.

Each function returns the Markdown of one page. Clause anchors are plain ``id`` attributes in
the Markdown source, where MkDocs' anchor validation sees them. Every link is computed from
IDs by :class:`~.urls.Linker`, so pages work from ``file://`` and in either URL style.
Other features add to the pages through ``RenderContext``'s hooks instead of editing them.
"""

from __future__ import annotations

import re
from typing import Callable

from .citation_html import render_note_sources
from .fragments import esc, md_heading_text, note_meta, render_link_lists
from .inline import Decoration, Insertion, render_inline
from .context import RenderContext
from ..model import Clause, Document, Note, Ref
from ..notes.links import point_fragments_to
from ..notes.sanitize import safe_href
from ..urls import Linker, page_source_path

__all__ = ["RenderContext", "render_document_page", "render_clause_page", "render_clause_text",
           "generated_pages", "CLAUSE_PAGE_SECTIONS"]

# The sections of a clause page below its text, in the order a reader meets them. "crossrefs"
# and "commentary" are built in; the others come from features (RenderContext.sections) and
# are left out when a site does not have them. The order lives here, nowhere else.
CLAUSE_PAGE_SECTIONS: tuple[str, ...] = ("crossrefs", "implementation", "timeline", "cite", "contribute",
                                         "commentary")

# A blank line ends a paragraph, whatever the line endings (CRLF texts keep their "\r").
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n\s*")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return spans


def render_clause_text(text: str, decorations: list[Decoration], insertions: list[Insertion]) -> str:
    """Paragraphs of a clause (blank lines split them), each with its share of the markup."""
    paragraphs = []
    for start, end in _paragraph_spans(text):
        local = [Decoration(max(d.start, start) - start, min(d.end, end) - start, d.open_tag, d.close_tag, d.rank)
                 for d in decorations if d.start < end and d.end > start]
        points = [Insertion(i.position - start, i.html) for i in insertions if start <= i.position <= end]
        paragraphs.append(f"<p>{render_inline(text[start:end], local, points)}</p>")
    return "\n".join(paragraphs)


def _text_link_decorations(context: RenderContext, clause: Clause, linker: Linker) -> list[Decoration]:
    document = context.edition.documents[clause.document]
    return [
        Decoration(link.start, link.end,
                   f'<a class="ae-text-link" href="{esc(linker.to(link.target))}">', "</a>", rank=0)
        for link in document.text_links if link.clause == clause.id
    ]


def _phrase_notes(context: RenderContext, clause: Clause) -> list[Note]:
    return [n for n in context.edition.notes_for(clause.ref) if n.span is not None]


def _decorated_text(context: RenderContext, clause: Clause, linker: Linker, marker_html: Callable[[int, Note], str]) -> str:
    decorations = _text_link_decorations(context, clause, linker)
    for decorator in context.decorators:
        decorations.extend(decorator(clause, linker))
    insertions = []
    for number, note in enumerate(_phrase_notes(context, clause), start=1):
        assert note.span is not None
        decorations.append(Decoration(note.span[0], note.span[1],
                                      f'<mark class="ae-phrase" data-note="{esc(note.slug)}">', "</mark>", rank=2))
        insertions.append(Insertion(note.span[1], marker_html(number, note)))
    return render_clause_text(clause.display_text, decorations, insertions)


def _first_paragraph(body_html: str) -> str:
    match = re.search(r"<p>.*?</p>", body_html, re.S)
    return match.group(0) if match else ""


def _notes_count(count: int) -> str:
    return "no notes yet" if count == 0 else ("1 note" if count == 1 else f"{count} notes")


def _clause_block(context: RenderContext, document: Document, clause: Clause) -> str:
    linker = context.linker(Ref(document.id))
    notes = context.edition.notes_for(clause.ref)
    popovers: list[str] = []

    def marker(number: int, note: Note) -> str:
        popover_id = f"pop-{clause.id}-{note.slug}"
        popovers.append(
            f'<div class="ae-popover" id="{esc(popover_id)}" popover role="note" aria-label="{esc(note.title)}">\n'
            f'<p class="ae-popover__title"><strong>{esc(note.title)}</strong></p>\n'
            f'{point_fragments_to(_first_paragraph(context.note_html(note)), linker.to(clause.ref))}\n'
            f'<p><a href="{esc(linker.to(clause.ref, note.anchor))}">Read the full note</a></p>\n</div>')
        return (f'<button type="button" class="ae-marker" popovertarget="{esc(popover_id)}" data-n="{number}" '
                f'aria-label="Note {number}: {esc(note.title)}"></button>')

    text_html = _decorated_text(context, clause, linker, marker)
    classes = "ae-clause ae-clause--point" if clause.number is not None else "ae-clause"
    number = f'<span class="ae-clause__number" aria-hidden="true">{clause.number}</span> ' if clause.number is not None else ""
    links = render_link_lists(context.edition, linker, context.graph.outgoing(clause.ref),
                              context.graph.incoming(clause.ref), compact=True)
    aside = f'<aside class="ae-clause__links">\n{links}\n</aside>\n' if links else ""
    aside += "".join(f"{extra}\n" for section in context.block_sections if (extra := section(clause, linker)))
    heading_level = 2 if document.has_text else (2 if "." not in clause.id else 3)
    body = f'<div class="ae-clause__text">\n{text_html}\n</div>' if document.has_text else \
        f'<div class="ae-clause__summary">\n{text_html}\n</div>'
    return (
        f'<section class="{classes}" id="{esc(clause.id)}" data-clause="{esc(clause.id)}" data-notes="{len(notes)}" '
        f'aria-labelledby="{esc(clause.id)}-label">\n'
        f'<header class="ae-clause__head">\n'
        f'<h{heading_level} class="ae-clause__label" id="{esc(clause.id)}-label">{number}{esc(clause.label)}</h{heading_level}>\n'
        f'<a class="ae-permalink" href="#{esc(clause.id)}" aria-label="Permalink to {esc(clause.label)}">¶</a>\n'
        f'<a class="ae-clause__page" href="{esc(linker.to(clause.ref))}">Commentary: {_notes_count(len(notes))}</a>\n'
        f'</header>\n{body}\n'
        + ("\n".join(popovers) + "\n" if popovers else "")
        + aside + "</section>"
    )


def _document_meta(context: RenderContext, document: Document, linker: Linker) -> str:
    rows = [("Title", esc(document.title)), ("Date", f'<time datetime="{esc(document.date)}">{esc(document.date)}</time>')]
    if document.place:
        rows.append(("Place", esc(document.place)))
    if document.signatories:
        rows.append(("Signatories", "; ".join(f"{esc(s.name)} ({esc(s.role)})" if s.role else esc(s.name)
                                              for s in document.signatories)))
    source = document.source
    link = f'<a href="{esc(href)}">{esc(source.publisher or source.title)}</a>' if (href := safe_href(source.url)) else esc(source.publisher)
    rows.append(("Official text" if not document.has_text else "Source", link))
    if document.licence:
        rows.append(("Status", esc(document.licence)))
    body = "\n".join(f"<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="ae-doc-meta">\n{body}\n</table>'


def render_document_page(context: RenderContext, document: Document) -> str:
    """The whole document, each clause a block anchored by its ID."""
    linker = context.linker(Ref(document.id))
    parts = [f"# {md_heading_text(document.short_title)}", "", _document_meta(context, document, linker), ""]
    if not document.has_text:
        parts += ['<p class="ae-notice">This edition does not reproduce the declaration\'s text. Each clause below '
                  'is summarized in the editors\' own words; read the official text at the source named above.</p>', ""]
    document_links = render_link_lists(context.edition, linker, context.graph.outgoing(Ref(document.id)),
                                       context.graph.incoming(Ref(document.id)))
    if document_links:
        parts += ['<div class="ae-doc-links">', document_links, "</div>", ""]
    parts.append(f'<div class="ae-document" data-document="{esc(document.id)}">')
    points_note_shown = False
    for clause in document.clauses:
        if clause.number is not None and not points_note_shown and "points" in document.editorial_notes:
            parts.append(f'<aside class="admonition note ae-editorial" id="editorial-note-points">\n'
                         f'<p class="admonition-title">Editorial note: the numbered points</p>\n'
                         f'<p>{esc(document.editorial_notes["points"])}</p>\n</aside>')
            points_note_shown = True
        parts.append(_clause_block(context, document, clause))
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def _clause_page_text(context: RenderContext, clause: Clause, linker: Linker) -> str:
    def marker(number: int, note: Note) -> str:
        return (f'<a class="ae-marker" href="#{esc(note.anchor)}" data-n="{number}" '
                f'aria-label="Note {number}: {esc(note.title)}"></a>')
    return _decorated_text(context, clause, linker, marker)


def _note_section(context: RenderContext, note: Note) -> str:
    quote = (f'<p class="ae-note__quote">On the words <q>{esc(note.quote)}</q></p>\n' if note.quote else "")
    tags = (f'<p class="ae-note__tags">Tags: {", ".join(esc(t) for t in note.tags)}</p>\n' if note.tags else "")
    return "\n".join([
        f"### {md_heading_text(note.title)} {{ #{note.anchor} }}",
        "",
        f'<article class="ae-note" data-note="{esc(note.slug)}">\n{note_meta(note, context.edit_url(str(note.path)))}\n'
        f'{quote}<div class="ae-note__body">\n{context.note_html(note)}\n</div>\n{tags}'
        f'<div class="ae-note__sources">\n<p class="ae-note__sources-title">Sources</p>\n{render_note_sources(note)}\n</div>\n'
        f"</article>",
        "",
    ])


def _crossrefs_section(context: RenderContext, clause: Clause, linker: Linker) -> list[str]:
    links = render_link_lists(context.edition, linker, context.graph.outgoing(clause.ref),
                              context.graph.incoming(clause.ref))
    return ["## Cross-references", "", f'<div class="ae-clause-links">\n{links}\n</div>' if links else
            '<p class="ae-empty">No cross-references yet.</p>', ""]


def _commentary_section(context: RenderContext, notes: list[Note]) -> list[str]:
    parts = [f"## Commentary ({len(notes)})", ""]
    if not notes:
        parts += ['<p class="ae-empty">No notes on this clause yet. See the contributing guide to add one.</p>', ""]
    for note in notes:
        parts.append(_note_section(context, note))
    return parts


def render_clause_page(context: RenderContext, document: Document, clause: Clause) -> str:
    """One clause: its text, every note in full, links both ways, previous and next."""
    linker = context.linker(clause.ref)
    notes = context.edition.notes_for(clause.ref)
    previous, following = document.neighbours(clause.id)
    kind = "ae-clause-page__text" if document.has_text else "ae-clause-page__summary"
    caption = ("" if document.has_text else
               '<p class="ae-notice">Summary in the editors\' own words; the official text is at '
               + (f'<a href="{esc(href)}">{esc(document.source.publisher or document.source.title)}</a>'
                  if (href := safe_href(document.source.url)) else esc(document.source.publisher)) + ".</p>\n")
    parts = [
        f"# {md_heading_text(clause.label)} — {md_heading_text(document.short_title)}",
        "",
        f'<div class="ae-clause-page" data-document="{esc(document.id)}" data-clause="{esc(clause.id)}">\n'
        f'{caption}<blockquote class="{kind}" id="text">\n{_clause_page_text(context, clause, linker)}\n</blockquote>\n'
        f'<p class="ae-clause-page__permalink">In context: <a href="{esc(linker.in_document(clause.ref))}">'
        f'{esc(clause.label)} in the {esc(document.short_title)}</a></p>\n</div>',
        "",
    ]
    for name in CLAUSE_PAGE_SECTIONS:
        if name == "crossrefs":
            parts += _crossrefs_section(context, clause, linker)
        elif name == "commentary":
            parts += _commentary_section(context, notes)
        elif name in context.sections:
            rendered = context.sections[name](clause, linker)
            if rendered:
                parts += [rendered, ""]
    nav = []
    if previous:
        nav.append(f'<a class="ae-prev" rel="prev" href="{esc(linker.to(previous.ref))}">← {esc(previous.label)}</a>')
    if following:
        nav.append(f'<a class="ae-next" rel="next" href="{esc(linker.to(following.ref))}">{esc(following.label)} →</a>')
    parts += [f'<nav class="ae-clause-nav" aria-label="Previous and next clause">\n{" ".join(nav)}\n</nav>', ""]
    return "\n".join(parts)


def generated_pages(context: RenderContext) -> dict[str, str]:
    """Every generated page's source path → Markdown, in a stable order."""
    pages: dict[str, str] = {}
    for document in context.edition.documents.values():
        pages[page_source_path(Ref(document.id))] = render_document_page(context, document)
        for clause in document.clauses:
            pages[page_source_path(clause.ref)] = render_clause_page(context, document, clause)
    return pages
