"""The order a reader meets a clause's notes: phrase notes by where their words start in the
clause, then the notes on the whole clause. File names carry no order (a note named ``a-…``
may explain the clause's last words), so markers, popovers and the clause page's Commentary
all follow this one function."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Note

__all__ = ["in_reading_order"]


def _position(note: Note) -> tuple[int, int, int, str]:
    if note.span is None:
        return (1, 0, 0, note.slug)
    # A longer phrase starting at the same word comes first: it encloses the shorter one.
    return (0, note.span[0], -note.span[1], note.slug)


def in_reading_order(notes: Iterable[Note]) -> list[Note]:
    """Phrase notes by position in the clause, then whole-clause notes (each group stable by slug)."""
    return sorted(notes, key=_position)
