"""Turn what the sanitizer removed from note bodies into warnings that name the note.

The sanitizer never fails a build by itself: the note is still published, without the unsafe
parts. But nothing a contributor wrote may vanish unnoticed, so every removal becomes a
warning at the note's file and (as near as we can tell) line; ``mkdocs build --strict``, which
CI runs on every pull request, then refuses the note until it is fixed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostics
from ..model import Note
from .context import RenderContext
from ..notes.sanitize import Removal

__all__ = ["sanitizer_warnings", "SANITIZER_HINT", "MAX_WARNINGS_PER_NOTE"]

SANITIZER_HINT = (
    "Notes may use Markdown and simple inline HTML. Scripts, styles, frames, forms, images, SVG, "
    "MathML, event handlers (on...), inline styles, and links other than http(s), mailto or "
    "relative ones are never published. Remove it from the note, or write it as plain text."
)
MAX_WARNINGS_PER_NOTE = 20


def _line_of(note: Note, removal: Removal, searched_from: dict[str, int]) -> int:
    """The body line where a clue of the removed thing appears, else the body's first line.
    The same thing removed twice is looked for after where it was found the first time."""
    lowered = note.body.lower()
    for clue in removal.clues:
        if not clue:
            continue
        key = clue.lower()
        index = lowered.find(key, searched_from.get(key, 0))
        if index < 0:
            index = lowered.find(key)
        if index >= 0:
            searched_from[key] = index + 1
            return note.body_line + note.body.count("\n", 0, index)
    return note.body_line


def sanitizer_warnings(context: RenderContext, notes: Iterable[Note] | None = None) -> Diagnostics:
    """One warning per removal, for every note (or those of ``notes``), in the edition's note order."""
    warnings = Diagnostics()
    chosen = list(context.edition.notes if notes is None else notes)
    for note, unresolved in zip(chosen, context.notes_unresolved(chosen)):
        removals = context.note_removals(note)
        searched_from: dict[str, int] = {}
        for removal in removals[:MAX_WARNINGS_PER_NOTE]:
            warnings.warning(note.path, _line_of(note, removal, searched_from), 1,
                             f"removed unsafe or unsupported HTML from note '{note.slug}': {removal}",
                             SANITIZER_HINT)
        for fragment in unresolved:
            shown = fragment.removeprefix(f"#{note.anchor}-")
            warnings.warning(note.path, _line_of(note, Removal("", (f"(#{shown})", f"#{shown}")), searched_from), 1,
                             f"the link to '#{shown}' in note '{note.slug}' matches no heading or footnote of the note",
                             "In-note links use the heading's words in lower case, joined by hyphens: "
                             "'## What it means' is #what-it-means.")
        if len(removals) > MAX_WARNINGS_PER_NOTE:
            warnings.warning(note.path, note.body_line, 1,
                             f"note '{note.slug}': {len(removals) - MAX_WARNINGS_PER_NOTE} more removals not listed",
                             SANITIZER_HINT)
    return warnings
