"""The edition as data: documents, clauses, notes and cross-references. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "Ref", "Author", "SourceRef", "Signatory", "Clause", "TextLink", "Document", "Note", "note_anchor",
    "CrossRef", "EditorialNote", "Entity", "Event", "Mention", "StatusEntry", "Commitment", "Edition",
]


@dataclass(frozen=True, order=True)
class Ref:
    """A reference to a whole document (``clause`` is None) or to one of its clauses."""

    document: str
    clause: str | None = None

    @classmethod
    def parse(cls, text: str) -> "Ref":
        document, _, clause = text.strip().partition("/")
        return cls(document, clause or None)

    def __str__(self) -> str:
        return f"{self.document}/{self.clause}" if self.clause else self.document


@dataclass(frozen=True)
class Author:
    name: str
    url: str = ""


@dataclass(frozen=True)
class SourceRef:
    """A published source a claim can be checked against."""

    title: str
    publisher: str = ""
    date: str = ""
    url: str = ""
    # A note's sources carry a short id its body cites as ``[@id]`` (see note_citations.py);
    # ``party`` marks an official release of that party's government (docs/editorial-policy.md).
    id: str = ""
    party: str = ""


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Clause:
    """One clause. ``text`` is its exact slice of the source (``start``/``end`` are offsets
    into the document text) for documents we publish in full; otherwise ``summary`` is ours."""

    document: str
    id: str
    label: str
    text: str | None = None
    start: int | None = None
    end: int | None = None
    summary: str = ""
    number: int | None = None
    level: int = 1  # depth in the document's outline: 1 for an article, 2 for its paragraphs
    line: int = 1

    @property
    def ref(self) -> Ref:
        return Ref(self.document, self.id)

    @property
    def display_text(self) -> str:
        return self.text if self.text is not None else self.summary


@dataclass(frozen=True)
class TextLink:
    """A phrase of a clause's text that links elsewhere; offsets are within the clause text."""

    clause: str
    quote: str
    start: int
    end: int
    target: Ref


