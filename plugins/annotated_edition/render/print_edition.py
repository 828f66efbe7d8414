"""The print edition: one page with every document, every note as a numbered endnote.

Paper has no hover, no popovers and no clicks, so this page spells everything out: each
phrase-level note becomes an endnote number after the words it explains (a clause-level note,
after the clause), each cross-reference is written as a sentence with the page it points to,
and every address is printed as text. The stylesheet ``print.css`` hides the site's chrome
when the browser prints, so "Print → Save as PDF" gives a clean document.

Links inside the page point at the page's own anchors, so they keep working in a PDF; the
address of each clause's own page in the edition is printed beside it (absolute when the site
has a ``site_url``, otherwise relative to the site's root). The markup is in
``templates/print/``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin

from .commitments_page import print_section
from .citation_html import note_source_entries
from .fragments import XrefItem, ref_label
from .inline import Insertion
from ..links import INVERSE_LABELS, LABELS
from ..model import Clause, CrossRef, Document, Note, Ref
from .pages import RenderContext, render_clause_text
from .templates import Markup
from ..notes.links import rebase_relative_links
from ..urls import page_source_path, page_url

__all__ = ["PRINT_PAGE", "render_print_page", "print_anchor", "endnote_order", "Endnote"]

PRINT_PAGE = "print.md"


def print_anchor(ref: Ref) -> str:
    """The in-page anchor of a document or clause (ids of both documents meet on one page)."""
    return f"print-{ref.document}" + (f"--{ref.clause}" if ref.clause else "")


@dataclass(frozen=True)
class Endnote:
    number: int
    note: Note


def endnote_order(context: RenderContext) -> list[Endnote]:
    """Every note, numbered in reading order: document by document, clause by clause; within
    a clause, phrase notes by where their words stand, then notes on the clause as a whole."""
    ordered: list[Note] = []
    for document in context.edition.documents.values():
        for clause in document.clauses:
            notes = context.edition.notes_for(clause.ref)
            ordered += sorted((n for n in notes if n.span), key=lambda n: n.span or (0, 0))
            ordered += [n for n in notes if not n.span]
    return [Endnote(number, note) for number, note in enumerate(ordered, start=1)]


def _edition_address(ref: Ref, context: RenderContext, site_url: str) -> str:
    """Where a clause's page lives in the published edition, as printable text."""
    path = page_url(page_source_path(ref), context.directory_urls)
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path) if site_url else path


def _endnote_marker(context: RenderContext, endnote: Endnote) -> str:
    return context.templates.render("print/endnote_marker.html", number=endnote.number, note=endnote.note)


def _xrefs(context: RenderContext, outgoing: list[CrossRef], incoming: list[CrossRef], site_url: str) -> str:
    def item(label: str, ref: Ref, reason: str) -> XrefItem:
        return XrefItem(label, f"#{print_anchor(ref)}", ref_label(context.edition, ref), reason,
                        address=_edition_address(ref, context, site_url))
    items = [item(LABELS[link.type], link.target, link.reason) for link in outgoing]
    items += [item(INVERSE_LABELS[link.type], link.source, link.reason) for link in incoming]
    return context.templates.render("print/xrefs.html", items=items)


def _clause_section(context: RenderContext, document: Document, clause: Clause,
                    numbers: dict[str, Endnote], site_url: str) -> str:
    notes = [numbers[n.slug] for n in context.edition.notes_for(clause.ref)]
    text = clause.display_text
    insertions = [Insertion(e.note.span[1], _endnote_marker(context, e)) for e in notes if e.note.span]
    insertions += [Insertion(len(text), _endnote_marker(context, e)) for e in notes if not e.note.span]
    xrefs = _xrefs(context, context.graph.outgoing(clause.ref), context.graph.incoming(clause.ref), site_url)
    return context.templates.render(
        "print/clause.html", clause=clause, anchor=print_anchor(clause.ref), has_text=document.has_text,
        text=Markup(render_clause_text(text, [], insertions, context.templates)), xrefs=Markup(xrefs))


def _document_section(context: RenderContext, document: Document, numbers: dict[str, Endnote], site_url: str) -> str:
    document_xrefs = _xrefs(context, context.graph.outgoing(Ref(document.id)),
                            context.graph.incoming(Ref(document.id)), site_url)
    clauses = [Markup(_clause_section(context, document, c, numbers, site_url)) for c in document.clauses]
    return context.templates.render("print/document.html", document=document, anchor=print_anchor(Ref(document.id)),
                                    xrefs=Markup(document_xrefs), clauses=clauses)


def _folder_of(url: str) -> str:
    """The folder a page's relative links start from: a directory URL is one itself."""
    return url.rstrip("/") if url == "" or url.endswith("/") else posixpath.dirname(url)


def _note_html_here(context: RenderContext, note: Note) -> str:
    """The note's HTML with its relative links working from this page, not its clause page."""
    clause_page = page_url(page_source_path(note.target), context.directory_urls)
    print_page = page_url(PRINT_PAGE, context.directory_urls)
    return rebase_relative_links(context.note_html(note), _folder_of(clause_page), _folder_of(print_page))


def _endnote_item(context: RenderContext, endnote: Endnote) -> str:
    note = endnote.note
    return context.templates.render("print/endnote.html", number=endnote.number, note=note,
                                    key=ref_label(context.edition, note.target),
                                    body=Markup(_note_html_here(context, note)), sources=note_source_entries(note))


def render_print_page(context: RenderContext, title: str, site_url: str = "") -> str:
    """The whole edition on one page, notes as endnotes, ready for the browser's Print."""
    endnotes = endnote_order(context)
    numbers = {e.note.slug: e for e in endnotes}
    documents = [Markup(_document_section(context, d, numbers, site_url)) for d in context.edition.documents.values()]
    return context.templates.render("print/page.md", title=title, site_url=site_url, documents=documents,
                                    commitments=Markup(print_section(context.edition, site_url, context.templates)),
                                    endnotes=[Markup(_endnote_item(context, e)) for e in endnotes])
