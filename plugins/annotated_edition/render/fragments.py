"""Small text helpers shared by the page builders (no markup: that is in ``templates/``)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..links import INVERSE_LABELS, LABELS
from ..model import CrossRef, Edition, Ref
from ..urls import Linker

__all__ = ["esc", "md_heading_text", "ref_label", "XrefItem", "link_items"]

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=])")


def esc(text: str) -> str:
    """HTML-escape text; templates escape the same way (see :mod:`.templates`)."""
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


@dataclass(frozen=True)
class XrefItem:
    """One cross-reference or backlink as the template ``partials/xref.html`` shows it.
    ``address`` (the print edition only) is the linked clause's page, printed as text."""

    label: str
    href: str
    text: str
    reason: str = ""
    address: str | None = None


def link_items(edition: Edition, linker: Linker, outgoing: list[CrossRef], incoming: list[CrossRef],
               compact: bool = False) -> tuple[list[XrefItem], list[XrefItem]]:
    """Cross-references from here, then the derived backlinks to here (compact: no reasons)."""
    def item(label: str, ref: Ref, reason: str) -> XrefItem:
        return XrefItem(label, linker.to(ref), ref_label(edition, ref), "" if compact else reason)
    return ([item(LABELS[link.type], link.target, link.reason) for link in outgoing],
            [item(INVERSE_LABELS[link.type], link.source, link.reason) for link in incoming])
