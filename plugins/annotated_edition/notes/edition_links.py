"""Links from a note to a clause, a document or another note, written by ID rather than by path.

In a note body, ``[text](edition:singapore-2018/point-3)`` links to a clause's page,
``[text](edition:panmunjom-2018)`` to a document's, and
``[text](edition:singapore-2018/point-3#work-toward)`` to one note on its clause page (the part
after ``#`` is the note's slug; ``#note-work-toward``, the note's anchor, is accepted too).
Contributors never guess built paths: each link becomes a relative URL when the note's HTML is
written (as seen from its clause page, like every link of a note; the pages that show the note
elsewhere move its relative links along), and a link that names nothing is an error at its
line and column, with the nearest valid links.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterator

from ..diagnostics import Diagnostics
from ..model import Edition, Note, Ref
from ..sources.commentary import suggest_refs
from ..urls import Linker, page_source_path

__all__ = ["EDITION_SCHEME", "EditionLink", "links_in_body", "edition_link_targets", "edition_link_problems"]

EDITION_SCHEME = "edition:"
# An ``edition:`` address in Markdown source ends where a link target ends: at a space, a
# closing parenthesis or angle bracket, or a quotation mark (an HTML attribute).
_ADDRESS = re.compile(r"edition:[^\s)\]>\"'<]*")


@dataclass(frozen=True)
class EditionLink:
    """One ``edition:`` address in a note body and where it is (line in the note file)."""

    href: str
    line: int
    column: int

    @property
    def ref(self) -> Ref:
        return Ref.parse(self.href[len(EDITION_SCHEME):].partition("#")[0])

    @property
    def fragment(self) -> str:
        return self.href.partition("#")[2]


def links_in_body(note: Note) -> Iterator[EditionLink]:
    for match in _ADDRESS.finditer(note.body):
        line_start = note.body.rfind("\n", 0, match.start()) + 1
        yield EditionLink(match.group(0), note.body_line + note.body.count("\n", 0, match.start()),
                          match.start() - line_start + 1)


_index_cache: list[tuple[Edition, dict[str, Note]]] = []


def _notes_by_slug(edition: Edition) -> dict[str, Note]:
    """Slug → note, computed once per edition (every note's links are resolved against it)."""
    if _index_cache and _index_cache[0][0] is edition:
        return _index_cache[0][1]
    index = {note.slug: note for note in edition.notes}
    _index_cache[:] = [(edition, index)]
    return index


def _note_slug(fragment: str) -> str:
    return fragment.removeprefix("note-") if fragment.startswith("note-") else fragment


def _find_note(edition: Edition, fragment: str) -> Note | None:
    notes = _notes_by_slug(edition)
    return notes.get(fragment) or notes.get(_note_slug(fragment))


def _resolve(link: EditionLink, edition: Edition) -> tuple[Ref, str] | None:
    """The page and fragment a link leads to, or None if it names nothing."""
    ref = link.ref
    if not ref.document or not edition.resolves(ref):
        return None
    if not link.fragment:
        return ref, ""
    note = _find_note(edition, link.fragment)
    if note is None or note.target != ref:
        return None
    return ref, note.anchor


def edition_link_targets(note: Note, edition: Edition, directory_urls: bool) -> dict[str, str]:
    """Each ``edition:`` address of the note that names something → its URL from the clause page."""
    if EDITION_SCHEME not in note.body:
        return {}
    linker = Linker(page_source_path(note.target), directory_urls)
    targets: dict[str, str] = {}
    for link in links_in_body(note):
        resolved = _resolve(link, edition)
        if resolved is not None:
            targets[link.href] = linker.to(*resolved)
    return targets


def _suggestions(link: EditionLink, edition: Edition) -> list[str]:
    if link.fragment:
        note = _find_note(edition, link.fragment)
        if note is not None:
            return [f"{EDITION_SCHEME}{note.target}#{note.slug}"]
        slugs = difflib.get_close_matches(_note_slug(link.fragment), list(_notes_by_slug(edition)), n=3, cutoff=0.5)
        return [f"{EDITION_SCHEME}{_notes_by_slug(edition)[slug].target}#{slug}" for slug in slugs]
    refs = [str(c.ref) for d in edition.documents.values() for c in d.clauses] + list(edition.documents)
    return [EDITION_SCHEME + ref for ref in suggest_refs(str(link.ref), refs)]


def _problem(link: EditionLink, edition: Edition) -> str:
    ref = link.ref
    if not ref.document:
        return f"the link '{link.href}' names no clause: write edition:document/clause"
    if not edition.resolves(ref):
        what = "clause" if ref.clause else "document"
        return f"the link '{link.href}' leads nowhere: the edition has no {what} '{ref}'"
    note = _find_note(edition, link.fragment)
    if note is None:
        return f"the link '{link.href}' leads nowhere: the edition has no note '{_note_slug(link.fragment)}'"
    return f"the link '{link.href}' leads nowhere: note '{note.slug}' is on {note.target}, not on {ref}"


def edition_link_problems(edition: Edition) -> Diagnostics:
    """An error for every ``edition:`` link, in every note, that names nothing."""
    problems = Diagnostics()
    for note in edition.notes:
        if EDITION_SCHEME not in note.body:
            continue
        for link in links_in_body(note):
            if _resolve(link, edition) is not None:
                continue
            suggestions = _suggestions(link, edition)
            hint = (f"Did you mean: {', '.join(suggestions)}?\n" if suggestions else "") + \
                "Links to the edition are written edition:document/clause, or edition:document/clause#note-slug " \
                "for one note (see the data formats page)."
            problems.error(note.path, link.line, link.column, _problem(link, edition), hint)
    return problems