@dataclass(frozen=True)
class EditorialNote:
    """The editors' remark on how the edition presents a document (not on what it says),
    shown just before the clause ``before``."""

    id: str
    title: str
    before: str
    text: str


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    short_title: str
    date: str
    place: str
    language: str
    parties: tuple[str, ...]
    signatories: tuple[Signatory, ...]
    source: SourceRef
    licence: str
    clauses: tuple[Clause, ...]
    sidecar: Path
    text: str | None = None
    text_path: Path | None = None
    editorial_notes: tuple[EditorialNote, ...] = ()
    text_links: tuple[TextLink, ...] = ()
    # Position of each clause by ID (the first of duplicates wins), computed once: lookups stay
    # O(1) in long documents, and the data never changes after construction.
    _positions: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("parties", "signatories", "clauses", "text_links", "editorial_notes"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        positions: dict[str, int] = {}
        for position, clause in enumerate(self.clauses):
            positions.setdefault(clause.id, position)
        object.__setattr__(self, "_positions", MappingProxyType(positions))

    @property
    def has_text(self) -> bool:
        return self.text is not None

    def clause(self, clause_id: str) -> Clause | None:
        position = self._positions.get(clause_id)
        return self.clauses[position] if position is not None else None

    def neighbours(self, clause_id: str) -> tuple[Clause | None, Clause | None]:
        index = self._positions.get(clause_id)
        if index is None:
            raise ValueError(f"no clause '{clause_id}' in document '{self.id}'")
        previous = self.clauses[index - 1] if index > 0 else None
        following = self.clauses[index + 1] if index + 1 < len(self.clauses) else None
        return previous, following


def note_anchor(slug: str) -> str:
    """The id of a note's block on its clause page (and the prefix of every id in its body)."""
    return f"note-{slug}"


@dataclass(frozen=True)
class Note:
    """A contributor's note. ``span`` locates ``quote`` inside the clause text, when given."""

    slug: str
    path: Path
    target: Ref
    title: str
    authors: tuple[Author, ...]
    date: str
    sources: tuple[SourceRef, ...]
    body: str
    tags: tuple[str, ...] = ()
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    span: tuple[int, int] | None = None
    body_line: int = 1

    @property
    def anchor(self) -> str:
        return note_anchor(self.slug)


@dataclass(frozen=True)
class CrossRef:
    source: Ref
    type: str
    target: Ref
    reason: str = ""


@dataclass(frozen=True)
class Entity:
    """A person, place, organization or term; ``aliases`` are the exact forms the texts use."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: str
    sources: tuple[SourceRef, ...]
    line: int = 1


@dataclass(frozen=True)
class Mention:
    """Where an entity's alias occurs: ``start``/``end`` are offsets into the clause's text
    (its verbatim slice, or our summary for documents without text)."""

    entity: str
    clause: Ref
    start: int
    end: int
    alias: str


@dataclass(frozen=True)
class Event:
    """A dated event. ``date`` is ISO 8601 as written: its length gives ``precision``."""

    id: str
    date: str
    title: str
    description: str
    concerns: tuple[Ref, ...]
    sources: tuple[SourceRef, ...]
    line: int = 1

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month"}.get(len(self.date), "day")


@dataclass(frozen=True)
class StatusEntry:
    """Where a commitment stood from ``date`` on: ``status`` is a word of the tracker's
    vocabulary (see commitments.py), ``level`` its Peace Accords Matrix level (for ``stalled``
    and ``reversed``, the last level reached before), ``events`` timeline IDs it rests on."""

    date: str
    status: str
    level: int
    text: str
    events: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    line: int = 1


@dataclass(frozen=True)
class Commitment:
    """One undertaking of a clause (``related`` ones were made outside the text), with its
    dated history of statuses, oldest first; the last entry is where it stands at ``as_of``."""

    id: str
    target: Ref
    parties: tuple[str, ...]
    summary: str
    statuses: tuple[StatusEntry, ...]
    related: bool = False
    basis: str = ""
    quote: str = ""
    span: tuple[int, int] | None = None
    line: int = 1

    @property
    def current(self) -> StatusEntry:
        return self.statuses[-1]

    @property
    def since(self) -> str:
        """When the current status began: a later entry with the same status (a development that
        confirms it) does not move the date."""
        start = len(self.statuses) - 1
        while start > 0 and self.statuses[start - 1].status == self.current.status:
            start -= 1
        return self.statuses[start].date


@dataclass(frozen=True)
class Edition:
    """Everything loaded and validated; the renderers and exporters read only this. Built once,
    complete, by :func:`annotated_edition.sources.edition.check_edition`, and never changed."""

    documents: Mapping[str, Document]
    notes: tuple[Note, ...]
    crossrefs: tuple[CrossRef, ...]
    primary: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    commitments_as_of: str = ""
    """The last date the commitments' statuses were checked; nothing is asserted after it."""
    # Notes grouped by target, computed at construction: every page asks for its clause's
    # notes, and a scan per page would make builds O(N²).
    _notes_by_target: Mapping[Ref, tuple[Note, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", MappingProxyType(dict(self.documents)))
        for name in ("notes", "crossrefs", "entities", "mentions", "events", "commitments"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        grouped: dict[Ref, list[Note]] = {}
        for note in self.notes:
            grouped.setdefault(note.target, []).append(note)
        object.__setattr__(self, "_notes_by_target",
                           MappingProxyType({ref: tuple(notes) for ref, notes in grouped.items()}))

    def clause(self, ref: Ref) -> Clause | None:
        document = self.documents.get(ref.document)
        return document.clause(ref.clause) if document and ref.clause else None

    def notes_for(self, ref: Ref) -> list[Note]:
        return list(self._notes_by_target.get(ref, ()))

    def resolves(self, ref: Ref) -> bool:
        if ref.document not in self.documents:
            return False
        return ref.clause is None or self.clause(ref) is not None
