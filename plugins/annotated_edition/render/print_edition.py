"""The print edition: one page with every document, every note as a numbered endnote.

Paper has no hover, no popovers and no clicks, so this page spells everything out: each
phrase-level note becomes an endnote number after the words it explains (a clause-level note,
after the clause), each cross-reference is written as a sentence with the page it points to,
and every address is printed as text. The stylesheet ``print.css`` hides the site's chrome
when the browser prints, so "Print → Save as PDF" gives a clean document.

Links inside the page point at the page's own anchors, so they keep working in a PDF; the
address of each clause's own page in the edition is printed beside it (absolute when the site
has a ``site_url``, otherwise relative to the site's root).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urljoin

from .citation_html import render_note_sources
from .commitments_page import print_section
from .fragments import esc, md_heading_text, ref_label, render_authors
from .inline import Insertion
from ..links import INVERSE_LABELS, LABELS
from ..model import Clause, CrossRef, Document, Note, Ref
from .pages import RenderContext, render_clause_text
from ..notes.links import rebase_relative_links
from ..notes.sanitize import safe_href
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


def _endnote_marker(endnote: Endnote) -> str:
    return (f'<sup class="ae-endnote-ref" id="endnote-ref-{endnote.number}">'
            f'<a href="#endnote-{endnote.number}" aria-label="Note {endnote.number}: {esc(endnote.note.title)}">'
            f'[{endnote.number}]</a></sup>')


def _xref_item(context: RenderContext, label: str, ref: Ref, reason: str, site_url: str) -> str:
    reason_text = f" — {esc(reason)}" if reason else ""
    return (f'<li><span class="ae-xref__type">{esc(label)}</span> '
            f'<a href="#{esc(print_anchor(ref))}">{esc(ref_label(context.edition, ref))}</a>{reason_text} '
            f'<span class="ae-print-url">(edition page: {esc(_edition_address(ref, context, site_url))})</span></li>')


def _xrefs(context: RenderContext, outgoing: list[CrossRef], incoming: list[CrossRef], site_url: str) -> str:
    items = [_xref_item(context, LABELS[link.type], link.target, link.reason, site_url) for link in outgoing]
    items += [_xref_item(context, INVERSE_LABELS[link.type], link.source, link.reason, site_url) for link in incoming]
    return '<ul class="ae-print-xrefs" aria-label="Cross-references">\n' + "\n".join(items) + "\n</ul>" if items else ""


def _clause_section(context: RenderContext, document: Document, clause: Clause,
                    numbers: dict[str, Endnote], site_url: str) -> str:
    notes = [numbers[n.slug] for n in context.edition.notes_for(clause.ref)]
    text = clause.display_text
    insertions = [Insertion(e.note.span[1], _endnote_marker(e)) for e in notes if e.note.span]
    insertions += [Insertion(len(text), _endnote_marker(e)) for e in notes if not e.note.span]
    kind = "ae-print-clause__text" if document.has_text else "ae-print-clause__summary"
    xrefs = _xrefs(context, context.graph.outgoing(clause.ref), context.graph.incoming(clause.ref), site_url)
    return (f'<section class="ae-print-clause" id="{esc(print_anchor(clause.ref))}" data-clause="{esc(clause.id)}">\n'
            f'<h3 class="ae-print-clause__label">{esc(clause.label)}</h3>\n'
            f'<div class="{kind}">\n{render_clause_text(text, [], insertions)}\n</div>\n'
            f'{xrefs}\n</section>')


def _document_facts(document: Document) -> str:
    facts = [f"Dated {esc(document.date)}" + (f", {esc(document.place)}" if document.place else "") + "."]
    if document.signatories:
        facts.append("Signed by " + "; ".join(
            f"{esc(s.name)} ({esc(s.role)})" if s.role else esc(s.name) for s in document.signatories) + ".")
    source = document.source
    source_name = esc(source.publisher or source.title)
    if href := safe_href(source.url):
        facts.append(f'{"Text" if document.has_text else "Official text"}: {source_name}, '
                     f'<a class="ae-source-url" href="{esc(href)}">{esc(source.url)}</a>')
    elif source_name:
        facts.append(f'{"Text" if document.has_text else "Official text"}: {source_name}.')
    if document.licence:
        facts.append(esc(document.licence))
    return "\n".join(f"<p>{fact}</p>" for fact in facts)


def _document_section(context: RenderContext, document: Document, numbers: dict[str, Endnote], site_url: str) -> str:
    notice = ("" if document.has_text else
              '<p class="ae-notice">The declaration\'s text is not reproduced: each clause is summarized in the '
              "editors' own words. Read the official text at the address above.</p>\n")
    document_xrefs = _xrefs(context, context.graph.outgoing(Ref(document.id)),
                            context.graph.incoming(Ref(document.id)), site_url)
    clauses = "\n".join(_clause_section(context, document, c, numbers, site_url) for c in document.clauses)
    return (f'<section class="ae-print-document" id="{esc(print_anchor(Ref(document.id)))}" '
            f'data-document="{esc(document.id)}">\n'
            f'<h2 class="ae-print-document__title">{esc(document.title)}</h2>\n'
            f'<div class="ae-print-document__facts">\n{_document_facts(document)}\n</div>\n{notice}'
            f'{document_xrefs}\n{clauses}\n</section>')


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
    on_words = f' on the words <q>{esc(note.quote)}</q>' if note.quote else ""
    return (f'<li class="ae-endnote" id="endnote-{endnote.number}" value="{endnote.number}" '
            f'data-note="{esc(note.slug)}" data-clause="{esc(str(note.target))}">\n'
            f'<p class="ae-endnote__key"><a href="#endnote-ref-{endnote.number}">'
            f'{esc(ref_label(context.edition, note.target))}</a>{on_words}</p>\n'
            f'<p class="ae-endnote__title"><strong>{esc(note.title)}</strong></p>\n'
            f'<p class="ae-note__meta">By {render_authors(note.authors)} · '
            f'<time datetime="{esc(note.date)}">{esc(note.date)}</time></p>\n'
            f'<div class="ae-endnote__body">\n{_note_html_here(context, note)}\n</div>\n'
            f'<div class="ae-note__sources">\n<p class="ae-note__sources-title">Sources</p>\n'
            f'{render_note_sources(note)}\n</div>\n</li>')


def render_print_page(context: RenderContext, title: str, site_url: str = "") -> str:
    """The whole edition on one page, notes as endnotes, ready for the browser's Print."""
    endnotes = endnote_order(context)
    numbers = {e.note.slug: e for e in endnotes}
    online = (f' The online edition is at <a class="ae-source-url" href="{esc(site_url)}">{esc(site_url)}</a>.'
              if site_url else "")
    documents = "\n".join(_document_section(context, d, numbers, site_url)
                          for d in context.edition.documents.values())
    notes = ("\n".join(_endnote_item(context, e) for e in endnotes) if endnotes else "")
    notes_section = (f'<section class="ae-endnotes" id="endnotes" aria-labelledby="endnotes-title">\n'
                     f'<h2 id="endnotes-title">Notes</h2>\n<ol class="ae-endnotes__list">\n{notes}\n</ol>\n</section>'
                     if endnotes else "")
    return "\n".join([
        f"# {md_heading_text(title)}: print edition",
        "",
        '<div class="ae-print">',
        f'<p class="ae-print__about">The whole edition on one page, for paper or PDF: use your browser\'s '
        f'Print command and choose "Save as PDF". Commentary is printed as numbered endnotes, each keyed to '
        f'its clause, and cross-references name the clause they lead to and its page in the edition.{online}</p>',
        documents,
        print_section(context.edition, site_url),
        notes_section,
        "</div>",
        "",
    ])
