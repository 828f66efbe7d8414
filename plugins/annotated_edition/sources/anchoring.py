"""Text-quote anchoring: place a clause map onto a verbatim text, and phrases inside a clause.

A clause is anchored by the words it starts with (and, optionally, the words it ends with), in
the sense of the W3C Web Annotation model's TextQuoteSelector. Starts are searched in order,
each after the previous clause's opening words, because different clauses may open alike.
The result covers the text exactly once: every character belongs to one clause, except
whitespace between clauses.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..timing import measured

__all__ = [
    "ClauseSpec", "Span", "AnchorProblem", "anchor_clauses", "find_quote", "QuoteResult",
    "line_of",
]


@dataclass(frozen=True)
class ClauseSpec:
    id: str
    starts: str
    ends: str = ""


@dataclass(frozen=True)
class Span:
    id: str
    start: int
    end: int


@dataclass(frozen=True)
class AnchorProblem:
    """Why a clause map does not fit its text; ``clause`` is the clause to blame."""

    clause: str
    message: str
    hint: str = ""


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _excerpt(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@measured("anchor")
def anchor_clauses(text: str, specs: list[ClauseSpec]) -> list[Span] | AnchorProblem:
    """Return one span per clause, in order, or the first problem that makes anchoring fail."""
    if not specs:
        return AnchorProblem("", "the clause map is empty", "List at least one clause.")
    starts: list[int] = []
    explicit_ends: list[int | None] = []
    search_from = 0
    for index, spec in enumerate(specs):
        if not spec.starts.strip():  # blank words would anchor a clause of nothing but spaces
            return AnchorProblem(spec.id, f"clause '{spec.id}' has empty 'starts' words")
        position = text.find(spec.starts, search_from)
        if position < 0:
            return _missing_start(text, specs, index, search_from)
        if index == 0 and text[:position].strip():
            return AnchorProblem(
                spec.id,
                f"text before the first clause '{spec.id}' is not covered by any clause: "
                f"\"{_excerpt(text[:position])}\" (text line 1)",
                "Add a clause for it at the top of the clause map.",
            )
        if index > 0 and (previous_end := explicit_ends[-1]) is not None:
            previous = specs[index - 1]
            if position < previous_end:
                return AnchorProblem(
                    spec.id,
                    f"clause '{spec.id}' starts inside clause '{previous.id}', which ends with "
                    f"\"{previous.ends}\" (text line {line_of(text, previous_end)})",
                    f"Clauses may not overlap: move '{previous.id}''s 'ends' words before "
                    f"\"{_excerpt(spec.starts, 40)}\".",
                )
            gap = text[previous_end:position]
            if gap.strip():
                return AnchorProblem(
                    spec.id,
                    f"text between clauses '{previous.id}' and '{spec.id}' is not covered: "
                    f"\"{_excerpt(gap)}\" (text line {line_of(text, previous_end)})",
                    f"Extend '{previous.id}''s 'ends' words or add a clause for that text.",
                )
        end: int | None = None
        if spec.ends:
            found = text.find(spec.ends, position + len(spec.starts))
            if found < 0 and spec.starts.endswith(spec.ends):
                found = position + len(spec.starts) - len(spec.ends)
            if found < 0:
                return AnchorProblem(
                    spec.id,
                    f"the 'ends' words of clause '{spec.id}' were not found after its start: "
                    f"\"{_excerpt(spec.ends, 50)}\"",
                    "Copy the clause's closing words exactly from the text file.",
                )
            end = found + len(spec.ends)
        starts.append(position)
        explicit_ends.append(end)
        search_from = position + len(spec.starts)
    last_end = explicit_ends[-1]
    if last_end is not None and text[last_end:].strip():
        return AnchorProblem(
            specs[-1].id,
            f"text after the last clause '{specs[-1].id}' is not covered: "
            f"\"{_excerpt(text[last_end:])}\" (text line {line_of(text, last_end)})",
            f"Extend '{specs[-1].id}''s 'ends' words or add a clause for that text.",
        )
    spans: list[Span] = []
    for index, spec in enumerate(specs):
        start = starts[index]
        limit = explicit_ends[index]
        if limit is None:
            following = starts[index + 1] if index + 1 < len(starts) else len(text)
            limit = start + len(text[start:following].rstrip())
        spans.append(Span(spec.id, start, limit))
    return spans


def _missing_start(text: str, specs: list[ClauseSpec], index: int, search_from: int) -> AnchorProblem:
    spec = specs[index]
    earlier = text.find(spec.starts)
    if earlier >= 0 and index > 0:
        return AnchorProblem(
            spec.id,
            f"the opening words of clause '{spec.id}' occur only before clause "
            f"'{specs[index - 1].id}' (text line {line_of(text, earlier)}): "
            f"\"{_excerpt(spec.starts, 50)}\"",
            "List clauses in the order they appear in the text.",
        )
    return AnchorProblem(
        spec.id,
        f"the opening words of clause '{spec.id}' are not in the text: \"{_excerpt(spec.starts, 50)}\"",
        f"Copy them exactly from the text file; the text after the previous clause begins: "
        f"\"{_excerpt(text[search_from:search_from + 120])}\"",
    )


@dataclass(frozen=True)
class QuoteResult:
    """Where a phrase sits in a clause: exactly one ``span``, or the number of matches found."""

    span: tuple[int, int] | None
    matches: int


@measured("anchor")
def find_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> QuoteResult:
    """Find ``quote`` in ``text``, keeping only matches preceded by ``prefix`` and followed by
    ``suffix``. Overlapping occurrences count: "aa" occurs twice in "aaa"."""
    if not quote:
        return QuoteResult(None, 0)
    spans: list[tuple[int, int]] = []
    position = text.find(quote)
    while position >= 0:
        end = position + len(quote)
        if text[:position].endswith(prefix) and text[end:].startswith(suffix):
            spans.append((position, end))
        position = text.find(quote, position + 1)
    return QuoteResult(spans[0] if len(spans) == 1 else None, len(spans))
