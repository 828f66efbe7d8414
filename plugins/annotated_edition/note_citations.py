"""In-text citations in note bodies: ``[@key]`` names a source of the note's front matter.

A note's sources each carry a short ``id``; the body cites one where the claim is made by
writing ``[@id]``. This module is pure: it finds citations in a body (ignoring code spans,
fenced code blocks, HTML comments and backslash-escaped brackets, where ``[@id]`` is meant
literally), numbers them, and says what is wrong (an unknown key, a source never cited).
Rendering the numbers as links lives in :mod:`.citation_html`.

Numbers follow the order of the source list, so ``[2]`` in the text is always the second
entry of the list under the note, however often or in whatever order the sources are cited.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

__all__ = ["Citation", "CitationProblem", "find_citations", "citation_problems", "cited_keys",
           "source_numbers", "KEY_PATTERN"]

# A key as a contributor may write it; anything else in ``[@…]`` is reported as unknown.
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
# ``[@`` then anything but brackets up to the closing bracket on the same line: a typo such as
# ``[@CRS 1]`` is still a citation attempt, and must be reported rather than printed as it stands;
# in ``[@[@a]`` the citation is the inner ``[@a]``.
_CANDIDATE = re.compile(r"\[@([^\]\[\n]*)\]")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT_OPEN = re.compile(r"^ {0,3}<!--")
# What a backslash escapes in Python-Markdown (its ESCAPED_CHARS); before anything else, as
# before "<", the backslash is an ordinary character.
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
_TICK_OR_BACKSLASH = re.compile(r"[\\`]")


@dataclass(frozen=True)
class Citation:
    """One ``[@key]`` in a body: offsets into the body, and its 1-based line and column."""

    key: str
    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class CitationProblem:
    """What is wrong, where (1-based, relative to the body, or ``None`` for the front matter's
    source ``source_index``), and how to fix it."""

    severity: str
    message: str
    hint: str
    citation: Citation | None = None
    source_index: int | None = None


def _code_and_comment_spans(body: str) -> list[tuple[int, int]]:
    """Ranges of the body where ``[@…]`` is literal text: fenced code blocks, code spans and
    HTML comments (what the author commented out is not cited).

    Block-level constructs (fences, and comments that open a line) are found first, line by
    line, as Markdown finds them: a backtick on the line before cannot open a code span that
    reaches into them."""
    spans: list[tuple[int, int]] = []
    closed_fences = _closed_fences(body)
    position = 0
    fence: tuple[str, int] | None = None
    fence_start = 0
    text_chunks: list[tuple[int, int]] = []  # the stretches outside fenced blocks and comment blocks
    chunk_start = 0
    skip_until = 0
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        match = _FENCE_OPEN.match(stripped)
        if position < skip_until:
            pass  # inside a comment block that opened on an earlier line
        elif fence is None and _COMMENT_OPEN.match(stripped):
            opening = position + stripped.index("<!--")
            close = _comment_close(body, opening + 4, closed_fences)
            stop = len(body) if close < 0 else close + 3
            text_chunks.append((chunk_start, position))
            spans.append((position, stop))
            chunk_start = skip_until = stop
        elif fence is None and match:
            fence = (match.group(1)[0], len(match.group(1)))
            fence_start = position
            text_chunks.append((chunk_start, position))
        elif fence is not None and _closes(fence, stripped, match):
            spans.append((fence_start, position + len(line)))
            fence = None
            chunk_start = position + len(line)
        position += len(line)
    if fence is not None:  # an unclosed fence runs to the end, as in Markdown
        spans.append((fence_start, len(body)))
    else:
        text_chunks.append((chunk_start, len(body)))
    for start, end in text_chunks:
        # Python-Markdown finds code spans and inline comments within one paragraph: a blank
        # line ends whatever a backtick or "<!--" opened before it.
        for paragraph_start, paragraph_end in _paragraphs(body, start, end):
            spans.extend(_inline_literal_spans(body, paragraph_start, paragraph_end))
    return sorted(spans)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``body[start:end]`` between blank lines."""
    pieces: list[tuple[int, int]] = []
    position = start
    for blank in _BLANK_LINE.finditer(body, start, end):
        pieces.append((position, blank.start() + 1))
        position = blank.end() - 1
    pieces.append((position, end))
    return pieces


def _closes(fence: tuple[str, int], line: str, match: re.Match[str] | None) -> bool:
    """Whether ``line`` (its fence-opening match given) closes ``fence``: the same character,
    at least as many of it, and nothing else on the line."""
    return (match is not None and match.group(1)[0] == fence[0] and len(match.group(1)) >= fence[1]
            and not line[match.end():].strip())


def _closed_fences(body: str) -> list[tuple[int, int]]:
    """Fenced blocks with both fences, found over the whole body before anything else, as
    Python-Markdown's fenced_code preprocessor finds them: a fence inside an HTML comment is
    still a fence, and a "-->" inside it does not close the comment."""
    found: list[tuple[int, int]] = []
    position = 0
    fence: tuple[str, int] | None = None
    fence_start = 0
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        match = _FENCE_OPEN.match(stripped)
        if fence is None and match:
            fence, fence_start = (match.group(1)[0], len(match.group(1))), position
        elif fence is not None and _closes(fence, stripped, match):
            found.append((fence_start, position + len(line)))
            fence = None
        position += len(line)
    return found


def _comment_close(body: str, start: int, fences: list[tuple[int, int]]) -> int:
    """Where a comment opened before ``start`` ends: the first "-->" outside a fenced block."""
    close = body.find("-->", start)
    while close >= 0 and any(begin <= close < end for begin, end in fences if end > start):
        close = body.find("-->", close + 3)
    return close


