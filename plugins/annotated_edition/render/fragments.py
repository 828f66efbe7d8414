"""Small HTML pieces shared by the page renderers: escaping, sources, authors, link lists."""

from __future__ import annotations

import html
import re

from ..links import INVERSE_LABELS, LABELS
from ..model import Author, CrossRef, Edition, Note, Ref, SourceRef
from ..notes.sanitize import safe_href
from ..urls import Linker

__all__ = ["esc", "md_heading_text", "render_sources", "render_authors", "ref_label",
           "render_link_lists", "note_meta"]

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=])")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def md_heading_text(text: str) -> str:
    """Text safe inside a Markdown heading: no HTML, no emphasis, no attribute lists.

    Markdown's special characters become numeric character references rather than backslash
    escapes: Python-Markdown only unescapes some characters (``\\=`` would show its backslash),
    while ``&#61;`` always reaches the page as the character the contributor typed."""
    flat = html.escape(" ".join(text.split()), quote=False)
    return _MARKDOWN_SPECIALS.sub(lambda match: f"&#{ord(match.group(1))};", flat)


def ref_label(edition: Edition, ref: Ref) -> str:
    """How a reference reads in running text: "Panmunjom Declaration, Art. 3(4)"."""
    document = edition.documents[ref.document]
    clause = edition.clause(ref)
    return f"{document.short_title}, {clause.label}" if clause else document.short_title


def _source_item(source: SourceRef) -> str:
    parts = [f"<cite>{esc(source.title)}</cite>"]
    if source.publisher:
        parts.append(esc(source.publisher))
    if source.date:
        parts.append(f'<time datetime="{esc(source.date)}">{esc(source.date)}</time>')
    text = ", ".join(parts)
    # The schemas only admit http(s) URLs; safe_href checks again, and anything else is shown
    # as text, never made into a link.
    if source.url and (href := safe_href(source.url)):
        text += f'. <a class="ae-source-url" href="{esc(href)}">{esc(source.url)}</a>'
    elif source.url:
        text += f'. <span class="ae-source-url">{esc(source.url)}</span>'
    return f"<li>{text}.</li>" if not source.url else f"<li>{text}</li>"


def render_sources(sources: tuple[SourceRef, ...] | list[SourceRef]) -> str:
    items = "\n".join(_source_item(s) for s in sources)
    return f'<ol class="ae-sources">\n{items}\n</ol>'


def render_authors(authors: tuple[Author, ...]) -> str:
    names = []
    for author in authors:
        if author.url and (href := safe_href(author.url)):
            names.append(f'<a href="{esc(href)}">{esc(author.name)}</a>')
        else:
            names.append(esc(author.name))
    return ", ".join(names)


def note_meta(note: Note, edit_url: str | None) -> str:
    edit = f' · <a class="ae-edit-note" href="{esc(edit_url)}">Edit this note</a>' if edit_url else ""
    return (f'<p class="ae-note__meta">By {render_authors(note.authors)} · '
            f'<time datetime="{esc(note.date)}">{esc(note.date)}</time>{edit}</p>')


def _link_item(edition: Edition, linker: Linker, label: str, ref: Ref, reason: str) -> str:
    title = f' title="{esc(reason)}"' if reason else ""
    reason_html = f' <span class="ae-xref__reason">— {esc(reason)}</span>' if reason else ""
    return (f'<li class="ae-xref"><span class="ae-xref__type">{esc(label)}</span> '
            f'<a href="{esc(linker.to(ref))}"{title}>{esc(ref_label(edition, ref))}</a>{reason_html}</li>')


def render_link_lists(edition: Edition, linker: Linker, outgoing: list[CrossRef],
                      incoming: list[CrossRef], compact: bool = False) -> str:
    """Cross-references from here, then the derived backlinks to here."""
    parts: list[str] = []
    if outgoing:
        items = "\n".join(_link_item(edition, linker, LABELS[l.type], l.target, "" if compact else l.reason)
                          for l in outgoing)
        parts.append(f'<ul class="ae-xrefs ae-xrefs--out" aria-label="Cross-references">\n{items}\n</ul>')
    if incoming:
        items = "\n".join(_link_item(edition, linker, INVERSE_LABELS[l.type], l.source, "" if compact else l.reason)
                          for l in incoming)
        parts.append(f'<ul class="ae-xrefs ae-xrefs--in" aria-label="Referred to by">\n{items}\n</ul>')
    return "\n".join(parts)
