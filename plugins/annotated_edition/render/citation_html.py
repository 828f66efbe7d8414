"""Citations as HTML: ``[@key]`` in a note becomes a numbered link to the note's source list,
and each entry of that list links back to the places that cite it.

The body goes through Markdown and the sanitizer with each citation replaced by a placeholder
(two private-use characters around a digest of the body and the citation's index), which
neither touches; the placeholders are then replaced by markup built here from the note's own
data. So the sanitizer never has to allow our classes, and a contributor can forge a citation
neither by typing HTML nor by typing a placeholder: it would have to contain the digest of the
very body it is typed in.

Ids are scoped by the note's anchor, like its footnotes: ``note-<slug>-cite-3`` is the third
citation in the body, ``note-<slug>-src-<key>`` the source list entry.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..model import Note, SourceRef
from ..note_citations import Citation, find_citations, source_numbers
from .fragments import esc, render_sources

__all__ = ["PreparedBody", "prepare_body", "link_citations", "render_note_sources", "cite_id", "source_id"]

_OPEN, _CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True)
class PreparedBody:
    """A body whose citations are placeholders, and the citations in order."""

    body: str
    citations: tuple[Citation, ...]
    nonce: str = ""

    @property
    def placeholder(self) -> re.Pattern[str]:
        return re.compile(f"{_OPEN}{self.nonce}-([0-9]+){_CLOSE}")


def cite_id(note: Note, index: int) -> str:
    """The id of the ``index``-th (1-based) citation in the note's body."""
    return f"{note.anchor}-cite-{index}"


def source_id(note: Note, key: str) -> str:
    return f"{note.anchor}-src-{key}"


def prepare_body(body: str) -> PreparedBody:
    """Replace each citation with a placeholder Markdown leaves alone."""
    citations = find_citations(body)
    if not citations:
        return PreparedBody(body, ())
    nonce = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]  # deterministic: builds stay reproducible
    parts: list[str] = []
    position = 0
    for index, citation in enumerate(citations):
        parts.append(body[position:citation.start])
        parts.append(f"{_OPEN}{nonce}-{index}{_CLOSE}")
        position = citation.end
    parts.append(body[position:])
    return PreparedBody("".join(parts), tuple(citations), nonce)


def link_citations(html: str, prepared: PreparedBody, note: Note) -> str:
    """Placeholders → ``<sup><a>[n]</a></sup>``; an unknown key (only a preview shows a note
    with one) stays visible as the text the contributor wrote."""
    numbers = source_numbers([source.id for source in note.sources])

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(prepared.citations):
            return ""
        key = prepared.citations[index].key
        number = numbers.get(key)
        if number is None:
            return esc(f"[@{key}]")
        source = note.sources[number - 1]
        return (f'<sup class="ae-cite" id="{esc(cite_id(note, index + 1))}">'
                f'<a href="#{esc(source_id(note, key))}" title="{esc(source.title)}" '
                f'aria-label="Source {number}">[{number}]</a></sup>')
    if not prepared.citations:
        return html
    return prepared.placeholder.sub(replace, html)


def _backlinks(note: Note, key: str, citations: list[Citation]) -> str:
    places = [index for index, citation in enumerate(citations, start=1) if citation.key == key]
    if not places:
        return ""
    if len(places) == 1:
        return (f' <a class="ae-backref" href="#{esc(cite_id(note, places[0]))}" '
                f'aria-label="Back to the citation in the text">↩</a>')
    links = " ".join(f'<a class="ae-backref" href="#{esc(cite_id(note, place))}" '
                     f'aria-label="Back to citation {n} of {len(places)}">↩<sup>{n}</sup></a>'
                     for n, place in enumerate(places, start=1))
    return f' <span class="ae-backrefs">{links}</span>'


def render_note_sources(note: Note) -> str:
    """The note's numbered source list; entries with an id carry it and their back links."""
    citations = find_citations(note.body)
    items = render_sources(note.sources).split("\n")
    # render_sources gives the list's opening tag, one <li> a line, then the closing tag.
    sources: tuple[SourceRef, ...] = note.sources
    for position, source in enumerate(sources, start=1):
        item = items[position]
        if not source.id or not item.startswith("<li>") or not item.endswith("</li>"):
            continue
        items[position] = (f'<li id="{esc(source_id(note, source.id))}">{item[4:-5]}'
                           f'{_backlinks(note, source.id, citations)}</li>')
    return "\n".join(items)
