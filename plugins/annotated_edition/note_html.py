"""Turn a note's Markdown body into an HTML fragment that can sit on any page.

Notes are rendered here rather than by MkDocs so that the same HTML serves the clause page,
the statement page's phrase popovers, the print edition and the exports. Inside a note,
headings start at level 4 (they sit under the note's own heading) and every id is prefixed
with the note's anchor, so two notes' footnotes never collide on one page.

The HTML is then sanitized (see :mod:`.sanitize`): every caller gets safe HTML, and
:func:`render_note_body_checked` also says what the sanitizer removed, so the build can warn.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from .sanitize import SanitizedHtml, sanitize_html

__all__ = ["render_note_body", "render_note_body_checked", "NOTE_EXTENSIONS", "NOTE_EXTENSION_CONFIGS"]

# "toc" gives a note's headings ids, so a note can link to its own sections ("#later").
NOTE_EXTENSIONS = ["footnotes", "tables", "fenced_code", "sane_lists", "def_list", "toc"]
# Column alignment as the ``align`` attribute: the sanitizer allows no inline ``style``.
NOTE_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}
_HEADING_SHIFT = 3


class _ScopeToNote(Treeprocessor):
    """Shift headings down and prefix ids and in-note fragment links with the note's anchor."""

    def __init__(self, md: markdown.Markdown, prefix: str) -> None:
        super().__init__(md)
        self.prefix = prefix

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + _HEADING_SHIFT)}"
            if element.get("id"):
                element.set("id", f"{self.prefix}-{element.get('id')}")
            href = element.get("href", "")
            if href.startswith("#") and len(href) > 1:
                element.set("href", f"#{self.prefix}-{href[1:]}")


def render_note_body_checked(body: str, anchor: str) -> SanitizedHtml:
    """Markdown → sanitized HTML for one note, with the list of what the sanitizer removed."""
    md = markdown.Markdown(extensions=list(NOTE_EXTENSIONS), extension_configs=NOTE_EXTENSION_CONFIGS,
                           output_format="html")
    md.treeprocessors.register(_ScopeToNote(md, anchor), "scope_to_note", 1)
    return sanitize_html(md.convert(body), id_prefix=f"{anchor}-")


def render_note_body(body: str, anchor: str) -> str:
    """Markdown → sanitized HTML for one note; ``anchor`` scopes the ids it creates."""
    return render_note_body_checked(body, anchor).html
