"""The citation finder's scans jump from one backtick, backslash or "<!--" to the next instead of
looking at every character, and remember each body's citations: held here, for any text, to
give exactly what the character-by-character scans (kept below as the reference) give."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_edition import note_citations
from annotated_edition.note_citations import Citation, find_citations


def _reference_code_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    index = start
    while index < end:
        char = body[index]
        if char == "\\" and index + 1 < end and body[index + 1] in note_citations._ESCAPABLE:
            index += 2
            continue
        if char == "`":
            run_end = index
            while run_end < end and body[run_end] == "`":
                run_end += 1
            run = run_end - index
            search = run_end
            closed = False
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
                search = next_end
            if not closed:
                index = run_end
            continue
        index += 1
    return spans


def _reference_inline_literal_spans(body: str, start: int, end: int) -> list[tuple[int, int]]:
    code = _reference_code_spans(body, start, end)
    spans = list(code)
    index = start
    while index < end:
        if body.startswith("<!--", index) and not note_citations._inside(index, code):
            close = note_citations._comment_close(body, index + 4, code)
            stop = end if close < 0 or close >= end else close + 3
            spans.append((index, stop))
            index = stop
            continue
        index += 1
    return spans


def _reference_find_citations(body: str) -> list[Citation]:
    with mock.patch.object(note_citations, "_inline_literal_spans", _reference_inline_literal_spans):
        literal = note_citations._code_and_comment_spans(body)
    found = []
    for match in re.finditer(r"\[@([^\]\[\n]*)\]", body):
        start = match.start()
        if any(begin <= start < stop for begin, stop in literal) or note_citations._escaped(body, start):
            continue
        line = body.count("\n", 0, start) + 1
        column = start - (body.rfind("\n", 0, start) + 1) + 1
        found.append(Citation(match.group(1).strip(), start, match.end(), line, column))
    return found


# Texts made of what the scans react to, so that every branch is taken often.
_pieces = st.sampled_from(["`", "``", "```", "\\", "\\`", "\\\\", "<!--", "<!-", "-->", "--", "<", "!", "\n",
                           "\n```\n", "\n~~~\n", "   ", "[@a]", "[@b c]", "[@", "]", "x", "word ", "\r\n", "é"])
_bodies = st.one_of(st.lists(_pieces, max_size=30).map("".join), st.text(max_size=60))


@settings(max_examples=3000, deadline=None)
@given(_bodies, st.data())
def test_code_and_comment_scans_equal_the_reference(body: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(body)))
    end = data.draw(st.integers(min_value=start, max_value=len(body)))
    assert note_citations._code_spans(body, start, end) == _reference_code_spans(body, start, end)
    assert note_citations._inline_literal_spans(body, start, end) == _reference_inline_literal_spans(body, start, end)


@settings(max_examples=3000, deadline=None)
@given(_bodies)
def test_found_citations_equal_the_reference(body: str) -> None:
    assert find_citations(body) == _reference_find_citations(body)
    assert find_citations(body) == _reference_find_citations(body)  # the remembered answer too


def test_a_caller_cannot_change_the_remembered_answer() -> None:
    body = "A claim [@one] and [@two]."
    first = find_citations(body)
    first.clear()
    assert [c.key for c in find_citations(body)] == ["one", "two"]
