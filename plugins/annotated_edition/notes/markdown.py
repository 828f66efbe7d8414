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
from typing import Mapping

import markdown
from markdown.treeprocessors import Treeprocessor

from .edition_links import EDITION_SCHEME
from .markdown_triggers import MarkdownTriggers
from .sanitize import SanitizedHtml, sanitize_html
from ..timing import measure_detail

__all__ = ["render_note_body", "render_note_body_checked", "NoteConverter", "NOTE_EXTENSIONS", "NOTE_EXTENSION_CONFIGS",
           "ScopeToNote"]

# "toc" gives a note's headings ids, so a note can link to its own sections ("#later").
NOTE_EXTENSIONS = ["footnotes", "tables", "fenced_code", "sane_lists", "def_list", "toc"]
# Column alignment as the ``align`` attribute: the sanitizer allows no inline ``style``.
NOTE_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}
_HEADING_SHIFT = 3


class ScopeToNote(Treeprocessor):
    """Shift headings down and prefix ids and in-note fragment links with the note's anchor."""

    def __init__(self, md: markdown.Markdown, prefix: str) -> None:
        super().__init__(md)
        self.prefix = prefix
        self.edition_links: Mapping[str, str] = {}

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, int(element.tag[1]) + _HEADING_SHIFT)}"
            if element.get("id"):
                element.set("id", f"{self.prefix}-{element.get('id')}")
            href = element.get("href", "")
            if href.startswith("#") and len(href) > 1:
                element.set("href", f"#{self.prefix}-{href[1:]}")
            elif href.startswith(EDITION_SCHEME):
                # Resolved before sanitizing (which keeps only web and relative links); a link
                # that names nothing loses its href here and is reported by the checks.
                if href in self.edition_links:
                    element.set("href", self.edition_links[href])
                else:
                    del element.attrib["href"]


class NoteConverter:
    """One Markdown converter reused for every note: building one costs more than converting a
    typical note, and a build converts thousands. ``reset()`` clears every extension's state
    (footnotes and the table of contents above all) between notes, so no note sees another's."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=list(NOTE_EXTENSIONS), extension_configs=NOTE_EXTENSION_CONFIGS,
                                    output_format="html")
        self.scope = ScopeToNote(self.md, "")
        self.md.treeprocessors.register(self.scope, "scope_to_note", 1)
        self.triggers = MarkdownTriggers(self.md)
        self.busy = False

    def convert(self, body: str, anchor: str, edition_links: Mapping[str, str]) -> str:
        self.md.reset()
        self.scope.prefix = anchor
        self.scope.edition_links = edition_links
        self.triggers.narrow_to(body)
        return self.md.convert(body)


_converter: NoteConverter | None = None

# Results kept for the life of the process. They depend only on the body and the anchor, so
# under ``mkdocs serve`` a rebuild after editing one note converts that note alone.
_rendered: dict[tuple[str, str, tuple[tuple[str, str], ...]], SanitizedHtml] = {}
_RENDERED_LIMIT = 50_000


def _convert(body: str, anchor: str, edition_links: Mapping[str, str]) -> str:
    global _converter
    if _converter is None:
        _converter = NoteConverter()
    if _converter.busy:  # re-entered (a Markdown extension rendering a note): use a fresh one
        return NoteConverter().convert(body, anchor, edition_links)
    _converter.busy = True
    try:
        return _converter.convert(body, anchor, edition_links)
    finally:
        _converter.busy = False


def render_note_body_checked(body: str, anchor: str,
                             edition_links: Mapping[str, str] | None = None) -> SanitizedHtml:
    """Markdown → sanitized HTML for one note, with the list of what the sanitizer removed.
    ``edition_links`` maps the note's ``edition:`` addresses to URLs (see :mod:`.edition_links`)."""
    links = dict(edition_links or {})
    key = (body, anchor, tuple(sorted(links.items())))
    rendered = _rendered.get(key)
    if rendered is None:
        with measure_detail("render.note_markdown"):
            html = _convert(body, anchor, links)
        with measure_detail("render.note_sanitize"):
            rendered = sanitize_html(html, id_prefix=f"{anchor}-")
        if len(_rendered) >= _RENDERED_LIMIT:
            _rendered.clear()
        _rendered[key] = rendered
    return rendered


def render_note_body(body: str, anchor: str, edition_links: Mapping[str, str] | None = None) -> str:
    """Markdown → sanitized HTML for one note; ``anchor`` scopes the ids it creates."""
    return render_note_body_checked(body, anchor, edition_links).html