def _inline_literal_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans (a run of n backticks up to the next run of exactly n), then HTML comments.

    Python-Markdown finds code spans before inline HTML, so a code span wins even where it
    starts inside a comment, and a "-->" inside a code span closes nothing."""
    code = _code_spans(body, start, end)
    spans = list(code)
    # Jump from one "<!--" to the next rather than testing every offset (most notes have none).
    index = body.find("<!--", start)
    while 0 <= index < end:
        if not _inside(index, code):
            close = _comment_close(body, index + 4, code)
            stop = end if close < 0 or close >= end else close + 3
            spans.append((index, stop))
            index = body.find("<!--", stop)
        else:
            index = body.find("<!--", index + 1)
    return spans


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(begin <= index < stop for begin, stop in spans)


def _code_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = start
    while index < end:
        # Only a backslash or a backtick starts anything: jump to the next one.
        found = _TICK_OR_BACKSLASH.search(body, index, end)
        if found is None:
            break
        index = found.start()
        char = body[index]
        if char == "\\" and index + 1 < end and body[index + 1] in _ESCAPABLE:
            index += 2
            continue
        if char == "`":
            run_end = index
            while run_end < end and body[run_end] == "`":
                run_end += 1
            run = run_end - index
            search = run_end
            closed = False
            # Without a closing run as long as the opening one, Python-Markdown closes the span
            # at the first of the longest shorter runs after it (opening with as many ticks).
            longest, longest_end = 0, 0
            while search < end:
                next_tick = body.find("`", search, end)
                if next_tick < 0:
                    break
                next_end = next_tick
                while next_end < end and body[next_end] == "`":
                    next_end += 1
                if next_end - next_tick == run:
                    spans.append((index, next_end))
                    index = next_end
                    closed = True
                    break
                if next_end - next_tick > longest:
                    longest, longest_end = next_end - next_tick, next_end
                search = next_end
            if not closed and 0 < longest < run:
                spans.append((index, longest_end))
                index, closed = longest_end, True
            if not closed:
                index = run_end  # an unmatched run is literal backticks, not a code span
            continue
        index += 1
    return spans


def _escaped(body: str, index: int) -> bool:
    """True when the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and body[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def find_citations(body: str) -> list[Citation]:
    """Every citation of the body, in order; literal ``[@…]`` (code, comments, ``\\[@…]``) is skipped."""
    return list(_citations(body))


# The check, the note sections, the citation lists and both exports each ask about the same
# body (a dozen times per note in a build): remembered per body text. Citations are frozen.
@lru_cache(maxsize=16384)
def _citations(body: str) -> tuple[Citation, ...]:
    if "[@" not in body:  # no candidate at all (most notes' bodies in most places)
        return ()
    literal = _code_and_comment_spans(body)
    found: list[Citation] = []
    span_index = 0
    for match in _CANDIDATE.finditer(body):
        start = match.start()
        while span_index < len(literal) and literal[span_index][1] <= start:
            span_index += 1
        if span_index < len(literal) and literal[span_index][0] <= start < literal[span_index][1]:
            continue
        if _escaped(body, start):
            continue
        line = body.count("\n", 0, start) + 1
        column = start - (body.rfind("\n", 0, start) + 1) + 1
        found.append(Citation(match.group(1).strip(), start, match.end(), line, column))
    return tuple(found)


def cited_keys(body: str) -> list[str]:
    """The keys the body cites, each once, in order of first citation."""
    seen: dict[str, None] = {}
    for citation in find_citations(body):
        seen.setdefault(citation.key, None)
    return list(seen)


def source_numbers(source_ids: Sequence[str]) -> dict[str, int]:
    """Each source's number: its 1-based place in the note's source list."""
    numbers: dict[str, int] = {}
    for position, key in enumerate(source_ids, start=1):
        if key:
            numbers.setdefault(key, position)
    return numbers


def _nearest(key: str, keys: Sequence[str]) -> list[str]:
    close = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.4)
    if close:
        return close
    lowered = key.lower().replace(" ", "-")
    return [k for k in keys if k == lowered or k.startswith(lowered[:3])][:3]


def citation_problems(body: str, source_ids: Sequence[str]) -> list[CitationProblem]:
    """Unknown or malformed keys and repeated source ids (errors); sources never cited (warnings)."""
    problems: list[CitationProblem] = []
    known = [key for key in source_ids if key]
    first_index: dict[str, int] = {}
    for index, key in enumerate(source_ids):
        if key in first_index:
            problems.append(CitationProblem(
                "error", f"source id '{key}' is used twice in this note's sources",
                f"Give each source its own id; the first '{key}' is source {first_index[key] + 1}.",
                source_index=index))
        else:
            first_index[key] = index
    citations = find_citations(body)
    for citation in citations:
        if citation.key in first_index:
            continue
        if not KEY_PATTERN.match(citation.key):
            what = f"'[@{citation.key}]' is not a valid citation key"
        else:
            what = f"unknown citation key '{citation.key}'"
        nearest = _nearest(citation.key, known)
        listing = ", ".join(known) if known else "none: give each source an 'id'"
        problems.append(CitationProblem(
            "error", what,
            (f"Did you mean: {', '.join(nearest)}? " if nearest else "")
            + f"A key names a source of this note by its 'id' (this note's: {listing}). "
            "To show '[@' literally, write '\\[@'.",
            citation=citation))
    used = {citation.key for citation in citations}
    for index, key in enumerate(source_ids):
        if key and key not in used and first_index.get(key) == index:
            problems.append(CitationProblem(
                "warning", f"source '{key}' is listed but never cited in the note's body",
                f"Cite it where the claim it supports is made, with [@{key}], or remove it from 'sources'.",
                source_index=index))
    return problems
