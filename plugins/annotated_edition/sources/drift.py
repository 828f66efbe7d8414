"""Suggest where a note's quote went after the text or the clause map changed.

Anchors are re-found on every build and a quote that no longer matches exactly fails the
build: nothing here moves a note. These helpers only make the error message point at the
likely fix: the nearest wording in the clause now, or another clause that holds the quote.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable

from .anchoring import find_quote
from ..model import Clause

__all__ = ["closest_wording", "clauses_containing", "drift_hint"]

_WORD = re.compile(r"\S+")
_MIN_SIMILARITY = 0.6


def closest_wording(text: str, quote: str) -> str | None:
    """The run of whole words in ``text`` most like ``quote`` (None if nothing is close).

    Candidates are word runs about as long as the quote (one word shorter to two longer),
    scored by :class:`difflib.SequenceMatcher`; clause texts are short, so this is cheap.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    wanted = len(quote.split())
    if not words or not wanted:
        return None
    best, best_score = None, _MIN_SIMILARITY
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    for length in range(max(1, wanted - 1), wanted + 3):
        for first in range(0, len(words) - length + 1):
            candidate = text[words[first][0]:words[first + length - 1][1]]
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = candidate, score
    return best


def clauses_containing(quote: str, clauses: Iterable[Clause]) -> list[Clause]:
    """Clauses whose text holds ``quote`` exactly (where a moved quote may now live)."""
    return [c for c in clauses if find_quote(c.display_text, quote).matches >= 1]


def drift_hint(quote: str, clause: Clause, siblings: Iterable[Clause]) -> str:
    """One or two lines for the "quote not found" error: where the quote probably is now."""
    lines = []
    if find_quote(clause.display_text, quote).matches:
        lines.append("The quote itself occurs in the clause, but not with the given 'prefix'/'suffix': check those.")
    elsewhere = [c for c in clauses_containing(quote, siblings) if c.ref != clause.ref]
    if elsewhere:
        where = ", ".join(str(c.ref) for c in elsewhere)
        lines.append(f"The exact quote is now in {where}: move the note to that clause's folder and set its target.")
    nearest = closest_wording(clause.display_text, quote)
    if nearest is not None and nearest != quote:
        lines.append(f"Closest wording in {clause.ref} now: {nearest!r}. If it says the same, copy it into 'quote'.")
    return "\n".join(lines)
