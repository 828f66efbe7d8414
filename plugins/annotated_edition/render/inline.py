"""Render a verbatim text with marked-up ranges (links, highlighted phrases) as valid HTML.

Ranges may overlap; the output is always well nested: at every boundary the open elements are
closed down to the part still shared, and the rest reopened. Markers (such as a note button)
are inserted at a position, after any range ending there. The text itself is only escaped:
extracting the text of the result gives back exactly the input.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["Decoration", "Insertion", "render_inline", "text_to_html"]


@dataclass(frozen=True)
class Decoration:
    """Wrap ``text[start:end]`` in ``open_tag`` … ``close_tag``. Lower ``rank`` nests outside."""

    start: int
    end: int
    open_tag: str
    close_tag: str
    rank: int = 0


@dataclass(frozen=True)
class Insertion:
    position: int
    html: str


def text_to_html(text: str) -> str:
    """Escape text; a line break in the source becomes ``<br>`` (blank lines are split earlier)."""
    return html.escape(text, quote=False).replace("\n", "<br>\n")


def render_inline(text: str, decorations: list[Decoration], insertions: list[Insertion] | None = None) -> str:
    insertions = insertions or []
    valid = [d for d in decorations if 0 <= d.start < d.end <= len(text)]
    boundaries = sorted({0, len(text), *(d.start for d in valid), *(d.end for d in valid),
                         *(i.position for i in insertions if 0 <= i.position <= len(text))})
    out: list[str] = []
    open_stack: list[Decoration] = []
    for index, position in enumerate(boundaries):
        # Which decorations cover the segment that starts here, outermost first.
        following = boundaries[index + 1] if index + 1 < len(boundaries) else position
        active = sorted((d for d in valid if d.start <= position and following <= d.end and position < following),
                        key=lambda d: (d.rank, d.start, -d.end))
        shared = 0
        while shared < len(open_stack) and shared < len(active) and open_stack[shared] == active[shared]:
            shared += 1
        for decoration in reversed(open_stack[shared:]):
            out.append(decoration.close_tag)
        open_stack = open_stack[:shared]
        out.extend(i.html for i in insertions if i.position == position)
        for decoration in active[shared:]:
            out.append(decoration.open_tag)
            open_stack.append(decoration)
        out.append(text_to_html(text[position:following]))
    for decoration in reversed(open_stack):
        out.append(decoration.close_tag)
    return "".join(out)
