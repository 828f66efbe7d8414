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
from functools import lru_cache

from ..model import Note
from ..note_citations import Citation, find_citations, source_numbers
from html import escape as html_escape

from .templates import Templates

__all__ = ["PreparedBody", "SourceEntry", "prepare_body", "link_citations", "note_source_entries", "render_note_sources", "cite_id",
           "source_id"]

_OPEN, _CLOSE = "\ue000", "\ue001"
# Any placeholder, whatever its nonce (16 hex digits, see prepare_body): compiled once, where a
# pattern per nonce meant compiling a regular expression per note. A placeholder with another
# nonce (typed by a contributor) is left as it stands, as the pattern for one nonce leaves it.
# The opening mark is optional: Python-Markdown drops the character that follows the last "*"
# of "*x**y*z" (it renders "*x<strong>y</strong>"), and where that character is a placeholder's
# opening mark the rest must still count (found by tests/unit/test_note_citations.py). The
# nonce, a digest of the body, cannot occur in the text by chance.
_ANY_PLACEHOLDER = re.compile(f"{_OPEN}?([0-9a-f]{{16}})-([0-9]+){_CLOSE}")


@dataclass(frozen=True)
class PreparedBody:
    """A body whose citations are placeholders, and the citations in order."""

    body: str
    citations: tuple[Citation, ...]
    nonce: str = ""

    @property
    def placeholder(self) -> re.Pattern[str]:
        return re.compile(f"{_OPEN}?{self.nonce}-([0-9]+){_CLOSE}")


def cite_id(note: Note, index: int) -> str:
    """The id of the ``index``-th (1-based) citation in the note's body."""
    return f"{note.anchor}-cite-{index}"


def source_id(note: Note, key: str) -> str:
    return f"{note.anchor}-src-{key}"


@lru_cache(maxsize=16384)  # asked for each page and check that shows the note; the result is frozen
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


def link_citations(html: str, prepared: PreparedBody, note: Note, templates: Templates) -> str:
    """Placeholders → numbered links (template ``text/citation.html``); an unknown key (only a
    preview shows a note with one) stays visible as the text the contributor wrote."""
    numbers = source_numbers([source.id for source in note.sources])

    def replace(match: re.Match[str]) -> str:
        if match.group(1) != prepared.nonce:
            return match.group(0)
        index = int(match.group(2))
        if index >= len(prepared.citations):
            return ""
        key = prepared.citations[index].key
        number = numbers.get(key)
        if number is None:
            return html_escape(f"[@{key}]")
        return templates.render("text/citation.html", id=cite_id(note, index + 1), href=f"#{source_id(note, key)}",
                                source=note.sources[number - 1], number=number)
    if not prepared.citations:
        return html
    return _ANY_PLACEHOLDER.sub(replace, html)


@dataclass(frozen=True)
class SourceEntry:
    """What a note's source list shows beside one source: its id, and the places citing it."""

    id: str | None
    backlinks: tuple[str, ...]


def note_source_entries(note: Note) -> list[SourceEntry]:
    """One entry per source of the note, in order, for the template's source list."""
    citations = find_citations(note.body)
    entries = []
    for source in note.sources:
        if not source.id:
            entries.append(SourceEntry(None, ()))
            continue
        places = tuple(cite_id(note, index) for index, citation in enumerate(citations, start=1)
                       if citation.key == source.id)
        entries.append(SourceEntry(source_id(note, source.id), places))
    return entries


def render_note_sources(note: Note, templates: Templates) -> str:
    """The note's numbered source list, with its ids and back links, as it is published."""
    return templates.render("text/note_sources.html", note=note, sources=note_source_entries(note))
